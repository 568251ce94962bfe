import { describe, expect, it } from "vitest";
import { allocatePayment, type AllocatableInvoice } from "./allocate-payment";

const inv = (id: string, dueDate: string, openCents: bigint, costs = 0n, interest = 0n): AllocatableInvoice => ({ id, dueDate, openCents, costsOpenCents: costs, interestOpenCents: interest });

describe("allocating a payment", () => {
  it("settles costs, then interest, then principal (art. 6:44 BW)", () => {
    const r = allocatePayment(50_000n, [inv("a", "2026-01-01", 100_000n, 15_000n, 2_000n)]);
    expect(r.allocations).toEqual([
      { invoiceId: "a", kind: "costs", amountCents: 15_000n },
      { invoiceId: "a", kind: "interest", amountCents: 2_000n },
      { invoiceId: "a", kind: "principal", amountCents: 33_000n },
    ]);
    expect(r.unallocatedCents).toBe(0n);
  });

  it("pays the oldest invoice first unless the payer named invoices", () => {
    const invoices = [inv("new", "2026-03-01", 10_000n), inv("old", "2026-01-01", 10_000n)];
    expect(allocatePayment(10_000n, invoices).allocations[0]!.invoiceId).toBe("old");
    expect(allocatePayment(10_000n, invoices, ["new"]).allocations[0]!.invoiceId).toBe("new");
  });

  it("keeps an overpayment as unallocated credit and the cents add up exactly", () => {
    const r = allocatePayment(25_001n, [inv("a", "2026-01-01", 10_000n), inv("b", "2026-02-01", 10_000n)]);
    expect(r.unallocatedCents).toBe(5_001n);
    expect(r.allocations.reduce((s, a) => s + a.amountCents, 0n) + r.unallocatedCents).toBe(25_001n);
  });
});
