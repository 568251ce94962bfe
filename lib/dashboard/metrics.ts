import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The manager's figures as pure functions: receivables position per day (for snapshots), DSO by
 * the count-back method, and the collection effectiveness index.
 */

export type SnapshotInvoice = {
  controllerId: string;
  kind: string;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: bigint;
  /** payments allocated to the invoice, by value date */
  paid: Array<{ date: CalendarDate; cents: bigint }>;
};

export type PositionRow = {
  date: CalendarDate;
  controllerId: string;
  kind: string;
  currency: string;
  openCents: bigint;
  overdueCents: bigint;
  currentCents: bigint;
  bucket1Cents: bigint;
  bucket31Cents: bigint;
  bucket61Cents: bigint;
  bucket91Cents: bigint;
  openInvoices: number;
};

/**
 * The open position at the end of each date: an invoice counts from its issue date, minus what
 * was paid on or before that date, aged by its due date on that date.
 */
export function positionsAt(dates: CalendarDate[], invoices: SnapshotInvoice[]): PositionRow[] {
  const rows = new Map<string, PositionRow>();
  for (const date of dates) {
    for (const inv of invoices) {
      if (inv.issueDate > date) continue;
      let open = inv.amountCents;
      for (const p of inv.paid) if (p.date <= date) open -= p.cents;
      if (open <= 0n) continue;
      const key = `${date}|${inv.controllerId}|${inv.kind}|${inv.currency}`;
      let row = rows.get(key);
      if (!row) {
        row = { date, controllerId: inv.controllerId, kind: inv.kind, currency: inv.currency, openCents: 0n, overdueCents: 0n, currentCents: 0n, bucket1Cents: 0n, bucket31Cents: 0n, bucket61Cents: 0n, bucket91Cents: 0n, openInvoices: 0 };
        rows.set(key, row);
      }
      const late = daysBetween(inv.dueDate, date);
      row.openCents += open;
      row.openInvoices += 1;
      if (late <= 0) row.currentCents += open;
      else {
        row.overdueCents += open;
        if (late <= 30) row.bucket1Cents += open;
        else if (late <= 60) row.bucket31Cents += open;
        else if (late <= 90) row.bucket61Cents += open;
        else row.bucket91Cents += open;
      }
    }
  }
  return [...rows.values()];
}

/** Calendar-month blocks back from `end`: the current month to date first, then whole months. */
export function monthBlocks(end: CalendarDate, count: number): Array<{ from: CalendarDate; to: CalendarDate; days: number }> {
  const blocks: Array<{ from: CalendarDate; to: CalendarDate; days: number }> = [];
  let to = end;
  for (let i = 0; i < count; i++) {
    const from = `${to.slice(0, 7)}-01`;
    blocks.push({ from, to, days: daysBetween(from, to) + 1 });
    to = addDays(from, -1);
  }
  return blocks;
}

/**
 * DSO by count-back: take the receivables at the end date and walk back month by month, taking
 * each month's sales in full while the receivables exceed them, then the fraction of the month
 * that is left. Returns days with one decimal; null without sales to count back against.
 * Example: AR 150, sales this month (20 days) 100, last month (31 days) 100 -> 20 + 31 × 0.5 = 35.5.
 */
export function dsoCountBack(arCents: bigint, months: Array<{ days: number; salesCents: bigint }>): number | null {
  if (arCents <= 0n) return 0;
  let left = arCents;
  let days = 0;
  let anySales = false;
  for (const m of months) {
    if (m.salesCents <= 0n) {
      days += m.days;
      continue;
    }
    anySales = true;
    if (left > m.salesCents) {
      left -= m.salesCents;
      days += m.days;
    } else {
      // fraction in tenths of a day without floating point: days × left / sales
      const tenths = (BigInt(m.days) * left * 10n + m.salesCents / 2n) / m.salesCents;
      return Math.round((days + Number(tenths) / 10) * 10) / 10;
    }
  }
  return anySales ? days : null;
}

/**
 * Collection effectiveness index over a period, in percent:
 * (begin AR + sales − end AR) / (begin AR + sales − end current AR) × 100.
 * 100 means everything collectable was collected. Null when nothing was collectable.
 */
export function collectionEffectiveness(input: { beginArCents: bigint; salesCents: bigint; endArCents: bigint; endCurrentCents: bigint }): number | null {
  const collectable = input.beginArCents + input.salesCents - input.endCurrentCents;
  if (collectable <= 0n) return null;
  const collected = input.beginArCents + input.salesCents - input.endArCents;
  return Number((collected * 1000n + collectable / 2n) / collectable) / 10;
}
