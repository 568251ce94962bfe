import { describe, expect, it } from "vitest";
import { computeCallGoal, nextLadderStep, type GoalInvoice } from "./call-goal";

const inv = (id: string, dueDate: string, openCents: bigint, disputedCents = 0n): GoalInvoice => ({ id, number: `F-${id}`, dueDate, openCents, disputedCents });

describe("computeCallGoal", () => {
  it("asks a business for the overdue amount minus what is disputed, within 7 days", () => {
    const goal = computeCallGoal({
      today: "2026-11-23",
      kind: "b2b",
      invoices: [
        inv("fully-disputed", "2026-10-20", 500_00n, 500_00n),
        inv("part-disputed", "2026-10-01", 1_000_00n, 200_00n),
        inv("not-yet-due", "2026-11-30", 700_00n),
        inv("due-today", "2026-11-23", 100_00n),
      ],
    });
    expect(goal).toEqual({
      amountCents: 800_00n,
      overdueCents: 1_500_00n,
      disputedCents: 700_00n,
      invoiceIds: ["part-disputed"],
      payBy: "2026-11-30",
      payWithinDays: 7,
      method: "bank_transfer",
    });
  });

  it("gives a consumer 14 days, across the turn of the year", () => {
    const goal = computeCallGoal({ today: "2026-12-30", kind: "consumer", invoices: [inv("a", "2026-12-01", 123_45n)] });
    expect(goal).toMatchObject({ amountCents: 123_45n, payWithinDays: 14, payBy: "2027-01-13", invoiceIds: ["a"] });
  });

  it("takes an explicit term over the default", () => {
    expect(computeCallGoal({ today: "2026-11-23", kind: "b2b", invoices: [], payWithinDays: 14 })).toMatchObject({ payWithinDays: 14, payBy: "2026-12-07" });
    expect(computeCallGoal({ today: "2026-11-23", kind: "consumer", invoices: [], payWithinDays: 7 })).toMatchObject({ payWithinDays: 7, payBy: "2026-11-30" });
  });

  it("lists the invoices oldest due first and skips paid ones", () => {
    const goal = computeCallGoal({
      today: "2026-11-23",
      kind: "b2b",
      invoices: [inv("c", "2026-11-01", 300n), inv("paid", "2026-08-01", 0n), inv("a", "2026-09-15", 100n, 40n), inv("b", "2026-10-10", 200n)],
    });
    expect(goal).toMatchObject({ invoiceIds: ["a", "b", "c"], overdueCents: 600n, disputedCents: 40n, amountCents: 560n });
  });

  it("never asks a negative amount: a dispute is capped at the open amount", () => {
    const goal = computeCallGoal({ today: "2026-11-23", kind: "consumer", invoices: [inv("a", "2026-11-01", 100_00n, 999_99n)] });
    expect(goal).toMatchObject({ amountCents: 0n, overdueCents: 100_00n, disputedCents: 100_00n, invoiceIds: [] });
    // A negative dispute amount counts as none.
    const odd = computeCallGoal({ today: "2026-11-23", kind: "b2b", invoices: [inv("a", "2026-11-01", 100_00n, -50_00n)] });
    expect(odd).toMatchObject({ amountCents: 100_00n, disputedCents: 0n });
  });

  it("has nothing to ask when nothing is overdue", () => {
    const goal = computeCallGoal({ today: "2026-11-23", kind: "b2b", invoices: [inv("a", "2026-12-01", 100_00n)] });
    expect(goal).toMatchObject({ amountCents: 0n, overdueCents: 0n, disputedCents: 0n, invoiceIds: [] });
  });
});

describe("nextLadderStep", () => {
  it("follows the Dutch ladder: reminder, formal reminder, notice of default or 14-day letter, hand-over", () => {
    expect([0, 1, 2, 3, 4].map((level) => nextLadderStep(level, "b2b"))).toEqual(["reminder", "formal_reminder", "notice_of_default", "handover", "handover"]);
    expect([0, 1, 2, 3].map((level) => nextLadderStep(level, "consumer"))).toEqual(["reminder", "formal_reminder", "fourteen_day_letter", "handover"]);
    expect(nextLadderStep(-1, "b2b")).toBe("reminder");
  });
});
