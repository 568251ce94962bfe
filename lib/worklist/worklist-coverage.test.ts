import { describe, expect, it } from "vitest";
import { isMootWithoutArrears, signalsOf, type DebtorPosition } from "./worklist-coverage";

const TODAY = "2026-11-23";
const quiet: DebtorPosition = {
  overdueCents: 4_000_000n,
  oldestOverdueDueDate: "2026-06-08",
  openCents: 4_000_000n,
  creditLimitCents: null,
  hasOpenAgreement: false,
  openDisputeCount: 0,
  lastWorkedOn: null,
  insurerDeadline: null,
  insurerNotifiedOn: null,
  promiseDueToday: false,
};
const signals = (p: Partial<DebtorPosition>) => signalsOf({ ...quiet, ...p }, TODAY);

describe("worklist coverage rules", () => {
  it("a large overdue debt nobody has called about for 14 days is on the list; a call within 14 days takes it off", () => {
    expect(signals({})).toEqual(["overdue_unworked"]);
    expect(signals({ lastWorkedOn: "2026-11-09" })).toEqual(["overdue_unworked"]); // exactly 14 days ago
    expect(signals({ lastWorkedOn: "2026-11-10" })).toEqual([]);
  });

  it("not when it is at or under EUR 1,000, or an agreement or dispute covers it", () => {
    expect(signals({ overdueCents: 100_000n })).toEqual([]);
    expect(signals({ overdueCents: 100_001n })).toEqual(["overdue_unworked"]);
    expect(signals({ hasOpenAgreement: true })).toEqual([]);
    expect(signals({ openDisputeCount: 1 })).toEqual([]);
  });

  it("the insurer's term: 14 days ahead, passed, or already told of these arrears", () => {
    // Oldest overdue 2026-06-08 + 150 days = 2026-11-05: passed.
    expect(signals({ insurerDeadline: "2026-11-05", lastWorkedOn: TODAY })).toEqual(["insurer_deadline_passed"]);
    expect(signals({ insurerDeadline: "2026-12-07", lastWorkedOn: TODAY })).toEqual(["insurer_deadline"]); // 14 days left
    expect(signals({ insurerDeadline: "2026-12-08", lastWorkedOn: TODAY })).toEqual([]); // 15 days left
    expect(signals({ insurerDeadline: "2026-11-05", insurerNotifiedOn: "2026-11-01", lastWorkedOn: TODAY })).toEqual([]);
    // Told about an earlier episode (before the current oldest item fell due): tell again.
    expect(signals({ insurerDeadline: "2026-11-05", insurerNotifiedOn: "2026-03-01", lastWorkedOn: TODAY })).toEqual(["insurer_deadline_passed"]);
  });

  it("a credit limit exceeded, and an instalment due today, even with nothing overdue", () => {
    const none = { overdueCents: 0n, oldestOverdueDueDate: null };
    expect(signals({ ...none, openCents: 2_500_001n, creditLimitCents: 2_500_000n })).toEqual(["credit_limit_exceeded"]);
    expect(signals({ ...none, openCents: 2_500_000n, creditLimitCents: 2_500_000n })).toEqual([]);
    expect(signals({ ...none, promiseDueToday: true, hasOpenAgreement: true })).toEqual(["promise_due_today"]);
  });

  it("money-chasing tasks are moot without arrears; a callback or a dispute is not", () => {
    expect(["dunning_call", "broken_promise", "handover", "check_payment"].every((k) => isMootWithoutArrears(k))).toBe(true);
    expect(["callback", "dispute", "service_call", "approval"].some((k) => isMootWithoutArrears(k))).toBe(false);
    // A retry after no answer was about the arrears: moot too.
    expect(isMootWithoutArrears("callback", "no_answer_retry")).toBe(true);
  });
});
