import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { saveCallDraft, startCall, type Actor, type CallContext } from "@/lib/calls/call-drafts";
import { finishCall } from "@/lib/calls/finish-call";
import { sendSummary } from "@/lib/calls/send-summary";
import { FinishCallInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { isDomainError } from "@/lib/errors/domain-error";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { addDays } from "@/lib/format/calendar-date";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TODAY = "2026-11-23";
const ctx: CallContext = { today: TODAY, timeZone: "Europe/Amsterdam", now: new Date(), creditorName: "Testcrediteur B.V.", messageIdDomain: "test.local", smtpConfigured: false };

async function actorFor(role: "controller" | "manager" | "viewer" = "controller"): Promise<Actor> {
  const u = await createUser(testDb, role);
  return { id: u.id, role, name: u.name, email: u.email };
}

/** A debtor of `actor` with two overdue invoices (€ 1.000 and € 500) and a contact with e-mail. */
async function portfolio(actor: Actor, overrides: { kind?: string; language?: string } = {}) {
  const debtor = await createDebtor(testDb, { assignedControllerId: actor.id, kind: overrides.kind });
  if (overrides.language) await testDb.debtor.update({ where: { id: debtor.id }, data: { language: overrides.language } });
  const a = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: 100_000 });
  const b = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-20", amountCents: 50_000 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  const contact = await createContact(testDb, debtor.id, { name: "Jeroen Blom" });
  const fresh = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
  return { debtor: fresh, invoices: [a, b], contact };
}

async function started(actor: Actor, debtorId: string) {
  return startCall(testDb, actor, { debtorId, idempotencyKey: randomUUID() });
}

const finishInput = (raw: Record<string, unknown>) => FinishCallInput.parse(raw);

async function expectDomainError(p: Promise<unknown>, code: string): Promise<Record<string, string[]> | undefined> {
  try {
    await p;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    expect(e.code).toBe(code);
    return e.fieldErrors;
  }
  throw new Error(`expected a ${code} error`);
}

describe("calls: start, autosave, finish", () => {
  let actor: Actor;
  beforeEach(async () => {
    actor = await actorFor();
  });

  it("starts one draft per idempotency key and autosaves notes with a version", async () => {
    const { debtor } = await portfolio(actor);
    const key = randomUUID();
    const first = await startCall(testDb, actor, { debtorId: debtor.id, idempotencyKey: key });
    const again = await startCall(testDb, actor, { debtorId: debtor.id, idempotencyKey: key });
    expect(again.callId).toBe(first.callId);
    const saved = await saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: first.callId, version: first.version, notes: "Spreekt met crediteuren" }));
    expect(saved.version).toBe(first.version + 1);
    const row = await testDb.callLog.findUniqueOrThrow({ where: { id: first.callId } });
    expect(row).toMatchObject({ status: "draft", notes: "Spreekt met crediteuren" });
    // A save from a stale tab is a conflict and does not overwrite.
    await expectDomainError(saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: first.callId, version: first.version, notes: "oud" })), "conflict");
    expect((await testDb.callLog.findUniqueOrThrow({ where: { id: first.callId } })).notes).toBe("Spreekt met crediteuren");
  });

  it("50 parallel saves from one version: exactly one wins, 49 conflicts, nothing silently overwritten", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, writeId: randomUUID(), notes: `versie ${i}` }))),
    );
    const wins = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter((r) => r.status === "rejected" && isDomainError(r.reason) && r.reason.code === "conflict");
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const row = await testDb.callLog.findUniqueOrThrow({ where: { id: call.callId } });
    expect(row.version).toBe(call.version + 1);
    expect(row.notes).toMatch(/^versie \d+$/);
  });

  it("records a promise with its task and a summary draft in the debtor's language; a replay changes nothing", async () => {
    const { debtor, invoices, contact } = await portfolio(actor, { language: "en" });
    const call = await started(actor, debtor.id);
    const input = finishInput({
      callId: call.callId,
      version: call.version,
      debtorVersion: debtor.version,
      contactId: contact.id,
      outcome: "reached",
      reasonCategory: "approver_absent",
      notes: "Approver back on Monday",
      result: { kind: "promise", amount: "1500,00", dueDate: addDays(TODAY, 7), method: "bank_transfer", invoiceIds: invoices.map((i) => i.id) },
    });
    const r = await finishCall(testDb, actor, input, ctx);
    expect(r.agreementId).toBeTruthy();
    const agreement = await testDb.agreement.findUniqueOrThrow({ where: { id: r.agreementId! }, include: { instalments: true, invoices: true, tasks: true } });
    expect(agreement).toMatchObject({ kind: "promise", status: "open", totalCents: 150_000n, needsApproval: false });
    expect(agreement.instalments.map((i) => [i.dueDate, i.amountCents])).toEqual([[addDays(TODAY, 7), 150_000n]]);
    expect(agreement.invoices).toHaveLength(2);
    expect(agreement.tasks.map((t) => t.type)).toEqual(["check_payment"]);
    const email = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId! } });
    expect(email).toMatchObject({ status: "draft", toAddress: contact.email, kind: "agreement_summary" });
    expect(email.body).toContain("1,500.00");
    expect(email.body).toContain(invoices[0]!.number);
    const callRow = await testDb.callLog.findUniqueOrThrow({ where: { id: call.callId } });
    expect(callRow).toMatchObject({ status: "final", spokeWith: "Jeroen Blom", notes: "Approver back on Monday" });

    const replay = await finishCall(testDb, actor, input, ctx);
    expect(replay).toEqual(r);
    expect(await testDb.agreement.count({ where: { debtorId: debtor.id } })).toBe(1);
    expect(await testDb.emailOutbox.count({ where: { debtorId: debtor.id } })).toBe(1);
  });

  it("refuses a plan whose instalments do not add up, and writes nothing", async () => {
    const { debtor, invoices } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const errors = await expectDomainError(
      finishCall(
        testDb,
        actor,
        finishInput({
          callId: call.callId,
          version: call.version,
          debtorVersion: debtor.version,
          outcome: "reached",
          notes: "plan besproken",
          result: { kind: "plan", total: "1500", method: "bank_transfer", invoiceIds: [invoices[0]!.id, invoices[1]!.id], instalments: [{ dueDate: addDays(TODAY, 7), amount: "500" }, { dueDate: addDays(TODAY, 37), amount: "999,99" }] },
        }),
        ctx,
      ),
      "invalid",
    );
    expect(Object.keys(errors ?? {})).toContain("result.instalments");
    expect(await testDb.agreement.count({ where: { debtorId: debtor.id } })).toBe(0);
    expect(await testDb.task.count({ where: { debtorId: debtor.id } })).toBe(0);
    expect((await testDb.callLog.findUniqueOrThrow({ where: { id: call.callId } })).status).toBe("draft");
    expect((await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).version).toBe(debtor.version);
  });

  it("flags a plan outside the negotiation room for manager approval, with a task per instalment", async () => {
    const { debtor, invoices } = await portfolio(actor);
    await testDb.debtor.update({ where: { id: debtor.id }, data: { maxInstalments: 2 } });
    const call = await started(actor, debtor.id);
    const r = await finishCall(
      testDb,
      actor,
      finishInput({
        callId: call.callId,
        version: call.version,
        debtorVersion: debtor.version,
        outcome: "reached",
        result: {
          kind: "plan",
          total: "1500",
          method: "bank_transfer",
          invoiceIds: invoices.map((i) => i.id),
          instalments: [0, 30, 60].map((d) => ({ dueDate: addDays(TODAY, 7 + d), amount: "500" })),
        },
      }),
      ctx,
    );
    expect(r.needsApproval).toBe(true);
    expect(await testDb.task.count({ where: { agreementId: r.agreementId!, type: "check_payment" } })).toBe(3);
  });

  it("opens disputes on the named invoices and keeps the undisputed part in the summary", async () => {
    const { debtor, invoices, contact } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const r = await finishCall(
      testDb,
      actor,
      finishInput({
        callId: call.callId,
        version: call.version,
        debtorVersion: debtor.version,
        contactId: contact.id,
        outcome: "reached",
        result: { kind: "dispute", reason: "goods", description: "Twee colli ontbreken", invoices: [{ invoiceId: invoices[1]!.id, amount: "500" }] },
      }),
      ctx,
    );
    const after = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
    expect(after.openDisputeCount).toBe(1);
    const email = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId! } });
    expect(email.body).toContain(invoices[1]!.number);
    expect(email.body).toContain("1.000,00");
  });

  it("two controllers recording on the same debtor view: one wins, the other gets a conflict and keeps the draft", async () => {
    const manager = await actorFor("manager");
    const { debtor, invoices } = await portfolio(actor);
    const mine = await started(actor, debtor.id);
    const theirs = await started(manager, debtor.id);
    await saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: mine.callId, version: mine.version, notes: "Belofte van de controller" }));
    await saveCallDraft(testDb, manager, SaveCallDraftInput.parse({ callId: theirs.callId, version: theirs.version, notes: "Belofte van de manager" }));
    const promise = (callId: string, version: number) =>
      finishInput({ callId, version, debtorVersion: debtor.version, outcome: "reached", notes: "Belofte", result: { kind: "promise", amount: "1000", dueDate: addDays(TODAY, 7), method: "bank_transfer", invoiceIds: [invoices[0]!.id] } });
    const results = await Promise.allSettled([finishCall(testDb, actor, { ...promise(mine.callId, mine.version + 1), notes: "Belofte van de controller" }, ctx), finishCall(testDb, manager, { ...promise(theirs.callId, theirs.version + 1), notes: "Belofte van de manager" }, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(rejected.reason) && rejected.reason.code).toBe("conflict");
    expect(await testDb.agreement.count({ where: { debtorId: debtor.id } })).toBe(1);
    // The loser's notes are still there as a draft.
    const drafts = await testDb.callLog.findMany({ where: { debtorId: debtor.id, status: "draft" } });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.notes).toMatch(/^Belofte van de (controller|manager)$/);
  });

  it("refuses a callback in the past and a controller of another portfolio", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const errors = await expectDomainError(
      finishCall(testDb, actor, finishInput({ callId: call.callId, version: call.version, debtorVersion: debtor.version, outcome: "callback_requested", result: { kind: "callback", at: "2020-01-01T10:00" } }), ctx),
      "invalid",
    );
    expect(errors).toHaveProperty(["result.at"]);
    const other = await actorFor();
    await expectDomainError(startCall(testDb, other, { debtorId: debtor.id, idempotencyKey: randomUUID() }), "forbidden");
    await expectDomainError(saveCallDraft(testDb, other, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "x" })), "forbidden");
  });

  it("sends the summary once: without SMTP it is kept as not delivered; a second send changes nothing", async () => {
    const { debtor, invoices, contact } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const r = await finishCall(
      testDb,
      actor,
      finishInput({ callId: call.callId, version: call.version, debtorVersion: debtor.version, contactId: contact.id, outcome: "reached", result: { kind: "promise", amount: "1000", dueDate: addDays(TODAY, 14), method: "bank_transfer", invoiceIds: [invoices[0]!.id] } }),
      ctx,
    );
    const input = { emailId: r.emailId!, contactId: contact.id, subject: "Bevestiging", body: "Beste Jeroen,\n\nZoals besproken …" };
    expect(await sendSummary(testDb, actor, input, ctx)).toMatchObject({ status: "not_configured" });
    expect(await sendSummary(testDb, actor, { ...input, body: "anders" }, ctx)).toMatchObject({ status: "not_configured" });
    const email = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId! } });
    expect(email.body).toBe(input.body);
    // A contact of another debtor is never a recipient.
    const stranger = await createContact(testDb, (await createDebtor(testDb)).id);
    const call2 = await started(actor, debtor.id);
    const fresh = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
    const r2 = await finishCall(
      testDb,
      actor,
      finishInput({ callId: call2.callId, version: call2.version, debtorVersion: fresh.version, contactId: contact.id, outcome: "reached", result: { kind: "promise", amount: "500", dueDate: addDays(TODAY, 14), method: "bank_transfer", invoiceIds: [invoices[1]!.id] } }),
      ctx,
    );
    await expectDomainError(sendSummary(testDb, actor, { ...input, emailId: r2.emailId!, contactId: stranger.id }, ctx), "invalid");
  });
});

describe("calls: a save whose reply was lost", () => {
  let actor: Actor;
  beforeEach(async () => {
    actor = await actorFor();
  });

  const save = (who: Actor, raw: { callId: string; version: number; writeId?: string; notes: string }) => saveCallDraft(testDb, who, SaveCallDraftInput.parse(raw));
  const row = (callId: string) => testDb.callLog.findUniqueOrThrow({ where: { id: callId } });

  it("a repeat of the last committed save (same write id, old version) is the same writer: success, same version, nothing changed", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const writeId = randomUUID();
    const committed = await save(actor, { callId: call.callId, version: call.version, writeId, notes: "Belt maandag terug" });
    const before = await row(call.callId);
    // The reply above never reached the client: it sends the very same save again.
    const repeated = await save(actor, { callId: call.callId, version: call.version, writeId, notes: "Belt maandag terug" });
    expect(repeated.version).toBe(committed.version);
    expect(repeated.savedAt.getTime()).toBe(before.updatedAt.getTime());
    const after = await row(call.callId);
    expect(after).toMatchObject({ version: call.version + 1, notes: "Belt maandag terug", lastWriteId: writeId, status: "draft" });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it("after the repeat, the next save from the learned version succeeds", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const writeId = randomUUID();
    await save(actor, { callId: call.callId, version: call.version, writeId, notes: "eerste" });
    const learned = await save(actor, { callId: call.callId, version: call.version, writeId, notes: "eerste" });
    const next = await save(actor, { callId: call.callId, version: learned.version, writeId: randomUUID(), notes: "eerste, en meer getypt" });
    expect(next.version).toBe(learned.version + 1);
    expect(await row(call.callId)).toMatchObject({ version: call.version + 2, notes: "eerste, en meer getypt" });
  });

  it("a save from a stale version with another write id (another tab) is a conflict and overwrites nothing", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const first = randomUUID();
    await save(actor, { callId: call.callId, version: call.version, writeId: first, notes: "tab een" });
    await expectDomainError(save(actor, { callId: call.callId, version: call.version, writeId: randomUUID(), notes: "tab twee" }), "conflict");
    expect(await row(call.callId)).toMatchObject({ version: call.version + 1, notes: "tab een", lastWriteId: first });
    // Once a later save committed, the old write id is no longer the last one: no longer ours to answer.
    await save(actor, { callId: call.callId, version: call.version + 1, writeId: randomUUID(), notes: "tab een, verder" });
    await expectDomainError(save(actor, { callId: call.callId, version: call.version, writeId: first, notes: "tab een" }), "conflict");
    // Another controller cannot pass for the writer by sending its write id.
    const other = await actorFor();
    await expectDomainError(save(other, { callId: call.callId, version: call.version + 1, writeId: first, notes: "overschreven" }), "forbidden");
    expect(await row(call.callId)).toMatchObject({ version: call.version + 2, notes: "tab een, verder" });
  });

  it("the same save sent ten times at once commits once and answers all ten with the same version", async () => {
    const { debtor } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const writeId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => save(actor, { callId: call.callId, version: call.version, writeId, notes: "eenmaal" })));
    expect(new Set(results.map((r) => r.version))).toEqual(new Set([call.version + 1]));
    expect(await row(call.callId)).toMatchObject({ version: call.version + 1, notes: "eenmaal" });
  });

  it("finishing after a repeated save works from the learned version; a lost finish reply replays, another writer's finish is a conflict", async () => {
    const { debtor, invoices } = await portfolio(actor);
    const call = await started(actor, debtor.id);
    const writeId = randomUUID();
    await save(actor, { callId: call.callId, version: call.version, writeId, notes: "Belofte voor vrijdag" });
    const learned = await save(actor, { callId: call.callId, version: call.version, writeId, notes: "Belofte voor vrijdag" });
    const finish = (version: number, finishWriteId: string) =>
      finishInput({ callId: call.callId, version, writeId: finishWriteId, debtorVersion: debtor.version, outcome: "reached", notes: "Belofte voor vrijdag", result: { kind: "promise", amount: "1000", dueDate: addDays(TODAY, 7), method: "bank_transfer", invoiceIds: [invoices[0]!.id] } });
    // Without settling the save first, the old version would be stale.
    await expectDomainError(finishCall(testDb, actor, finish(call.version, randomUUID()), ctx), "conflict");
    const finishWriteId = randomUUID();
    const done = await finishCall(testDb, actor, finish(learned.version, finishWriteId), ctx);
    expect(await row(call.callId)).toMatchObject({ status: "final", notes: "Belofte voor vrijdag", lastWriteId: finishWriteId });
    expect(await finishCall(testDb, actor, finish(learned.version, finishWriteId), ctx)).toEqual(done);
    await expectDomainError(finishCall(testDb, actor, finish(learned.version, randomUUID()), ctx), "conflict");
    expect(await testDb.agreement.count({ where: { debtorId: debtor.id } })).toBe(1);
  });
});

describe("call input validation", () => {
  it("keeps script tags in notes as text, and refuses control characters, over-long text and malformed amounts", () => {
    const base = { callId: "c1", version: 1, debtorVersion: 1, outcome: "reached", result: { kind: "none" } };
    expect(FinishCallInput.safeParse({ ...base, notes: "<script>alert(1)</script>" }).data?.notes).toBe("<script>alert(1)</script>");
    expect(FinishCallInput.safeParse({ ...base, notes: "Gebeld\u0000" }).success).toBe(false);
    expect(FinishCallInput.safeParse({ ...base, notes: "x".repeat(10_001) }).success).toBe(false);
    expect(FinishCallInput.safeParse({ ...base, result: { kind: "promise", amount: "12,345", dueDate: TODAY, method: "bank_transfer", invoiceIds: ["i"] } }).success).toBe(false);
    expect(FinishCallInput.safeParse({ ...base, result: { kind: "promise", amount: "0", dueDate: TODAY, method: "bank_transfer", invoiceIds: ["i"] } }).success).toBe(false);
    expect(FinishCallInput.safeParse({ ...base, notes: "Gebeld, 3 < 5 facturen" }).success).toBe(true);
  });
});

describe("the worklist after a call", () => {
  it("logging a call takes today's call items off the worklist, keeps later callbacks, and a new dispute becomes an item", async () => {
    const actor = await actorFor();
    const { debtor, invoices } = await portfolio(actor);
    const dueToday = new Date(`${TODAY}T08:00:00Z`);
    const nextWeek = new Date(`${addDays(TODAY, 7)}T08:00:00Z`);
    const [dunningCall, laterCallback] = await Promise.all([
      testDb.task.create({ data: { debtorId: debtor.id, type: "dunning_call", dueAt: dueToday, assigneeId: actor.id } }),
      testDb.task.create({ data: { debtorId: debtor.id, type: "callback", dueAt: nextWeek, assigneeId: actor.id } }),
    ]);
    const call = await started(actor, debtor.id);
    await finishCall(
      testDb,
      actor,
      finishInput({ callId: call.callId, version: call.version, debtorVersion: debtor.version, outcome: "reached", result: { kind: "dispute", reason: "goods", description: "Pallet beschadigd", invoices: [{ invoiceId: invoices[0]!.id, amount: "100" }] } }),
      ctx,
    );
    expect(await testDb.task.findUniqueOrThrow({ where: { id: dunningCall.id } })).toMatchObject({ status: "done" });
    expect(await testDb.task.findUniqueOrThrow({ where: { id: laterCallback.id } })).toMatchObject({ status: "open" });
    expect(await testDb.task.findFirstOrThrow({ where: { debtorId: debtor.id, type: "dispute" } })).toMatchObject({ status: "open", assigneeId: actor.id, note: "goods" });
  });
});
