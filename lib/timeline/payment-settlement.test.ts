import { describe, expect, it } from "vitest";
import { openPrincipalAfter, settledInvoices, type PrincipalAllocation } from "./payment-settlement";

const at = (s: string) => new Date(`2026-03-${s}Z`);

describe("settledInvoices", () => {
  it("groups a payment's allocations per invoice, principal apart from costs and interest", () => {
    const rows = settledInvoices([
      { invoiceId: "b", invoiceNumber: "F2026-0013", kind: "principal", amountCents: 250_00n },
      { invoiceId: "a", invoiceNumber: "F2026-0012", kind: "costs", amountCents: 40_00n },
      { invoiceId: "a", invoiceNumber: "F2026-0012", kind: "interest", amountCents: 3_12n },
      { invoiceId: "a", invoiceNumber: "F2026-0012", kind: "principal", amountCents: 1_000_00n },
    ], new Map([["a", 0n], ["b", 750_00n]]));
    expect(rows).toEqual([
      { invoiceNumber: "F2026-0012", principalCents: 1_000_00, costsCents: 40_00, interestCents: 3_12, isPartial: false },
      { invoiceNumber: "F2026-0013", principalCents: 250_00, costsCents: 0, interestCents: 0, isPartial: true },
    ]);
  });

  it("shows a reversal's negative allocations as the positive amounts it reopened, never as partial", () => {
    expect(settledInvoices([{ invoiceId: "a", invoiceNumber: "F1", kind: "principal", amountCents: -500_00n }])).toEqual([{ invoiceNumber: "F1", principalCents: 500_00, costsCents: 0, interestCents: 0, isPartial: false }]);
  });

  it("does not call costs-only money a partial payment of the invoice", () => {
    expect(settledInvoices([{ invoiceId: "a", invoiceNumber: "F1", kind: "costs", amountCents: 40_00n }], new Map([["a", 100_00n]]))[0]!.isPartial).toBe(false);
  });
});

describe("openPrincipalAfter", () => {
  // Invoice a: € 1.000,00. P1 pays € 400 (open 600), P2 pays € 600 (open 0), P2 is reversed (open 600 now).
  const principal: PrincipalAllocation[] = [
    { invoiceId: "a", paymentId: "p1", amountCents: 400_00n, createdAt: at("01T10:00:00") },
    { invoiceId: "a", paymentId: "p2", amountCents: 600_00n, createdAt: at("02T10:00:00") },
    { invoiceId: "a", paymentId: "r2", amountCents: -600_00n, createdAt: at("03T10:00:00") },
  ];
  const openNow = new Map([["a", 600_00n]]);

  it("adds back what later payments took, and takes off what later reversals gave back", () => {
    // After P1: 600 + 600 (P2) - 600 (R2) = 600 still open: partial.
    expect(openPrincipalAfter({ id: "p1", createdAt: at("01T10:00:00") }, openNow, principal).get("a")).toBe(600_00n);
    // After P2: 600 - 600 (R2) = 0: P2 settled the invoice (before it was reversed).
    expect(openPrincipalAfter({ id: "p2", createdAt: at("02T10:00:00") }, openNow, principal).get("a")).toBe(0n);
  });

  it("breaks a tie in time by the payment id", () => {
    const same = at("05T10:00:00");
    const tied: PrincipalAllocation[] = [{ invoiceId: "a", paymentId: "p9", amountCents: 100n, createdAt: same }];
    expect(openPrincipalAfter({ id: "p1", createdAt: same }, new Map([["a", 0n]]), tied).get("a")).toBe(100n);
    expect(openPrincipalAfter({ id: "pz", createdAt: same }, new Map([["a", 0n]]), tied).get("a")).toBe(0n);
  });
});
