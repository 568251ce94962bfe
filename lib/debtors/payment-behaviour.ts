import { daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * How a debtor pays: amount-weighted days late over the last 12 months, the last 90 days against
 * the rest of the year (trend), the share of promises kept, and the last payment.
 */
export type SettledInvoice = { dueDate: CalendarDate; paidOn: CalendarDate; amountCents: bigint };
export type PaymentBehaviour = {
  avgDaysLate: number | null;
  recentAvgDaysLate: number | null;
  trend: "better" | "worse" | "stable" | null;
  promisesKept: number;
  promisesBroken: number;
  keptRate: number | null;
  lastPayment: { date: CalendarDate; amountCents: bigint } | null;
};

/** A change of at least this many days counts as a trend. */
export const TREND_DAYS = 3;
const YEAR_DAYS = 365;
const RECENT_DAYS = 90;

/** Amount-weighted mean of days late (negative = early) in whole tenths of a day; null without data. */
function weightedTenths(items: SettledInvoice[]): bigint | null {
  let weight = 0n;
  let sum = 0n;
  for (const i of items) {
    if (i.amountCents <= 0n) continue; // credit notes and zero amounts carry no weight
    weight += i.amountCents;
    sum += i.amountCents * BigInt(daysBetween(i.dueDate, i.paidOn));
  }
  if (weight <= 0n) return null;
  // round(sum * 10 / weight), half away from zero, in integers.
  return (sum * 20n + (sum >= 0n ? weight : -weight)) / (2n * weight);
}

const toDays = (tenths: bigint | null) => (tenths === null ? null : Number(tenths) / 10);

/** The payment with the latest value date; on the same date the larger one. */
function latestPayment(payments: Array<{ valueDate: CalendarDate; amountCents: bigint }>) {
  return payments.reduce<(typeof payments)[number] | null>(
    (best, p) => (!best || p.valueDate > best.valueDate || (p.valueDate === best.valueDate && p.amountCents > best.amountCents) ? p : best),
    null,
  );
}

export function paymentBehaviour(input: {
  today: CalendarDate;
  settled: SettledInvoice[];
  agreements: Array<{ status: string }>;
  payments: Array<{ valueDate: CalendarDate; amountCents: bigint }>;
}): PaymentBehaviour {
  // Age of a payment in days: the year is 0..365 days ago, recent 0..90, earlier 91..365.
  const aged = input.settled.map((s) => ({ ...s, age: daysBetween(s.paidOn, input.today) }));
  const year = aged.filter((s) => s.age >= 0 && s.age <= YEAR_DAYS);
  const recent = year.filter((s) => s.age <= RECENT_DAYS);
  const earlier = year.filter((s) => s.age > RECENT_DAYS);
  const recentTenths = weightedTenths(recent);
  const earlierTenths = weightedTenths(earlier);
  let trend: PaymentBehaviour["trend"] = null;
  if (recentTenths !== null && earlierTenths !== null) {
    // Compared in tenths, as shown: 10.1 against 7.1 is exactly 3 days (no float rounding).
    const delta = recentTenths - earlierTenths;
    const threshold = BigInt(TREND_DAYS * 10);
    trend = delta >= threshold ? "worse" : delta <= -threshold ? "better" : "stable";
  }
  // Open and cancelled agreements say nothing about keeping promises.
  const promisesKept = input.agreements.filter((a) => a.status === "kept").length;
  const promisesBroken = input.agreements.filter((a) => a.status === "broken").length;
  const last = latestPayment(input.payments);
  return {
    avgDaysLate: toDays(weightedTenths(year)),
    recentAvgDaysLate: toDays(recentTenths),
    trend,
    promisesKept,
    promisesBroken,
    keptRate: promisesKept + promisesBroken > 0 ? promisesKept / (promisesKept + promisesBroken) : null,
    lastPayment: last ? { date: last.valueDate, amountCents: last.amountCents } : null,
  };
}
