import { z } from "zod";
import { CreateContactInput, CreateDebtorInput, UpdateContactInput, UpdateDebtorInput } from "@/lib/debtors/debtor-schemas";
import { EVENT_TYPES } from "@/lib/events/domain-events";
import { IMPORT_KINDS } from "@/lib/imports/import-fields";
import { CreateInvoiceInput, UpdateInvoiceInput } from "@/lib/invoices/invoice-schemas";
import { PAYMENT_METHODS } from "@/lib/payments/payment-schemas";
import { TIMELINE_KINDS } from "@/lib/timeline/timeline-queries";
import { dateField, idField, nullableTextField } from "@/lib/validation/fields";
import type { ApiOperation } from "./api-route";
import { AgreementSchema, ContactSchema, DebtorSchema, EventSchema, ImportResultSchema, InvoiceSchema, MeSchema, PaymentSchema, TaskSchema, TimelineEntrySchema, pageSchema } from "./schemas";

/**
 * Every operation of /api/v1 in one list: the route files attach the handlers, the OpenAPI
 * description and the reference page are built from it, and a test checks the two agree.
 */
const limit = z.coerce.number().int().min(1).max(200).default(50).describe("rows per page (1–200)");
const cursor = z.string().max(300).optional().describe("nextCursor of the previous page");
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const bool = z.enum(["true", "false"]).transform((v) => v === "true");
const page = { limit, cursor };

const debtorId = z.strictObject({ debtorId: idField });
const contactId = z.strictObject({ contactId: idField });
const invoiceId = z.strictObject({ invoiceId: idField });
const paymentId = z.strictObject({ paymentId: idField });
const agreementId = z.strictObject({ agreementId: idField });

/** The API's payment: amounts in cents (a number or a string of digits), like every API amount. */
export const CreatePaymentBody = z.strictObject({
  debtorId: idField,
  amountCents: z.union([z.number().int().safe(), z.string().trim().regex(/^\d{1,15}$/)]).transform((v) => BigInt(v)).refine((v) => v > 0n, { message: "payments.errors.amount" }),
  valueDate: dateField("payments.errors.date"),
  reference: nullableTextField(140).optional().transform((v) => v ?? null),
  method: z.enum(PAYMENT_METHODS).default("bank_transfer"),
  invoiceIds: z.array(idField).max(200).default([]).describe("invoices the payer named; the rest goes oldest first"),
  confirmEarlyValueDate: z.boolean().default(false).describe("a value date before the issue date of the invoice(s) it settles is refused unless confirmed"),
});

function op<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(o: ApiOperation<Q, P, B>): ApiOperation<Q, P, B> {
  return o;
}

export const OPERATIONS = {
  getMe: op({ operationId: "getMe", method: "GET", path: "/me", tag: "Tokens", summary: "The token's user, role and scope", scope: "read", permission: "profile:write", response: { status: 200, description: "who the token acts as", schema: MeSchema } }),

  listDebtors: op({
    operationId: "listDebtors", method: "GET", path: "/debtors", tag: "Debtors", summary: "List debtors", scope: "read", permission: "debtors:read",
    query: z.strictObject({ ...page, q: z.string().trim().max(100).optional().describe("part of the name, or the exact customer number"), customerNumber: z.string().max(40).optional(), assignedTo: z.string().max(64).optional().describe('a user id, or "me"'), kind: z.enum(["b2b", "consumer"]).optional(), hasOpenItems: bool.optional(), updatedSince: instant.optional() }),
    response: { status: 200, description: "a page of debtors", schema: pageSchema(DebtorSchema, "Debtor") },
  }),
  createDebtor: op({ operationId: "createDebtor", method: "POST", path: "/debtors", tag: "Debtors", summary: "Create a debtor", description: "Master data from the accounting package: needs the import permission (manager, admin).", scope: "write", permission: "imports:write", body: CreateDebtorInput, idempotency: "transaction", response: { status: 201, description: "the debtor", schema: DebtorSchema } }),
  getDebtor: op({ operationId: "getDebtor", method: "GET", path: "/debtors/{debtorId}", tag: "Debtors", summary: "Read a debtor", scope: "read", permission: "debtors:read", params: debtorId, response: { status: 200, description: "the debtor", schema: DebtorSchema } }),
  updateDebtor: op({ operationId: "updateDebtor", method: "PATCH", path: "/debtors/{debtorId}", tag: "Debtors", summary: "Change a debtor", description: "Only the fields sent change. Send `version` to refuse a change based on a stale read (409).", scope: "write", permission: "imports:write", params: debtorId, body: UpdateDebtorInput, response: { status: 200, description: "the debtor", schema: DebtorSchema } }),
  getDebtorTimeline: op({
    operationId: "getDebtorTimeline", method: "GET", path: "/debtors/{debtorId}/timeline", tag: "Debtors", summary: "A debtor's timeline, newest first", scope: "read", permission: "debtors:read", params: debtorId,
    query: z.strictObject({ ...page, kinds: z.string().max(100).optional().describe(`comma separated: ${TIMELINE_KINDS.join(", ")}`) }),
    response: { status: 200, description: "a page of timeline entries", schema: pageSchema(TimelineEntrySchema, "TimelineEntry") },
  }),

  listContacts: op({ operationId: "listContacts", method: "GET", path: "/contacts", tag: "Contacts", summary: "List contacts", scope: "read", permission: "debtors:read", query: z.strictObject({ ...page, debtorId: idField.optional(), email: z.string().max(200).optional(), updatedSince: instant.optional() }), response: { status: 200, description: "a page of contacts", schema: pageSchema(ContactSchema, "Contact") } }),
  createContact: op({ operationId: "createContact", method: "POST", path: "/contacts", tag: "Contacts", summary: "Add a contact to a debtor", description: "A controller may add contacts to debtors of their own portfolio (and unassigned ones).", scope: "write", permission: "debtors:write", body: CreateContactInput, idempotency: "transaction", response: { status: 201, description: "the contact", schema: ContactSchema } }),
  getContact: op({ operationId: "getContact", method: "GET", path: "/contacts/{contactId}", tag: "Contacts", summary: "Read a contact", scope: "read", permission: "debtors:read", params: contactId, response: { status: 200, description: "the contact", schema: ContactSchema } }),
  updateContact: op({ operationId: "updateContact", method: "PATCH", path: "/contacts/{contactId}", tag: "Contacts", summary: "Change a contact", scope: "write", permission: "debtors:write", params: contactId, body: UpdateContactInput, response: { status: 200, description: "the contact", schema: ContactSchema } }),

  listInvoices: op({
    operationId: "listInvoices", method: "GET", path: "/invoices", tag: "Invoices", summary: "List invoices and credit notes", scope: "read", permission: "debtors:read",
    query: z.strictObject({ ...page, debtorId: idField.optional(), number: z.string().max(40).optional(), status: z.enum(["open", "closed"]).optional(), dueBefore: dateField().optional(), dueFrom: dateField().optional(), updatedSince: instant.optional() }),
    response: { status: 200, description: "a page of invoices", schema: pageSchema(InvoiceSchema, "Invoice") },
  }),
  createInvoice: op({ operationId: "createInvoice", method: "POST", path: "/invoices", tag: "Invoices", summary: "Create an invoice or credit note", description: "A negative amount is a credit note. Needs the import permission (manager, admin).", scope: "write", permission: "imports:write", body: CreateInvoiceInput, idempotency: "transaction", response: { status: 201, description: "the invoice", schema: InvoiceSchema } }),
  getInvoice: op({ operationId: "getInvoice", method: "GET", path: "/invoices/{invoiceId}", tag: "Invoices", summary: "Read an invoice", scope: "read", permission: "debtors:read", params: invoiceId, response: { status: 200, description: "the invoice", schema: InvoiceSchema } }),
  updateInvoice: op({ operationId: "updateInvoice", method: "PATCH", path: "/invoices/{invoiceId}", tag: "Invoices", summary: "Change an invoice", description: "A new amount keeps what was paid: the open amount moves by the difference; below what was paid is refused.", scope: "write", permission: "imports:write", params: invoiceId, body: UpdateInvoiceInput, response: { status: 200, description: "the invoice", schema: InvoiceSchema } }),

  listPayments: op({ operationId: "listPayments", method: "GET", path: "/payments", tag: "Payments", summary: "List payments", scope: "read", permission: "debtors:read", query: z.strictObject({ ...page, debtorId: idField.optional(), valueDateFrom: dateField().optional(), valueDateTo: dateField().optional() }), response: { status: 200, description: "a page of payments", schema: pageSchema(PaymentSchema, "Payment") } }),
  createPayment: op({ operationId: "createPayment", method: "POST", path: "/payments", tag: "Payments", summary: "Book a payment", description: "Settles costs, then interest, then principal (art. 6:44 BW), the named invoices first, then the oldest; judges the debtor's promises at once. A controller books on their own portfolio.", scope: "write", permission: "payments:write", body: CreatePaymentBody, idempotency: "handler", response: { status: 201, description: "the payment with its allocations", schema: PaymentSchema } }),
  getPayment: op({ operationId: "getPayment", method: "GET", path: "/payments/{paymentId}", tag: "Payments", summary: "Read a payment", scope: "read", permission: "debtors:read", params: paymentId, response: { status: 200, description: "the payment", schema: PaymentSchema } }),

  listAgreements: op({ operationId: "listAgreements", method: "GET", path: "/agreements", tag: "Agreements", summary: "List promises and payment plans", scope: "read", permission: "debtors:read", query: z.strictObject({ ...page, debtorId: idField.optional(), status: z.enum(["open", "kept", "broken", "cancelled", "superseded"]).optional(), kind: z.enum(["promise", "plan"]).optional() }), response: { status: 200, description: "a page of agreements", schema: pageSchema(AgreementSchema, "Agreement") } }),
  getAgreement: op({ operationId: "getAgreement", method: "GET", path: "/agreements/{agreementId}", tag: "Agreements", summary: "Read an agreement", scope: "read", permission: "debtors:read", params: agreementId, response: { status: 200, description: "the agreement", schema: AgreementSchema } }),

  listTasks: op({ operationId: "listTasks", method: "GET", path: "/tasks", tag: "Tasks", summary: "List tasks", scope: "read", permission: "debtors:read", query: z.strictObject({ ...page, debtorId: idField.optional(), assignedTo: z.string().max(64).optional().describe('a user id, or "me"'), status: z.enum(["open", "done", "cancelled"]).optional(), type: z.string().max(40).optional(), dueBefore: instant.optional() }), response: { status: 200, description: "a page of tasks", schema: pageSchema(TaskSchema, "Task") } }),

  listEvents: op({
    operationId: "listEvents", method: "GET", path: "/events", tag: "Events", summary: "The event feed, oldest first", description: "Poll with ?after=<seq of the last event you processed>. Events are never changed or removed; the same event has the same id in webhooks.", scope: "read", permission: "debtors:read",
    query: z.strictObject({ after: z.coerce.number().int().min(0).optional(), types: z.string().max(300).optional().describe(`comma separated: ${EVENT_TYPES.join(", ")}`), debtorId: idField.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: { status: 200, description: "events after the cursor", schema: z.strictObject({ data: z.array(EventSchema), nextAfter: z.number().int().nullable().describe("pass as ?after= next time; null: nothing newer yet") }).meta({ id: "EventPage" }) },
  }),

  createImport: op({
    operationId: "createImport", method: "POST", path: "/imports", tag: "Imports", summary: "Import a file (CSV, XLSX, UBL XML or a zip of e-invoices)", description: "The body is the file itself. The same rules as the import screen: all or nothing, keys per source, a dry run writes nothing but its history line.", scope: "write", permission: "imports:write",
    query: z.strictObject({ source: z.string().max(40), kind: z.enum(IMPORT_KINDS), fileName: z.string().max(200).default("upload"), dryRun: bool.default(false), fileDate: dateField().optional() }),
    rawBody: { maxBytes: 100 * 1024 * 1024, contentTypes: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/xml", "application/zip", "application/octet-stream"] },
    idempotency: "handler",
    response: { status: 200, description: "what the import did (or would do)", schema: ImportResultSchema },
  }),
} as const;

export type OperationId = keyof typeof OPERATIONS;
