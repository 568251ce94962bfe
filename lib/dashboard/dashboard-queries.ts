import type { DbOrTx, Prisma } from "@/lib/db/client";
import { centsToNumber } from "@/lib/db/money";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { AGING_BUCKETS, dueDateRange, type AgingBucket } from "@/lib/invoices/aging";

export type AgingRow = { bucket: AgingBucket; amountCents: number; count: number };
export type OverviewFigures = {
  openCents: number;
  overdueCents: number;
  aging: AgingRow[];
  debtorsOverdue: number;
  openDisputes: number;
};

/**
 * Open position by aging bucket (on the invoice's own due date), in one currency.
 * `controllerId` limits the figures to one portfolio.
 */
export async function getOverviewFigures(
  db: DbOrTx,
  today: CalendarDate,
  opts: { controllerId?: string; currency?: string } = {},
): Promise<OverviewFigures> {
  const debtorFilter: Prisma.DebtorWhereInput | undefined = opts.controllerId ? { assignedControllerId: opts.controllerId } : undefined;
  const base: Prisma.InvoiceWhereInput = {
    openCents: { gt: 0 },
    currency: opts.currency ?? "EUR",
    ...(debtorFilter ? { debtor: debtorFilter } : {}),
  };
  const aging = await Promise.all(
    AGING_BUCKETS.map(async (bucket) => {
      const { from, to } = dueDateRange(bucket, today);
      const agg = await db.invoice.aggregate({
        where: { ...base, dueDate: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } },
        _sum: { openCents: true },
        _count: { _all: true },
      });
      return { bucket, amountCents: centsToNumber(agg._sum.openCents), count: agg._count._all };
    }),
  );
  const [debtorsOverdue, openDisputes] = await Promise.all([
    db.debtor.count({ where: { ...(debtorFilter ?? {}), oldestOpenDueDate: { lt: today } } }),
    db.dispute.count({ where: { status: "open", ...(debtorFilter ? { debtor: debtorFilter } : {}) } }),
  ]);
  const openCents = aging.reduce((s, r) => s + r.amountCents, 0);
  const overdueCents = aging.filter((r) => r.bucket !== "current").reduce((s, r) => s + r.amountCents, 0);
  return { openCents, overdueCents, aging, debtorsOverdue, openDisputes };
}
