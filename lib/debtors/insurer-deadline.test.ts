import { describe, expect, it } from "vitest";
import { insurerDeadline } from "./insurer-deadline";

describe("insurer deadline", () => {
  it("counts the policy's days from the oldest overdue due date, across a month end", () => {
    expect(insurerDeadline({ isCreditInsured: true, insurerNotifyDays: 60 }, "2026-10-15")).toBe("2026-12-14");
    expect(insurerDeadline({ isCreditInsured: true, insurerNotifyDays: 90 }, "2027-12-31")).toBe("2028-03-30");
  });

  it("has no deadline when not insured, without a term, or with nothing overdue", () => {
    expect(insurerDeadline({ isCreditInsured: false, insurerNotifyDays: 60 }, "2026-10-15")).toBeNull();
    expect(insurerDeadline({ isCreditInsured: true, insurerNotifyDays: null }, "2026-10-15")).toBeNull();
    expect(insurerDeadline({ isCreditInsured: true, insurerNotifyDays: 60 }, null)).toBeNull();
  });
});
