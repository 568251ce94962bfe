import type { DbOrTx } from "@/lib/db/client";
import { awaitingApproval } from "./send-summary";
import { addDays, calendarDateIn, type CalendarDate } from "@/lib/format/calendar-date";
import { paymentBehaviour, type PaymentBehaviour, type SettledInvoice } from "@/lib/debtors/payment-behaviour";

/** What the call panel needs beyond the debtor page's position: the draft, behaviour, numbers used. */

export type CallDraft = {
  id: string;
  version: number;
  startedAt: string;
  contactId: string | null;
  spokeWith: string | null;
  phoneUsed: string | null;
  outcome: string | null;
  reasonCategory: string | null;
  reasonText: string | null;
  notes: string;
  excuseUsed: string | null;
  /** the result being recorded, as the form keeps it (JSON) */
  draftResult: string | null;
};

/** The user's open draft call on this debtor (a reload or a crash resumes it). */
export async function findOwnDraft(db: DbOrTx, debtorId: string, userId: string): Promise<CallDraft | null> {
  const c = await db.callLog.findFirst({ where: { debtorId, authorId: userId, status: "draft" }, orderBy: { startedAt: "desc" } });
  if (!c) return null;
  return {
    id: c.id,
    version: c.version,
    startedAt: c.startedAt.toISOString(),
    contactId: c.contactId,
    spokeWith: c.spokeWith,
    phoneUsed: c.phoneUsed,
    outcome: c.outcome,
    reasonCategory: c.reasonCategory,
    reasonText: c.reasonText,
    notes: c.notes,
    excuseUsed: c.excuseUsed,
    draftResult: c.draftResult,
  };
}

export type SummaryDraft = {
  id: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  body: string;
  status: string;
  lastError: string | null;
  contactId: string | null;
  /** the call's plan waits for a manager: the confirmation is held until it is approved */
  awaitingApproval: boolean;
};

/**
 * Summary e-mails of this debtor still to send, on their way, not delivered (no SMTP / failed),
 * or just sent by this user (the confirmation stays in view for a few minutes).
 */
export async function listSummaryDrafts(db: DbOrTx, debtorId: string, userId: string, now = new Date()): Promise<SummaryDraft[]> {
  const rows = await db.emailOutbox.findMany({
    where: {
      debtorId,
      kind: "agreement_summary",
      OR: [
        { status: "draft", createdById: userId },
        { status: { in: ["failed", "not_configured", "pending", "sending"] } },
        { status: "sent", createdById: userId, sentAt: { gte: new Date(now.getTime() - 10 * 60_000) } },
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  if (rows.length === 0) return [];
  const contacts = await db.contact.findMany({ where: { debtorId, email: { in: rows.map((r) => r.toAddress) } }, select: { id: true, email: true } });
  const waiting = await awaitingApproval(db, rows.filter((r) => r.status === "draft").map((r) => r.idempotencyKey));
  return rows.map((r) => ({
    id: r.id,
    toAddress: r.toAddress,
    toName: r.toName,
    subject: r.subject,
    body: r.body,
    status: r.status,
    lastError: r.lastError,
    contactId: contacts.find((c) => c.email === r.toAddress)?.id ?? null,
    awaitingApproval: waiting.has(r.idempotencyKey),
  }));
}

/** Payment behaviour over the last year, from allocations (when each invoice was settled). */
export async function getPaymentBehaviour(db: DbOrTx, debtorId: string, today: CalendarDate): Promise<PaymentBehaviour> {
  const since = addDays(today, -365);
  const [settled, agreements, payments] = await Promise.all([
    listSettledSince(db, debtorId, since),
    db.agreement.findMany({ where: { debtorId, createdAt: { gte: new Date(`${since}T00:00:00Z`) } }, select: { status: true } }),
    db.payment.findMany({ where: { debtorId }, orderBy: [{ valueDate: "desc" }, { amountCents: "desc" }], take: 1, select: { valueDate: true, amountCents: true } }),
  ]);
  return paymentBehaviour({ today, settled, agreements, payments });
}

/**
 * The debtor's invoices paid in full whose last payment has a value date on or after `since`, each
 * with the day it was settled (that last payment's value date), oldest due first. One statement
 * (through the nested relations it took three: invoices, their allocations, those payments).
 */
export async function listSettledSince(db: DbOrTx, debtorId: string, since: CalendarDate): Promise<SettledInvoice[]> {
  const rows = await db.$queryRaw<{ dueDate: string; amountCents: unknown; paidOn: string }[]>`
    SELECT i."dueDate" AS "dueDate", i."amountCents" AS "amountCents", MAX(p."valueDate") AS "paidOn"
    FROM "Invoice" i
    JOIN "PaymentAllocation" a ON a."invoiceId" = i."id"
    JOIN "Payment" p ON p."id" = a."paymentId"
    WHERE i."debtorId" = ${debtorId} AND i."openCents" = 0
    GROUP BY i."id", i."dueDate", i."amountCents"
    HAVING MAX(p."valueDate") >= ${since}
    ORDER BY i."dueDate", i."id"`;
  return rows.map((r) => ({ dueDate: r.dueDate, paidOn: r.paidOn, amountCents: BigInt(String(r.amountCents)) }));
}

/** Numbers used on earlier attempts, newest first, with when and whether someone answered. */
export async function listNumbersUsed(db: DbOrTx, debtorId: string, timeZone: string): Promise<Array<{ phone: string; lastUsedOn: CalendarDate; lastOutcome: string | null }>> {
  const calls = await db.callLog.findMany({
    where: { debtorId, status: "final", phoneUsed: { not: null } },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: { phoneUsed: true, startedAt: true, outcome: true },
  });
  const seen = new Map<string, { phone: string; lastUsedOn: CalendarDate; lastOutcome: string | null }>();
  for (const c of calls) if (!seen.has(c.phoneUsed!)) seen.set(c.phoneUsed!, { phone: c.phoneUsed!, lastUsedOn: calendarDateIn(c.startedAt, timeZone), lastOutcome: c.outcome });
  return [...seen.values()].slice(0, 5);
}
