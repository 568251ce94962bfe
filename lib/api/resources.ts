import { likeText, type DbOrTx, type DbProvider, type Prisma } from "@/lib/db/client";
import { pageOf, type Page } from "./cursor";

/**
 * The records as the REST API shows them: stable field names, amounts as strings of integer
 * cents (64-bit values survive every JSON parser as strings), calendar dates as "YYYY-MM-DD",
 * instants as ISO 8601 UTC. Read-only and cross-domain by purpose, like the timeline: it
 * represents; the use cases write. Every list is cursor-paged in id order.
 */
const cents = (v: bigint | null) => (v === null ? null : v.toString());
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const containsText = (q: string, provider: DbProvider) => ({ contains: likeText(q, provider), ...(provider === "postgresql" ? { mode: "insensitive" as const } : {}) });
const after = (cursor: string | undefined) => (cursor ? { id: { gt: cursor } } : {});

// ---------------------------------------------------------------- debtors

const DEBTOR = {
  id: true, customerNumber: true, name: true, kind: true, language: true, email: true, phone: true, street: true, postalCode: true, city: true, country: true,
  kvkNumber: true, iban: true, paymentTermDays: true, currency: true, creditLimitCents: true, creditHold: true, assignedControllerId: true, isDunningPaused: true,
  customerSince: true, openCents: true, openInvoiceCount: true, oldestOpenDueDate: true, openDisputeCount: true, version: true, createdAt: true, updatedAt: true,
} as const;
type DebtorRow = Prisma.DebtorGetPayload<{ select: typeof DEBTOR }>;

function debtorDto(d: DebtorRow) {
  return {
    id: d.id, customerNumber: d.customerNumber, name: d.name, kind: d.kind, language: d.language, email: d.email, phone: d.phone,
    address: { street: d.street, postalCode: d.postalCode, city: d.city, country: d.country },
    kvkNumber: d.kvkNumber, iban: d.iban, paymentTermDays: d.paymentTermDays, currency: d.currency, creditLimitCents: cents(d.creditLimitCents), creditHold: d.creditHold,
    assignedControllerId: d.assignedControllerId, isDunningPaused: d.isDunningPaused, customerSince: d.customerSince,
    balance: { openCents: cents(d.openCents), openInvoiceCount: d.openInvoiceCount, oldestOpenDueDate: d.oldestOpenDueDate, openDisputeCount: d.openDisputeCount },
    version: d.version, createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt),
  };
}
export type DebtorDto = ReturnType<typeof debtorDto>;
export type DebtorFilter = { q?: string; customerNumber?: string; assignedControllerId?: string; kind?: "b2b" | "consumer"; hasOpenItems?: boolean; updatedSince?: Date; cursor?: string; limit: number };

export async function listDebtorResources(db: DbOrTx, f: DebtorFilter, provider: DbProvider): Promise<Page<DebtorDto>> {
  const where: Prisma.DebtorWhereInput = {
    ...after(f.cursor),
    ...(f.q ? { OR: [{ name: containsText(f.q, provider) }, { customerNumber: f.q }] } : {}),
    ...(f.customerNumber ? { customerNumber: f.customerNumber } : {}),
    ...(f.assignedControllerId ? { assignedControllerId: f.assignedControllerId } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.hasOpenItems === undefined ? {} : f.hasOpenItems ? { openInvoiceCount: { gt: 0 } } : { openInvoiceCount: 0 }),
    ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}),
  };
  const rows = await db.debtor.findMany({ where, orderBy: { id: "asc" }, take: f.limit + 1, select: DEBTOR });
  return pageOf(rows, f.limit, (r) => r.id, debtorDto);
}

export async function findDebtorResource(db: DbOrTx, id: string): Promise<DebtorDto | null> {
  const row = await db.debtor.findUnique({ where: { id }, select: DEBTOR });
  return row ? debtorDto(row) : null;
}

// ---------------------------------------------------------------- contacts

const CONTACT = { id: true, debtorId: true, name: true, jobTitle: true, role: true, phone: true, mobile: true, email: true, isPrimaryForPayments: true, version: true, createdAt: true, updatedAt: true } as const;
type ContactRow = Prisma.ContactGetPayload<{ select: typeof CONTACT }>;
const contactDto = (c: ContactRow) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) });
export type ContactDto = ReturnType<typeof contactDto>;

export async function listContactResources(db: DbOrTx, f: { debtorId?: string; email?: string; updatedSince?: Date; cursor?: string; limit: number }): Promise<Page<ContactDto>> {
  const rows = await db.contact.findMany({
    where: { ...after(f.cursor), ...(f.debtorId ? { debtorId: f.debtorId } : {}), ...(f.email ? { email: f.email.toLowerCase() } : {}), ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}) },
    orderBy: { id: "asc" },
    take: f.limit + 1,
    select: CONTACT,
  });
  return pageOf(rows, f.limit, (r) => r.id, contactDto);
}

export async function findContactResource(db: DbOrTx, id: string): Promise<ContactDto | null> {
  const row = await db.contact.findUnique({ where: { id }, select: CONTACT });
  return row ? contactDto(row) : null;
}

// ---------------------------------------------------------------- invoices

const INVOICE = { id: true, debtorId: true, number: true, issueDate: true, dueDate: true, currency: true, amountCents: true, openCents: true, costsOpenCents: true, interestOpenCents: true, dunningLevel: true, lastDunnedOn: true, description: true, createdAt: true, updatedAt: true } as const;
type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof INVOICE }>;
function invoiceDto(i: InvoiceRow) {
  const isCredit = i.amountCents < 0n;
  return {
    id: i.id, debtorId: i.debtorId, number: i.number, type: isCredit ? "credit_note" : "invoice", issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency,
    amountCents: cents(i.amountCents), openCents: cents(i.openCents), costsOpenCents: cents(i.costsOpenCents), interestOpenCents: cents(i.interestOpenCents),
    status: i.openCents === 0n ? "closed" : "open", dunningLevel: i.dunningLevel, lastDunnedOn: i.lastDunnedOn, description: i.description, createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt),
  };
}
export type InvoiceDto = ReturnType<typeof invoiceDto>;
export type InvoiceFilter = { debtorId?: string; number?: string; status?: "open" | "closed"; dueBefore?: string; dueFrom?: string; updatedSince?: Date; cursor?: string; limit: number };

export async function listInvoiceResources(db: DbOrTx, f: InvoiceFilter): Promise<Page<InvoiceDto>> {
  const where: Prisma.InvoiceWhereInput = {
    ...after(f.cursor),
    ...(f.debtorId ? { debtorId: f.debtorId } : {}),
    ...(f.number ? { number: f.number } : {}),
    ...(f.status === "open" ? { openCents: { not: 0n } } : f.status === "closed" ? { openCents: 0n } : {}),
    ...(f.dueBefore || f.dueFrom ? { dueDate: { ...(f.dueBefore ? { lt: f.dueBefore } : {}), ...(f.dueFrom ? { gte: f.dueFrom } : {}) } } : {}),
    ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}),
  };
  const rows = await db.invoice.findMany({ where, orderBy: { id: "asc" }, take: f.limit + 1, select: INVOICE });
  return pageOf(rows, f.limit, (r) => r.id, invoiceDto);
}

export async function findInvoiceResource(db: DbOrTx, id: string): Promise<InvoiceDto | null> {
  const row = await db.invoice.findUnique({ where: { id }, select: INVOICE });
  return row ? invoiceDto(row) : null;
}

// ---------------------------------------------------------------- payments

const PAYMENT = {
  id: true, debtorId: true, amountCents: true, currency: true, valueDate: true, method: true, reference: true, source: true, reversedAt: true, reversalOfId: true, createdAt: true,
  allocations: { select: { invoiceId: true, kind: true, amountCents: true }, orderBy: { createdAt: "asc" } },
} as const;
type PaymentRow = Prisma.PaymentGetPayload<{ select: typeof PAYMENT }>;
const paymentDto = (p: PaymentRow) => ({
  id: p.id, debtorId: p.debtorId, amountCents: cents(p.amountCents), currency: p.currency, valueDate: p.valueDate, method: p.method, reference: p.reference, source: p.source,
  reversedAt: iso(p.reversedAt), reversalOfId: p.reversalOfId, allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, kind: a.kind, amountCents: cents(a.amountCents) })), createdAt: iso(p.createdAt),
});
export type PaymentDto = ReturnType<typeof paymentDto>;

export async function listPaymentResources(db: DbOrTx, f: { debtorId?: string; valueDateFrom?: string; valueDateTo?: string; cursor?: string; limit: number }): Promise<Page<PaymentDto>> {
  const rows = await db.payment.findMany({
    where: { ...after(f.cursor), ...(f.debtorId ? { debtorId: f.debtorId } : {}), ...(f.valueDateFrom || f.valueDateTo ? { valueDate: { ...(f.valueDateFrom ? { gte: f.valueDateFrom } : {}), ...(f.valueDateTo ? { lte: f.valueDateTo } : {}) } } : {}) },
    orderBy: { id: "asc" },
    take: f.limit + 1,
    select: PAYMENT,
  });
  return pageOf(rows, f.limit, (r) => r.id, paymentDto);
}

export async function findPaymentResource(db: DbOrTx, id: string): Promise<PaymentDto | null> {
  const row = await db.payment.findUnique({ where: { id }, select: PAYMENT });
  return row ? paymentDto(row) : null;
}

// ---------------------------------------------------------------- agreements

const AGREEMENT = {
  id: true, debtorId: true, callLogId: true, kind: true, status: true, totalCents: true, currency: true, method: true, needsApproval: true, approvedById: true, createdById: true, createdAt: true, updatedAt: true,
  instalments: { select: { seq: true, dueDate: true, amountCents: true, status: true, paidCents: true }, orderBy: { seq: "asc" } },
  invoices: { select: { invoiceId: true } },
} as const;
type AgreementRow = Prisma.AgreementGetPayload<{ select: typeof AGREEMENT }>;
const agreementDto = (a: AgreementRow) => ({
  id: a.id, debtorId: a.debtorId, callId: a.callLogId, kind: a.kind, status: a.status, totalCents: cents(a.totalCents), currency: a.currency, method: a.method,
  needsApproval: a.needsApproval, approved: a.approvedById !== null, createdById: a.createdById,
  instalments: a.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountCents: cents(i.amountCents), status: i.status, paidCents: cents(i.paidCents) })),
  invoiceIds: a.invoices.map((i) => i.invoiceId).sort(), createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt),
});
export type AgreementDto = ReturnType<typeof agreementDto>;

export async function listAgreementResources(db: DbOrTx, f: { debtorId?: string; status?: string; kind?: string; cursor?: string; limit: number }): Promise<Page<AgreementDto>> {
  const rows = await db.agreement.findMany({
    where: { ...after(f.cursor), ...(f.debtorId ? { debtorId: f.debtorId } : {}), ...(f.status ? { status: f.status } : {}), ...(f.kind ? { kind: f.kind } : {}) },
    orderBy: { id: "asc" },
    take: f.limit + 1,
    select: AGREEMENT,
  });
  return pageOf(rows, f.limit, (r) => r.id, agreementDto);
}

export async function findAgreementResource(db: DbOrTx, id: string): Promise<AgreementDto | null> {
  const row = await db.agreement.findUnique({ where: { id }, select: AGREEMENT });
  return row ? agreementDto(row) : null;
}

// ---------------------------------------------------------------- tasks

const TASK = { id: true, debtorId: true, type: true, status: true, dueAt: true, assigneeId: true, note: true, agreementId: true, snoozedUntil: true, completedAt: true, createdAt: true, updatedAt: true } as const;
type TaskRow = Prisma.TaskGetPayload<{ select: typeof TASK }>;
const taskDto = (t: TaskRow) => ({ ...t, dueAt: iso(t.dueAt), snoozedUntil: iso(t.snoozedUntil), completedAt: iso(t.completedAt), createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) });
export type TaskDto = ReturnType<typeof taskDto>;

export async function listTaskResources(db: DbOrTx, f: { debtorId?: string; assigneeId?: string; status?: string; type?: string; dueBefore?: Date; cursor?: string; limit: number }): Promise<Page<TaskDto>> {
  const rows = await db.task.findMany({
    where: { ...after(f.cursor), ...(f.debtorId ? { debtorId: f.debtorId } : {}), ...(f.assigneeId ? { assigneeId: f.assigneeId } : {}), ...(f.status ? { status: f.status } : {}), ...(f.type ? { type: f.type } : {}), ...(f.dueBefore ? { dueAt: { lt: f.dueBefore } } : {}) },
    orderBy: { id: "asc" },
    take: f.limit + 1,
    select: TASK,
  });
  return pageOf(rows, f.limit, (r) => r.id, taskDto);
}
