import { assertCan, type Actor } from "@/lib/auth/guards";
import { can, canWriteDebtor } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { centsToNumber } from "@/lib/format/money";
import { daysOverdue } from "./aging";

/** paid: nothing open; credit: a credit note; otherwise the worst that applies. */
export type InvoiceStatus = "paid" | "credit" | "disputed" | "overdue" | "open";

export type InvoicePaymentRow = {
  allocationId: string;
  paymentId: string;
  valueDate: CalendarDate;
  method: string;
  reference: string | null;
  /** what the payment settled on this invoice (negative on a reversal) */
  amountCents: number;
  /** costs | interest | principal */
  kind: string;
  /** the bank reversed this payment later */
  isReversed: boolean;
  /** this is the counter-booking of a reversed payment */
  isReversal: boolean;
};

export type InvoiceDisputeRow = { id: string; status: string; reason: string; description: string | null; disputedCents: number; openedOn: CalendarDate; resolvedOn: CalendarDate | null };

export type InvoiceDunningRow = { id: string; sentAt: string; level: number; stepCode: string | null; channel: string; subject: string | null; hasLetter: boolean; interestCents: number; costsCents: number; payByDate: CalendarDate | null; otherInvoiceCount: number };

export type InvoiceAgreementRow = { id: string; kind: string; status: string; totalCents: number; currency: string; createdAt: string; instalmentCount: number; createdBy: string };

export type InvoiceAuditRow = { id: string; action: string; at: string; actor: string | null };

export type InvoiceDetail = {
  id: string;
  number: string;
  description: string | null;
  debtor: { id: string; name: string; customerNumber: string; assignedControllerId: string | null };
  /** whether the actor may send the debtor something about it (a copy): calls on this debtor */
  canSend: boolean;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  amountCents: number;
  /** open principal */
  openCents: number;
  costsOpenCents: number;
  interestOpenCents: number;
  status: InvoiceStatus;
  dunningLevel: number;
  lastDunnedOn: CalendarDate | null;
  /** 0 when not yet due or nothing open */
  daysOverdue: number;
  payments: InvoicePaymentRow[];
  disputes: InvoiceDisputeRow[];
  dunning: InvoiceDunningRow[];
  agreements: InvoiceAgreementRow[];
  audit: InvoiceAuditRow[];
};

/** Longer than any id we issue: not an invoice, and not worth a query. */
const MAX_ID_LENGTH = 64;
/** The letters and messages shown; an invoice older than this many rungs is a file for the archive. */
const DUNNING_SHOWN = 50;
const AUDIT_SHOWN = 30;

/**
 * One invoice with everything that happened to it: the money received, disputes, the dunning
 * letters and messages that named it, the promises and plans that cover it and its audit trail.
 * Every role that may read debtors may read this (reading is not portfolio-bound). Null when
 * there is no such invoice.
 */
export async function getInvoiceDetail(db: DbOrTx, actor: Actor, invoiceId: string, today: CalendarDate): Promise<InvoiceDetail | null> {
  assertCan(actor, "debtors:read");
  if (invoiceId.length === 0 || invoiceId.length > MAX_ID_LENGTH) return null;
  const inv = await db.invoice.findUnique({
    where: { id: invoiceId },
    include: {
      debtor: { select: { id: true, name: true, customerNumber: true, assignedControllerId: true } },
      allocations: {
        select: {
          id: true,
          amountCents: true,
          kind: true,
          createdAt: true,
          payment: { select: { id: true, valueDate: true, method: true, reference: true, reversedAt: true, reversalOfId: true } },
        },
      },
      disputes: { orderBy: { openedOn: "desc" }, select: { id: true, status: true, reason: true, description: true, disputedCents: true, openedOn: true, resolvedOn: true } },
      agreementInvoices: {
        select: {
          agreement: {
            select: { id: true, kind: true, status: true, totalCents: true, currency: true, createdAt: true, createdBy: { select: { name: true } }, _count: { select: { instalments: true } } },
          },
        },
      },
    },
  });
  if (!inv) return null;

  // A dunning message covers all of a debtor's items at once and names them in a list.
  const [messages, audit] = await Promise.all([
    db.dunningCommunication.findMany({
      where: { debtorId: inv.debtorId, invoiceNumbers: { contains: inv.number } },
      orderBy: { sentAt: "desc" },
      take: DUNNING_SHOWN * 2,
      select: { id: true, sentAt: true, level: true, stepCode: true, channel: true, subject: true, content: true, invoiceNumbers: true, interestCents: true, costsCents: true, payByDate: true },
    }),
    db.auditLog.findMany({
      where: { entity: "Invoice", entityId: inv.id },
      orderBy: { createdAt: "desc" },
      take: AUDIT_SHOWN,
      select: { id: true, action: true, createdAt: true, actor: { select: { name: true } } },
    }),
  ]);
  const numbersOf = (list: string) => list.split(",").map((n) => n.trim()).filter(Boolean);

  const openCents = centsToNumber(inv.openCents);
  const costsOpenCents = centsToNumber(inv.costsOpenCents);
  const interestOpenCents = centsToNumber(inv.interestOpenCents);
  const overdue = openCents > 0 ? Math.max(0, daysOverdue(inv.dueDate, today)) : 0;
  const hasOpenDispute = inv.disputes.some((d) => d.status === "open");
  const status: InvoiceStatus =
    inv.amountCents < 0n ? "credit" : openCents + costsOpenCents + interestOpenCents <= 0 ? "paid" : hasOpenDispute ? "disputed" : overdue > 0 ? "overdue" : "open";

  return {
    id: inv.id,
    number: inv.number,
    description: inv.description,
    debtor: inv.debtor,
    canSend: can(actor.role, "calls:write") && canWriteDebtor(actor, inv.debtor),
    issueDate: inv.issueDate,
    dueDate: inv.dueDate,
    currency: inv.currency,
    amountCents: centsToNumber(inv.amountCents),
    openCents,
    costsOpenCents,
    interestOpenCents,
    status,
    dunningLevel: inv.dunningLevel,
    lastDunnedOn: inv.lastDunnedOn,
    daysOverdue: overdue,
    payments: inv.allocations
      .map((a) => ({
        allocationId: a.id,
        paymentId: a.payment.id,
        valueDate: a.payment.valueDate,
        method: a.payment.method,
        reference: a.payment.reference,
        amountCents: centsToNumber(a.amountCents),
        kind: a.kind,
        isReversed: a.payment.reversedAt !== null,
        isReversal: a.payment.reversalOfId !== null,
        createdAt: a.createdAt.getTime(),
      }))
      .sort((a, b) => a.valueDate.localeCompare(b.valueDate) || a.createdAt - b.createdAt)
      .map(({ createdAt: _createdAt, ...row }) => row),
    disputes: inv.disputes.map((d) => ({ id: d.id, status: d.status, reason: d.reason, description: d.description, disputedCents: centsToNumber(d.disputedCents), openedOn: d.openedOn, resolvedOn: d.resolvedOn })),
    dunning: messages
      .filter((m) => numbersOf(m.invoiceNumbers).includes(inv.number))
      .slice(0, DUNNING_SHOWN)
      .map((m) => ({
        id: m.id,
        sentAt: m.sentAt.toISOString(),
        level: m.level,
        stepCode: m.stepCode,
        channel: m.channel,
        subject: m.subject,
        hasLetter: !!m.content && m.channel === "letter",
        interestCents: centsToNumber(m.interestCents),
        costsCents: centsToNumber(m.costsCents),
        payByDate: m.payByDate,
        otherInvoiceCount: numbersOf(m.invoiceNumbers).length - 1,
      })),
    agreements: inv.agreementInvoices
      .map(({ agreement: a }) => ({ id: a.id, kind: a.kind, status: a.status, totalCents: centsToNumber(a.totalCents), currency: a.currency, createdAt: a.createdAt.toISOString(), instalmentCount: a._count.instalments, createdBy: a.createdBy.name }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    audit: audit.map((a) => ({ id: a.id, action: a.action, at: a.createdAt.toISOString(), actor: a.actor?.name ?? null })),
  };
}
