import { describe, expect, it } from "vitest";
import { addDays, calendarDateIn, daysBetween, formatCalendarDate, formatLetterDate, formatShortDate, isCalendarDate, startOfDayIn } from "./calendar-date";

describe("calendar dates", () => {
  it("adds days across the end of DST without shifting the date", () => {
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-31", 30)).toBe("2026-03-02");
  });

  it("counts days between dates across DST changes", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-30", "2026-10-24")).toBe(-6);
  });

  it("takes the Amsterdam date of an instant, not the UTC date", () => {
    expect(calendarDateIn(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
    expect(calendarDateIn(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(calendarDateIn(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("validates calendar dates", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-1-1")).toBe(false);
  });

  it("formats in Dutch and English", () => {
    expect(formatCalendarDate("2026-03-05", "nl")).toMatch(/05 mrt\.? 2026/);
    expect(formatCalendarDate("2026-03-05", "en")).toBe("05 Mar 2026");
  });

  it("writes dates as letters and documents print them", () => {
    expect(formatLetterDate("2026-12-02", "nl")).toBe("2 december 2026");
    expect(formatLetterDate("2026-03-01", "en")).toBe("1 March 2026");
    expect(formatShortDate("2026-09-19", "nl")).toBe("19-09-2026");
    expect(formatShortDate("2026-09-19", "en")).toBe("19/09/2026");
  });
});

describe("startOfDayIn", () => {
  it("finds Amsterdam midnight in winter and summer time", () => {
    expect(startOfDayIn("2026-11-23").toISOString()).toBe("2026-11-22T23:00:00.000Z");
    expect(startOfDayIn("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfDayIn("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayIn("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(startOfDayIn("2026-11-23", "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});
