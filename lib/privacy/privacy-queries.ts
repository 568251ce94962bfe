import { Prisma, type DbOrTx } from "@/lib/db/client";
import { centsToDecimal } from "@/lib/export/table-export";
import { erasureBlockers, isErasedName, type ClaimState, type ErasureBlocker } from "./erasure-rules";
import { makeScrubber, wordsOf, type Scrubber } from "./scrub";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";

/**
 * Reads for the data-subject rights (GDPR art. 15 and 17). A person's data is spread over every
 * domain's tables (calls, e-mails, letters, payments, the audit log), and finding all of it is
 * this module's one purpose, so it reads those tables itself, as the timeline does; it never
 * writes (erase.ts does, in one transaction).
 */

/** Money in the export: a decimal string and its currency, never a float. */
export type Money = { amount: string; currency: string };
const money = (cents: bigint, currency: string): Money => ({ amount: centsToDecimal(cents), currency });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type ContactData = {
  id: string; name: string; role: string; jobTitle: string | null; email: string | null; phone: string | null; mobile: string | null;
  preferredCallTimes: unknown; isPrimaryForPayments: boolean; createdAt: string; updatedAt: string;
};
export type DebtorData = {
  id: string; customerNumber: string; name: string; kind: string; language: string; email: string | null; phone: string | null;
  street: string | null; postalCode: string | null; city: string | null; country: string; iban: string | null; kvkNumber: string | null;
  customerSince: string; paymentTermDays: number; currency: string; notes: string | null; createdAt: string; updatedAt: string;
};
export type CallData = { id: string; startedAt: string; endedAt: string | null; outcome: string | null; spokeWith: string | null; phoneUsed: string | null; reasonCategory: string | null; reasonText: string | null; notes: string };
export type EmailData = { id: string; createdAt: string; sentAt: string | null; status: string; kind: string; toAddress: string; toName: string | null; subject: string; body: string };
export type DunningData = {
  id: string; sentAt: string; level: number; channel: string; subject: string | null; invoiceNumbers: string[];
  principal: Money; interest: Money; costs: Money; payByDate: string | null; letter: unknown;
};
export type AgreementData = {
  id: string; createdAt: string; kind: string; status: string; total: Money; method: string; invoiceNumbers: string[];
  instalments: { seq: number; dueDate: string; amount: Money; paid: Money; status: string }[];
};
export type PaymentData = { id: string; valueDate: string; amount: Money; method: string; reference: string | null; source: string; reversedAt: string | null };
export type InvoiceData = { number: string; issueDate: string; dueDate: string; amount: Money; open: Money; costsOpen: Money; interestOpen: Money; description: string | null };
export type DisputeData = { id: string; invoiceNumber: string; openedOn: string; resolvedOn: string | null; reason: string; status: string; disputed: Money; description: string | null };
export type TaskData = { id: string; type: string; dueAt: string; status: string; note: string | null; createdAt: string; completedAt: string | null };
export type BankLineData = { id: string; valueDate: string; amount: Money; counterpartyName: string | null; counterpartyIban: string | null; description: string };
export type AuditData = { at: string; action: string; entity: string; entityId: string; data: unknown };

/**
 * Everything held about one person, as the JSON export gives it: stable field names, instants as
 * ISO 8601 (UTC), calendar dates as YYYY-MM-DD, amounts as decimal strings with their currency.
 */
export type AccessExport = {
  format: "dunning-workbench/access-export";
  version: 1;
  generatedAt: string;
  subject: { type: "contact" | "consumer_debtor"; id: string; erased: boolean };
  /** the contact's own record (a contact export) */
  contact: ContactData | null;
  /** the company the contact works for (a contact export): only what places the person */
  company: { customerNumber: string; name: string } | null;
  /** the consumer's own record (a consumer export) */
  debtor: DebtorData | null;
  /** the consumer's contact records (a consumer export) */
  contacts: ContactData[];
  calls: CallData[];
  emails: EmailData[];
  dunning: DunningData[];
  agreements: AgreementData[];
  payments: PaymentData[];
  invoices: InvoiceData[];
  disputes: DisputeData[];
  tasks: TaskData[];
  bankLines: BankLineData[];
  auditLog: AuditData[];
};

export const ACCESS_SECTIONS = ["calls", "emails", "dunning", "agreements", "payments", "invoices", "disputes", "tasks", "bankLines", "auditLog"] as const;
export type AccessSection = (typeof ACCESS_SECTIONS)[number];

type ContactRowDb = { id: string; name: string; role: string; jobTitle: string | null; email: string | null; phone: string | null; mobile: string | null; preferredCallTimes: string | null; isPrimaryForPayments: boolean; createdAt: Date; updatedAt: Date };
const contactData = (c: ContactRowDb): ContactData => ({
  id: c.id, name: c.name, role: c.role, jobTitle: c.jobTitle, email: c.email, phone: c.phone, mobile: c.mobile,
  preferredCallTimes: parseJson(c.preferredCallTimes), isPrimaryForPayments: c.isPrimaryForPayments, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
});

/** Stored JSON as data (a letter's tagged cents become decimal strings); text that is no JSON stays text. */
function parseJson(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw, (_k, v: unknown) => (v && typeof v === "object" && "$cents" in v && typeof v.$cents === "string" ? centsToDecimal(BigInt(v.$cents)) : v));
  } catch {
    return raw;
  }
}

const lower = (list: readonly (string | null | undefined)[]) => [...new Set(list.filter((s): s is string => Boolean(s?.trim())).map((s) => s.trim().toLowerCase()))];
/** Exact-match variants for an `in` filter (SQLite and PostgreSQL compare case-sensitively). */
const addressVariants = (emails: readonly string[]) => [...new Set(emails.flatMap((e) => [e, e.toLowerCase()]))];

/** The claim against the debtor, and the e-mails still queued to these addresses (or all of the debtor's with `debtorWide`). */
export async function claimState(db: DbOrTx, debtorId: string, queued: { emails: readonly (string | null)[]; debtorWide: boolean }): Promise<ClaimState> {
  const emails = lower(queued.emails);
  const [debtor, openItems, openAgreements, openDisputes, queuedRows] = await Promise.all([
    db.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { openCents: true } }),
    db.invoice.count({ where: { debtorId, OR: [{ openCents: { not: 0n } }, { costsOpenCents: { gt: 0n } }, { interestOpenCents: { gt: 0n } }] } }),
    db.agreement.count({ where: { debtorId, status: "open" } }),
    db.dispute.count({ where: { debtorId, status: { in: [...DISPUTE_HOLDS] } } }),
    db.emailOutbox.findMany({
      where: { status: { in: ["pending", "sending"] }, OR: [{ debtorId }, ...(emails.length ? [{ toAddress: { in: addressVariants(emails) } }] : [])] },
      select: { toAddress: true, debtorId: true },
    }),
  ]);
  const queuedEmails = queuedRows.filter((r) => (queued.debtorWide && r.debtorId === debtorId) || emails.includes(r.toAddress.trim().toLowerCase())).length;
  return { openCents: debtor.openCents, openItems, openAgreements, openDisputes, queuedEmails };
}

export type PrivacySubject = { type: "contact" | "consumer_debtor"; id: string; name: string; isErased: boolean; blockers: ErasureBlocker[] };
export type PrivacyOverview = { consumer: PrivacySubject | null; contacts: PrivacySubject[] };

/** The data subjects on a debtor's page, each with what stands in the way of erasing them. */
export async function getPrivacyOverview(db: DbOrTx, debtorId: string): Promise<PrivacyOverview | null> {
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, select: { id: true, name: true, kind: true, email: true, contacts: { orderBy: [{ isPrimaryForPayments: "desc" }, { name: "asc" }], select: { id: true, name: true, email: true } } } });
  if (!debtor) return null;
  const isConsumer = debtor.kind === "consumer";
  const contacts = await Promise.all(
    debtor.contacts.map(async (c) => ({ type: "contact" as const, id: c.id, name: c.name, isErased: isErasedName(c.name), blockers: erasureBlockers(await claimState(db, debtor.id, { emails: [c.email], debtorWide: false })) })),
  );
  const consumer: PrivacySubject | null = isConsumer
    ? {
        type: "consumer_debtor", id: debtor.id, name: debtor.name, isErased: isErasedName(debtor.name),
        blockers: erasureBlockers(await claimState(db, debtor.id, { emails: [debtor.email, ...debtor.contacts.map((c) => c.email)], debtorWide: true })),
      }
    : null;
  return { consumer, contacts };
}

/** The words that must survive a contact's erasure: the company's name and the other contacts' names. */
export async function wordsToKeep(db: DbOrTx, debtor: { id: string; name: string; kind: string }, exceptContactId: string | null): Promise<Set<string>> {
  const others = await db.contact.findMany({ where: { debtorId: debtor.id, ...(exceptContactId ? { id: { not: exceptContactId } } : {}) }, select: { name: true } });
  return wordsOf([debtor.kind === "consumer" ? null : debtor.name, ...others.map((o) => o.name).filter((n) => !isErasedName(n))]);
}

const CALL_SELECT = { id: true, startedAt: true, endedAt: true, outcome: true, spokeWith: true, phoneUsed: true, reasonCategory: true, reasonText: true, notes: true, contactId: true } as const;
const EMAIL_SELECT = { id: true, createdAt: true, sentAt: true, status: true, kind: true, toAddress: true, toName: true, subject: true, body: true, debtorId: true } as const;
const AGREEMENT_INCLUDE = { instalments: { orderBy: { seq: "asc" as const } }, invoices: { select: { invoice: { select: { number: true } } } } };

type CallRow = { id: string; startedAt: Date; endedAt: Date | null; outcome: string | null; spokeWith: string | null; phoneUsed: string | null; reasonCategory: string | null; reasonText: string | null; notes: string };
const callData = (c: CallRow): CallData => ({ id: c.id, startedAt: c.startedAt.toISOString(), endedAt: iso(c.endedAt), outcome: c.outcome, spokeWith: c.spokeWith, phoneUsed: c.phoneUsed, reasonCategory: c.reasonCategory, reasonText: c.reasonText, notes: c.notes });
type EmailRow = { id: string; createdAt: Date; sentAt: Date | null; status: string; kind: string; toAddress: string; toName: string | null; subject: string; body: string };
const emailData = (e: EmailRow): EmailData => ({ id: e.id, createdAt: e.createdAt.toISOString(), sentAt: iso(e.sentAt), status: e.status, kind: e.kind, toAddress: e.toAddress, toName: e.toName, subject: e.subject, body: e.body });
type AgreementRow = { id: string; createdAt: Date; kind: string; status: string; totalCents: bigint; currency: string; method: string; instalments: { seq: number; dueDate: string; amountCents: bigint; paidCents: bigint; status: string }[]; invoices: { invoice: { number: string } }[] };
const agreementData = (a: AgreementRow): AgreementData => ({
  id: a.id, createdAt: a.createdAt.toISOString(), kind: a.kind, status: a.status, total: money(a.totalCents, a.currency), method: a.method, invoiceNumbers: a.invoices.map((i) => i.invoice.number).sort(),
  instalments: a.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amount: money(i.amountCents, a.currency), paid: money(i.paidCents, a.currency), status: i.status })),
});

/** Tables outside a debtor's file where a person's details can end up in a text column. */
type MentionTable = { table: "AuditLog"; column: "data" } | { table: "ImportRun"; column: "details" } | { table: "ApiIdempotency"; column: "body" };

/**
 * Ids of the rows whose text holds one of the terms, case-blind on both databases (Prisma's
 * `contains` is case-sensitive on PostgreSQL, and its `mode` option does not exist on SQLite).
 */
export async function idsMentioning(db: DbOrTx, where: MentionTable, terms: readonly string[]): Promise<string[]> {
  if (terms.length === 0) return [];
  const column = Prisma.raw(`"${where.table}"."${where.column}"`);
  // lower() on SQLite folds ASCII only: the term as written is tried as well.
  const conditions = terms.map((t) => Prisma.sql`(lower(${column}) LIKE ${`%${t.toLowerCase()}%`} OR ${column} LIKE ${`%${t}%`})`);
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${Prisma.raw(`"${where.table}"`)} WHERE ${Prisma.join(conditions, " OR ")}`;
  return rows.map((r) => r.id);
}

/** Audit entries about these records, or whose data names the person. */
async function auditAbout(db: DbOrTx, refs: { entity: string; ids: string[] }[], scrub: Scrubber): Promise<AuditData[]> {
  const byRef = refs.filter((r) => r.ids.length).map((r) => ({ entity: r.entity, entityId: { in: r.ids } }));
  const mentioning = await idsMentioning(db, { table: "AuditLog", column: "data" }, scrub.searchTerms);
  const rows = await db.auditLog.findMany({
    where: { OR: [...byRef, ...(mentioning.length ? [{ id: { in: mentioning } }] : [])] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { createdAt: true, action: true, entity: true, entityId: true, data: true },
  });
  return rows.map((r) => ({ at: r.createdAt.toISOString(), action: r.action, entity: r.entity, entityId: r.entityId, data: parseJson(r.data) }));
}

const emptyExport = (subject: AccessExport["subject"], now: Date): AccessExport => ({
  format: "dunning-workbench/access-export", version: 1, generatedAt: now.toISOString(), subject,
  contact: null, company: null, debtor: null, contacts: [], calls: [], emails: [], dunning: [], agreements: [], payments: [], invoices: [], disputes: [], tasks: [], bankLines: [], auditLog: [],
});

/**
 * What is held about one contact: their record; the calls where they were the contact or are
 * named (who was spoken to, the notes); the e-mails to their address or naming them; the
 * agreements made in those calls; and the audit entries about these or naming them. The
 * company's invoices and payments are the company's, not the person's.
 */
export async function getContactAccess(db: DbOrTx, contactId: string, now: Date): Promise<AccessExport | null> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, include: { debtor: { select: { id: true, customerNumber: true, name: true, kind: true } } } });
  if (!contact) return null;
  const keep = await wordsToKeep(db, contact.debtor, contact.id);
  const scrub = makeScrubber({ names: [contact.name], emails: [contact.email], phones: [contact.phone, contact.mobile] }, { keepWords: keep });
  const emails = lower([contact.email]);
  const [calls, emailRows] = await Promise.all([
    db.callLog.findMany({ where: { debtorId: contact.debtorId, status: "final" }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: CALL_SELECT }),
    db.emailOutbox.findMany({ where: { OR: [{ debtorId: contact.debtorId }, ...(emails.length ? [{ toAddress: { in: addressVariants(emails) } }] : [])] }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: EMAIL_SELECT }),
  ]);
  const theirCalls = calls.filter((c) => c.contactId === contact.id || [c.spokeWith, c.phoneUsed, c.notes, c.reasonText].some((s) => scrub.hasTrace(s)));
  const theirEmails = emailRows.filter((e) => emails.includes(e.toAddress.trim().toLowerCase()) || (e.debtorId === contact.debtorId && [e.toName, e.subject, e.body].some((s) => scrub.hasTrace(s))));
  const agreements = theirCalls.length ? await db.agreement.findMany({ where: { callLogId: { in: theirCalls.map((c) => c.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: AGREEMENT_INCLUDE }) : [];
  const auditLog = await auditAbout(db, [
    { entity: "contact", ids: [contact.id] },
    { entity: "call", ids: theirCalls.map((c) => c.id) },
    { entity: "email", ids: theirEmails.map((e) => e.id) },
    { entity: "agreement", ids: agreements.map((a) => a.id) },
  ], scrub);
  return {
    ...emptyExport({ type: "contact", id: contact.id, erased: isErasedName(contact.name) }, now),
    contact: contactData(contact),
    company: { customerNumber: contact.debtor.customerNumber, name: contact.debtor.name },
    calls: theirCalls.map(callData),
    emails: theirEmails.map(emailData),
    agreements: agreements.map(agreementData),
    auditLog,
  };
}

/** Whether the debtor is a person (a consumer): a company is not a data subject, its contacts are. */
export async function findDebtorKind(db: DbOrTx, debtorId: string): Promise<string | null> {
  return (await db.debtor.findUnique({ where: { id: debtorId }, select: { kind: true } }))?.kind ?? null;
}

/** What is held about a consumer debtor: the whole file, for all of it is about them. */
export async function getConsumerAccess(db: DbOrTx, debtorId: string, now: Date): Promise<AccessExport | null> {
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, include: { contacts: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
  if (!debtor || debtor.kind !== "consumer") return null;
  const scrub = consumerScrubber(debtor, debtor.contacts);
  const emails = lower([debtor.email, ...debtor.contacts.map((c) => c.email)]);
  const byDebtor = { where: { debtorId } };
  const [calls, emailRows, dunning, agreements, payments, invoices, disputes, tasks] = await Promise.all([
    db.callLog.findMany({ where: { debtorId, status: "final" }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: CALL_SELECT }),
    db.emailOutbox.findMany({ where: { OR: [{ debtorId }, ...(emails.length ? [{ toAddress: { in: addressVariants(emails) } }] : [])] }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: EMAIL_SELECT }),
    db.dunningCommunication.findMany({ ...byDebtor, orderBy: [{ sentAt: "asc" }, { id: "asc" }] }),
    db.agreement.findMany({ ...byDebtor, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: AGREEMENT_INCLUDE }),
    db.payment.findMany({ ...byDebtor, orderBy: [{ valueDate: "asc" }, { id: "asc" }] }),
    db.invoice.findMany({ ...byDebtor, orderBy: [{ issueDate: "asc" }, { number: "asc" }] }),
    db.dispute.findMany({ ...byDebtor, orderBy: [{ openedOn: "asc" }, { id: "asc" }], include: { invoice: { select: { number: true, currency: true } } } }),
    db.task.findMany({ ...byDebtor, orderBy: [{ dueAt: "asc" }, { id: "asc" }] }),
  ]);
  const theirEmails = emailRows.filter((e) => e.debtorId === debtorId || emails.includes(e.toAddress.trim().toLowerCase()));
  const bankLines = await db.bankLine.findMany({
    where: { OR: [{ matchDebtorId: debtorId }, ...(payments.length ? [{ paymentId: { in: payments.map((p) => p.id) } }] : []), ...(debtor.iban ? [{ counterpartyIban: { in: ibanVariants(debtor.iban) } }] : [])] },
    orderBy: [{ valueDate: "asc" }, { id: "asc" }],
  });
  const auditLog = await auditAbout(db, [
    { entity: "debtor", ids: [debtor.id] },
    { entity: "contact", ids: debtor.contacts.map((c) => c.id) },
    { entity: "call", ids: calls.map((c) => c.id) },
    { entity: "email", ids: theirEmails.map((e) => e.id) },
    { entity: "agreement", ids: agreements.map((a) => a.id) },
    { entity: "payment", ids: payments.map((p) => p.id) },
    { entity: "task", ids: tasks.map((t) => t.id) },
    { entity: "dunningCommunication", ids: dunning.map((d) => d.id) },
    { entity: "bankLine", ids: bankLines.map((l) => l.id) },
  ], scrub);
  return {
    ...emptyExport({ type: "consumer_debtor", id: debtor.id, erased: isErasedName(debtor.name) }, now),
    debtor: {
      id: debtor.id, customerNumber: debtor.customerNumber, name: debtor.name, kind: debtor.kind, language: debtor.language, email: debtor.email, phone: debtor.phone,
      street: debtor.street, postalCode: debtor.postalCode, city: debtor.city, country: debtor.country, iban: debtor.iban, kvkNumber: debtor.kvkNumber,
      customerSince: debtor.customerSince, paymentTermDays: debtor.paymentTermDays, currency: debtor.currency, notes: debtor.notes, createdAt: debtor.createdAt.toISOString(), updatedAt: debtor.updatedAt.toISOString(),
    },
    contacts: debtor.contacts.map(contactData),
    calls: calls.map(callData),
    emails: theirEmails.map(emailData),
    dunning: dunning.map((d) => ({
      id: d.id, sentAt: d.sentAt.toISOString(), level: d.level, channel: d.channel, subject: d.subject, invoiceNumbers: d.invoiceNumbers.split(",").map((s) => s.trim()).filter(Boolean),
      principal: money(d.principalCents, debtor.currency), interest: money(d.interestCents, debtor.currency), costs: money(d.costsCents, debtor.currency), payByDate: d.payByDate, letter: parseJson(d.content),
    })),
    agreements: agreements.map(agreementData),
    payments: payments.map((p) => ({ id: p.id, valueDate: p.valueDate, amount: money(p.amountCents, p.currency), method: p.method, reference: p.reference, source: p.source, reversedAt: iso(p.reversedAt) })),
    invoices: invoices.map((i) => ({ number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, amount: money(i.amountCents, i.currency), open: money(i.openCents, i.currency), costsOpen: money(i.costsOpenCents, i.currency), interestOpen: money(i.interestOpenCents, i.currency), description: i.description })),
    disputes: disputes.map((d) => ({ id: d.id, invoiceNumber: d.invoice.number, openedOn: d.openedOn, resolvedOn: d.resolvedOn, reason: d.reason, status: d.status, disputed: money(d.disputedCents, d.invoice.currency), description: d.description })),
    tasks: tasks.map((t) => ({ id: t.id, type: t.type, dueAt: t.dueAt.toISOString(), status: t.status, note: t.note, createdAt: t.createdAt.toISOString(), completedAt: iso(t.completedAt) })),
    bankLines: bankLines.map((l) => ({ id: l.id, valueDate: l.valueDate, amount: money(l.amountCents, l.currency), counterpartyName: l.counterpartyName, counterpartyIban: l.counterpartyIban, description: l.description })),
    auditLog,
  };
}

/** An IBAN as banks write it: compact and in groups of four. */
export function ibanVariants(iban: string): string[] {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return [...new Set([iban, compact, compact.replace(/(.{4})(?!$)/g, "$1 ")])];
}

/** Every trace of a consumer: their name, addresses, numbers and identifiers, and their contacts'. */
export function consumerScrubber(
  debtor: { name: string; email: string | null; phone: string | null; street: string | null; postalCode: string | null; iban: string | null; kvkNumber: string | null },
  contacts: readonly { name: string; email: string | null; phone: string | null; mobile: string | null }[],
): Scrubber {
  const live = contacts.filter((c) => !isErasedName(c.name));
  return makeScrubber({
    names: [debtor.name, ...live.map((c) => c.name)].filter((n) => !isErasedName(n)),
    emails: [debtor.email, ...contacts.map((c) => c.email)],
    phones: [debtor.phone, ...contacts.flatMap((c) => [c.phone, c.mobile])],
    others: [debtor.street, debtor.postalCode, debtor.iban, debtor.kvkNumber],
  });
}
