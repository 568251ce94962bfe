import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { zoneOffsetMs } from "@/lib/format/intl";

/**
 * When to call, in the debtor's time zone: business hours on weekdays, not Monday morning (busy)
 * and not Friday afternoon (hard to reach), within the contact's preferred times when known.
 * Gives a verdict for now and the next good windows as instants (DST-correct).
 */

/** days: ISO weekdays (1 = Monday .. 7 = Sunday); from/to: "HH:MM" in the debtor's zone. */
export type PreferredCallTime = { days: number[]; from: string; to: string };
export type CallTimeWarning = "weekend" | "holiday" | "outside_business_hours" | "monday_morning" | "friday_afternoon" | "outside_preferred";
/** A window [start, end) to call in; preferred when it comes from the contact's preferred times. */
export type CallSlot = { start: Date; end: Date; preferred: boolean };
export type CallTimeAdvice = {
  localDate: CalendarDate;
  /** "HH:MM" in the debtor's zone */
  localTime: string;
  /** ISO weekday, 1 = Monday .. 7 = Sunday */
  localDay: number;
  good: boolean;
  warnings: CallTimeWarning[];
  nextSlots: CallSlot[];
};

export const BUSINESS_HOURS = { from: "08:30", to: "17:30" };
const NOON = 12 * 60;
/** How far ahead to look for good windows. */
const SEARCH_DAYS = 14;

/** Minutes since midnight of "HH:MM", or null when malformed. */
function toMinutes(hhmm: unknown): number | null {
  const m = typeof hhmm === "string" ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
const OPEN = toMinutes(BUSINESS_HOURS.from) ?? 0;
const CLOSE = toMinutes(BUSINESS_HOURS.to) ?? 0;

/** A [from, to) range in minutes since local midnight. */
type Range = [number, number];
type Preferred = { days: number[]; range: Range };

/** Wall-clock reading of an instant in a zone, plus the zone's UTC offset at that instant. */
function wallClock(instant: Date, timeZone: string) {
  const t = Math.floor(instant.getTime() / 1000) * 1000;
  const offsetMs = zoneOffsetMs(t, timeZone);
  const wall = new Date(t + offsetMs);
  return {
    date: wall.toISOString().slice(0, 10),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    isoDay: ((wall.getUTCDay() + 6) % 7) + 1,
    offsetMs,
  };
}

/** The instant a wall-clock time occurs in a zone (DST-aware; a time skipped by DST moves forward). */
function zonedInstant(date: CalendarDate, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // The offset at a first guess, then corrected once for a DST change in between.
  const guess = wall - wallClock(new Date(wall), timeZone).offsetMs;
  return new Date(wall - wallClock(new Date(guess), timeZone).offsetMs);
}

function isoDayOf(date: CalendarDate): number {
  return ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Good hours of a weekday: business hours without Monday morning and Friday afternoon. */
function goodHours(isoDay: number): Range | null {
  if (isoDay > 5) return null;
  if (isoDay === 1) return [NOON, CLOSE];
  if (isoDay === 5) return [OPEN, NOON];
  return [OPEN, CLOSE];
}

/** The well-formed preferred times; malformed entries (bad times, no valid days) are skipped. */
function parsePreferred(preferred: PreferredCallTime[] | undefined): Preferred[] {
  return (Array.isArray(preferred) ? preferred : []).flatMap((p) => {
    const from = toMinutes(p?.from);
    const to = toMinutes(p?.to);
    const days = Array.isArray(p?.days) ? p.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7) : [];
    return from !== null && to !== null && from < to && days.length ? [{ days, range: [from, to] as Range }] : [];
  });
}

/** Sorted, non-empty ranges with overlapping or touching ones merged into one. */
function mergeRanges(ranges: Range[]): Range[] {
  const merged: Range[] = [];
  for (const [from, to] of ranges.filter(([a, b]) => a < b).sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The good ranges of a day: good hours, clipped to the preferred times when there are any. */
function goodRanges(isoDay: number, preferred: Preferred[]): Range[] {
  const hours = goodHours(isoDay);
  if (!hours) return [];
  if (!preferred.length) return [hours];
  const today = preferred.filter((p) => p.days.includes(isoDay)).map(({ range }) => range);
  const clipped = mergeRanges(today.map((r): Range => [Math.max(r[0], hours[0]), Math.min(r[1], hours[1])]));
  // A contact who can only be reached outside office hours on a working day (a consumer in the
  // evening) asked for exactly that: their own times are the advice then. Weekends stay out.
  return clipped.length ? clipped : mergeRanges(today.map((r): Range => [r[0], r[1]]));
}

/**
 * `isHoliday`: the public holidays of the debtor's country (offices are closed: no good slot that
 * day); without it only weekends are skipped.
 */
export function adviseCallTime(now: Date, opts: { timeZone: string; preferred?: PreferredCallTime[]; count?: number; isHoliday?: (date: CalendarDate) => boolean }): CallTimeAdvice {
  const { timeZone } = opts;
  const count = opts.count ?? 3;
  const preferred = parsePreferred(opts.preferred);
  const local = wallClock(now, timeZone);
  const at = local.minutes;

  const warnings: CallTimeWarning[] = [];
  const isHoliday = opts.isHoliday ?? (() => false);
  if (local.isoDay > 5) warnings.push("weekend", "outside_business_hours");
  else if (isHoliday(local.date)) warnings.push("holiday", "outside_business_hours");
  else if (at < OPEN || at >= CLOSE) warnings.push("outside_business_hours");
  if (local.isoDay === 1 && at < NOON) warnings.push("monday_morning");
  if (local.isoDay === 5 && at >= NOON) warnings.push("friday_afternoon");
  if (preferred.length && !preferred.some((p) => p.days.includes(local.isoDay) && at >= p.range[0] && at < p.range[1])) warnings.push("outside_preferred");

  // Walk the local calendar days from today; a window already under way starts now.
  const nextSlots: CallSlot[] = [];
  for (let i = 0; i <= SEARCH_DAYS && nextSlots.length < count; i++) {
    const date = addDays(local.date, i);
    if (isHoliday(date)) continue;
    for (const [from, to] of goodRanges(isoDayOf(date), preferred)) {
      const start = zonedInstant(date, from, timeZone);
      const end = zonedInstant(date, to, timeZone);
      if (end <= now) continue;
      nextSlots.push({ start: start < now ? new Date(now.getTime()) : start, end, preferred: preferred.length > 0 });
      if (nextSlots.length >= count) break;
    }
  }

  const localTime = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
  return { localDate: local.date, localTime, localDay: local.isoDay, good: warnings.length === 0, warnings, nextSlots };
}
