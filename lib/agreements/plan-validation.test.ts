import { describe, expect, it } from "vitest";
import { checkPlan, monthlyDueDates, proposeMonthlyPlan, proposePlan } from "./plan-validation";

const TODAY = "2026-11-23";
const room = { maxInstalments: 3, minDownPaymentPct: 20 };
const plan = (...parts: Array<[string, number]>) => parts.map(([dueDate, c]) => ({ dueDate, amountCents: BigInt(c) }));

describe("payment plan rules", () => {
  it("accepts a plan within the room that adds up exactly", () => {
    const r = checkPlan({ totalCents: 100_000n, instalments: plan(["2026-11-30", 40_000], ["2026-12-30", 30_000], ["2027-01-29", 30_000]) }, room, TODAY);
    expect(r).toEqual({ ok: true, errors: [], needsApproval: false, approvalReasons: [] });
  });

  it("refuses amounts off by one cent, with the signed difference", () => {
    const r = checkPlan({ totalCents: 100_000n, instalments: plan(["2026-11-30", 50_000], ["2026-12-30", 49_999]) }, room, TODAY);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path: "instalments", code: "sum_mismatch", params: { differenceCents: "-1" } }]);
  });

  it("refuses past, unordered, invalid dates and non-positive amounts, each at its place", () => {
    const r = checkPlan({ totalCents: 30_000n, instalments: plan(["2026-11-22", 10_000], ["2026-12-10", 10_000], ["2026-12-10", 10_000], ["2026-02-30", 0]) }, room, TODAY);
    expect(r.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      "instalments.0.dueDate:date_in_past",
      "instalments.2.dueDate:not_ascending",
      "instalments.3.dueDate:invalid_date",
      "instalments.3.amountCents:amount_not_positive",
    ]);
    expect(checkPlan({ totalCents: 1n, instalments: [] }, room, TODAY).errors[0]!.code).toBe("no_instalments");
  });

  it("flags for approval: €1,000.00 in 3 with a first instalment of €150 under a 20% down payment", () => {
    const r = checkPlan({ totalCents: 100_000n, instalments: plan(["2026-11-30", 15_000], ["2026-12-30", 42_500], ["2027-01-29", 42_500]) }, room, TODAY);
    expect(r).toMatchObject({ ok: true, needsApproval: true, approvalReasons: ["down_payment_too_low"] });
  });

  it("flags more instalments than allowed and a plan running past 180 days", () => {
    const four = plan(["2026-12-01", 25_000], ["2027-01-01", 25_000], ["2027-02-01", 25_000], ["2027-06-01", 25_000]);
    expect(checkPlan({ totalCents: 100_000n, instalments: four }, room, TODAY).approvalReasons).toEqual(["too_many_instalments", "too_long"]);
  });

  it("refuses more than 24 instalments outright; a one-instalment promise needs no down payment", () => {
    const many = proposePlan(25_000n, 25, "2026-12-01", 7);
    expect(checkPlan({ totalCents: 25_000n, instalments: many }, { ...room, minDownPaymentPct: 0, maxDaysAhead: 365 }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ path: "instalments", code: "too_many_instalments_hard", params: { max: 24 } }],
      approvalReasons: ["too_many_instalments"],
    });
    const promise = checkPlan({ totalCents: 5_000n, instalments: plan(["2026-11-23", 5_000]) }, { maxInstalments: 1, minDownPaymentPct: 50 }, TODAY);
    expect(promise).toEqual({ ok: true, errors: [], needsApproval: false, approvalReasons: [] });
  });

  it("proposes plans that add up to the cent", () => {
    expect(proposePlan(100_000n, 3, "2026-12-01", 30)).toEqual(plan(["2026-12-01", 33_333], ["2026-12-31", 33_333], ["2027-01-30", 33_334]));
    const withDown = proposePlan(100_001n, 3, "2026-12-01", 30, 25);
    expect(withDown.map((i) => i.amountCents)).toEqual([25_001n, 37_500n, 37_500n]);
    expect(withDown.reduce((s, i) => s + i.amountCents, 0n)).toBe(100_001n);
  });
});

describe("monthly instalment dates", () => {
  it("keeps the day of the month, clamps it to short months, and moves weekends and holidays to the next working day", () => {
    // 1 Dec 2026 (Tue) → 1 Jan 2027 is New Year's Day (a Friday) → Mon 4 Jan; 1 Feb 2027 is a Monday.
    expect(monthlyDueDates("2026-12-01", 3)).toEqual(["2026-12-01", "2027-01-04", "2027-02-01"]);
    // 31 Jan 2028 (Mon) → 29 Feb 2028 (leap year, Tue) → 31 Mar 2028 (Fri) → 30 Apr 2028 is a Sunday → Mon 1 May.
    expect(monthlyDueDates("2028-01-31", 4)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31", "2028-05-01"]);
    // 27 Mar 2026 (Fri) → 27 Apr 2026 is King's Day (Mon) → Tue 28 Apr; 27 May (Wed).
    expect(monthlyDueDates("2026-03-27", 3)).toEqual(["2026-03-27", "2026-04-28", "2026-05-27"]);
  });

  it("proposes a monthly plan that adds up to the cent", () => {
    const p = proposeMonthlyPlan(100_000n, 3, "2026-12-01");
    expect(p).toEqual([{ dueDate: "2026-12-01", amountCents: 33_333n }, { dueDate: "2027-01-04", amountCents: 33_333n }, { dueDate: "2027-02-01", amountCents: 33_334n }]);
  });
});
