import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";
import { roundHalfUp } from "./wik-costs";
import type { InterestKind, RatePeriod } from "./statutory-rates";

/**
 * Statutory interest on one claim, in cents. Interest runs from `from` (the first day that
 * counts: the day after the due date for wettelijke handelsrente, the day after default for
 * wettelijke rente) up to and including `until`, on the principal still open each day
 * (principal reductions take effect the day after their value date). Day count actual/365.
 * Each full year after `from` the accrued interest is added to the principal (art. 6:119 lid 2
 * and 6:119a lid 3 BW: "telkens na afloop van een jaar"). Exact: accrued in fractions, rounded
 * half up to cents at each yearly capitalisation and at the end.
 */
export type PrincipalReduction = { valueDate: CalendarDate; cents: bigint };
export class MissingRateError extends Error {
  constructor(public readonly kind: InterestKind, public readonly date: CalendarDate) {
    super(`no ${kind} interest rate known for ${date}`);
  }
}

const DENOMINATOR = 10_000n * 365n; // basis points x days per year

export function statutoryInterest(input: {
  principalCents: bigint;
  from: CalendarDate;
  until: CalendarDate;
  kind: InterestKind;
  rates: readonly RatePeriod[];
  reductions?: readonly PrincipalReduction[];
}): bigint {
  if (input.until < input.from || input.principalCents <= 0n) return 0n;
  const rates = input.rates.filter((r) => r.kind === input.kind).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const reductions = [...(input.reductions ?? [])].sort((a, b) => a.valueDate.localeCompare(b.valueDate));
  // Days on which something changes: a new rate, a reduced principal, a yearly capitalisation.
  const boundaries = new Set<CalendarDate>();
  for (const r of rates) if (r.validFrom > input.from && r.validFrom <= input.until) boundaries.add(r.validFrom);
  for (const p of reductions) {
    const d = addDays(p.valueDate, 1);
    if (d > input.from && d <= input.until) boundaries.add(d);
  }
  for (let y = 1; ; y++) {
    const anniversary = addYears(input.from, y);
    if (anniversary > input.until) break;
    boundaries.add(anniversary);
  }
  const cuts = [...boundaries].sort();
  let principal = input.principalCents;
  for (const p of reductions) if (addDays(p.valueDate, 1) <= input.from) principal -= p.cents;
  let capitalised = 0n;
  let accrued = 0n; // in cents x DENOMINATOR
  let year = 1;
  let start = input.from;
  const end = addDays(input.until, 1);
  for (const cut of [...cuts, end]) {
    const days = BigInt(daysBetween(start, cut));
    const base = principal > 0n ? principal + capitalised : capitalised;
    if (days > 0n && base > 0n) accrued += base * BigInt(rateOn(rates, start, input.kind)) * days;
    if (cut === end) break;
    for (const p of reductions) if (addDays(p.valueDate, 1) === cut) principal -= p.cents;
    if (cut === addYears(input.from, year)) {
      capitalised += roundHalfUp(accrued, DENOMINATOR);
      accrued = 0n;
      year++;
    }
    start = cut;
  }
  return capitalised + roundHalfUp(accrued, DENOMINATOR);
}

function rateOn(rates: readonly RatePeriod[], date: CalendarDate, kind: InterestKind): number {
  let found: RatePeriod | undefined;
  for (const r of rates) if (r.validFrom <= date) found = r;
  if (!found) throw new MissingRateError(kind, date);
  return found.rateBp;
}

/** The same calendar day n years later; 29 February becomes 1 March in a common year. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  if (md === "02-29" && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`;
  return `${y}-${md}`;
}
