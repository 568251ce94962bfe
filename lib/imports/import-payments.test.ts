import { describe, expect, it } from "vitest";
import { emptyOutcome } from "./import-outcome";
import { paymentsOf } from "./import-payments";

const TODAY = "2035-04-17";
const row = (n: number, values: Record<string, unknown>) => ({ row: n, values: { customerNumber: "1001", valueDate: "2035-04-10", paidAmount: 100_00n, ...values } });

describe("payments rows", () => {
  it("keys a payment by the file's own id, else by its content and its occurrence in the file", () => {
    const outcome = emptyOutcome();
    const payments = paymentsOf([row(2, { paymentId: "TX-1" }), row(3, {}), row(4, {}), row(5, { reference: "F-1" }), row(6, { invoiceNumbers: ["F-1", "F-2"] })], TODAY, outcome);
    expect(outcome.errors).toEqual([]);
    expect(payments[0]!.key).toBe("id:TX-1");
    // Two equal payments on one day are two payments, each with its own key.
    expect(payments[1]!.key).toMatch(/^sum:[0-9a-f]{64}$/);
    expect(payments[2]!.key).not.toBe(payments[1]!.key);
    expect(payments[3]!.key).not.toBe(payments[1]!.key);
    expect(payments[4]!.invoiceNumbers).toEqual(["F-1", "F-2"]);
    // The invoices named steer the allocation, not the identity: the same payment with them is the same payment.
    const named = paymentsOf([row(3, { invoiceNumbers: ["F-1"] })], TODAY, emptyOutcome());
    expect(named[0]!.key).toBe(payments[1]!.key);
    // The same rows read again give the same keys (a re-import books nothing twice).
    expect(paymentsOf([row(2, { paymentId: "TX-1" }), row(3, {}), row(4, {})], TODAY, emptyOutcome()).map((p) => p.key)).toEqual(payments.slice(0, 3).map((p) => p.key));
  });

  it("refuses negative, zero and future payments, naming the row", () => {
    const outcome = emptyOutcome();
    expect(paymentsOf([row(2, { paidAmount: -12_50n }), row(3, { paidAmount: 0n }), row(4, { valueDate: "2035-04-18" })], TODAY, outcome)).toEqual([]);
    expect(outcome.errors.map((e) => [e.row, e.message])).toEqual([
      [2, "a negative amount (-12.50): refunds and reversals are not imported; undo the payment in the workbench"],
      [3, "an amount of zero is not a payment"],
      [4, "the value date 2035-04-18 is in the future"],
    ]);
  });
});
