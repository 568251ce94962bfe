import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/format/calendar-date";
import { DISPUTE_AGES, disputeAge, openedOnRange } from "./dashboard-schemas";

describe("dispute age bands", () => {
  const today = "2034-03-15";
  it("puts every opening day in exactly the band whose range holds it", () => {
    for (let back = -3; back <= 120; back++) {
      const openedOn = addDays(today, -back);
      const holding = DISPUTE_AGES.filter((age) => {
        const { from, to } = openedOnRange(age, today);
        return (!from || openedOn >= from) && (!to || openedOn <= to);
      });
      expect(holding).toEqual([disputeAge(openedOn, today)]);
    }
  });

  it("counts 30 days as young and 31 as the next band", () => {
    expect(disputeAge(addDays(today, -30), today)).toBe("0-30");
    expect(disputeAge(addDays(today, -31), today)).toBe("31-60");
    expect(disputeAge(addDays(today, -61), today)).toBe("61+");
  });
});
