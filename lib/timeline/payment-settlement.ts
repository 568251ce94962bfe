import { centsToNumber } from "@/lib/format/money";

/**
 * What one payment did to the invoices, as the timeline tells it: per invoice the principal, costs
 * and interest it took (art. 6:44 BW order), and whether the invoice's principal was still partly
 * open afterwards. Amounts are shown as positive figures; on a reversal they are what was reopened.
 */
export type SettledInvoice = { invoiceNumber: string; principalCents: number; costsCents: number; interestCents: number; isPartial: boolean };

export type AllocationOfPayment = { invoiceId: string; invoiceNumber: string; kind: string; amountCents: bigint };
/** A principal allocation on one of the invoices, by any payment (reversals have negative amounts). */
export type PrincipalAllocation = { invoiceId: string; paymentId: string; amountCents: bigint; createdAt: Date };

const abs = (v: bigint) => (v < 0n ? -v : v);

/**
 * The open principal of each invoice right after `payment`: what is open now plus whatever later
 * allocations took off (a later reversal, being negative, gives back). Exact as long as the open
 * amount moved only through payments since; an invoice changed by other means (a credit note, a
 * re-import) reads approximately.
 */
export function openPrincipalAfter(payment: { id: string; createdAt: Date }, openNow: Map<string, bigint>, principal: PrincipalAllocation[]): Map<string, bigint> {
  const after = new Map(openNow);
  const isLater = (a: PrincipalAllocation) => a.createdAt.getTime() > payment.createdAt.getTime() || (a.createdAt.getTime() === payment.createdAt.getTime() && a.paymentId > payment.id);
  for (const a of principal) {
    if (a.paymentId === payment.id || !after.has(a.invoiceId) || !isLater(a)) continue;
    after.set(a.invoiceId, after.get(a.invoiceId)! + a.amountCents);
  }
  return after;
}

/**
 * The payment's allocations per invoice, in invoice number order. `openAfter` (from
 * openPrincipalAfter) marks an invoice whose principal stayed open as partly paid; without an
 * entry (e.g. on a reversal) nothing is marked.
 */
export function settledInvoices(allocations: AllocationOfPayment[], openAfter: Map<string, bigint> = new Map()): SettledInvoice[] {
  const byInvoice = new Map<string, { number: string; principal: bigint; costs: bigint; interest: bigint }>();
  for (const a of allocations) {
    const row = byInvoice.get(a.invoiceId) ?? { number: a.invoiceNumber, principal: 0n, costs: 0n, interest: 0n };
    if (a.kind === "costs") row.costs += a.amountCents;
    else if (a.kind === "interest") row.interest += a.amountCents;
    else row.principal += a.amountCents;
    byInvoice.set(a.invoiceId, row);
  }
  return [...byInvoice.entries()]
    .map(([invoiceId, r]) => ({
      invoiceNumber: r.number,
      principalCents: centsToNumber(abs(r.principal)),
      costsCents: centsToNumber(abs(r.costs)),
      interestCents: centsToNumber(abs(r.interest)),
      isPartial: r.principal > 0n && (openAfter.get(invoiceId) ?? 0n) > 0n,
    }))
    .sort((a, b) => (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0));
}
