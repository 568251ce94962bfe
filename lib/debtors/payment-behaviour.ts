import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

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

function weightedDaysLate(items: SettledInvoice[]): number | null {
  let weight = 0n;
  let sum = 0n;
  for (const i of items) {
    weight += i.amountCents;
    sum += i.amountCents * BigInt(daysBetween(i.dueDate, i.paidOn));
  }
  if (weight <= 0n) return null;
  // One decimal, computed in integers: round(sum * 10 / weight) / 10.
  const tenths = (sum * 10n * 2n + (sum >= 0n ? weight : -weight)) / (2n * weight);
  return Number(tenths) / 10;
}

export function paymentBehaviour(input: {
  today: CalendarDate;
  settled: SettledInvoice[];
  agreements: Array<{ status: string }>;
  payments: Array<{ valueDate: CalendarDate; amountCents: bigint }>;
}): PaymentBehaviour {
  const yearAgo = addDays(input.today, -365);
  const recentFrom = addDays(input.today, -90);
  const year = input.settled.filter((s) => s.paidOn > yearAgo && s.paidOn <= input.today);
  const recent = year.filter((s) => s.paidOn > recentFrom);
  const earlier = year.filter((s) => s.paidOn <= recentFrom);
  const avgDaysLate = weightedDaysLate(year);
  const recentAvgDaysLate = weightedDaysLate(recent);
  const earlierAvg = weightedDaysLate(earlier);
  let trend: PaymentBehaviour["trend"] = null;
  if (recentAvgDaysLate !== null && earlierAvg !== null) {
    const delta = recentAvgDaysLate - earlierAvg;
    trend = delta >= TREND_DAYS ? "worse" : delta <= -TREND_DAYS ? "better" : "stable";
  }
  const promisesKept = input.agreements.filter((a) => a.status === "kept").length;
  const promisesBroken = input.agreements.filter((a) => a.status === "broken").length;
  const last = [...input.payments].sort((a, b) => b.valueDate.localeCompare(a.valueDate) || (b.amountCents > a.amountCents ? 1 : b.amountCents < a.amountCents ? -1 : 0))[0];
  return {
    avgDaysLate,
    recentAvgDaysLate,
    trend,
    promisesKept,
    promisesBroken,
    keptRate: promisesKept + promisesBroken > 0 ? promisesKept / (promisesKept + promisesBroken) : null,
    lastPayment: last ? { date: last.valueDate, amountCents: last.amountCents } : null,
  };
}
