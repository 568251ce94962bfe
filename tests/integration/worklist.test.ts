import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { listWorklist } from "@/lib/worklist/worklist-queries";
import { claimTask, reassignTask, snoozeTask } from "@/lib/worklist/worklist-use-cases";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";
const TODAY = "2032-05-12";
const NOW = new Date(`${TODAY}T08:00:00Z`);
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour - 2).padStart(2, "0")}:00:00Z`);

describe("the worklist", () => {
  it("shows a controller their items and claimable unassigned ones, highest priority first, with reasons", async () => {
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
        { debtorId: orphan.id, type: "callback", dueAt: at(TODAY), assigneeId: null },
        { debtorId: theirs.id, type: "callback", dueAt: at(TODAY), assigneeId: colleague.id },
        { debtorId: big.id, type: "callback", dueAt: at("2032-05-13"), assigneeId: me.id },
        { debtorId: big.id, type: "check_payment", dueAt: at(TODAY), assigneeId: me.id },
      ],
    });
    // The database is shared with other files (unassigned items elsewhere are claimable too): look at this test's debtors.
    const ours = new Set([big.id, small.id, orphan.id, theirs.id]);
    const own = <T extends { rows: { debtorId: string }[] }>(l: T) => ({ ...l, rows: l.rows.filter((r) => ours.has(r.debtorId)) });
    const list = own(await listWorklist(testDb, { userId: me.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW }));

    expect(list.rows[0]!.debtorId).toBe(big.id);
    expect(list.rows[0]!.reasons).toEqual(expect.arrayContaining(["large_amount", "long_overdue", "insurer_deadline"]));
    expect(new Set(list.rows.map((r) => r.debtorId))).toEqual(new Set([big.id, small.id, orphan.id]));
    expect(list.rows.every((r) => r.bestCallAt !== null)).toBe(true);

    const tomorrow = own(await listWorklist(testDb, { userId: me.id, day: "2032-05-13", today: TODAY, timeZone: TZ, now: NOW }));
    expect(tomorrow.rows).toHaveLength(4);
    const team = await listWorklist(testDb, { userId: null, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 100_000 });
    expect(team.rows.some((r) => r.debtorId === theirs.id)).toBe(true);
  });

  it("claim, reassign and snooze: each guarded by the item's version and the role", async () => {
    const me = await createUser(testDb, "controller");
    const colleague = await createUser(testDb, "controller");
    const manager = await createUser(testDb, "manager");
    const viewer = await createUser(testDb, "viewer");
    const orphan = await createDebtor(testDb, { assignedControllerId: null });
    const task = await testDb.task.create({ data: { debtorId: orphan.id, type: "callback", dueAt: at(TODAY), assigneeId: null } });

    const claimed = await claimTask(testDb, { id: me.id, role: "controller" }, { taskId: task.id, version: task.version });
    await expect(claimTask(testDb, { id: colleague.id, role: "controller" }, { taskId: task.id, version: claimed.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(claimTask(testDb, { id: viewer.id, role: "viewer" }, { taskId: task.id, version: claimed.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reassignTask(testDb, { id: colleague.id, role: "controller" }, { taskId: task.id, version: claimed.version, assigneeId: colleague.id })).rejects.toMatchObject({ code: "forbidden" });
    const moved = await reassignTask(testDb, { id: manager.id, role: "manager" }, { taskId: task.id, version: claimed.version, assigneeId: colleague.id });
    // A stale version (another tab) is a conflict, not a silent overwrite.
    await expect(reassignTask(testDb, { id: manager.id, role: "manager" }, { taskId: task.id, version: claimed.version, assigneeId: me.id })).rejects.toMatchObject({ code: "conflict" });

    await expect(snoozeTask(testDb, { id: colleague.id, role: "controller" }, { taskId: task.id, version: moved.version, until: TODAY, reason: "no_answer", note: null }, { today: TODAY, timeZone: TZ })).rejects.toMatchObject({ code: "invalid" });
    await snoozeTask(testDb, { id: colleague.id, role: "controller" }, { taskId: task.id, version: moved.version, until: "2032-05-14", reason: "waiting_for_customer", note: "stuurt pakbon" }, { today: TODAY, timeZone: TZ });
    const row = await testDb.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ assigneeId: colleague.id, snoozeReason: "waiting_for_customer: stuurt pakbon" });
    const today = await listWorklist(testDb, { userId: colleague.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW });
    expect(today.rows.some((r) => r.taskId === task.id)).toBe(false);
    const later = await listWorklist(testDb, { userId: colleague.id, day: "2032-05-14", today: TODAY, timeZone: TZ, now: NOW });
    expect(later.rows.some((r) => r.taskId === task.id)).toBe(true);
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
    expect(team.rows.filter((r) => r.debtorId === debtor.id && r.type === "approval").map((r) => r.agreement?.id).sort()).toEqual([a.id, b.id].sort());
    const own = await listWorklist(testDb, { userId: controller.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW });
    expect(own.rows.some((r) => r.type === "approval")).toBe(false);

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
