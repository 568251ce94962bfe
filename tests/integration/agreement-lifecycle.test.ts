import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decidePlan } from "@/lib/agreements/approve-plan";
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
});
