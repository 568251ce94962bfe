import type { DbOrTx } from "@/lib/db/client";
import { centsToNumber } from "@/lib/format/money";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { daysOverdue } from "./aging";

export type OpenInvoiceRow = {
  id: string;
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  amountCents: number;
  openCents: number;
  daysOverdue: number;
  dunningLevel: number;
  disputedCents: number;
  hasOpenPromise: boolean;
};

export type OpenPosition = {
  invoices: OpenInvoiceRow[];
  openCents: number;
  overdueCents: number;
  disputedCents: number;
  oldest: OpenInvoiceRow | null;
};

/** The debtor's open invoices (oldest first) with dispute and promise flags, and the totals. */
export async function getOpenPosition(db: DbOrTx, debtorId: string, today: CalendarDate): Promise<OpenPosition> {
  const rows = await db.invoice.findMany({
    where: { debtorId, openCents: { gt: 0 } },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    select: {
      id: true,
      number: true,
      issueDate: true,
      dueDate: true,
      currency: true,
      amountCents: true,
      openCents: true,
      dunningLevel: true,
      disputes: { where: { status: "open" }, select: { disputedCents: true } },
      agreementInvoices: { where: { agreement: { status: "open" } }, select: { agreementId: true } },
    },
  });
  const invoices = rows.map((r) => ({
    id: r.id,
    number: r.number,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    currency: r.currency,
    amountCents: centsToNumber(r.amountCents),
    openCents: centsToNumber(r.openCents),
    daysOverdue: daysOverdue(r.dueDate, today),
    dunningLevel: r.dunningLevel,
    // A dispute never covers more than what is still open on the invoice.
    disputedCents: Math.min(centsToNumber(r.openCents), r.disputes.reduce((s, d) => s + centsToNumber(d.disputedCents), 0)),
    hasOpenPromise: r.agreementInvoices.length > 0,
  }));
  const overdue = invoices.filter((i) => i.daysOverdue > 0);
  return {
    invoices,
    openCents: invoices.reduce((s, i) => s + i.openCents, 0),
    overdueCents: overdue.reduce((s, i) => s + i.openCents, 0),
    disputedCents: invoices.reduce((s, i) => s + i.disputedCents, 0),
    oldest: overdue[0] ?? invoices[0] ?? null,
  };
}
