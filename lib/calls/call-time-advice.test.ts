import { describe, expect, it } from "vitest";
import { adviseCallTime } from "./call-time-advice";

const AMS = "Europe/Amsterdam";
const iso = (d: Date) => d.toISOString().slice(0, 16);

describe("call-time advice", () => {
  it("a Monday 10:00 in Amsterdam is Monday morning; the first good slot starts at 12:00", () => {
    const a = adviseCallTime(new Date("2026-11-23T09:00:00Z"), { timeZone: AMS });
    expect(a).toMatchObject({ localDate: "2026-11-23", localTime: "10:00", localDay: 1, good: false, warnings: ["monday_morning"] });
    expect(a.nextSlots.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ["2026-11-23T11:00", "2026-11-23T16:30"],
      ["2026-11-24T07:30", "2026-11-24T16:30"],
      ["2026-11-25T07:30", "2026-11-25T16:30"],
    ]);
  });

  it("a Tuesday 10:00 is good and the first slot starts now", () => {
    const now = new Date("2026-11-24T09:00:00Z");
    const a = adviseCallTime(now, { timeZone: AMS, count: 1 });
    expect(a.good).toBe(true);
    expect(a.nextSlots).toEqual([{ start: now, end: new Date("2026-11-24T16:30:00Z"), preferred: false }]);
  });

  it("a Friday 15:00 is Friday afternoon: next slot Monday 12:00, also across the spring DST change", () => {
    const autumn = adviseCallTime(new Date("2026-11-27T14:00:00Z"), { timeZone: AMS, count: 1 });
    expect(autumn.warnings).toEqual(["friday_afternoon"]);
    expect(iso(autumn.nextSlots[0]!.start)).toBe("2026-11-30T11:00");
    // 27 March 2026 is CET (UTC+1); Monday 30 March is CEST (UTC+2): 12:00 local = 10:00 UTC.
    const spring = adviseCallTime(new Date("2026-03-27T14:00:00Z"), { timeZone: AMS, count: 1 });
    expect(spring.localTime).toBe("15:00");
    expect(iso(spring.nextSlots[0]!.start)).toBe("2026-03-30T10:00");
    // 23 October 2026 is CEST; Monday 26 October is CET again: 12:00 local = 11:00 UTC.
    const fall = adviseCallTime(new Date("2026-10-23T13:00:00Z"), { timeZone: AMS, count: 1 });
    expect(fall.localTime).toBe("15:00");
    expect(iso(fall.nextSlots[0]!.start)).toBe("2026-10-26T11:00");
  });

  it("warns on weekends and outside business hours, in the debtor's own zone", () => {
    expect(adviseCallTime(new Date("2026-11-28T10:00:00Z"), { timeZone: AMS }).warnings).toEqual(["weekend", "outside_business_hours"]);
    expect(adviseCallTime(new Date("2026-11-24T18:00:00Z"), { timeZone: AMS }).warnings).toEqual(["outside_business_hours"]);
    // 08:00 in London (BST) is too early there, while it is 09:00 in Amsterdam; opens at 08:30 BST = 07:30 UTC.
    const london = adviseCallTime(new Date("2026-06-16T07:00:00Z"), { timeZone: "Europe/London", count: 1 });
    expect(london).toMatchObject({ localTime: "08:00", warnings: ["outside_business_hours"] });
    expect(iso(london.nextSlots[0]!.start)).toBe("2026-06-16T07:30");
    const newYork = adviseCallTime(new Date("2026-11-25T14:00:00Z"), { timeZone: "America/New_York" });
    expect(newYork).toMatchObject({ localTime: "09:00", good: true });
  });

  it("respects the contact's preferred times and ignores malformed ones", () => {
    const preferred = [{ days: [2, 3, 4], from: "13:30", to: "16:00" }, { days: [9], from: "25:00", to: "x" }];
    const a = adviseCallTime(new Date("2026-11-24T09:00:00Z"), { timeZone: AMS, preferred, count: 2 });
    expect(a.warnings).toEqual(["outside_preferred"]);
    expect(a.nextSlots.map((s) => [iso(s.start), iso(s.end), s.preferred])).toEqual([
      ["2026-11-24T12:30", "2026-11-24T15:00", true],
      ["2026-11-25T12:30", "2026-11-25T15:00", true],
    ]);
    expect(adviseCallTime(new Date("2026-11-24T13:00:00Z"), { timeZone: AMS, preferred }).good).toBe(true);
  });
});
