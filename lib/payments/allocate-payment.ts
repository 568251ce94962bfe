/**
 * Allocating a payment over a debtor's invoices. Per invoice, costs first, then interest, then
 * principal (art. 6:44 BW), where costs or interest were charged. Invoices the payer named come
 * first (in the order named), then the oldest due date. What is left is an unallocated credit.
 */
export type AllocatableInvoice = { id: string; dueDate: string; openCents: bigint; costsOpenCents: bigint; interestOpenCents: bigint };
export type Allocation = { invoiceId: string; kind: "costs" | "interest" | "principal"; amountCents: bigint };
export type AllocationPlan = { allocations: Allocation[]; unallocatedCents: bigint };

export function allocatePayment(amountCents: bigint, invoices: readonly AllocatableInvoice[], preferredIds: readonly string[] = []): AllocationPlan {
  if (amountCents <= 0n) return { allocations: [], unallocatedCents: amountCents < 0n ? 0n : 0n };
  const preferred = preferredIds.map((id) => invoices.find((i) => i.id === id)).filter((i): i is AllocatableInvoice => !!i);
  const rest = invoices
    .filter((i) => !preferredIds.includes(i.id))
    .sort((a, b) => (a.dueDate === b.dueDate ? a.id.localeCompare(b.id) : a.dueDate.localeCompare(b.dueDate)));
  let left = amountCents;
  const allocations: Allocation[] = [];
  for (const inv of [...preferred, ...rest]) {
    for (const [kind, open] of [["costs", inv.costsOpenCents], ["interest", inv.interestOpenCents], ["principal", inv.openCents]] as const) {
      if (left <= 0n) break;
      if (open <= 0n) continue;
      const take = open < left ? open : left;
      allocations.push({ invoiceId: inv.id, kind, amountCents: take });
      left -= take;
    }
  }
  return { allocations, unallocatedCents: left };
}
