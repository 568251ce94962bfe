import { describe, expect, it } from "vitest";
import { worklistPriority, type PriorityInput } from "./worklist-priority";

const base: PriorityInput = { type: "dunning_call", dueOn: "2026-11-23", overdueCents: 100_000n, oldestOverdueDueDate: "2026-10-23", brokenPromises12m: 0, insurerDeadline: null, today: "2026-11-23" };
const score = (p: Partial<PriorityInput>) => worklistPriority({ ...base, ...p }).score;

describe("worklist priority", () => {
  it("puts a broken promise above an ordinary dunning call on the same debtor", () => {
    expect(score({ type: "broken_promise" })).toBeGreaterThan(score({}));
    expect(worklistPriority({ ...base, type: "broken_promise" }).reasons).toContain("broken_promise");
  });

  it("weighs a larger overdue amount higher, but not linearly", () => {
    expect(score({ overdueCents: 5_000_000n })).toBeGreaterThan(score({}));
    expect(score({ overdueCents: 500_000_000n }) - score({ overdueCents: 5_000_000n })).toBeLessThan(score({ overdueCents: 5_000_000n }) - score({ overdueCents: 50_000n }));
  });

  it("weighs older debt higher", () => {
    expect(score({ oldestOverdueDueDate: "2026-08-01" })).toBeGreaterThan(score({}));
  });

  it("moves an insurer's deadline that is close or passed to the top, with the reason", () => {
    const near = worklistPriority({ ...base, insurerDeadline: "2026-11-26" });
    expect(near.reasons).toContain("insurer_deadline");
    expect(near.score).toBeGreaterThan(score({}) + 15);
    expect(worklistPriority({ ...base, insurerDeadline: "2026-11-20" }).reasons).toContain("insurer_deadline_passed");
    expect(worklistPriority({ ...base, insurerDeadline: "2027-02-01" }).reasons).not.toContain("insurer_deadline");
  });

  it("raises items that have been waiting for days", () => {
    expect(score({ dueOn: "2026-11-18" })).toBeGreaterThan(score({}));
  });

  it("a debtor with nothing overdue still gets a score (a service call before the due date)", () => {
    expect(score({ type: "service_call", overdueCents: 0n, oldestOverdueDueDate: null })).toBeGreaterThan(0);
  });
});
