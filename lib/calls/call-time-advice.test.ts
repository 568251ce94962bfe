import { officeHolidays } from "@/lib/clock/working-days";
import { describe, expect, it } from "vitest";
import { adviseCallTime, type CallSlot, type PreferredCallTime } from "./call-time-advice";

const AMS = "Europe/Amsterdam";
const at = (utc: string) => new Date(`${utc}:00Z`);
/** Slots as [start, end] in UTC "YYYY-MM-DDTHH:MM", easy to compare. */
const utc = (slots: CallSlot[]) => slots.map((s) => [s.start.toISOString().slice(0, 16), s.end.toISOString().slice(0, 16)]);

describe("adviseCallTime: business hours in Amsterdam (CET, UTC+1 in November)", () => {
  it("a Monday 10:00 is Monday morning; the first good slot starts at 12:00", () => {
    const a = adviseCallTime(at("2026-11-23T09:00"), { timeZone: AMS });
    expect(a).toMatchObject({ localDate: "2026-11-23", localTime: "10:00", localDay: 1, good: false, warnings: ["monday_morning"] });
    expect(utc(a.nextSlots)).toEqual([
      ["2026-11-23T11:00", "2026-11-23T16:30"],
      ["2026-11-24T07:30", "2026-11-24T16:30"],
      ["2026-11-25T07:30", "2026-11-25T16:30"],
    ]);
    expect(a.nextSlots.every((s) => !s.preferred)).toBe(true);
  });

  it("a Tuesday 10:00 is good and the first slot starts now", () => {
    const now = at("2026-11-24T09:00");
    const a = adviseCallTime(now, { timeZone: AMS, count: 1 });
    expect(a).toMatchObject({ localTime: "10:00", localDay: 2, good: true, warnings: [] });
    expect(a.nextSlots).toEqual([{ start: now, end: at("2026-11-24T16:30"), preferred: false }]);
  });

  it("business hours include 08:30 and end at 17:30", () => {
    expect(adviseCallTime(at("2026-11-24T07:29"), { timeZone: AMS }).warnings).toEqual(["outside_business_hours"]);
    expect(adviseCallTime(at("2026-11-24T07:30"), { timeZone: AMS }).good).toBe(true);
    expect(adviseCallTime(at("2026-11-24T16:29"), { timeZone: AMS }).good).toBe(true);
    const closed = adviseCallTime(at("2026-11-24T16:30"), { timeZone: AMS, count: 1 });
    expect(closed).toMatchObject({ localTime: "17:30", warnings: ["outside_business_hours"] });
    expect(utc(closed.nextSlots)).toEqual([["2026-11-25T07:30", "2026-11-25T16:30"]]);
  });

  it("Friday is good until 12:00; a Friday 15:00 is Friday afternoon and the next slot is Monday 12:00", () => {
    const morning = adviseCallTime(at("2026-11-27T10:59"), { timeZone: AMS, count: 2 });
    expect(morning.good).toBe(true);
    expect(utc(morning.nextSlots)).toEqual([
      ["2026-11-27T10:59", "2026-11-27T11:00"],
      ["2026-11-30T11:00", "2026-11-30T16:30"],
    ]);
    expect(adviseCallTime(at("2026-11-27T11:00"), { timeZone: AMS }).warnings).toEqual(["friday_afternoon"]);
    const afternoon = adviseCallTime(at("2026-11-27T14:00"), { timeZone: AMS, count: 1 });
    expect(afternoon).toMatchObject({ localTime: "15:00", localDay: 5, warnings: ["friday_afternoon"] });
    expect(utc(afternoon.nextSlots)).toEqual([["2026-11-30T11:00", "2026-11-30T16:30"]]);
  });

  it("a Saturday is weekend and outside business hours", () => {
    const a = adviseCallTime(at("2026-11-28T10:00"), { timeZone: AMS, count: 1 });
    expect(a).toMatchObject({ localDate: "2026-11-28", localDay: 6, good: false, warnings: ["weekend", "outside_business_hours"] });
    expect(utc(a.nextSlots)).toEqual([["2026-11-30T11:00", "2026-11-30T16:30"]]);
  });

  it("defaults to three slots, gives more on request and looks at most 14 days ahead", () => {
    const now = at("2026-11-23T09:00");
    expect(adviseCallTime(now, { timeZone: AMS }).nextSlots).toHaveLength(3);
    expect(adviseCallTime(now, { timeZone: AMS, count: 0 }).nextSlots).toEqual([]);
    // Monday 23 Nov .. Monday 7 Dec: eleven weekdays.
    const all = adviseCallTime(now, { timeZone: AMS, count: 50 }).nextSlots;
    expect(all).toHaveLength(11);
    expect(utc(all).at(-1)).toEqual(["2026-12-07T11:00", "2026-12-07T16:30"]);
  });
});

describe("adviseCallTime: daylight saving time", () => {
  it("Amsterdam spring change (Sunday 29 March 2026): local time jumps, Monday 12:00 CEST is 10:00 UTC", () => {
    const beforeJump = adviseCallTime(at("2026-03-29T00:30"), { timeZone: AMS });
    expect(beforeJump).toMatchObject({ localDate: "2026-03-29", localTime: "01:30", localDay: 7, warnings: ["weekend", "outside_business_hours"] });
    const afterJump = adviseCallTime(at("2026-03-29T01:30"), { timeZone: AMS });
    expect(afterJump.localTime).toBe("03:30");
    expect(utc(afterJump.nextSlots)).toEqual([
      ["2026-03-30T10:00", "2026-03-30T15:30"],
      ["2026-03-31T06:30", "2026-03-31T15:30"],
      ["2026-04-01T06:30", "2026-04-01T15:30"],
    ]);
    // From a Friday afternoon in winter time to the Monday in summer time.
    const friday = adviseCallTime(at("2026-03-27T14:00"), { timeZone: AMS, count: 1 });
    expect(friday.localTime).toBe("15:00");
    expect(utc(friday.nextSlots)).toEqual([["2026-03-30T10:00", "2026-03-30T15:30"]]);
  });

  it("Amsterdam autumn change (Sunday 25 October 2026): 02:30 occurs twice, Monday 12:00 CET is 11:00 UTC", () => {
    for (const instant of ["2026-10-25T00:30", "2026-10-25T01:30"]) {
      const a = adviseCallTime(at(instant), { timeZone: AMS, count: 1 });
      expect(a).toMatchObject({ localDate: "2026-10-25", localTime: "02:30", localDay: 7, warnings: ["weekend", "outside_business_hours"] });
      expect(utc(a.nextSlots)).toEqual([["2026-10-26T11:00", "2026-10-26T16:30"]]);
    }
    const friday = adviseCallTime(at("2026-10-23T13:00"), { timeZone: AMS, count: 1 });
    expect(friday.localTime).toBe("15:00");
    expect(utc(friday.nextSlots)).toEqual([["2026-10-26T11:00", "2026-10-26T16:30"]]);
  });

  it("London: 08:00 BST is too early there while Amsterdam is open; summer time starts the same Sunday", () => {
    const june = adviseCallTime(at("2026-06-16T07:00"), { timeZone: "Europe/London", count: 1 });
    expect(june).toMatchObject({ localTime: "08:00", warnings: ["outside_business_hours"] });
    expect(utc(june.nextSlots)).toEqual([["2026-06-16T07:30", "2026-06-16T16:30"]]);
    expect(adviseCallTime(at("2026-06-16T07:00"), { timeZone: AMS }).good).toBe(true);
    const friday = adviseCallTime(at("2026-03-27T16:00"), { timeZone: "Europe/London", count: 1 });
    expect(friday).toMatchObject({ localTime: "16:00", warnings: ["friday_afternoon"] });
    expect(utc(friday.nextSlots)).toEqual([["2026-03-30T11:00", "2026-03-30T16:30"]]);
  });

  it("New York: its own DST dates (8 March and 1 November 2026)", () => {
    const NY = "America/New_York";
    expect(adviseCallTime(at("2026-11-25T13:00"), { timeZone: NY })).toMatchObject({ localTime: "08:00", warnings: ["outside_business_hours"] });
    expect(adviseCallTime(at("2026-11-25T14:00"), { timeZone: NY })).toMatchObject({ localTime: "09:00", good: true });
    // Friday 30 October 13:00 EDT; Monday 2 November is EST (UTC-5).
    const autumn = adviseCallTime(at("2026-10-30T17:00"), { timeZone: NY, count: 1 });
    expect(autumn).toMatchObject({ localTime: "13:00", warnings: ["friday_afternoon"] });
    expect(utc(autumn.nextSlots)).toEqual([["2026-11-02T17:00", "2026-11-02T22:30"]]);
    // Sunday 8 March 10:00 EDT; Monday 12:00 EDT (UTC-4).
    const spring = adviseCallTime(at("2026-03-08T14:00"), { timeZone: NY, count: 1 });
    expect(spring).toMatchObject({ localDate: "2026-03-08", localTime: "10:00", localDay: 7, warnings: ["weekend", "outside_business_hours"] });
    expect(utc(spring.nextSlots)).toEqual([["2026-03-09T16:00", "2026-03-09T21:30"]]);
  });
});

describe("adviseCallTime: the contact's preferred times", () => {
  it("warns outside the preferred times and offers those, within business hours", () => {
    const preferred = [{ days: [2, 3, 4], from: "13:30", to: "16:00" }];
    const a = adviseCallTime(at("2026-11-24T09:00"), { timeZone: AMS, preferred, count: 2 });
    expect(a.warnings).toEqual(["outside_preferred"]);
    expect(a.nextSlots).toEqual([
      { start: at("2026-11-24T12:30"), end: at("2026-11-24T15:00"), preferred: true },
      { start: at("2026-11-25T12:30"), end: at("2026-11-25T15:00"), preferred: true },
    ]);
    const inside = adviseCallTime(at("2026-11-24T13:00"), { timeZone: AMS, preferred, count: 1 });
    expect(inside.good).toBe(true);
    expect(utc(inside.nextSlots)).toEqual([["2026-11-24T13:00", "2026-11-24T15:00"]]);
  });

  it("clips preferred times to business hours and drops Monday morning and Friday afternoon", () => {
    const preferred = [{ days: [1, 5, 6], from: "07:00", to: "19:00" }];
    const a = adviseCallTime(at("2026-11-23T09:00"), { timeZone: AMS, preferred });
    // Inside the preferred time, but still Monday morning.
    expect(a.warnings).toEqual(["monday_morning"]);
    expect(utc(a.nextSlots)).toEqual([
      ["2026-11-23T11:00", "2026-11-23T16:30"],
      ["2026-11-27T07:30", "2026-11-27T11:00"],
      ["2026-11-30T11:00", "2026-11-30T16:30"],
    ]);
    // A preferred time out of hours still gets the out-of-hours warning.
    expect(adviseCallTime(at("2026-11-23T17:00"), { timeZone: AMS, preferred }).warnings).toEqual(["outside_business_hours"]);
  });

  it("merges overlapping and touching preferred times into one window", () => {
    const preferred = [
      { days: [2], from: "09:00", to: "11:00" },
      { days: [2], from: "15:00", to: "19:00" },
      { days: [2], from: "10:30", to: "12:00" },
      { days: [2], from: "12:00", to: "13:00" },
    ];
    const a = adviseCallTime(at("2026-11-23T09:00"), { timeZone: AMS, preferred });
    expect(utc(a.nextSlots)).toEqual([
      ["2026-11-24T08:00", "2026-11-24T12:00"],
      ["2026-11-24T14:00", "2026-11-24T16:30"],
      ["2026-12-01T08:00", "2026-12-01T12:00"],
    ]);
  });

  it("ignores malformed entries, and without any valid one behaves as if none were given", () => {
    const malformed = [
      { days: [], from: "09:00", to: "12:00" },
      { days: [8, 0, 2.5], from: "09:00", to: "12:00" },
      { days: [2], from: "9:00", to: "12:00" },
      { days: [2], from: "25:00", to: "x" },
      { days: [2], from: "16:00", to: "10:00" },
      { days: "2", from: 900, to: null },
      null,
    ] as unknown as PreferredCallTime[];
    const a = adviseCallTime(at("2026-11-24T07:00"), { timeZone: AMS, preferred: malformed, count: 1 });
    expect(a.warnings).toEqual(["outside_business_hours"]);
    expect(a.nextSlots).toEqual([{ start: at("2026-11-24T07:30"), end: at("2026-11-24T16:30"), preferred: false }]);
    // One valid entry among the malformed ones is used.
    const mixed = adviseCallTime(at("2026-11-24T07:00"), { timeZone: AMS, preferred: [...malformed, { days: [4], from: "10:00", to: "11:00" }], count: 1 });
    expect(mixed.nextSlots).toEqual([{ start: at("2026-11-26T09:00"), end: at("2026-11-26T10:00"), preferred: true }]);
  });

  it("finds no slot when the preferred times never meet business hours", () => {
    const a = adviseCallTime(at("2026-11-24T09:00"), { timeZone: AMS, preferred: [{ days: [6, 7], from: "10:00", to: "12:00" }] });
    expect(a.warnings).toEqual(["outside_preferred"]);
    expect(a.nextSlots).toEqual([]);
  });
});

describe("call-time advice for contacts reachable only outside office hours", () => {
  it("advises the contact's own evening window instead of nothing", () => {
    // Monday 23 November 2026, 07:27 in Amsterdam; the consumer prefers weekdays 17:30-20:00.
    const advice = adviseCallTime(new Date("2026-11-23T06:27:00Z"), { timeZone: "Europe/Amsterdam", preferred: [{ days: [1, 2, 3, 4, 5], from: "17:30", to: "20:00" }], count: 1 });
    expect(advice.nextSlots[0]!.start.toISOString()).toBe("2026-11-23T16:30:00.000Z");
  });
});

describe("public holidays", () => {
  it("gives no slot on a Dutch public holiday and warns when it is one today", () => {
    // Mon 27 Apr 2026 is King's Day; at 10:00 in Amsterdam the advice skips to Tue 28 Apr (a normal Tuesday: 08:30).
    const advice = adviseCallTime(new Date("2026-04-27T08:00:00Z"), { timeZone: "Europe/Amsterdam", isHoliday: officeHolidays("NL") });
    expect(advice.warnings).toContain("holiday");
    expect(advice.good).toBe(false);
    expect(advice.nextSlots[0]!.start.toISOString()).toBe("2026-04-28T06:30:00.000Z");
    // Without a calendar (a debtor abroad) the Monday afternoon is a good slot.
    const abroad = adviseCallTime(new Date("2026-04-27T08:00:00Z"), { timeZone: "Europe/Amsterdam", isHoliday: officeHolidays("BE") });
    expect(abroad.nextSlots[0]!.start.toISOString()).toBe("2026-04-27T10:00:00.000Z");
  });
});
