import { z } from "zod";

/**
 * The shapes the API answers with, for the OpenAPI description; the API tests parse real answers
 * with them (strictly), so the description cannot drift from what is sent.
 */
const cents = z.string().regex(/^-?\d+$/).describe("integer amount in cents, as a string");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("calendar date YYYY-MM-DD");
const instant = z.string().describe("ISO 8601 instant, UTC");
const nullableText = z.string().nullable();

export const DebtorSchema = z.strictObject({
  id: z.string(), customerNumber: z.string(), name: z.string(), kind: z.enum(["b2b", "consumer"]), language: z.enum(["nl", "en"]), email: nullableText, phone: nullableText,
  address: z.strictObject({ street: nullableText, postalCode: nullableText, city: nullableText, country: z.string() }),
  kvkNumber: nullableText, iban: nullableText, paymentTermDays: z.number().int(), currency: z.string(), creditLimitCents: cents.nullable(), creditHold: z.boolean(),
  assignedControllerId: nullableText, isDunningPaused: z.boolean(), customerSince: date,
  balance: z.strictObject({ openCents: cents, openInvoiceCount: z.number().int(), oldestOpenDueDate: date.nullable(), openDisputeCount: z.number().int() }),
  version: z.number().int(), createdAt: instant, updatedAt: instant,
}).meta({ id: "Debtor" });

export const ContactSchema = z.strictObject({
  id: z.string(), debtorId: z.string(), name: z.string(), jobTitle: nullableText, role: z.enum(["accounts_payable", "buyer", "management", "other"]), phone: nullableText, mobile: nullableText,
  email: nullableText, isPrimaryForPayments: z.boolean(), version: z.number().int(), createdAt: instant, updatedAt: instant,
}).meta({ id: "Contact" });

export const InvoiceSchema = z.strictObject({
  id: z.string(), debtorId: z.string(), number: z.string(), type: z.enum(["invoice", "credit_note"]), issueDate: date, dueDate: date, currency: z.string(),
  amountCents: cents, openCents: cents, costsOpenCents: cents, interestOpenCents: cents, status: z.enum(["open", "closed"]), dunningLevel: z.number().int(),
  lastDunnedOn: date.nullable(), description: nullableText, createdAt: instant, updatedAt: instant,
}).meta({ id: "Invoice" });

export const PaymentSchema = z.strictObject({
  id: z.string(), debtorId: nullableText, amountCents: cents, currency: z.string(), valueDate: date, method: z.string(), reference: nullableText, source: z.string(),
  reversedAt: instant.nullable(), reversalOfId: nullableText,
  allocations: z.array(z.strictObject({ invoiceId: z.string(), kind: z.enum(["costs", "interest", "principal"]), amountCents: cents })),
  createdAt: instant,
}).meta({ id: "Payment" });

export const AgreementSchema = z.strictObject({
  id: z.string(), debtorId: z.string(), callId: nullableText, kind: z.enum(["promise", "plan"]), status: z.enum(["open", "kept", "broken", "cancelled", "superseded"]), totalCents: cents, currency: z.string(),
  method: z.string(), needsApproval: z.boolean(), approved: z.boolean(), createdById: z.string(),
  instalments: z.array(z.strictObject({ seq: z.number().int(), dueDate: date, amountCents: cents, status: z.enum(["open", "kept", "broken"]), paidCents: cents })),
  invoiceIds: z.array(z.string()), createdAt: instant, updatedAt: instant,
}).meta({ id: "Agreement" });

export const TaskSchema = z.strictObject({
  id: z.string(), debtorId: z.string(), type: z.string(), status: z.enum(["open", "done", "cancelled"]), dueAt: instant, assigneeId: nullableText, note: nullableText, agreementId: nullableText,
  snoozedUntil: instant.nullable(), completedAt: instant.nullable(), createdAt: instant, updatedAt: instant,
}).meta({ id: "Task" });

export const TimelineEntrySchema = z.looseObject({ id: z.string(), kind: z.enum(["call", "agreement", "payment", "dispute", "dunning", "email"]), at: instant }).describe("one entry; the other fields depend on kind").meta({ id: "TimelineEntry" });

export const EventSchema = z.strictObject({
  id: z.string().describe("unique per event: de-duplicate on it"), seq: z.number().int(), type: z.string(), debtorId: nullableText, occurredAt: instant, data: z.record(z.string(), z.unknown()),
}).meta({ id: "Event" });

export const MeSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["admin", "manager", "controller", "viewer"]), token: z.strictObject({ id: z.string(), scope: z.enum(["read", "write"]) }) }).meta({ id: "Me" });

export const ProblemSchema = z.looseObject({
  type: z.string(), title: z.string(), status: z.number().int(), code: z.string(), detail: z.string().optional(), errors: z.record(z.string(), z.array(z.string())).optional(), ref: z.string().optional(),
}).meta({ id: "Problem" });

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.strictObject({ data: z.array(item), nextCursor: z.string().nullable().describe("pass as ?cursor= for the next page; null on the last page") }).meta({ id: `${name}Page` });
}

export const ImportResultSchema = z.looseObject({ runId: z.string(), status: z.enum(["dry_run", "applied", "refused"]) }).meta({ id: "ImportResult" });
