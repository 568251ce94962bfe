import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/format/calendar-date";
import { AGING_BUCKETS, agingBucket, dueDateRange } from "./aging";

describe("aging buckets", () => {
  const today = "2026-11-22";

  it("puts the boundaries in the right bucket", () => {
    expect(agingBucket("2026-11-22", today)).toBe("current");
    expect(agingBucket("2026-11-21", today)).toBe("1-30");
    expect(agingBucket("2026-10-23", today)).toBe("1-30");
    expect(agingBucket("2026-10-22", today)).toBe("31-60");
    expect(agingBucket("2026-08-24", today)).toBe("61-90");
    expect(agingBucket("2026-08-23", today)).toBe("90+");
  });

  it("has date ranges that are the exact inverse of the bucket rule", () => {
    for (let offset = -10; offset <= 200; offset++) {
      const due = addDays(today, -offset);
      const bucket = agingBucket(due, today);
      for (const b of AGING_BUCKETS) {
        const { from, to } = dueDateRange(b, today);
        const inRange = (!from || due >= from) && (!to || due <= to);
        expect(inRange, `${due} in ${b}`).toBe(b === bucket);
      }
    }
  });
});
