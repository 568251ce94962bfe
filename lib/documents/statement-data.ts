import type { DbOrTx } from "@/lib/db/client";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { DomainError } from "@/lib/errors/domain-error";
import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { daysOverdue } from "@/lib/invoices/aging";
import { findDocumentDebtor, type DocumentDebtor, type DocumentLanguage } from "./document-debtor";

/** How far back the statement lists the payments received. */
export const STATEMENT_PAYMENT_DAYS = 90;

export type StatementInvoice = {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: bigint;
  openCents: bigint;
  /** a dispute holds it (open, or a credit note is expected) */
  isDisputed: boolean;
  /** what the disputes cover, at most what is open */
  disputedCents: bigint;
};
export type StatementPayment = { valueDate: CalendarDate; reference: string | null; amountCents: bigint };

/** One currency's part of the statement; amounts never mix currencies. */
export type StatementCurrency = {
  currency: string;
  /** invoices with principal open, oldest due first */
  invoices: StatementInvoice[];
  /** collection costs and interest booked on the invoices and not yet paid */
  costsCents: bigint;
  interestCents: bigint;
  /** open credit notes, as a positive amount */
  creditNoteCents: bigint;
  /** money received and not allocated to any invoice, as a positive amount */
  unallocatedCents: bigint;
  /** received in the last STATEMENT_PAYMENT_DAYS days up to the statement date (a reversal negative) */
  payments: StatementPayment[];
};

export type StatementData = { language: DocumentLanguage; date: CalendarDate; debtor: DocumentDebtor; currencies: StatementCurrency[] };

export type StatementTotals = {
  notYetDueCents: bigint;
  /** overdue principal plus the booked costs and interest (due at once) */
  overdueCents: bigint;
  openCents: bigint;
  creditCents: bigint;
  balanceCents: bigint;
  /** the disputed part of the overdue invoices: not asked for while the dispute holds */
  disputedOverdueCents: bigint;
  /** what the statement asks to be paid now: overdue, less what is disputed, less the credit */
  payNowCents: bigint;
};

export function statementTotals(c: StatementCurrency, date: CalendarDate): StatementTotals {
  let notYetDueCents = 0n;
  let overduePrincipal = 0n;
  let disputedOverdueCents = 0n;
  for (const i of c.invoices) {
    if (daysOverdue(i.dueDate, date) > 0) {
      overduePrincipal += i.openCents;
      disputedOverdueCents += i.disputedCents;
    } else notYetDueCents += i.openCents;
  }
  const overdueCents = overduePrincipal + c.costsCents + c.interestCents;
  const openCents = notYetDueCents + overdueCents;
  const creditCents = c.creditNoteCents + c.unallocatedCents;
  const payNow = overdueCents - disputedOverdueCents - creditCents;
  return { notYetDueCents, overdueCents, openCents, creditCents, balanceCents: openCents - creditCents, disputedOverdueCents, payNowCents: payNow > 0n ? payNow : 0n };
}

/** Per currency, what the statement asks to be paid now (currencies with nothing to pay left out). */
export function statementAmountsDue(data: StatementData): { currency: string; cents: bigint }[] {
  return data.currencies.map((c) => ({ currency: c.currency, cents: statementTotals(c, data.date).payNowCents })).filter((d) => d.cents > 0n);
}

const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);

/**
 * Everything a statement of account shows for one debtor on `today`, per currency. Credit is
 * what the debtor's balance nets (open credit notes, as recomputeDebtorBalances does) plus the
 * unallocated rest of their payments (a payment and its reversal cancel out).
 */
export async function loadStatementData(db: DbOrTx, ids: { debtorId: string }, ctx: { today: CalendarDate }): Promise<StatementData> {
  const debtor = await findDocumentDebtor(db, ids.debtorId);
  if (!debtor) throw new DomainError("not_found");
  const since = addDays(ctx.today, -STATEMENT_PAYMENT_DAYS);
  const [items, paid, recent] = await Promise.all([
    db.invoice.findMany({
      where: { debtorId: debtor.id, OR: [{ openCents: { not: 0n } }, { costsOpenCents: { gt: 0n } }, { interestOpenCents: { gt: 0n } }] },
      orderBy: [{ dueDate: "asc" }, { number: "asc" }],
      select: {
        number: true, issueDate: true, dueDate: true, currency: true, amountCents: true, openCents: true, costsOpenCents: true, interestOpenCents: true,
        disputes: { where: { status: { in: [...DISPUTE_HOLDS] } }, select: { disputedCents: true } },
      },
    }),
    db.payment.groupBy({ by: ["currency"], where: { debtorId: debtor.id }, _sum: { amountCents: true } }),
    db.payment.findMany({
      where: { debtorId: debtor.id, valueDate: { gte: since, lte: ctx.today } },
      orderBy: [{ valueDate: "asc" }, { createdAt: "asc" }],
      select: { currency: true, valueDate: true, reference: true, amountCents: true },
    }),
  ]);
  const allocated = new Map(
    await Promise.all(
      paid.map(async (p) => {
        const a = await db.paymentAllocation.aggregate({ where: { payment: { debtorId: debtor.id, currency: p.currency } }, _sum: { amountCents: true } });
        return [p.currency, a._sum.amountCents ?? 0n] as const;
      }),
    ),
  );

  const currencies = new Set([...items.map((i) => i.currency), ...paid.map((p) => p.currency), ...recent.map((p) => p.currency)]);
  const sections: StatementCurrency[] = [];
  for (const currency of currencies) {
    const mine = items.filter((i) => i.currency === currency);
    const received = paid.find((p) => p.currency === currency)?._sum.amountCents ?? 0n;
    // More allocated than received cannot be a credit (only a data error); it is not shown as one.
    const unallocated = received - (allocated.get(currency) ?? 0n);
    const section: StatementCurrency = {
      currency,
      invoices: mine
        .filter((i) => i.openCents > 0n)
        .map((i) => {
          const disputed = sum(i.disputes.map((d) => d.disputedCents));
          return {
            number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, amountCents: i.amountCents, openCents: i.openCents,
            isDisputed: i.disputes.length > 0, disputedCents: disputed < i.openCents ? disputed : i.openCents,
          };
        }),
      costsCents: sum(mine.map((i) => i.costsOpenCents)),
      interestCents: sum(mine.map((i) => i.interestOpenCents)),
      creditNoteCents: -sum(mine.filter((i) => i.openCents < 0n).map((i) => i.openCents)),
      unallocatedCents: unallocated > 0n ? unallocated : 0n,
      payments: recent.filter((p) => p.currency === currency).map((p) => ({ valueDate: p.valueDate, reference: p.reference, amountCents: p.amountCents })),
    };
    const isEmpty = section.invoices.length === 0 && section.costsCents === 0n && section.interestCents === 0n && section.creditNoteCents === 0n && section.unallocatedCents === 0n && section.payments.length === 0;
    if (!isEmpty) sections.push(section);
  }
  // The debtor's own currency first, then the others alphabetically.
  sections.sort((a, b) => (a.currency === debtor.currency ? -1 : b.currency === debtor.currency ? 1 : a.currency.localeCompare(b.currency)));
  return { language: debtor.language, date: ctx.today, debtor, currencies: sections };
}
