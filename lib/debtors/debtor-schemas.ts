import { z } from "zod";
import { DISPUTE_REASONS } from "@/lib/calls/call-schemas";
import { DISPUTE_AGES } from "@/lib/dashboard/dashboard-schemas";
import { AGING_BUCKETS } from "@/lib/invoices/aging";
import { dateField, idField, issue, msg, nullableTextField, phoneField, textField, versionField } from "@/lib/validation/fields";

export const DEBTOR_SORTS = ["name", "customerNumber", "open", "oldest"] as const;
export type DebtorSort = (typeof DEBTOR_SORTS)[number];

const flag = z
  .enum(["1", "true", "on"])
  .optional()
  .transform((v) => v !== undefined)
  .catch(false);

/**
 * The debtors list's URL parameters. Anything malformed falls back to the default instead of
 * failing the page: a hand-edited URL shows the plain list.
 */
export const ListDebtorsInput = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  controller: z.string().max(60).optional().catch(undefined),
  bucket: z.enum(AGING_BUCKETS).optional().catch(undefined),
  /** has an open item in this aging bucket (the dashboard's aging figures; `bucket` is the oldest item) */
  aging: z.enum(AGING_BUCKETS).optional().catch(undefined),
  /** the debtor's currency (the dashboard's figures are per currency) */
  currency: z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined),
  dispute: flag,
  /** has a dispute that holds, of this reason and/or open this long (the dashboard's dispute table) */
  reason: z.enum(DISPUTE_REASONS).optional().catch(undefined),
  disputeAge: z.enum(DISPUTE_AGES).optional().catch(undefined),
  /** has an overdue item (the dashboard's "debtors with overdue items") */
  overdue: flag,
  /** has a promise or plan with this status (the dashboard's promise figures) */
  promise: z.enum(["open", "kept", "broken"]).optional().catch(undefined),
  /** segment: b2b | consumer */
  kind: z.enum(["b2b", "consumer"]).optional().catch(undefined),
  hold: flag,
  sort: z.enum(DEBTOR_SORTS).default("oldest").catch("oldest"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListDebtorsInput = z.infer<typeof ListDebtorsInput>;

/** Reads the first value of each parameter from Next's searchParams object. */
export function parseListDebtorsParams(params: Record<string, string | string[] | undefined>): ListDebtorsInput {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ListDebtorsInput.parse(first);
}

// ---------------------------------------------------------------- master data (the API, later the screens)

/** Integer cents as a JSON number or a string of digits ("123456"): 64-bit amounts survive any JSON parser as strings. */
export const centsField = z
  .union([z.number().int().safe(), z.string().trim().regex(/^-?\d{1,15}$/)], msg("validation.amount"))
  .transform((v) => BigInt(v));
const optionalText = (max: number) => nullableTextField(max).optional();
const email = z.string().trim().max(200).email(msg("validation.email")).nullable().optional().transform((v) => (v ? v.toLowerCase() : v));
const phone = phoneField.nullable().optional().transform((v) => (v ? v : v === undefined ? undefined : null));

const debtorFields = {
  name: textField(200).min(1, msg("validation.required")),
  kind: z.enum(["b2b", "consumer"]),
  language: z.enum(["nl", "en"]),
  email,
  phone,
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: z.string().trim().regex(/^[A-Z]{2}$/, msg("validation.invalid")),
  kvkNumber: z.string().trim().regex(/^\d{8}$/, msg("validation.invalid")).nullable().optional(),
  iban: textField(42).nullable().optional(),
  paymentTermDays: z.number().int().min(0).max(365),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, msg("validation.invalid")),
  creditLimitCents: centsField.nullable().optional(),
  assignedControllerId: idField.nullable().optional(),
  customerSince: dateField().optional(),
  notes: optionalText(2000),
};

/** A new debtor; the customer number is the key the accounting package knows it by. */
export const CreateDebtorInput = z.strictObject({
  customerNumber: textField(40).min(1, msg("validation.required")),
  ...debtorFields,
  kind: debtorFields.kind.default("b2b"),
  language: debtorFields.language.default("nl"),
  country: debtorFields.country.default("NL"),
  paymentTermDays: debtorFields.paymentTermDays.default(30),
  currency: debtorFields.currency.default("EUR"),
});
export type CreateDebtorInput = z.infer<typeof CreateDebtorInput>;

/** Changed fields only; `version` (optional) refuses a change made on a stale read. */
export const UpdateDebtorInput = z.strictObject({ ...Object.fromEntries(Object.entries(debtorFields).map(([k, f]) => [k, f.optional()])), version: versionField.optional() } as {
  [K in keyof typeof debtorFields]: z.ZodOptional<(typeof debtorFields)[K]>;
} & { version: z.ZodOptional<typeof versionField> });
export type UpdateDebtorInput = z.infer<typeof UpdateDebtorInput>;

export const CONTACT_ROLES = ["accounts_payable", "buyer", "management", "other"] as const;
const contactFields = {
  name: textField(200).min(1, msg("validation.required")),
  jobTitle: optionalText(100),
  role: z.enum(CONTACT_ROLES),
  phone,
  mobile: phone,
  email,
  isPrimaryForPayments: z.boolean(),
};
export const CreateContactInput = z.strictObject({ debtorId: idField, ...contactFields, role: contactFields.role.default("accounts_payable"), isPrimaryForPayments: contactFields.isPrimaryForPayments.default(false) });
export type CreateContactInput = z.infer<typeof CreateContactInput>;
export const UpdateContactInput = z.strictObject({
  name: contactFields.name.optional(),
  jobTitle: contactFields.jobTitle,
  role: contactFields.role.optional(),
  phone,
  mobile: phone,
  email,
  isPrimaryForPayments: contactFields.isPrimaryForPayments.optional(),
  version: versionField.optional(),
});
export type UpdateContactInput = z.infer<typeof UpdateContactInput>;
/** The workbench's contact form: the contact and the version it showed. */
export const EditContactInput = UpdateContactInput.extend({ contactId: idField, version: versionField });
export type EditContactInput = z.infer<typeof EditContactInput>;
export const RemoveContactInput = z.strictObject({ contactId: idField, version: versionField });
export type RemoveContactInput = z.infer<typeof RemoveContactInput>;

// ---------------------------------------------------------------- bulk actions on the debtor list

export const BULK_DEBTOR_ACTIONS = ["assign", "pause", "resume"] as const;
export type BulkDebtorAction = (typeof BULK_DEBTOR_ACTIONS)[number];
/** The most debtors one bulk action (or an export of a selection) takes. */
export const BULK_DEBTORS_MAX = 500;
/** The most debtors one action on "every debtor the list's filter matches" takes (a whole portfolio). */
export const BULK_FILTER_MAX = 2_500;
/** `controllerId` for "nobody": the debtor goes back to the unassigned pool. */
export const NO_CONTROLLER = "none";

const debtorIdList = z
  .array(idField)
  .min(1, msg("debtors.bulk.errors.count"))
  .max(BULK_DEBTORS_MAX, msg("debtors.bulk.errors.count"))
  .refine((ids) => new Set(ids).size === ids.length, msg("debtors.bulk.errors.count"));

/**
 * One action on a selection of debtors: give them to a colleague (or nobody), pause dunning with
 * a reason, or resume it. The selection is either the ticked rows (`debtorIds`) or every debtor
 * the list's filter matches (`filter`: the list's query string, read as the list reads it). The
 * idempotency key is made once per intended action by the screen and sent again on a retry of
 * that same action.
 */
export const BulkDebtorsInput = z
  .strictObject({
    action: z.enum(BULK_DEBTOR_ACTIONS),
    debtorIds: debtorIdList.optional(),
    filter: z.string().max(2_000, msg("validation.invalid")).optional(),
    /** assign: the colleague's user id, or NO_CONTROLLER */
    controllerId: idField.optional(),
    /** pause: why (shown on the debtor and in the audit trail) */
    reason: textField(200).optional(),
    idempotencyKey: z.uuid(msg("validation.invalid")),
  })
  .superRefine((v, ctx) => {
    if ((v.debtorIds === undefined) === (v.filter === undefined)) ctx.addIssue(issue("debtors.bulk.errors.count", ["debtorIds"]));
    if (v.action === "assign" && !v.controllerId) ctx.addIssue(issue("debtors.bulk.errors.controller", ["controllerId"]));
    if (v.action === "pause" && (!v.reason || v.reason.length < 3)) ctx.addIssue(issue("debtors.bulk.errors.reason", ["reason"]));
  });
export type BulkDebtorsInput = z.infer<typeof BulkDebtorsInput>;

/**
 * The export's `ids` parameter: a selection of the list as comma-separated debtor ids. Malformed
 * is refused (unlike the list's filters): an export of "some other rows" would be worse than none.
 */
export const DebtorIdsParam = z
  .string()
  .max(BULK_DEBTORS_MAX * 65)
  .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean))
  .pipe(debtorIdList);
