import type { DbOrTx } from "@/lib/db/client";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { daysOverdue } from "@/lib/invoices/aging";
import { findDocumentDebtor, type DocumentDebtor, type DocumentLanguage } from "./document-debtor";

/** One amount a payment settled on the invoice (negative on a reversal). */
export type InvoiceCopyPayment = { valueDate: CalendarDate; reference: string | null; kind: "principal" | "costs" | "interest"; amountCents: bigint };

export type InvoiceCopyData = {
  language: DocumentLanguage;
  /** the day the copy is made */
  date: CalendarDate;
  debtor: DocumentDebtor;
  invoice: {
    id: string;
    number: string;
    issueDate: CalendarDate;
    dueDate: CalendarDate;
    description: string | null;
    currency: string;
    amountCents: bigint;
    /** open principal */
    openCents: bigint;
    costsOpenCents: bigint;
    interestOpenCents: bigint;
  };
  payments: InvoiceCopyPayment[];
  /** disputes that hold the invoice; `creditExpected`: found justified, a credit note follows */
  dispute: { disputedCents: bigint; creditExpected: boolean } | null;
};

export type InvoiceCopyTotals = {
  paidCents: bigint;
  /** principal, costs and interest still open (negative: a credit note's credit) */
  totalOpenCents: bigint;
  /** days past the due date with something open; 0 otherwise */
  daysOverdue: number;
  /** what a payment instruction asks for: open and overdue, less the disputed part */
  payNowCents: bigint;
};

export function invoiceCopyTotals(data: InvoiceCopyData): InvoiceCopyTotals {
  const i = data.invoice;
  const totalOpenCents = i.openCents + i.costsOpenCents + i.interestOpenCents;
  const overdue = totalOpenCents > 0n ? Math.max(0, daysOverdue(i.dueDate, data.date)) : 0;
  const payNow = overdue > 0 ? totalOpenCents - (data.dispute?.disputedCents ?? 0n) : 0n;
  return { paidCents: data.payments.reduce((s, p) => s + p.amountCents, 0n), totalOpenCents, daysOverdue: overdue, payNowCents: payNow > 0n ? payNow : 0n };
}

const KINDS = new Set(["principal", "costs", "interest"]);

/** One invoice as recorded, with what was paid on it and its debtor, for a copy made on `today`. */
export async function loadInvoiceCopyData(db: DbOrTx, ids: { invoiceId: string }, ctx: { today: CalendarDate }): Promise<InvoiceCopyData> {
  const inv = await db.invoice.findUnique({
    where: { id: ids.invoiceId },
    select: {
      id: true, debtorId: true, number: true, issueDate: true, dueDate: true, description: true, currency: true, amountCents: true, openCents: true, costsOpenCents: true, interestOpenCents: true,
      allocations: { select: { amountCents: true, kind: true, createdAt: true, payment: { select: { valueDate: true, reference: true } } } },
      disputes: { where: { status: { in: [...DISPUTE_HOLDS] } }, select: { disputedCents: true, status: true } },
    },
  });
  if (!inv) throw new DomainError("not_found");
  const debtor = await findDocumentDebtor(db, inv.debtorId);
  if (!debtor) throw new DomainError("not_found");
  // A dispute never covers more than the principal still open.
  const disputed = inv.disputes.reduce((s, d) => s + d.disputedCents, 0n);
  const cap = inv.openCents > 0n ? inv.openCents : 0n;
  const { allocations, disputes, debtorId: _debtorId, ...invoice } = inv;
  return {
    language: debtor.language,
    date: ctx.today,
    debtor,
    invoice,
    payments: allocations
      .slice()
      .sort((a, b) => a.payment.valueDate.localeCompare(b.payment.valueDate) || a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) => ({ valueDate: a.payment.valueDate, reference: a.payment.reference, kind: KINDS.has(a.kind) ? (a.kind as InvoiceCopyPayment["kind"]) : "principal", amountCents: a.amountCents })),
    dispute: disputes.length ? { disputedCents: disputed < cap ? disputed : cap, creditExpected: disputes.every((d) => d.status === "credit_expected") } : null,
  };
}
