import { addDays, daysBetween, isCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The Dutch public-holiday calendar, computed per year so it never runs out, and the working
 * days it leaves. Holidays are those the Algemene termijnenwet (Atw, art. 3) names or treats as
 * such (Good Friday), plus Easter and Whit Sunday, which fall on a Sunday anyway.
 */

export type LiberationDayRule = "every_year" | "lustrum";

export type HolidayOptions = {
  /**
   * Liberation Day (5 May). "every_year" (default): the Atw counts it as a holiday every year,
   * so a legal term ending on 5 May always moves on, and treating it as a holiday keeps dated
   * deadlines on the safe side. "lustrum": only in years divisible by 5 (2025, 2030, …), when it
   * is a general day off under most collective agreements.
   */
  liberationDay?: LiberationDayRule;
};

export type PublicHoliday = { date: CalendarDate; name: string };

// The Gregorian computus (Meeus/Jones/Butcher) is defined from the first Gregorian Easter on.
const FIRST_GREGORIAN_YEAR = 1583;
const LAST_YEAR = 9999;
// 1970-01-01 was a Thursday; counting days from there avoids local-time Date methods.
const EPOCH: CalendarDate = "1970-01-01";
const EPOCH_WEEKDAY = 4;
const SUNDAY = 0;
const SATURDAY = 6;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function dateOf(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year outside the Gregorian calendar range ${FIRST_GREGORIAN_YEAR}–${LAST_YEAR}: ${year}`);
  }
}

function assertDate(date: CalendarDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
}

/** Easter Sunday of a Gregorian year (anonymous algorithm, as given by Meeus). */
export function easterSunday(year: number): CalendarDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dateOf(year, Math.floor(n / 31), (n % 31) + 1);
}

/** 0 = Sunday … 6 = Saturday, from the calendar date alone (no time zone involved). */
export function weekday(date: CalendarDate): number {
  assertDate(date);
  return (((daysBetween(EPOCH, date) + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

// The monarch's birthday is celebrated on a weekday or Saturday, never a Sunday: since 2014
// King's Day moves back to the 26th; Queen's Day (30 April since 1949) moved back to the 29th.
function monarchsDay(year: number): PublicHoliday {
  if (year >= 2014) {
    const date = dateOf(year, 4, 27);
    return { date: weekday(date) === SUNDAY ? dateOf(year, 4, 26) : date, name: "Koningsdag" };
  }
  const date = dateOf(year, 4, 30);
  return { date: weekday(date) === SUNDAY ? dateOf(year, 4, 29) : date, name: "Koninginnedag" };
}

function isLiberationDayOff(year: number, rule: LiberationDayRule): boolean {
  return rule === "every_year" || year % 5 === 0;
}

/** The year's public holidays in date order; two may share a date (Ascension on 5 May). */
export function dutchPublicHolidays(year: number, opts: HolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const list: PublicHoliday[] = [
    { date: dateOf(year, 1, 1), name: "Nieuwjaarsdag" },
    { date: addDays(easter, -2), name: "Goede Vrijdag" },
    { date: easter, name: "Eerste Paasdag" },
    { date: addDays(easter, 1), name: "Tweede Paasdag" },
    monarchsDay(year),
    { date: addDays(easter, 39), name: "Hemelvaartsdag" },
    { date: addDays(easter, 49), name: "Eerste Pinksterdag" },
    { date: addDays(easter, 50), name: "Tweede Pinksterdag" },
    { date: dateOf(year, 12, 25), name: "Eerste Kerstdag" },
    { date: dateOf(year, 12, 26), name: "Tweede Kerstdag" },
  ];
  if (isLiberationDayOff(year, opts.liberationDay ?? "every_year")) {
    list.push({ date: dateOf(year, 5, 5), name: "Bevrijdingsdag" });
  }
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Working-day arithmetic asks the same year many times; the calendar per year never changes.
const cache = new Map<string, Set<CalendarDate>>();

function holidaySet(year: number, rule: LiberationDayRule): Set<CalendarDate> {
  const key = `${year}:${rule}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(dutchPublicHolidays(year, { liberationDay: rule }).map((h) => h.date));
    cache.set(key, set);
  }
  return set;
}

export function isPublicHoliday(date: CalendarDate, opts: HolidayOptions = {}): boolean {
  assertDate(date);
  return holidaySet(Number(date.slice(0, 4)), opts.liberationDay ?? "every_year").has(date);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: CalendarDate, opts: HolidayOptions = {}): boolean {
  const day = weekday(date);
  return day !== SATURDAY && day !== SUNDAY && !isPublicHoliday(date, opts);
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: CalendarDate, opts: HolidayOptions = {}): CalendarDate {
  let day = date;
  while (!isWorkingDay(day, opts)) day = addDays(day, 1);
  return day;
}

/**
 * Steps n working days from date, not counting date itself: Friday + 1 is Monday, Saturday + 1
 * is Monday too. n = 0 returns date unchanged; a negative n counts backwards.
 */
export function addWorkingDays(date: CalendarDate, n: number, opts: HolidayOptions = {}): CalendarDate {
  assertDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day, opts)) left -= 1;
  }
  return day;
}

/**
 * The days offices in a country are closed, for planning calls: the Dutch public holidays for
 * debtors in the Netherlands (Liberation Day only in lustrum years, when it is a general day
 * off); no calendar is known for other countries (only weekends count there).
 */
export function officeHolidays(country: string | null | undefined): ((date: CalendarDate) => boolean) | undefined {
  if ((country ?? "NL").toUpperCase() !== "NL") return undefined;
  return (date) => isPublicHoliday(date, { liberationDay: "lustrum" });
}
