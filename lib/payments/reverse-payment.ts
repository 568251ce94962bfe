import { audit } from "@/lib/audit/audit";
import type { Tx } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvent } from "@/lib/events/domain-events";
import type { CalendarDate } from "@/lib/format/calendar-date";

/**
 * The bank reversed a payment (a storno, a returned direct debit): the money never stayed, so the
 * booking is undone inside the caller's transaction. A counter-payment with negative allocations
 * keeps the history readable (the original stays, marked reversed); every invoice gets back what
 * the payment had settled (costs, interest, principal), and a promise or plan that the payment had
 * kept is reopened, to be judged again without it. One reversal per payment (unique key).
 * `reason`: why a person undid it by hand (audited); a bank's storno has none.
 */
export async function reversePayment(
  tx: Tx,
  input: { paymentId: string; valueDate: CalendarDate; reference: string | null; actorId: string | null; now: Date; reason?: string },
): Promise<{ reversalId: string; debtorId: string | null; reopenedAgreementIds: string[] }> {
  const payment = await tx.payment.findUnique({ where: { id: input.paymentId }, include: { allocations: true } });
  if (!payment) throw new DomainError("not_found");
  if (payment.amountCents <= 0n || payment.reversalOfId) throw new DomainError("invalid", "not a payment that can be reversed");
  const claimed = await tx.payment.updateMany({ where: { id: payment.id, reversedAt: null }, data: { reversedAt: input.now } });
  if (claimed.count !== 1) throw new DomainError("conflict", "payment already reversed");
  const reversal = await tx.payment.create({
    data: {
      debtorId: payment.debtorId, amountCents: -payment.amountCents, currency: payment.currency, valueDate: input.valueDate, method: payment.method,
      reference: input.reference?.slice(0, 140) ?? `storno ${payment.reference ?? ""}`.trim().slice(0, 140), source: payment.source, createdById: input.actorId, reversalOfId: payment.id,
    },
    select: { id: true },
  });
  if (payment.allocations.length) {
    await tx.paymentAllocation.createMany({ data: payment.allocations.map((a) => ({ paymentId: reversal.id, invoiceId: a.invoiceId, amountCents: -a.amountCents, kind: a.kind })) });
  }
  for (const a of payment.allocations) {
    const field = a.kind === "costs" ? "costsOpenCents" : a.kind === "interest" ? "interestOpenCents" : "openCents";
    await tx.invoice.update({ where: { id: a.invoiceId }, data: { [field]: { increment: a.amountCents } } });
  }
  // A promise or plan on these invoices that was judged kept is open again; the monitor judges it
  // anew without the reversed money (and makes a callback if it is now broken).
  const invoiceIds = [...new Set(payment.allocations.map((a) => a.invoiceId))];
  const kept = invoiceIds.length ? await tx.agreement.findMany({ where: { status: "kept", invoices: { some: { invoiceId: { in: invoiceIds } } } }, select: { id: true } }) : [];
  for (const k of kept) {
    await tx.agreement.update({ where: { id: k.id }, data: { status: "open", evaluatedAt: null, version: { increment: 1 } } });
    await tx.instalment.updateMany({ where: { agreementId: k.id }, data: { status: "open", paidCents: 0n } });
  }
  if (payment.debtorId) await recomputeDebtorBalances(tx, [payment.debtorId]);
  await audit(tx, { actorId: input.actorId, action: "payment.reverse", entity: "payment", entityId: payment.id, data: { reversalId: reversal.id, amountCents: payment.amountCents, reopened: kept.map((k) => k.id), ...(input.reason ? { reason: input.reason } : {}) } });
  // Outside systems that followed payment.booked learn that the money did not stay.
  await recordEvent(tx, {
    type: "payment.reversed",
    debtorId: payment.debtorId,
    data: {
      paymentId: payment.id, reversalId: reversal.id, amountCents: payment.amountCents, currency: payment.currency, valueDate: input.valueDate, source: payment.source,
      allocations: payment.allocations.map((a) => ({ invoiceId: a.invoiceId, kind: a.kind, amountCents: a.amountCents })), reopenedAgreementIds: kept.map((k) => k.id),
    },
  }, input.now);
  return { reversalId: reversal.id, debtorId: payment.debtorId, reopenedAgreementIds: kept.map((k) => k.id) };
}
