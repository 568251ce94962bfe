import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ChangeAgreementInput } from "@/lib/agreements/agreement-schemas";
import { decidePlan } from "@/lib/agreements/approve-plan";
import { changeAgreement } from "@/lib/agreements/change-agreement";
import { monitorPromises } from "@/lib/agreements/promise-monitoring";
import { startCall, type Actor, type CallContext } from "@/lib/calls/call-drafts";
import { listSummaryDrafts } from "@/lib/calls/call-queries";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { sendSummary } from "@/lib/calls/send-summary";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { runDunning } from "@/lib/dunning/run-dunning";
import { applyPayment } from "@/lib/payments/apply-payment";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";
const TODAY = "2035-03-05";
const ctx: CallContext = { today: TODAY, timeZone: TZ, now: new Date(`${TODAY}T09:00:00Z`), creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: true };
const creditor = { name: "Test B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };

/** A controller's debtor with one EUR 1,200 invoice due 2035-02-01 and a contact with e-mail. */
async function setup() {
  const u = await createUser(testDb, "controller");
  const actor: Actor = { id: u.id, role: "controller", name: u.name, email: u.email };
  const debtor = await createDebtor(testDb, { assignedControllerId: u.id });
  const contact = await createContact(testDb, debtor.id, { name: "Jan Jansen", email: `jan-${debtor.id}@example.test`, isPrimaryForPayments: true });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2035-02-01", amountCents: 120_000 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { actor, debtor, contact, invoice };
}

/** Finishes a call (reached) with `result`. */
async function agree(actor: Actor, debtorId: string, result: Record<string, unknown>) {
  const call = await startCall(testDb, actor, { debtorId, idempotencyKey: randomUUID() });
  const debtor = await testDb.debtor.findUniqueOrThrow({ where: { id: debtorId } });
  return finishCall(testDb, actor, FinishCallInput.parse({ callId: call.callId, version: call.version, debtorVersion: debtor.version, outcome: "reached", result }), ctx);
}
const openOn = (invoiceId: string) => testDb.agreementInvoice.count({ where: { invoiceId, agreement: { status: "open" } } });
const pay = (debtorId: string, cents: bigint, valueDate: string) =>
  testDb.$transaction((tx) => applyPayment(tx, { debtorId, amountCents: cents, currency: "EUR", valueDate, reference: null, method: "bank_transfer", source: "manual", actorId: null, today: valueDate, now: new Date(`${valueDate}T10:00:00Z`) }));

describe("agreements keep their integrity", () => {
  it("one active agreement per invoice: a new plan on an invoice under a promise is refused until it says it replaces it", async () => {
    const { actor, debtor, invoice } = await setup();
    const promise = await agree(actor, debtor.id, { kind: "promise", amount: "1200,00", dueDate: "2035-03-20", method: "bank_transfer", invoiceIds: [invoice.id] });
    const plan = { kind: "plan", total: "1200,00", method: "bank_transfer", invoiceIds: [invoice.id], instalments: [{ dueDate: "2035-03-20", amount: "600,00" }, { dueDate: "2035-04-20", amount: "600,00" }] };
    await expect(agree(actor, debtor.id, plan)).rejects.toMatchObject({ code: "invalid", fieldErrors: { "result.supersedes": ["validation.underAgreement"] } });
    expect(await openOn(invoice.id)).toBe(1);

    const replaced = await agree(actor, debtor.id, { ...plan, supersedes: true });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: promise.agreementId! } })).toMatchObject({ status: "superseded" });
    expect(await testDb.task.count({ where: { agreementId: promise.agreementId!, status: "open" } })).toBe(0);
    expect(await openOn(invoice.id)).toBe(1);
    expect(await testDb.agreementInvoice.findFirstOrThrow({ where: { invoiceId: invoice.id, agreement: { status: "open" } } })).toMatchObject({ agreementId: replaced.agreementId });
  });

  it("a plan with a broken instalment is broken, and its invoice is back in the next dunning run", async () => {
    const { actor, debtor, invoice } = await setup();
    const plan = await agree(actor, debtor.id, { kind: "plan", total: "1200,00", method: "bank_transfer", invoiceIds: [invoice.id], instalments: [{ dueDate: "2035-03-10", amount: "600,00" }, { dueDate: "2035-04-10", amount: "600,00" }] });
    // Under the plan, dunning leaves the invoice alone.
    await runDunning(testDb, { today: "2035-03-12", timeZone: TZ, now: new Date("2035-03-12T06:00:00Z"), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
    expect(await testDb.dunningCommunication.count({ where: { debtorId: debtor.id } })).toBe(0);
    // The first instalment is paid on time, the second never: 3 grace days after 10 April it is broken.
    await pay(debtor.id, 60_000n, "2035-03-09");
    await monitorPromises(testDb, { today: "2035-04-14", graceDays: 3, timeZone: TZ, now: new Date("2035-04-14T06:00:00Z") });
    const judged = await testDb.agreement.findUniqueOrThrow({ where: { id: plan.agreementId! }, include: { instalments: { orderBy: { seq: "asc" } } } });
    expect(judged.status).toBe("broken");
    expect(judged.instalments.map((i) => i.status)).toEqual(["kept", "broken"]);
    await runDunning(testDb, { today: "2035-04-15", timeZone: TZ, now: new Date("2035-04-15T06:00:00Z"), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
    expect(await testDb.dunningCommunication.count({ where: { debtorId: debtor.id } })).toBe(1);
  });

  it("the confirmation of a plan that waits for approval is held until a manager approves it, and dropped when rejected", async () => {
    const manager = await createUser(testDb, "manager");
    const outsideRoom = (id: string) => ({ kind: "promise", amount: "1200,00", dueDate: "2035-12-20", method: "bank_transfer", invoiceIds: [id] });
    for (const approve of [true, false]) {
      const { actor, debtor, contact, invoice } = await setup();
      const r = await agree(actor, debtor.id, outsideRoom(invoice.id));
      expect(r.needsApproval).toBe(true);
      const [draft] = await listSummaryDrafts(testDb, debtor.id, actor.id);
      expect(draft).toMatchObject({ status: "draft", awaitingApproval: true });
      const send = () => sendSummary(testDb, actor, { emailId: draft!.id, contactId: contact.id, subject: draft!.subject, body: draft!.body }, { smtpConfigured: true });
      await expect(send()).rejects.toMatchObject({ code: "conflict", fieldErrors: { body: ["summary.awaitingApproval"] } });
      expect(await testDb.emailOutbox.findUniqueOrThrow({ where: { id: draft!.id } })).toMatchObject({ status: "draft" });

      const agreement = await testDb.agreement.findUniqueOrThrow({ where: { id: r.agreementId! } });
      await decidePlan(testDb, { id: manager.id, role: "manager" }, { agreementId: agreement.id, version: agreement.version, approve, note: approve ? null : "te lang" }, { now: ctx.now });
      if (approve) {
        expect((await listSummaryDrafts(testDb, debtor.id, actor.id))[0]).toMatchObject({ awaitingApproval: false });
        expect(await send()).toMatchObject({ status: "pending" });
      } else {
        expect(await testDb.emailOutbox.findUniqueOrThrow({ where: { id: draft!.id } })).toMatchObject({ status: "cancelled" });
        expect(await listSummaryDrafts(testDb, debtor.id, actor.id)).toEqual([]);
      }
    }
  });

  it("an approval item whose promise was paid closes itself instead of getting stuck", async () => {
    const { actor, debtor, invoice } = await setup();
    const r = await agree(actor, debtor.id, { kind: "promise", amount: "1200,00", dueDate: "2035-12-20", method: "bank_transfer", invoiceIds: [invoice.id] });
    expect(await testDb.task.count({ where: { agreementId: r.agreementId!, type: "approval", status: "open" } })).toBe(1);
    await pay(debtor.id, 120_000n, "2035-03-06");
    await monitorPromises(testDb, { today: "2035-03-06", graceDays: 3, timeZone: TZ, debtorIds: [debtor.id], now: new Date("2035-03-06T10:00:00Z") });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: r.agreementId! } })).toMatchObject({ status: "kept" });
    expect(await testDb.task.count({ where: { agreementId: r.agreementId!, status: "open" } })).toBe(0);
  });

  it("a plan is rescheduled or cancelled outside a call: audited, its payment checks follow, the debtor gets a confirmation; a repeat changes once", async () => {
    const { actor, debtor, invoice } = await setup();
    const me = { ...actor };
    const made = await agree(actor, debtor.id, { kind: "plan", total: "1200,00", method: "bank_transfer", invoiceIds: [invoice.id], instalments: [{ dueDate: "2035-03-10", amount: "400,00" }, { dueDate: "2035-04-10", amount: "400,00" }, { dueDate: "2035-05-10", amount: "400,00" }] });
    const id = made.agreementId!;
    await pay(debtor.id, 40_000n, "2035-03-09");
    await monitorPromises(testDb, { today: "2035-03-14", graceDays: 3, timeZone: TZ, debtorIds: [debtor.id], now: new Date("2035-03-14T06:00:00Z") });
    const before = await testDb.agreement.findUniqueOrThrow({ where: { id }, include: { instalments: { orderBy: { seq: "asc" } } } });
    expect(before.instalments.map((i) => i.status)).toEqual(["kept", "open", "open"]);
    const change = (raw: Record<string, unknown>) => ChangeAgreementInput.parse({ agreementId: id, version: before.version, reason: "salaris komt later binnen", idempotencyKey: randomUUID(), ...raw });
    const cctx = { ...ctx, today: "2035-03-14", now: new Date("2035-03-14T09:00:00Z") };

    // The amount still to pay (EUR 800) must stay the same: EUR 700 is refused and nothing changes.
    await expect(changeAgreement(testDb, me, change({ action: "reschedule", instalments: [{ dueDate: "2035-04-25", amount: "700,00" }] }), cctx)).rejects.toMatchObject({ code: "invalid", fieldErrors: { instalments: ["agreements.errors.sameAmount"] } });
    const input = change({ action: "reschedule", instalments: [{ dueDate: "2035-04-25", amount: "300,00" }, { dueDate: "2035-05-25", amount: "250,00" }, { dueDate: "2035-06-25", amount: "250,00" }] });
    const r = await changeAgreement(testDb, me, input, cctx);
    expect(await changeAgreement(testDb, me, input, cctx)).toEqual(r);
    const after = await testDb.agreement.findUniqueOrThrow({ where: { id }, include: { instalments: { orderBy: { seq: "asc" } } } });
    expect(after.instalments.map((i) => [i.seq, i.dueDate, i.amountCents, i.status])).toEqual([
      [1, "2035-03-10", 40_000n, "kept"],
      [2, "2035-04-25", 30_000n, "open"],
      [3, "2035-05-25", 25_000n, "open"],
      [4, "2035-06-25", 25_000n, "open"],
    ]);
    const checks = await testDb.task.findMany({ where: { agreementId: id, type: "check_payment", status: "open" }, orderBy: { dueAt: "asc" } });
    expect(checks.map((c) => c.note)).toEqual(["2/4", "3/4", "4/4"]);
    const email = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId! } });
    expect(email).toMatchObject({ status: "draft", subject: expect.stringContaining("Gewijzigde betalingsafspraak") });
    expect(email.body).toContain("Reden: salaris komt later binnen");
    expect(email.body).toContain("25 april 2035");
    expect(await testDb.auditLog.count({ where: { entity: "agreement", entityId: id, action: "agreement.reschedule" } })).toBe(1);

    // A stale screen cannot cancel; a colleague cannot; the current version cancels, with the debtor told.
    await expect(changeAgreement(testDb, me, change({ action: "cancel" }), cctx)).rejects.toMatchObject({ code: "conflict" });
    const colleague = await createUser(testDb, "controller");
    await expect(changeAgreement(testDb, { id: colleague.id, role: "controller", name: colleague.name, email: colleague.email }, change({ action: "cancel", version: after.version }), cctx)).rejects.toMatchObject({ code: "forbidden" });
    const cancelled = await changeAgreement(testDb, me, change({ action: "cancel", version: after.version, reason: "klant betaalt alles via factoring" }), cctx);
    expect(cancelled.status).toBe("cancelled");
    expect(await testDb.task.count({ where: { agreementId: id, status: "open" } })).toBe(0);
    expect((await testDb.emailOutbox.findUniqueOrThrow({ where: { id: cancelled.emailId! } })).body).toContain("Deze afspraak vervalt. Reden: klant betaalt alles via factoring");
  });
});
