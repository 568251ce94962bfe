import { describe, expect, it } from "vitest";
import { computeCallGoal, nextLadderStep } from "./call-goal";

const inv = (id: string, dueDate: string, open: number, disputed = 0) => ({ id, number: `F-${id}`, dueDate, openCents: BigInt(open), disputedCents: BigInt(disputed) });

describe("call goal", () => {
  it("asks for overdue minus disputed, within 7 days for a business", () => {
    const goal = computeCallGoal({
      today: "2026-11-23",
      kind: "b2b",
      invoices: [inv("b", "2026-10-20", 50_000, 50_000), inv("a", "2026-10-01", 100_000, 20_000), inv("c", "2026-11-30", 70_000), inv("d", "2026-11-23", 10_000)],
    });
    expect(goal).toEqual({ amountCents: 80_000n, overdueCents: 150_000n, disputedCents: 70_000n, invoiceIds: ["a"], payBy: "2026-11-30", payWithinDays: 7, method: "bank_transfer" });
  });

  it("gives a consumer 14 days, never asks a negative amount, and caps a dispute at the open amount", () => {
    const goal = computeCallGoal({ today: "2026-12-30", kind: "consumer", invoices: [inv("a", "2026-12-01", 10_000, 99_999)] });
    expect(goal.amountCents).toBe(0n);
    expect(goal.disputedCents).toBe(10_000n);
    expect(goal.payBy).toBe("2027-01-13");
    expect(goal.invoiceIds).toEqual([]);
  });

  it("follows the ladder: reminder, formal reminder, notice of default or 14-day letter, hand-over", () => {
    expect([0, 1, 2, 3, 4].map((l) => nextLadderStep(l, "b2b"))).toEqual(["reminder", "formal_reminder", "notice_of_default", "handover", "handover"]);
    expect(nextLadderStep(2, "consumer")).toBe("fourteen_day_letter");
  });
});
