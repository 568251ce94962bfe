import { addDays, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * When to call, in the debtor's time zone: business hours on weekdays, not Monday morning (busy)
 * and not Friday afternoon (hard to reach), within the contact's preferred times when known.
 * Gives a verdict for now and the next good windows, as instants (DST-correct).
 */
export type PreferredCallTime = { days: number[]; from: string; to: string };
export type CallTimeWarning = "weekend" | "outside_business_hours" | "monday_morning" | "friday_afternoon" | "outside_preferred";
export type CallSlot = { start: Date; end: Date; preferred: boolean };
export type CallTimeAdvice = { localDate: CalendarDate; localTime: string; localDay: number; good: boolean; warnings: CallTimeWarning[]; nextSlots: CallSlot[] };

export const BUSINESS_HOURS = { from: "08:30", to: "17:30" };
const NOON = 12 * 60;
const SEARCH_DAYS = 14;

const toMinutes = (hhmm: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
const OPEN = toMinutes(BUSINESS_HOURS.from)!;
const CLOSE = toMinutes(BUSINESS_HOURS.to)!;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Wall-clock reading of an instant in a zone. */
function wallClock(instant: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  const isoDay = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday!) + 1;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { date, minutes, isoDay, offsetMs: asUtc - Math.floor(instant.getTime() / 1000) * 1000 };
}

/** The instant a wall-clock time occurs in a zone (DST-aware; a skipped time moves forward). */
function zonedInstant(date: CalendarDate, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  const first = wall - wallClock(new Date(wall), timeZone).offsetMs;
  return new Date(wall - wallClock(new Date(first), timeZone).offsetMs);
}

function isoDayOf(date: CalendarDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Good windows of a weekday in minutes: business hours without Monday morning and Friday afternoon. */
function dayWindow(isoDay: number): [number, number] | null {
  if (isoDay > 5) return null;
  if (isoDay === 1) return [NOON, CLOSE];
  if (isoDay === 5) return [OPEN, NOON];
  return [OPEN, CLOSE];
}

type Window = { days: number[]; from: number; to: number };
function validPreferred(preferred: PreferredCallTime[] | undefined): Window[] {
  return (preferred ?? []).flatMap((p) => {
    const from = toMinutes(p?.from ?? "");
    const to = toMinutes(p?.to ?? "");
    const days = Array.isArray(p?.days) ? p.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7) : [];
    return from !== null && to !== null && from < to && days.length ? [{ days, from, to }] : [];
  });
}

export function adviseCallTime(now: Date, opts: { timeZone: string; preferred?: PreferredCallTime[]; count?: number }): CallTimeAdvice {
  const { timeZone } = opts;
  const count = opts.count ?? 3;
  const preferred = validPreferred(opts.preferred);
  const local = wallClock(now, timeZone);

  const warnings: CallTimeWarning[] = [];
  if (local.isoDay > 5) warnings.push("weekend", "outside_business_hours");
  else if (local.minutes < OPEN || local.minutes >= CLOSE) warnings.push("outside_business_hours");
  if (local.isoDay === 1 && local.minutes < NOON) warnings.push("monday_morning");
  if (local.isoDay === 5 && local.minutes >= NOON) warnings.push("friday_afternoon");
  if (preferred.length && !preferred.some((p) => p.days.includes(local.isoDay) && local.minutes >= p.from && local.minutes < p.to)) warnings.push("outside_preferred");

  const nextSlots: CallSlot[] = [];
  for (let i = 0; i <= SEARCH_DAYS && nextSlots.length < count; i++) {
    const date = addDays(local.date, i);
    const isoDay = isoDayOf(date);
    const window = dayWindow(isoDay);
    if (!window) continue;
    const windows: Array<[number, number, boolean]> = preferred.length
      ? preferred
          .filter((p) => p.days.includes(isoDay))
          .map((p): [number, number, boolean] => [Math.max(p.from, window[0]), Math.min(p.to, window[1]), true])
          .filter(([a, b]) => a < b)
          .sort((a, b) => a[0] - b[0])
      : [[window[0], window[1], false]];
    for (const [from, to, isPreferred] of windows) {
      const start = zonedInstant(date, from, timeZone);
      const end = zonedInstant(date, to, timeZone);
      if (end.getTime() <= now.getTime()) continue;
      nextSlots.push({ start: start.getTime() < now.getTime() ? now : start, end, preferred: isPreferred });
      if (nextSlots.length >= count) break;
    }
  }
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  const mm = String(local.minutes % 60).padStart(2, "0");
  return { localDate: local.date, localTime: `${hh}:${mm}`, localDay: local.isoDay, good: warnings.length === 0, warnings, nextSlots };
}
