import { describe, expect, it } from "vitest";
import { addWorkingDays, dutchPublicHolidays, easterSunday, isPublicHoliday, isWorkingDay, nextWorkingDay, weekday } from "./working-days";

// Expected dates checked against published calendars (Rijksoverheid "Feestdagen", timeanddate.com).
describe("Easter by the Gregorian computus", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"], // the latest possible date
    [2008, "2008-03-23"], // near the earliest possible date (22 March)
    [2285, "2285-03-22"], // the earliest possible date
  ])("Easter %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("refuses years before the Gregorian calendar", () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
  });
});

describe("Dutch public holidays", () => {
  it("lists 2026 in date order", () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Nieuwjaarsdag" },
      { date: "2026-04-03", name: "Goede Vrijdag" },
      { date: "2026-04-05", name: "Eerste Paasdag" },
      { date: "2026-04-06", name: "Tweede Paasdag" },
      { date: "2026-04-27", name: "Koningsdag" },
      { date: "2026-05-05", name: "Bevrijdingsdag" },
      { date: "2026-05-14", name: "Hemelvaartsdag" },
      { date: "2026-05-24", name: "Eerste Pinksterdag" },
      { date: "2026-05-25", name: "Tweede Pinksterdag" },
      { date: "2026-12-25", name: "Eerste Kerstdag" },
      { date: "2026-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it("moves King's Day to 26 April when 27 April is a Sunday (2025)", () => {
    expect(weekday("2025-04-27")).toBe(0);
    expect(isPublicHoliday("2025-04-26")).toBe(true);
    expect(isPublicHoliday("2025-04-27")).toBe(false);
  });

  it("keeps Queen's Day on 30 April before 2014, on 29 April when the 30th is a Sunday", () => {
    expect(isPublicHoliday("2013-04-30")).toBe(true);
    expect(isPublicHoliday("2013-04-27")).toBe(false);
    expect(isPublicHoliday("2006-04-29")).toBe(true); // 30 April 2006 was a Sunday
    expect(dutchPublicHolidays(2006).find((h) => h.name === "Koninginnedag")?.date).toBe("2006-04-29");
  });

  it("places Ascension at Easter + 39 and Whitsun at Easter + 49 and + 50", () => {
    expect(isPublicHoliday("2026-05-14")).toBe(true);
    expect(isPublicHoliday("2026-05-24")).toBe(true);
    expect(isPublicHoliday("2026-05-25")).toBe(true);
    expect(isPublicHoliday("2026-05-26")).toBe(false);
  });

  it("treats Good Friday as a holiday, as the Algemene termijnenwet does", () => {
    expect(isPublicHoliday("2026-04-03")).toBe(true);
  });

  it("counts Liberation Day every year by default, only in lustrum years on request", () => {
    expect(isPublicHoliday("2026-05-05")).toBe(true);
    expect(isPublicHoliday("2026-05-05", { liberationDay: "every_year" })).toBe(true);
    expect(isPublicHoliday("2026-05-05", { liberationDay: "lustrum" })).toBe(false);
    expect(isPublicHoliday("2025-05-05", { liberationDay: "lustrum" })).toBe(true);
    expect(isPublicHoliday("2030-05-05", { liberationDay: "lustrum" })).toBe(true);
  });

  it("keeps both names when Ascension falls on 5 May (2016)", () => {
    const fifthOfMay = dutchPublicHolidays(2016).filter((h) => h.date === "2016-05-05");
    expect(fifthOfMay.map((h) => h.name).sort()).toEqual(["Bevrijdingsdag", "Hemelvaartsdag"]);
  });

  it("refuses a string that is not a calendar date", () => {
    expect(() => isPublicHoliday("2026-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("20-11-2026")).toThrow(RangeError);
  });
});

describe("working days", () => {
  it("takes the weekday from the calendar date", () => {
    expect(weekday("2026-11-20")).toBe(5); // Friday
    expect(weekday("2026-11-21")).toBe(6); // Saturday
    expect(weekday("2026-11-22")).toBe(0); // Sunday
    expect(weekday("1970-01-01")).toBe(4); // Thursday
    expect(weekday("1969-12-31")).toBe(3); // Wednesday, before the epoch
  });

  it("works Friday, not Saturday or Sunday", () => {
    expect(isWorkingDay("2026-11-20")).toBe(true);
    expect(isWorkingDay("2026-11-21")).toBe(false);
    expect(isWorkingDay("2026-11-22")).toBe(false);
  });

  it("moves a weekend to Monday and leaves a working day alone", () => {
    expect(nextWorkingDay("2026-11-20")).toBe("2026-11-20");
    expect(nextWorkingDay("2026-11-21")).toBe("2026-11-23");
    expect(nextWorkingDay("2026-11-22")).toBe("2026-11-23");
  });

  it("works the Thursday before Easter; the next working day after it is Tuesday", () => {
    // Fri 3 Apr Good Friday, Sat 4, Sun 5 Easter, Mon 6 Easter Monday.
    expect(isWorkingDay("2026-04-02")).toBe(true);
    expect(nextWorkingDay("2026-04-02")).toBe("2026-04-02");
    expect(nextWorkingDay("2026-04-03")).toBe("2026-04-07");
    expect(addWorkingDays("2026-04-02", 1)).toBe("2026-04-07");
    expect(addWorkingDays("2026-04-07", -1)).toBe("2026-04-02");
  });

  it("adds working days across weekends, Christmas and New Year", () => {
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23");
    expect(addWorkingDays("2026-11-21", 1)).toBe("2026-11-23");
    expect(addWorkingDays("2026-11-17", 5)).toBe("2026-11-24");
    expect(addWorkingDays("2026-12-24", 1)).toBe("2026-12-28"); // Fri 25 and Sat 26 are holidays
    expect(addWorkingDays("2026-12-31", 1)).toBe("2027-01-04"); // Fri 1 Jan 2027
    expect(addWorkingDays("2026-11-21", 0)).toBe("2026-11-21");
  });

  it("lets a lustrum-only calendar work on 5 May 2026", () => {
    expect(isWorkingDay("2026-05-05")).toBe(false);
    expect(isWorkingDay("2026-05-05", { liberationDay: "lustrum" })).toBe(true);
    expect(addWorkingDays("2026-05-04", 1, { liberationDay: "lustrum" })).toBe("2026-05-05");
    expect(addWorkingDays("2026-05-04", 1)).toBe("2026-05-06");
  });

  it("refuses a fractional number of working days", () => {
    expect(() => addWorkingDays("2026-11-20", 1.5)).toThrow(RangeError);
  });
});
