import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { ResolveDisputeInput } from "@/lib/disputes/dispute-schemas";
import { resolveDispute } from "@/lib/disputes/resolve-dispute";
import { runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { createContact, createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };
const run = (today: string): RunOptions => ({ today, timeZone: "Europe/Amsterdam", now: new Date(`${today}T06:00:00Z`), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
const clock = (today: string) => ({ today, now: new Date(`${today}T09:00:00Z`) });
const input = (raw: Record<string, unknown>) => ResolveDisputeInput.parse(raw);

/** A controller's debtor with one EUR 1,000 invoice due 2033-03-01 and a dispute over `disputed` euros of it. */
async function disputed(disputedEuros = 1_000) {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  await createContact(testDb, debtor.id, { email: `ap-${debtor.id}@example.test`, isPrimaryForPayments: true });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2033-03-01", amountCents: 100_000 });
  const dispute = await createDispute(testDb, invoice, disputedEuros * 100);
  await testDb.task.create({ data: { debtorId: debtor.id, type: "dispute", dueAt: new Date("2033-03-02T08:00:00Z"), assigneeId: controller.id, note: "goods" } });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { actor: { id: controller.id, role: "controller" as const }, debtor, invoice, dispute };
}
const letters = (debtorId: string) => testDb.dunningCommunication.count({ where: { debtorId } });

describe("deciding a dispute", () => {
  it("unjustified: the dispute closes with its reason and the next dunning run includes the invoice again", async () => {
    const { actor, debtor, dispute } = await disputed();
    await runDunning(testDb, run("2033-03-10"));
    expect(await letters(debtor.id)).toBe(0);

    const r = await resolveDispute(testDb, actor, input({ disputeId: dispute.id, version: dispute.version, decision: "unjustified", reason: "Levering getekend ontvangen, pakbon 4411" }), clock("2033-03-10"));
    expect(r).toMatchObject({ status: "resolved_rejected", version: dispute.version + 1 });
    expect(await testDb.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).toMatchObject({ status: "resolved_rejected", resolution: "Levering getekend ontvangen, pakbon 4411", resolvedOn: "2033-03-10", resolvedById: actor.id });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { openDisputeCount: true } })).toEqual({ openDisputeCount: 0 });
    // Its worklist item is done, and the change is an event for outside systems.
    expect(await testDb.task.count({ where: { debtorId: debtor.id, type: "dispute", status: "open" } })).toBe(0);
    expect(await testDb.domainEvent.count({ where: { type: "dispute.resolved", debtorId: debtor.id } })).toBe(1);

    await runDunning(testDb, run("2033-03-11"));
    expect(await letters(debtor.id)).toBe(1);
    // A second decision from the same screen is a conflict, not a second change.
    await expect(resolveDispute(testDb, actor, input({ disputeId: dispute.id, version: dispute.version, decision: "justified", reason: "toch terecht" }), clock("2033-03-11"))).rejects.toMatchObject({ code: "conflict" });
  });

  it("justified: the invoice stays out of dunning until the credit note is in; partly: only the justified part stays held", async () => {
    const whole = await disputed();
    await resolveDispute(testDb, whole.actor, input({ disputeId: whole.dispute.id, version: 1, decision: "justified", reason: "Pallets beschadigd, foto's ontvangen" }), clock("2033-03-10"));
    expect(await testDb.dispute.findUniqueOrThrow({ where: { id: whole.dispute.id } })).toMatchObject({ status: "credit_expected", disputedCents: 100_000n });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: whole.debtor.id }, select: { openDisputeCount: true } })).toEqual({ openDisputeCount: 1 });
    await runDunning(testDb, run("2033-03-12"));
    expect(await letters(whole.debtor.id)).toBe(0);
    await resolveDispute(testDb, whole.actor, input({ disputeId: whole.dispute.id, version: 2, decision: "credit_received", reason: "Creditnota C-2033-17 geboekt" }), clock("2033-03-13"));
    expect(await testDb.dispute.findUniqueOrThrow({ where: { id: whole.dispute.id } })).toMatchObject({ status: "resolved_credited", resolvedOn: "2033-03-13" });

    // EUR 600 of the EUR 1,000 disputed, EUR 200 of it found justified: the dispute holds EUR 200.
    const part = await disputed(600);
    await expect(resolveDispute(testDb, part.actor, input({ disputeId: part.dispute.id, version: 1, decision: "partly", acceptedAmount: "600,00", reason: "deels" }), clock("2033-03-10"))).rejects.toMatchObject({ code: "invalid" });
    await resolveDispute(testDb, part.actor, input({ disputeId: part.dispute.id, version: 1, decision: "partly", acceptedAmount: "200,00", reason: "Twee van de zes dozen beschadigd" }), clock("2033-03-10"));
    expect(await testDb.dispute.findUniqueOrThrow({ where: { id: part.dispute.id } })).toMatchObject({ status: "credit_expected", disputedCents: 20_000n, resolution: "Twee van de zes dozen beschadigd" });
  });

  it("is refused to a viewer and on a colleague's debtor, and needs a reason; nothing changes", async () => {
    const { dispute } = await disputed();
    const viewer = await createUser(testDb, "viewer");
    const colleague = await createUser(testDb, "controller");
    const ok = { disputeId: dispute.id, version: dispute.version, decision: "unjustified", reason: "geen grond" };
    await expect(resolveDispute(testDb, { id: viewer.id, role: "viewer" }, input(ok), clock("2033-03-10"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(resolveDispute(testDb, { id: colleague.id, role: "controller" }, input(ok), clock("2033-03-10"))).rejects.toMatchObject({ code: "forbidden" });
    expect(ResolveDisputeInput.safeParse({ ...ok, reason: "" }).success).toBe(false);
    expect(ResolveDisputeInput.safeParse({ ...ok, decision: "partly" }).success).toBe(false);
    expect(await testDb.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).toMatchObject({ status: "open", version: 1, resolution: null });
  });
});
