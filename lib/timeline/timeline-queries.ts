import type { DbOrTx } from "@/lib/db/client";
import { centsToNumber } from "@/lib/format/money";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { openPrincipalAfter, settledInvoices, type SettledInvoice } from "./payment-settlement";

/**
 * The shared timeline of one debtor: everything colleagues need before they speak to the
 * customer. It reads the records of several domains (calls, agreements, payments, disputes,
 * dunning, e-mail) because its whole purpose is to put them side by side; it never writes.
 */
export const TIMELINE_KINDS = ["call", "agreement", "payment", "dispute", "dunning", "email"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

type Base = { id: string; at: string };
export type TimelineEntry =
  | (Base & {
      kind: "call";
      /** call | note | incoming_call | incoming_email | outgoing_email */
      channel: string;
      author: string;
      outcome: string | null;
      spokeWith: string | null;
      phoneUsed: string | null;
      reasonCategory: string | null;
      reasonText: string | null;
      notes: string;
    })
  | (Base & {
      kind: "agreement";
      agreementKind: string;
      status: string;
      totalCents: number;
      currency: string;
      author: string;
      instalments: { seq: number; dueDate: CalendarDate; amountCents: number; status: string }[];
    })
  | (Base & {
      kind: "payment";
      amountCents: number;
      currency: string;
      valueDate: CalendarDate;
      reference: string | null;
      method: string;
      /** manual | bank_import | import */
      source: string;
      /** when the payment was undone (the bank's storno, or by hand); null while it stands */
      reversedAt: string | null;
      /** on a counter-booking: the payment it undoes (its amount and invoices are negative/reopened) */
      reversalOfId: string | null;
      /** what it settled per invoice; on a counter-booking, what it reopened */
      invoices: SettledInvoice[];
      /** money not put on any invoice */
      unallocatedCents: number;
    })
  | (Base & { kind: "dispute"; invoiceNumber: string; reason: string; status: string; disputedCents: number; currency: string; description: string | null })
  | (Base & { kind: "dunning"; level: number; channel: string; invoiceNumbers: string; subject: string | null })
  | (Base & { kind: "email"; subject: string; toAddress: string; status: string; attachments: string[]; retry: { nextAttemptAt: string; attempts: number; lastError: string | null } | null });

/** Where a page of the timeline ended: the last entry's instant and id (the order is at desc, id desc). */
export type TimelineCursor = { at: string; id: string };
const newestFirst = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Calendar-date events sort at midday so they fall between the instants of that day. */
const dateKey = (d: CalendarDate) => `${d}T12:00:00.000Z`;

export async function listTimeline(
  db: DbOrTx,
  debtorId: string,
  opts: { kinds?: readonly TimelineKind[]; limit?: number; before?: TimelineCursor } = {},
): Promise<TimelineEntry[]> {
  const kinds = new Set(opts.kinds?.length ? opts.kinds : TIMELINE_KINDS);
  const take = opts.limit ?? 100;
  const b = opts.before;
  // Entries strictly after the cursor in the order (at desc, id desc), per source in SQL.
  const instantBefore = <K extends string>(field: K) => (b ? { OR: [{ [field]: { lt: new Date(b.at) } }, { [field]: new Date(b.at), id: { lt: b.id } }] } : {});
  const dateBefore = <K extends string>(field: K) => {
    if (!b) return {};
    const day = b.at.slice(0, 10);
    const key = dateKey(day);
    if (b.at > key) return { [field]: { lte: day } };
    if (b.at < key) return { [field]: { lt: day } };
    return { OR: [{ [field]: { lt: day } }, { [field]: day, id: { lt: b.id } }] };
  };
  const [calls, agreements, payments, disputes, dunning, emails] = await Promise.all([
    kinds.has("call")
      ? db.callLog.findMany({
          where: { debtorId, status: "final", ...instantBefore("startedAt") },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          take,
        })
      : [],
    kinds.has("agreement")
      ? db.agreement.findMany({
          where: { debtorId, ...instantBefore("createdAt") },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take,
          include: { instalments: { orderBy: { seq: "asc" } } },
        })
      : [],
    kinds.has("payment")
      ? db.payment.findMany({
          where: { debtorId, ...dateBefore("valueDate") },
          orderBy: [{ valueDate: "desc" }, { id: "desc" }],
          take,
          include: { allocations: { select: { invoiceId: true, kind: true, amountCents: true, invoice: { select: { number: true, openCents: true } } } } },
        })
      : [],
    kinds.has("dispute")
      ? db.dispute.findMany({
          where: { debtorId, ...dateBefore("openedOn") },
          orderBy: [{ openedOn: "desc" }, { id: "desc" }],
          take,
        })
      : [],
    kinds.has("dunning") ? db.dunningCommunication.findMany({ where: { debtorId, ...instantBefore("sentAt") }, orderBy: [{ sentAt: "desc" }, { id: "desc" }], take }) : [],
    kinds.has("email") ? db.emailOutbox.findMany({ where: { debtorId, status: { not: "draft" }, ...instantBefore("createdAt") }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }) : [],
  ]);
  // The names, invoice numbers and attachments in a second round, each only when something needs
  // it: a nested select sends its query even for no rows, and the authors of calls and
  // agreements are one lookup.
  const authorIds = [...new Set([...calls.map((c) => c.authorId), ...agreements.map((a) => a.createdById)])];
  const disputedIds = [...new Set(disputes.map((d) => d.invoiceId))];
  const [settled, authors, disputedInvoices, attachments] = await Promise.all([
    settlementsOf(db, payments),
    authorIds.length ? db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [],
    disputedIds.length ? db.invoice.findMany({ where: { id: { in: disputedIds } }, select: { id: true, number: true, currency: true } }) : [],
    emails.length ? db.emailAttachment.findMany({ where: { emailId: { in: emails.map((e) => e.id) } }, select: { emailId: true, filename: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) : [],
  ]);
  const nameOf = new Map(authors.map((u) => [u.id, u.name]));
  const invoiceOf = new Map(disputedInvoices.map((i) => [i.id, i]));
  const filesOf = new Map<string, string[]>();
  for (const a of attachments) filesOf.set(a.emailId, [...(filesOf.get(a.emailId) ?? []), a.filename]);

  const entries: TimelineEntry[] = [
    ...calls.map((c) => ({
      kind: "call" as const,
      id: c.id,
      at: c.startedAt.toISOString(),
      channel: c.channel,
      author: nameOf.get(c.authorId) ?? "",
      outcome: c.outcome,
      spokeWith: c.spokeWith,
      phoneUsed: c.phoneUsed,
      reasonCategory: c.reasonCategory,
      reasonText: c.reasonText,
      notes: c.notes,
    })),
    ...agreements.map((a) => ({
      kind: "agreement" as const,
      id: a.id,
      at: a.createdAt.toISOString(),
      agreementKind: a.kind,
      status: a.status,
      totalCents: centsToNumber(a.totalCents),
      currency: a.currency,
      author: nameOf.get(a.createdById) ?? "",
      instalments: a.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountCents: centsToNumber(i.amountCents), status: i.status })),
    })),
    ...payments.map((p) => ({
      kind: "payment" as const,
      id: p.id,
      at: dateKey(p.valueDate),
      amountCents: centsToNumber(p.amountCents),
      currency: p.currency,
      valueDate: p.valueDate,
      reference: p.reference,
      method: p.method,
      source: p.source,
      reversedAt: p.reversedAt?.toISOString() ?? null,
      reversalOfId: p.reversalOfId,
      invoices: settled.get(p.id) ?? [],
      unallocatedCents: centsToNumber(p.amountCents - p.allocations.reduce((sum, a) => sum + a.amountCents, 0n)),
    })),
    ...disputes.map((d) => ({
      kind: "dispute" as const,
      id: d.id,
      at: dateKey(d.openedOn),
      invoiceNumber: invoiceOf.get(d.invoiceId)?.number ?? "",
      reason: d.reason,
      status: d.status,
      disputedCents: centsToNumber(d.disputedCents),
      currency: invoiceOf.get(d.invoiceId)?.currency ?? "",
      description: d.description,
    })),
    ...dunning.map((c) => ({
      kind: "dunning" as const,
      id: c.id,
      at: c.sentAt.toISOString(),
      level: c.level,
      channel: c.channel,
      invoiceNumbers: c.invoiceNumbers,
      subject: c.subject,
    })),
    ...emails.map((e) => ({
      kind: "email" as const,
      id: e.id,
      at: e.createdAt.toISOString(),
      subject: e.subject,
      toAddress: e.toAddress,
      status: e.status,
      attachments: filesOf.get(e.id) ?? [],
      // A message the mail server has not taken yet: when the outbox tries again, and why it waits.
      retry: e.status === "pending" && e.attempts > 0 ? { nextAttemptAt: e.nextAttemptAt.toISOString(), attempts: e.attempts, lastError: e.lastError } : null,
    })),
  ];
  return entries.sort(newestFirst).slice(0, take);
}

type PaymentWithAllocations = { id: string; createdAt: Date; reversalOfId: string | null; allocations: { invoiceId: string; kind: string; amountCents: bigint; invoice: { number: string; openCents: bigint } }[] };

/**
 * Per payment, the invoices it settled (a counter-booking: reopened). Whether an invoice was only
 * partly paid is read from what is open now and what later payments and reversals moved since.
 */
async function settlementsOf(db: DbOrTx, payments: PaymentWithAllocations[]): Promise<Map<string, SettledInvoice[]>> {
  const invoiceIds = [...new Set(payments.filter((p) => !p.reversalOfId).flatMap((p) => p.allocations.filter((a) => a.kind === "principal").map((a) => a.invoiceId)))];
  const principal = invoiceIds.length
    ? (await db.paymentAllocation.findMany({ where: { invoiceId: { in: invoiceIds }, kind: "principal" }, select: { invoiceId: true, paymentId: true, amountCents: true, payment: { select: { createdAt: true } } } })).map((a) => ({
        invoiceId: a.invoiceId,
        paymentId: a.paymentId,
        amountCents: a.amountCents,
        createdAt: a.payment.createdAt,
      }))
    : [];
  const out = new Map<string, SettledInvoice[]>();
  for (const p of payments) {
    const allocations = p.allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceNumber: a.invoice.number, kind: a.kind, amountCents: a.amountCents }));
    const openNow = new Map(p.allocations.map((a) => [a.invoiceId, a.invoice.openCents] as const));
    out.set(p.id, settledInvoices(allocations, p.reversalOfId ? new Map() : openPrincipalAfter(p, openNow, principal)));
  }
  return out;
}
