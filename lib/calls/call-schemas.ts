import { z } from "zod";
import { calendarDateField, idField, versionField, moneyField, msg, optionalTextField, phoneField, textField } from "@/lib/validation/fields";
import { PAYMENT_METHODS } from "@/lib/payments/payment-schemas";
import { EXCUSES } from "./excuse-playbook";

export { PAYMENT_METHODS };

/** Input of the call use cases. Every string has a cap; unknown keys are refused. */

export const CALL_OUTCOMES = ["reached", "no_answer", "voicemail", "wrong_person", "callback_requested"] as const;
export const REASON_CATEGORIES = ["no_money", "not_received", "dispute", "waiting_for_customer", "approver_absent", "already_paid", "forgotten", "other"] as const;
export const DISPUTE_REASONS = ["goods", "service", "price", "not_received", "duplicate", "other"] as const;
export const CONTACT_ROLES = ["accounts_payable", "buyer", "management", "other"] as const;

const id = idField;
const text = textField;
const optionalText = optionalTextField;
const phone = phoneField;
const amount = moneyField();
const calendarDate = calendarDateField;
/** "YYYY-MM-DDTHH:MM" as typed in a datetime-local field, in the office's time zone. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, msg("validation.dateTime"));

export const StartCallInput = z.strictObject({ debtorId: id, idempotencyKey: z.uuid() });
export type StartCallInput = z.infer<typeof StartCallInput>;

const draftFields = {
  callId: id,
  version: versionField,
  /**
   * The client's id of this write, made once per save (or finish) and kept for its retries: a
   * repeat of the last committed save (its reply was lost) is then the same writer, not a
   * conflict. Optional for callers that cannot repeat a write (scripts, tests): without it a
   * save is plain optimistic locking.
   */
  writeId: z.uuid().optional(),
  contactId: id.nullable().optional(),
  spokeWith: optionalText(120),
  phoneUsed: phone.optional().transform((v) => (v ? v : null)),
  outcome: z.enum(CALL_OUTCOMES).nullable().optional(),
  reasonCategory: z.enum(REASON_CATEGORIES).nullable().optional(),
  reasonText: optionalText(500),
  notes: text(10_000).default(""),
  excuseUsed: z.enum(EXCUSES).nullable().optional(),
  /** the result being recorded (the form's own JSON), kept with the draft so a reload keeps it */
  draftResult: z.string().max(50_000).nullable().optional(),
};

export const SaveCallDraftInput = z.strictObject({
  ...draftFields,
  /** the author's other tab saved meanwhile, and the author keeps this tab's text */
  takeOver: z.boolean().optional(),
});
export type SaveCallDraftInput = z.infer<typeof SaveCallDraftInput>;

export const CallResultInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("promise"), amount, dueDate: calendarDate, method: z.enum(PAYMENT_METHODS), invoiceIds: z.array(id).min(1, msg("validation.pickInvoices")).max(500), supersedes: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal("plan"),
    total: amount,
    method: z.enum(PAYMENT_METHODS),
    invoiceIds: z.array(id).min(1, msg("validation.pickInvoices")).max(500),
    instalments: z.array(z.strictObject({ dueDate: calendarDate, amount })).min(1).max(24),
    /** the invoices are under an open promise or plan, and this one replaces it (said out loud, never silently) */
    supersedes: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("dispute"),
    reason: z.enum(DISPUTE_REASONS),
    description: text(1000).min(3, msg("validation.required")),
    invoices: z.array(z.strictObject({ invoiceId: id, amount })).min(1, msg("validation.pickInvoices")).max(100),
  }),
  z.strictObject({ kind: z.literal("callback"), at: localDateTime }),
]);
export type CallResultInput = z.infer<typeof CallResultInput>;

export const FinishCallInput = z.strictObject({
  ...draftFields,
  outcome: z.enum(CALL_OUTCOMES, msg("validation.required")),
  /** the debtor's version when the page was loaded: a second agreement on a stale view is a conflict */
  debtorVersion: z.number().int().min(1),
  /** a person not yet known, spoken to on this call */
  newContact: z
    .strictObject({
      name: text(120).min(2, msg("validation.required")),
      jobTitle: optionalText(120),
      role: z.enum(CONTACT_ROLES),
      phone: phone.optional().transform((v) => (v ? v : null)),
      email: z.email(msg("validation.email")).max(200).optional().or(z.literal("").transform(() => undefined)),
    })
    .optional(),
  /** a direct number or e-mail learned for the chosen contact */
  contactUpdate: z
    .strictObject({
      phone: phone.optional().transform((v) => (v ? v : null)),
      email: z.email(msg("validation.email")).max(200).optional().or(z.literal("").transform(() => undefined)),
    })
    .optional(),
  result: CallResultInput,
});
export type FinishCallInput = z.infer<typeof FinishCallInput>;

export const SendSummaryInput = z.strictObject({
  emailId: id,
  contactId: id,
  subject: z.string().trim().min(3, msg("validation.required")).max(200),
  body: z.string().trim().min(10, msg("validation.required")).max(20_000),
});
export type SendSummaryInput = z.infer<typeof SendSummaryInput>;

/** Contact outside a call made from the workbench: an internal note, or the debtor calling or writing in. */
export const CONTACT_KINDS = ["note", "incoming_call", "incoming_email", "outgoing_email"] as const;
export const LogContactInput = z.strictObject({
  debtorId: id,
  kind: z.enum(CONTACT_KINDS),
  contactId: id.nullable().optional(),
  /** who it was, as they gave their name (a person not yet known) */
  spokeWith: optionalText(120),
  reasonCategory: z.enum(REASON_CATEGORIES).nullable().optional(),
  text: text(10_000).min(3, msg("contactLog.errors.text")),
  /** made by the form once per entry, so a repeated submit logs once */
  idempotencyKey: z.uuid(),
});
export type LogContactInput = z.infer<typeof LogContactInput>;

/** A call started by mistake: its author throws the draft away. */
export const DiscardCallInput = z.strictObject({ callId: id, version: versionField });
export type DiscardCallInput = z.infer<typeof DiscardCallInput>;
