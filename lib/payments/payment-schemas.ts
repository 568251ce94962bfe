import { z } from "zod";
import { dateField, idField, moneyField, msg, nullableTextField, textField, versionField } from "@/lib/validation/fields";

/** The payment methods a person can record (a bank import is always a transfer). */
export const PAYMENT_METHODS = ["bank_transfer", "direct_debit", "ideal", "other"] as const;
const id = idField;
const text = textField;
const amount = moneyField("payments.errors.amount");

export const RecordPaymentInput = z
  .object({
    debtorId: id,
    amount,
    valueDate: dateField("payments.errors.date"),
    reference: nullableTextField(140),
    method: z.enum(PAYMENT_METHODS),
    invoiceIds: z.array(id).max(200).default([]),
    /** made by the form once per payment, so a repeated submit books once */
    idempotencyKey: z.uuid(msg("validation.invalid")),
    /** the person confirmed a value date before the invoice date (see early-value-date.ts) */
    confirmEarlyValueDate: z.boolean().optional(),
  })
  .strict();
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

/** Undoing a payment booked by hand (wrong debtor, wrong amount); the key makes a repeat answer like the first. */
export const ReverseManualPaymentInput = z
  .object({
    paymentId: id,
    reason: text(200).min(3),
    idempotencyKey: z.uuid(msg("validation.invalid")),
  })
  .strict();
export type ReverseManualPaymentInput = z.infer<typeof ReverseManualPaymentInput>;

export const ResolveBankLineInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("apply"), lineId: id, version: versionField, customerNumber: text(40).min(1), invoiceNumbers: z.array(text(40)).max(50).default([]) }).strict(),
  z.object({ action: z.literal("ignore"), lineId: id, version: versionField, reason: text(200).min(3) }).strict(),
]);
export type ResolveBankLineInput = z.infer<typeof ResolveBankLineInput>;
