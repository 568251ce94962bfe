import { describe, expect, it } from "vitest";
import { worklistPriority, type PriorityInput } from "./worklist-priority";

const base: PriorityInput = { kinds: ["dunning_call"], waitingSince: "2026-11-23", overdueCents: 100_000n, oldestOverdueDueDate: "2026-10-23", brokenPromises12m: 0, insurerDeadline: null, today: "2026-11-23" };
const score = (p: Partial<PriorityInput>) => worklistPriority({ ...base, ...p }).score;
const points = (p: Partial<PriorityInput>) => Object.fromEntries(worklistPriority({ ...base, ...p }).parts.map((x) => [x.key, x.points]));

describe("worklist priority", () => {
  it("adds up the parts a controller weighs, each with its points (figures worked out by hand)", () => {
    // EUR 40,000 overdue, oldest item 168 days late, the insurer's term passed, no task: only the position.
    const p = worklistPriority({ kinds: ["overdue_unworked", "insurer_deadline_passed", "credit_limit_exceeded"], waitingSince: "2026-11-23", overdueCents: 4_000_000n, oldestOverdueDueDate: "2026-06-08", brokenPromises12m: 0, insurerDeadline: "2026-10-21", today: "2026-11-23" });
    // item: the heaviest of 15/10/15 = 15; two more items: 6; amount: 6 x log10(40,000) = 27.6;
    // age: 168 / 6 = 28, capped at 20; insurer's term passed: 25. Total 93.6.
    expect(p.parts).toEqual([
      { key: "item", points: 15 },
      { key: "more_items", points: 6 },
      { key: "amount", points: 27.6 },
      { key: "age", points: 20 },
      { key: "insurer_deadline_passed", points: 25 },
    ]);
    expect(p.score).toBe(93.6);

    // A callback on EUR 500, 10 days late, waiting since 3 days: 25 + 16.2 + 1.7 + 6 = 48.9.
    const small = worklistPriority({ ...base, kinds: ["callback"], overdueCents: 50_000n, oldestOverdueDueDate: "2026-11-13", waitingSince: "2026-11-20" });
    expect(small.score).toBe(48.9);
    expect(small.top).toBe("callback");
  });

  it("puts a broken promise above an ordinary dunning call on the same debtor", () => {
    expect(score({ kinds: ["broken_promise"] })).toBeGreaterThan(score({}));
    expect(points({ kinds: ["broken_promise"] }).broken_promises).toBe(8);
    expect(points({ brokenPromises12m: 3 }).broken_promises).toBe(15);
  });

  it("weighs a larger overdue amount higher, but not linearly", () => {
    expect(score({ overdueCents: 5_000_000n })).toBeGreaterThan(score({}));
    expect(score({ overdueCents: 500_000_000n }) - score({ overdueCents: 5_000_000n })).toBeLessThan(score({ overdueCents: 5_000_000n }) - score({ overdueCents: 50_000n }));
  });

  it("weighs older debt higher", () => {
    expect(score({ oldestOverdueDueDate: "2026-08-01" })).toBeGreaterThan(score({}));
  });

  it("moves an insurer's deadline that is close or passed to the top", () => {
    expect(points({ insurerDeadline: "2026-11-26" }).insurer_deadline).toBe(22);
    expect(points({ insurerDeadline: "2026-11-20" }).insurer_deadline_passed).toBe(25);
    expect(points({ insurerDeadline: "2027-02-01" }).insurer_deadline).toBeUndefined();
  });

  it("raises items that have been waiting for days, and several items on one debtor a little", () => {
    expect(points({ waitingSince: "2026-11-18" }).waiting).toBe(10);
    expect(points({ kinds: ["dunning_call", "dispute", "callback"] })).toMatchObject({ item: 25, more_items: 6 });
    // The same kind twice (two dunning calls) is one item.
    expect(points({ kinds: ["dunning_call", "dunning_call"] }).more_items).toBeUndefined();
  });

  it("a debtor with nothing overdue still gets a score (a service call before the due date)", () => {
    expect(score({ kinds: ["service_call"], overdueCents: 0n, oldestOverdueDueDate: null })).toBe(10);
  });
});
