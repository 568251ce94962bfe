import { z } from "zod";
import { isCalendarDate } from "@/lib/format/calendar-date";
import { EXCUSES } from "./excuse-playbook";

/** Input of the call use cases. Every string has a cap; unknown keys are refused. */

export const CALL_OUTCOMES = ["reached", "no_answer", "voicemail", "wrong_person", "callback_requested"] as const;
export const REASON_CATEGORIES = ["no_money", "not_received", "dispute", "waiting_for_customer", "approver_absent", "already_paid", "forgotten", "other"] as const;
export const PAYMENT_METHODS = ["bank_transfer", "direct_debit", "ideal", "other"] as const;
export const DISPUTE_REASONS = ["goods", "service", "price", "not_received", "duplicate", "other"] as const;
export const CONTACT_ROLES = ["accounts_payable", "buyer", "management", "other"] as const;

const id = z.string().min(1).max(60);
/** Markup has no place in a call note; React escapes it anyway, but it is refused at the door. */
const noMarkup = (s: string) => !/<\s*\/?\s*(script|iframe|object|embed|style|img|svg)\b|javascript:/i.test(s);
const text = (max: number) => z.string().trim().max(max).refine(noMarkup, { message: "validation.noMarkup" });
const optionalText = (max: number) => text(max).optional().transform((v) => (v ? v : null));
const phone = z.string().trim().max(40).regex(/^[+()\d\s./-]*$/, { message: "validation.phone" });

/** "1234,56", "1.234,56", "1234.56" -> cents as bigint; anything else (e.g. "12,345") is refused. */
export function parseEuroAmount(input: string): bigint | null {
  const s = input.trim().replace(/^€\s?/, "");
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normalised = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,12}([.,]\d{1,2})?$/.test(s)) normalised = s.replace(",", ".");
  else return null;
  const [whole, frac = ""] = normalised.split(".");
  return BigInt(whole!) * 100n + BigInt((frac + "00").slice(0, 2));
}

const amount = z
  .string()
  .max(20)
  .transform((v, ctx) => {
    const cents = parseEuroAmount(v);
    if (cents === null || cents <= 0n) {
      ctx.addIssue({ code: "custom", message: "validation.amount" });
      return z.NEVER;
    }
    return cents;
  });
const calendarDate = z.string().refine(isCalendarDate, { message: "validation.date" });
/** "YYYY-MM-DDTHH:MM" as typed in a datetime-local field, in the office's time zone. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "validation.dateTime" });

export const StartCallInput = z.strictObject({ debtorId: id, idempotencyKey: z.uuid() });
export type StartCallInput = z.infer<typeof StartCallInput>;

const draftFields = {
  callId: id,
  version: z.number().int().min(1),
  contactId: id.nullable().optional(),
  spokeWith: optionalText(120),
  phoneUsed: phone.optional().transform((v) => (v ? v : null)),
  outcome: z.enum(CALL_OUTCOMES).nullable().optional(),
  reasonCategory: z.enum(REASON_CATEGORIES).nullable().optional(),
  reasonText: optionalText(500),
  notes: text(10_000).default(""),
  excuseUsed: z.enum(EXCUSES).nullable().optional(),
};

export const SaveCallDraftInput = z.strictObject(draftFields);
export type SaveCallDraftInput = z.infer<typeof SaveCallDraftInput>;

export const CallResultInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("promise"), amount, dueDate: calendarDate, method: z.enum(PAYMENT_METHODS), invoiceIds: z.array(id).min(1, { message: "validation.pickInvoices" }).max(500) }),
  z.strictObject({
    kind: z.literal("plan"),
    total: amount,
    method: z.enum(PAYMENT_METHODS),
    invoiceIds: z.array(id).min(1, { message: "validation.pickInvoices" }).max(500),
    instalments: z.array(z.strictObject({ dueDate: calendarDate, amount })).min(1).max(24),
  }),
  z.strictObject({
    kind: z.literal("dispute"),
    reason: z.enum(DISPUTE_REASONS),
    description: text(1000).min(3, { message: "validation.required" }),
    invoices: z.array(z.strictObject({ invoiceId: id, amount })).min(1, { message: "validation.pickInvoices" }).max(100),
  }),
  z.strictObject({ kind: z.literal("callback"), at: localDateTime }),
]);
export type CallResultInput = z.infer<typeof CallResultInput>;

export const FinishCallInput = z.strictObject({
  ...draftFields,
  outcome: z.enum(CALL_OUTCOMES, { message: "validation.required" }),
  /** the debtor's version when the page was loaded: a second agreement on a stale view is a conflict */
  debtorVersion: z.number().int().min(1),
  /** a person not yet known, spoken to on this call */
  newContact: z
    .strictObject({
      name: text(120).min(2, { message: "validation.required" }),
      jobTitle: optionalText(120),
      role: z.enum(CONTACT_ROLES),
      phone: phone.optional().transform((v) => (v ? v : null)),
      email: z.email({ message: "validation.email" }).max(200).optional().or(z.literal("").transform(() => undefined)),
    })
    .optional(),
  /** a direct number or e-mail learned for the chosen contact */
  contactUpdate: z
    .strictObject({
      phone: phone.optional().transform((v) => (v ? v : null)),
      email: z.email({ message: "validation.email" }).max(200).optional().or(z.literal("").transform(() => undefined)),
    })
    .optional(),
  result: CallResultInput,
});
export type FinishCallInput = z.infer<typeof FinishCallInput>;

export const SendSummaryInput = z.strictObject({
  emailId: id,
  contactId: id,
  subject: z.string().trim().min(3, { message: "validation.required" }).max(200),
  body: z.string().trim().min(10, { message: "validation.required" }).max(20_000),
});
export type SendSummaryInput = z.infer<typeof SendSummaryInput>;
