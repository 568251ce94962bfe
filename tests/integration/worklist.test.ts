import { randomUUID } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { startCall } from "@/lib/calls/call-drafts";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { saveCallDraft } from "@/lib/calls/call-drafts";
import { SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { clearWorklistCache, listWorklistCached, nextOnWorklist, WORKLIST_CACHE } from "@/lib/worklist/worklist-cache";
import { listWorklist, type Worklist } from "@/lib/worklist/worklist-queries";
import { assignRow, claimRow, recordInsurerNotified, snoozeRow } from "@/lib/worklist/worklist-use-cases";
import { createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";
const TODAY = "2032-05-12";
const NOW = new Date(`${TODAY}T08:00:00Z`);
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour - 2).padStart(2, "0")}:00:00Z`);
const clock = { today: TODAY, timeZone: TZ, now: NOW };
const list = (userId: string | null, day = TODAY, today = TODAY, now = NOW) => listWorklist(testDb, { userId, day, today, timeZone: TZ, now, take: 2_000 });
/** The database is shared with other files: look at this test's debtors only. */
const only = (l: Worklist, ids: string[]) => l.rows.filter((r) => ids.includes(r.debtorId));
const rowOf = (l: Worklist, id: string) => l.rows.find((r) => r.debtorId === id);

describe("the worklist", () => {
  it("one row per debtor with all its items, the controller's own and claimable ones, highest priority first with its parts", async () => {
    const me = await createUser(testDb, "controller");
    const colleague = await createUser(testDb, "controller");
    const big = await createDebtor(testDb, { assignedControllerId: me.id });
    const small = await createDebtor(testDb, { assignedControllerId: me.id });
    const orphan = await createDebtor(testDb, { assignedControllerId: null });
    const theirs = await createDebtor(testDb, { assignedControllerId: colleague.id });
    await createInvoice(testDb, big.id, { dueDate: "2032-01-01", amountCents: 5_000_000 });
    await createInvoice(testDb, small.id, { dueDate: "2032-05-01", amountCents: 10_000 });
    await testDb.debtor.update({ where: { id: big.id }, data: { isCreditInsured: true, insurerNotifyDays: 135 } });
    await recomputeDebtorBalances(testDb, [big.id, small.id]);
    await testDb.task.createMany({
      data: [
        { debtorId: small.id, type: "dunning_call", dueAt: at(TODAY), assigneeId: me.id },
        { debtorId: big.id, type: "dunning_call", dueAt: at(TODAY), assigneeId: me.id },
        { debtorId: big.id, type: "callback", dueAt: at("2032-05-10"), assigneeId: me.id },
        { debtorId: orphan.id, type: "callback", dueAt: at(TODAY), assigneeId: null },
        { debtorId: theirs.id, type: "callback", dueAt: at(TODAY), assigneeId: colleague.id },
        { debtorId: big.id, type: "callback", dueAt: at("2032-05-13"), assigneeId: me.id },
        { debtorId: big.id, type: "check_payment", dueAt: at(TODAY), assigneeId: me.id },
      ],
    });
    const mine = only(await list(me.id), [big.id, small.id, orphan.id, theirs.id]);
    expect(new Set(mine.map((r) => r.debtorId))).toEqual(new Set([big.id, small.id, orphan.id]));
    const top = mine[0]!;
    expect(top.debtorId).toBe(big.id);
    // Two items today (the dunning call and Monday's callback), tomorrow's callback not yet.
    expect(top.tasks.map((t) => t.kind).sort()).toEqual(["callback", "dunning_call"]);
    // EUR 50,000 overdue since 2032-01-01 (132 days): the insurer (135 days) must hear by 2032-05-15.
    expect(top.signals).toEqual(["overdue_unworked", "insurer_deadline"]);
    // item: callback 25; 3 more items (dunning call, no contact, insurer) 9; amount 6 x log10(50,000)
    // = 28.2; age 132 / 6 = 22 -> 20; insurer in 3 days: 22; waiting since Monday: 2 days x 2 = 4. Total 108.2.
    expect(top.parts).toEqual([
      { key: "item", points: 25 },
      { key: "more_items", points: 9 },
      { key: "amount", points: 28.2 },
      { key: "age", points: 20 },
      { key: "insurer_deadline", points: 22 },
      { key: "waiting", points: 4 },
    ]);
    expect(top.score).toBe(108.2);
    expect(mine.every((r) => r.bestCallAt !== null)).toBe(true);

    const tomorrow = only(await list(me.id, "2032-05-13"), [big.id, small.id, orphan.id]);
    expect(rowOf({ rows: tomorrow, total: 0 }, big.id)!.tasks).toHaveLength(3);
    const team = await list(null);
    expect(rowOf(team, theirs.id)!.controllerId).toBe(colleague.id);
  });

  it("covers the portfolio: debtors needing action are on the list without a task, and leave when the rule stops holding", async () => {
    const me = await createUser(testDb, "controller");
    const d = async (assignedControllerId: string | null = me.id) => createDebtor(testDb, { assignedControllerId });
    // A EUR 40,000 debt, 168 days late, insured with the term passed, over its credit limit: nobody's task.
    const whale = await d(null);
    await createInvoice(testDb, whale.id, { dueDate: "2031-11-26", amountCents: 4_000_000 });
    await testDb.debtor.update({ where: { id: whale.id }, data: { isCreditInsured: true, insurerNotifyDays: 90, creditLimitCents: 2_500_000n } });
    // Overdue but covered: an open promise; a dispute; a call last week; under the threshold.
    const promised = await d();
    const disputed = await d();
    const called = await d();
    const smallDebt = await d();
    const dueToday = await d();
    for (const x of [promised, disputed, called]) await createInvoice(testDb, x.id, { dueDate: "2032-03-01", amountCents: 300_000 });
    await createInvoice(testDb, smallDebt.id, { dueDate: "2032-03-01", amountCents: 100_000 });
    const inv = await createInvoice(testDb, dueToday.id, { dueDate: "2032-06-01", amountCents: 200_000 });
    await createDispute(testDb, (await testDb.invoice.findFirstOrThrow({ where: { debtorId: disputed.id } })), 300_000);
    await testDb.agreement.create({ data: { debtorId: promised.id, kind: "promise", totalCents: 300_000n, createdById: me.id, idempotencyKey: randomUUID(), instalments: { create: [{ seq: 1, dueDate: "2032-05-20", amountCents: 300_000n }] } } });
    // An instalment due today: on the list, even with nothing overdue.
    await testDb.agreement.create({ data: { debtorId: dueToday.id, kind: "plan", totalCents: 200_000n, createdById: me.id, idempotencyKey: randomUUID(), instalments: { create: [{ seq: 1, dueDate: TODAY, amountCents: 100_000n }, { seq: 2, dueDate: "2032-06-12", amountCents: 100_000n }] }, invoices: { create: [{ invoiceId: inv.id }] } } });
    await testDb.callLog.create({ data: { debtorId: called.id, authorId: me.id, status: "final", outcome: "no_answer", startedAt: at("2032-05-05") } });
    const ids = [whale.id, promised.id, disputed.id, called.id, smallDebt.id, dueToday.id];
    await recomputeDebtorBalances(testDb, ids);

    const mine = await list(me.id);
    expect(only(mine, ids).map((r) => r.debtorId).sort()).toEqual([whale.id, dueToday.id].sort());
    const whaleRow = rowOf(mine, whale.id)!;
    expect(whaleRow.tasks).toEqual([]);
    expect(whaleRow.signals).toEqual(["overdue_unworked", "insurer_deadline_passed", "credit_limit_exceeded"]);
    expect(whaleRow.controllerId).toBeNull();
    expect(rowOf(mine, dueToday.id)!.signals).toEqual(["promise_due_today"]);
    // The whale's score (worked out in worklist-priority.test.ts for the same figures): 93.6.
    expect(whaleRow.score).toBe(93.6);
    expect(mine.rows.indexOf(whaleRow)).toBeLessThan(mine.rows.indexOf(rowOf(mine, dueToday.id)!));

    // The call a fortnight ago no longer counts: 14 days after 2032-05-05 the position is back.
    expect(rowOf(await list(me.id, "2032-05-19", "2032-05-19", at("2032-05-19")), called.id)?.signals).toEqual(["overdue_unworked"]);

    // The insurer is told: that reason leaves, the others stay.
    await recordInsurerNotified(testDb, { id: me.id, role: "controller" }, { debtorId: whale.id, notifiedOn: TODAY }, clock);
    expect(rowOf(await list(me.id), whale.id)!.signals).toEqual(["overdue_unworked", "credit_limit_exceeded"]);

    // The money arrives: the position and its money-chasing task leave the list.
    await testDb.debtor.update({ where: { id: whale.id }, data: { creditLimitCents: null } });
    await testDb.task.create({ data: { debtorId: whale.id, type: "dunning_call", dueAt: at(TODAY), assigneeId: null } });
    await recordPayment(testDb, { id: me.id, role: "controller" }, { debtorId: whale.id, amount: 4_000_000n, valueDate: TODAY, method: "bank_transfer", reference: "betaald", invoiceIds: [], idempotencyKey: randomUUID() }, { ...clock, graceDays: 3 });
    expect(rowOf(await list(me.id), whale.id)).toBeUndefined();
  });

  it("claim, assign and snooze a row: each item at the version shown, guarded by the role", async () => {
    const me = await createUser(testDb, "controller");
    const colleague = await createUser(testDb, "controller");
    const manager = await createUser(testDb, "manager");
    const viewer = await createUser(testDb, "viewer");
    const orphan = await createDebtor(testDb, { assignedControllerId: null });
    await createInvoice(testDb, orphan.id, { dueDate: "2032-02-01", amountCents: 250_000 });
    await recomputeDebtorBalances(testDb, [orphan.id]);
    const task = await testDb.task.create({ data: { debtorId: orphan.id, type: "callback", dueAt: at(TODAY), assigneeId: null } });
    const row = { debtorId: orphan.id, tasks: [{ taskId: task.id, version: task.version }] };

    // Claiming takes the item and the debtor nobody held; a repeat gets the same answer.
    const claimed = await claimRow(testDb, { id: me.id, role: "controller" }, row);
    expect(claimed).toEqual({ tasks: [{ taskId: task.id, version: 2 }], controllerId: me.id });
    expect(await claimRow(testDb, { id: me.id, role: "controller" }, row)).toEqual(claimed);
    await expect(claimRow(testDb, { id: colleague.id, role: "controller" }, { ...row, tasks: claimed.tasks })).rejects.toMatchObject({ code: "forbidden" });
    await expect(claimRow(testDb, { id: viewer.id, role: "viewer" }, { ...row, tasks: claimed.tasks })).rejects.toMatchObject({ code: "forbidden" });
    expect(rowOf(await list(me.id), orphan.id)!.tasks[0]!.assigneeId).toBe(me.id);
    expect(rowOf(await list(colleague.id), orphan.id)).toBeUndefined();

    // A manager hands debtor and item to the colleague; a stale screen gets a conflict.
    const moved = await assignRow(testDb, { id: manager.id, role: "manager" }, { ...row, tasks: claimed.tasks, assigneeId: colleague.id });
    expect(moved.controllerId).toBe(colleague.id);
    await expect(assignRow(testDb, { id: manager.id, role: "manager" }, { ...row, tasks: claimed.tasks, assigneeId: me.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: orphan.id }, select: { assignedControllerId: true } })).toEqual({ assignedControllerId: colleague.id });

    // Snoozed with its position until Friday: off today's and Thursday's list, back on Friday.
    await expect(snoozeRow(testDb, { id: colleague.id, role: "controller" }, { ...row, tasks: moved.tasks, position: true, until: TODAY, reason: "no_answer", note: null }, clock)).rejects.toMatchObject({ code: "invalid" });
    await expect(snoozeRow(testDb, { id: me.id, role: "controller" }, { ...row, tasks: moved.tasks, position: true, until: "2032-05-14", reason: "no_answer", note: null }, clock)).rejects.toMatchObject({ code: "forbidden" });
    await snoozeRow(testDb, { id: colleague.id, role: "controller" }, { ...row, tasks: moved.tasks, position: true, until: "2032-05-14", reason: "waiting_for_customer", note: "stuurt pakbon" }, clock);
    expect(await testDb.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ assigneeId: colleague.id, snoozeReason: "waiting_for_customer: stuurt pakbon" });
    expect(rowOf(await list(colleague.id), orphan.id)).toBeUndefined();
    expect(rowOf(await list(colleague.id, "2032-05-13"), orphan.id)).toBeUndefined();
    const friday = rowOf(await list(colleague.id, "2032-05-14"), orphan.id)!;
    expect(friday.tasks).toHaveLength(1);
    expect(friday.signals).toEqual(["overdue_unworked"]);
  });

  it("no answer on a Friday before Whit Monday: the callback comes back on Tuesday instead of being closed; without a task a retry is made", async () => {
    const me = await createUser(testDb, "controller");
    const actor = { id: me.id, role: "controller" as const, name: me.name, email: me.email };
    const friday = "2032-05-14";
    const ctx = { today: friday, timeZone: TZ, now: at(friday, 10), creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: false };
    const withTask = await createDebtor(testDb, { assignedControllerId: me.id });
    const without = await createDebtor(testDb, { assignedControllerId: me.id });
    for (const x of [withTask, without]) await createInvoice(testDb, x.id, { dueDate: "2032-03-01", amountCents: 300_000 });
    await recomputeDebtorBalances(testDb, [withTask.id, without.id]);
    const callback = await testDb.task.create({ data: { debtorId: withTask.id, type: "callback", dueAt: at(friday), assigneeId: me.id } });

    const noAnswer = async (debtorId: string) => {
      const call = await startCall(testDb, actor, { debtorId, idempotencyKey: randomUUID() });
      const debtor = await testDb.debtor.findUniqueOrThrow({ where: { id: debtorId } });
      return finishCall(testDb, actor, FinishCallInput.parse({ callId: call.callId, version: call.version, debtorVersion: debtor.version, outcome: "no_answer", result: { kind: "none" } }), ctx);
    };
    await noAnswer(withTask.id);
    await noAnswer(without.id);
    // (startCall stamps the real clock; the calls were made on that Friday.)
    await testDb.callLog.updateMany({ where: { debtorId: { in: [withTask.id, without.id] } }, data: { startedAt: at(friday, 10) } });

    // 2032-05-17 is Whit Monday (Easter 2032 is 28 March, + 50 days): the retry is on Tuesday the 18th.
    const tuesday = new Date("2032-05-17T22:00:00Z");
    expect(await testDb.task.findUniqueOrThrow({ where: { id: callback.id } })).toMatchObject({ status: "open", snoozedUntil: tuesday, snoozeReason: "no_answer" });
    expect(await testDb.task.findFirstOrThrow({ where: { debtorId: without.id, status: "open" } })).toMatchObject({ type: "callback", note: "no_answer_retry", dueAt: tuesday, assigneeId: me.id });
    const monday = await list(me.id, "2032-05-17", friday, at(friday, 10));
    expect(rowOf(monday, withTask.id)).toBeUndefined();
    const onTuesday = await list(me.id, "2032-05-18", friday, at(friday, 10));
    expect(rowOf(onTuesday, without.id)!.tasks.map((t) => t.purpose)).toEqual(["no_answer_retry"]);
    expect(rowOf(onTuesday, withTask.id)!.tasks.map((t) => t.taskId)).toEqual([callback.id]);
  });
});

describe("plans outside the negotiation room", () => {
  it("wait on the team worklist for a manager; approve keeps the plan, reject cancels it and gives the controller a callback", async () => {
    const { decidePlan } = await import("@/lib/agreements/approve-plan");
    const controller = await createUser(testDb, "controller");
    const manager = await createUser(testDb, "manager");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
    const plan = (key: string) =>
      testDb.agreement.create({
        data: { debtorId: debtor.id, kind: "plan", totalCents: 150_000n, needsApproval: true, createdById: controller.id, idempotencyKey: key, tasks: { create: [{ debtorId: debtor.id, type: "approval", dueAt: at(TODAY), note: "plan_approval" }, { debtorId: debtor.id, type: "check_payment", dueAt: at("2032-06-01"), assigneeId: controller.id }] } },
      });
    const a = await plan(`appr-${debtor.id}`);
    const b = await plan(`rej-${debtor.id}`);
    const team = await listWorklist(testDb, { userId: null, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 100_000 });
    expect(rowOf(team, debtor.id)!.tasks.filter((t) => t.kind === "approval").map((t) => t.agreement?.id).sort()).toEqual([a.id, b.id].sort());
    const own = await listWorklist(testDb, { userId: controller.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW });
    expect(own.rows.some((r) => r.tasks.some((t) => t.kind === "approval"))).toBe(false);
    // On a manager's first page the plans awaiting approval lead, whatever their priority; the rest keep their order.
    const awaiting = (l: typeof team) => l.rows.filter((r) => r.tasks.some((t) => t.kind === "approval")).map((r) => r.debtorId);
    const first = await listWorklist(testDb, { userId: null, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 1, approvalsFirst: true });
    expect(awaiting(team).length).toBeGreaterThan(0);
    expect(team.rows[0]!.debtorId).not.toBe(awaiting(team)[0]); // by priority alone it would not lead
    expect(first.rows.map((r) => r.debtorId)).toEqual([awaiting(team)[0]]);
    const managersList = await listWorklist(testDb, { userId: null, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 100_000, approvalsFirst: true });
    const led = awaiting(team).length;
    expect(managersList.rows.slice(0, led).map((r) => r.debtorId)).toEqual(awaiting(team));
    expect(managersList.rows.slice(led).map((r) => r.debtorId)).toEqual(team.rows.map((r) => r.debtorId).filter((id) => !awaiting(team).includes(id)));

    await decidePlan(testDb, manager, { agreementId: a.id, version: a.version, approve: true, note: null }, { now: NOW });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "open", needsApproval: false, approvedById: manager.id });
    await expect(decidePlan(testDb, manager, { agreementId: a.id, version: a.version, approve: false, note: null }, { now: NOW })).rejects.toMatchObject({ code: "conflict" });

    await decidePlan(testDb, manager, { agreementId: b.id, version: b.version, approve: false, note: "aanbetaling te laag" }, { now: NOW });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "cancelled" });
    expect(await testDb.task.findFirstOrThrow({ where: { agreementId: b.id, type: "check_payment" } })).toMatchObject({ status: "cancelled" });
    expect(await testDb.task.findFirstOrThrow({ where: { agreementId: b.id, type: "callback" } })).toMatchObject({ status: "open", assigneeId: controller.id, note: "plan_rejected: aanbetaling te laag" });
    expect(await testDb.task.count({ where: { debtorId: debtor.id, type: "approval", status: "open" } })).toBe(0);
  });
});

describe("the worklist kept between views", () => {
  it("equals a fresh scoring after every kind of write: kept while nothing it reads changed, brought up to date by the debtors that did", async () => {
    clearWorklistCache();
    // A look back of 1 s, begun after a 1.1 s pause: the writes of the test file run before this
    // one (up to 950 debtors) stay out of it, or a refresh would rightly score everything anew.
    WORKLIST_CACHE.lookbackMs = 1_000;
    onTestFinished(() => {
      WORKLIST_CACHE.lookbackMs = 10_000;
    });
    await new Promise((r) => setTimeout(r, 1_100));
    const me = await createUser(testDb, "controller");
    const colleague = await createUser(testDb, "controller");
    const manager = await createUser(testDb, "manager");
    const actor = { id: me.id, role: "controller" as const, name: me.name, email: me.email };
    const ctx = { today: TODAY, timeZone: TZ, now: NOW, creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: false };
    const a = await createDebtor(testDb, { assignedControllerId: me.id });
    const b = await createDebtor(testDb, { assignedControllerId: null });
    const theirs = await createDebtor(testDb, { assignedControllerId: colleague.id });
    await createInvoice(testDb, a.id, { dueDate: "2032-03-01", amountCents: 400_000 });
    const bInvoice = await createInvoice(testDb, b.id, { dueDate: "2032-04-01", amountCents: 150_000 });
    const theirInvoice = await createInvoice(testDb, theirs.id, { dueDate: "2032-03-01", amountCents: 400_000 });
    await recomputeDebtorBalances(testDb, [a.id, b.id, theirs.id]);
    const task = await testDb.task.create({ data: { debtorId: b.id, type: "callback", dueAt: at(TODAY), assigneeId: null } });
    const opts = { userId: me.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 2_000 };
    const team = { ...opts, userId: null };
    /** The kept list, checked against a scoring from scratch. */
    const kept = async (o: typeof opts | typeof team = opts) => {
      const { source, ...list } = await listWorklistCached(testDb, o);
      expect(list).toEqual(await listWorklist(testDb, o));
      return { source, list };
    };

    expect((await kept()).source).toBe("computed");
    expect((await kept(team)).source).toBe("computed");
    const first = await kept();
    expect(first.source).toBe("kept");
    expect(rowOf(first.list, b.id)!.tasks[0]!.assigneeId).toBeNull();

    // Typing call notes changes nothing on the list.
    const call = await startCall(testDb, actor, { debtorId: a.id, idempotencyKey: randomUUID() });
    await saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "Belt terug na het overleg" }));
    expect((await kept()).source).toBe("kept");

    // A claim (a task and a debtor change): the next view rescores b and shows the claim.
    await claimRow(testDb, { id: me.id, role: "controller" }, { debtorId: b.id, tasks: [{ taskId: task.id, version: task.version }] });
    const claimed = await kept();
    expect(claimed.source).toBe("refreshed");
    expect(rowOf(claimed.list, b.id)!.tasks[0]!.assigneeId).toBe(me.id);

    // A payment clearing b's arrears: b's position leaves (its callback stays).
    await recordPayment(testDb, actor, { debtorId: b.id, amount: 150_000n, valueDate: TODAY, method: "bank_transfer", reference: null, invoiceIds: [bInvoice.id], idempotencyKey: randomUUID() }, { ...clock, graceDays: 3 });
    const paid = await kept();
    expect(paid.source).toBe("refreshed");
    expect(rowOf(paid.list, b.id)!.signals).toEqual([]);

    // A finished call on a: worked today, its position is off the list for now.
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { id: a.id } });
    expect(rowOf((await kept()).list, a.id)).toBeDefined();
    await finishCall(testDb, actor, FinishCallInput.parse({ callId: call.callId, version: call.version + 1, debtorVersion: debtor.version, outcome: "no_answer", result: { kind: "none" } }), ctx);
    const called = await kept();
    expect(called.source).toBe("refreshed");

    // A payment in a colleague's portfolio: on the team list, and my list still equals a fresh one.
    const colleagueActor = { id: colleague.id, role: "controller" as const, name: colleague.name, email: colleague.email };
    expect(rowOf((await kept(team)).list, theirs.id)).toBeDefined();
    await recordPayment(testDb, colleagueActor, { debtorId: theirs.id, amount: 400_000n, valueDate: TODAY, method: "bank_transfer", reference: null, invoiceIds: [theirInvoice.id], idempotencyKey: randomUUID() }, { ...clock, graceDays: 3 });
    expect((await kept()).source).toBe("refreshed");
    const teamAfter = await kept(team);
    expect(teamAfter.source).toBe("refreshed");
    expect(rowOf(teamAfter.list, theirs.id)).toBeUndefined();

    // Two views at once after a change: one brings the list up to date, the other shares it.
    await testDb.task.create({ data: { debtorId: a.id, type: "callback", dueAt: at(TODAY), assigneeId: me.id } });
    const both = await Promise.all([listWorklistCached(testDb, opts), listWorklistCached(testDb, opts)]);
    expect(both.map((x) => x.source).sort()).toEqual(["kept", "refreshed"]);
    expect(both[0].rows).toEqual(both[1].rows);

    // a handed to the colleague: it leaves my list.
    const before = await kept();
    expect(rowOf(before.list, b.id)).toBeDefined();
    const bTasks = await testDb.task.findMany({ where: { debtorId: b.id, status: "open" }, select: { id: true, version: true } });
    await assignRow(testDb, { id: manager.id, role: "manager" }, { debtorId: b.id, tasks: bTasks.map((t) => ({ taskId: t.id, version: t.version })), assigneeId: colleague.id });
    const handed = await kept();
    expect(handed.source).toBe("refreshed");
    expect(rowOf(handed.list, b.id)).toBeUndefined();

    // Each table on its own (no look back, so only the row just written names its debtor): an
    // import settling an invoice (the debtor's cached balance is recomputed without touching its
    // updatedAt), a dispute, and a call finished elsewhere.
    const lookback = WORKLIST_CACHE.lookbackMs;
    WORKLIST_CACHE.lookbackMs = 0;
    try {
      const aInvoice = await createInvoice(testDb, a.id, { dueDate: "2032-02-01", amountCents: 700_000 });
      await recomputeDebtorBalances(testDb, [a.id]);
      await new Promise((r) => setTimeout(r, 5));
      expect((await kept()).source).toBe("refreshed");
      await new Promise((r) => setTimeout(r, 5));
      await testDb.invoice.update({ where: { id: aInvoice.id }, data: { openCents: 0n } });
      await recomputeDebtorBalances(testDb, [a.id]);
      expect((await kept()).source).toBe("refreshed");
      await new Promise((r) => setTimeout(r, 5));
      await testDb.dispute.create({ data: { debtorId: a.id, invoiceId: aInvoice.id, reason: "goods", disputedCents: 1_00n, openedOn: TODAY, status: "open" } });
      await recomputeDebtorBalances(testDb, [a.id]);
      expect((await kept()).source).toBe("refreshed");
    } finally {
      WORKLIST_CACHE.lookbackMs = lookback;
    }

    // The next debtor after a row, from the same kept scoring.
    const ids = (await kept()).list.rows.map((r) => r.debtorId);
    expect(await nextOnWorklist(testDb, opts, ids[0])).toBe(ids[1] ?? null);
    expect(await nextOnWorklist(testDb, opts, "gone")).toBe(ids[0] ?? null);

    // Another day is kept apart; and a scoring is at most a minute old.
    expect((await listWorklistCached(testDb, { ...opts, day: "2032-05-13" })).source).toBe("computed");
    expect((await listWorklistCached(testDb, { ...opts, now: new Date(NOW.getTime() + 61_000) })).source).toBe("computed");
  });

  it("brings a list up to date after a change to 500 debtors at once, and scores anew past that", async () => {
    clearWorklistCache();
    const me = await createUser(testDb, "controller");
    const opts = { userId: me.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 2_000 };
    const kept = async () => {
      const { source, ...list } = await listWorklistCached(testDb, opts);
      expect(list).toEqual(await listWorklist(testDb, opts));
      return source;
    };
    const tag = randomUUID().slice(0, 8);
    const ids = Array.from({ length: 600 }, (_, i) => `bulk-${tag}-${i}`);
    await testDb.debtor.createMany({ data: ids.map((id, i) => ({ id, customerNumber: `B${tag}${i}`, name: `Bulk ${tag} ${i}`, kind: "b2b", customerSince: "2024-01-01", city: "Zwolle", assignedControllerId: me.id })) });
    await testDb.invoice.createMany({ data: ids.map((debtorId, i) => ({ debtorId, number: `B-${tag}-${i}`, issueDate: "2032-01-01", dueDate: "2032-02-01", amountCents: 500_000n, openCents: 500_000n })) });
    await recomputeDebtorBalances(testDb, ids);
    WORKLIST_CACHE.lookbackMs = 0;
    try {
      expect(await kept()).toBe("computed");
      // An import settles 500 of them: each named once in every query (SQLite's 999 parameters).
      await new Promise((r) => setTimeout(r, 5));
      await testDb.invoice.updateMany({ where: { debtorId: { in: ids.slice(0, 500) } }, data: { openCents: 0n } });
      await recomputeDebtorBalances(testDb, ids.slice(0, 500));
      expect(await kept()).toBe("refreshed");
      // All 600 back: more than a refresh takes, scored anew.
      await new Promise((r) => setTimeout(r, 5));
      await testDb.invoice.updateMany({ where: { debtorId: { in: ids } }, data: { openCents: 500_000n } });
      await recomputeDebtorBalances(testDb, ids);
      expect(await kept()).toBe("computed");
    } finally {
      WORKLIST_CACHE.lookbackMs = 10_000;
    }
  });
});
