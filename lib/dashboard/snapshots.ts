import type { Db } from "@/lib/db/client";
import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { positionsAt, type SnapshotInvoice } from "./metrics";

/**
 * Daily snapshots of the receivables position. The app replaces today's rows every hour, so a
 * day's last snapshot is its closing position; earlier days are never rewritten, and trends read
 * from here do not change when invoices are paid later. The seed backfills past days from
 * payment value dates (attributed to today's controller assignment).
 */

/** Invoices that can be open on or after `earliest`: open now, or paid after that day. */
async function loadInvoices(db: Db, earliest: CalendarDate): Promise<SnapshotInvoice[]> {
  const rows = await db.invoice.findMany({
    where: { OR: [{ openCents: { gt: 0 } }, { allocations: { some: { payment: { valueDate: { gt: earliest } } } } }] },
    select: {
      issueDate: true,
      dueDate: true,
      currency: true,
      amountCents: true,
      debtor: { select: { assignedControllerId: true, kind: true } },
      allocations: { select: { amountCents: true, payment: { select: { valueDate: true } } } },
    },
  });
  return rows.map((r) => ({
    controllerId: r.debtor.assignedControllerId ?? "",
    kind: r.debtor.kind,
    currency: r.currency,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    amountCents: r.amountCents,
    paid: r.allocations.map((a) => ({ date: a.payment.valueDate, cents: a.amountCents })),
  }));
}

/** Computes and stores the position of each date, replacing what was stored for those dates. */
export async function takeSnapshots(db: Db, dates: CalendarDate[]): Promise<number> {
  if (dates.length === 0) return 0;
  const sorted = [...new Set(dates)].sort();
  const rows = positionsAt(sorted, await loadInvoices(db, sorted[0]!));
  await db.$transaction(async (tx) => {
    await tx.dailySnapshot.deleteMany({ where: { date: { in: sorted } } });
    for (let i = 0; i < rows.length; i += 1_000) await tx.dailySnapshot.createMany({ data: rows.slice(i, i + 1_000) });
  });
  return rows.length;
}

/** The days the seed backfills: the last 14 days, 13 week-ends and 13 month-ends. */
export function backfillDates(today: CalendarDate): CalendarDate[] {
  const dates = new Set<CalendarDate>();
  for (let i = 0; i < 14; i++) dates.add(addDays(today, -i));
  for (let i = 0; i < 13; i++) dates.add(addDays(today, -7 * i));
  let monthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
  for (let i = 0; i < 13; i++) {
    dates.add(monthEnd);
    monthEnd = addDays(`${monthEnd.slice(0, 7)}-01`, -1);
  }
  return [...dates].sort();
}
