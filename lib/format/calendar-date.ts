/**
 * Calendar dates ("YYYY-MM-DD") as the law and invoices use them: no time, no zone, so DST can
 * never move a due date. Arithmetic runs on UTC midnights.
 */
import { dateTimeFormat, localeTag, zoneOffsetMs } from "./intl";

export type CalendarDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

// A portfolio's dates repeat (today, due dates, the same few months): a list of thousands of
// debtors reads the same dates over and over, so their UTC midnights and sums are kept.
const MEMO_LIMIT = 50_000;
const midnights = new Map<string, number>();
const sums = new Map<string, CalendarDate>();

function toUtc(date: CalendarDate): number {
  let t = midnights.get(date);
  if (t === undefined) {
    const m = PATTERN.exec(date);
    if (!m) throw new RangeError(`not a calendar date: ${date}`);
    t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (midnights.size >= MEMO_LIMIT) midnights.clear();
    midnights.set(date, t);
  }
  return t;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const key = `${date}|${days}`;
  let sum = sums.get(key);
  if (sum === undefined) {
    sum = new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
    if (sums.size >= MEMO_LIMIT) sums.clear();
    sums.set(key, sum);
  }
  return sum;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** The calendar date of an instant in a time zone (Europe/Amsterdam by default). */
export function calendarDateIn(instant: Date, timeZone = "Europe/Amsterdam"): CalendarDate {
  const t = instant.getTime();
  return new Date(t + zoneOffsetMs(t, timeZone)).toISOString().slice(0, 10);
}

export function formatCalendarDate(date: CalendarDate, locale: "nl" | "en"): string {
  return dateTimeFormat(localeTag(locale), { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(toUtc(date)));
}

const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** As a letter writes a date: "2 december 2026" / "2 December 2026". */
export function formatLetterDate(date: CalendarDate, language: "nl" | "en"): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${d} ${MONTHS[language][(m ?? 1) - 1]} ${y}`;
}

/** Numeric dates for tables: "19-09-2026" / "19/09/2026". */
export function formatShortDate(date: CalendarDate, language: "nl" | "en"): string {
  const [y, m, d] = date.split("-");
  return language === "nl" ? `${d}-${m}-${y}` : `${d}/${m}/${y}`;
}

/** The instant a calendar date begins in a time zone (DST-aware). */
export function startOfDayIn(date: CalendarDate, timeZone = "Europe/Amsterdam"): Date {
  const utcMidnight = toUtc(date);
  // The zone's offset at that moment, then corrected once for a DST change in between.
  let guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  guess = utcMidnight - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

/** YYYYMMDD, YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY → a real calendar date, else null. */
export function parseDateText(raw: string): CalendarDate | null {
  const s = raw.trim();
  const iso = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\S*)?$/.exec(s);
  const dmy = iso ? null : /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !mo || !d) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days) return null;
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}
