import { z } from "zod";
import { parseEuroAmount } from "@/lib/calls/call-schemas";
import { isCalendarDate } from "@/lib/format/calendar-date";

const id = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().max(max).regex(/^[^<>]*$/, { error: "errors.noMarkup" });
const amount = z
  .string()
  .trim()
  .max(20)
  .transform((v, ctx) => {
    const cents = parseEuroAmount(v);
    if (cents === null || cents <= 0n) {
      ctx.addIssue({ code: "custom", message: "payments.errors.amount" });
      return z.NEVER;
    }
    return cents;
  });

export const RecordPaymentInput = z
  .object({
    debtorId: id,
    amount,
    valueDate: z.string().refine(isCalendarDate, { error: "payments.errors.date" }),
    reference: text(140).nullable(),
    method: z.enum(["bank_transfer", "direct_debit", "ideal", "other"]),
    invoiceIds: z.array(id).max(200).default([]),
  })
  .strict();
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

export const ResolveBankLineInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("apply"), lineId: id, version: z.number().int().min(1), customerNumber: text(40).min(1), invoiceNumbers: z.array(text(40)).max(50).default([]) }).strict(),
  z.object({ action: z.literal("ignore"), lineId: id, version: z.number().int().min(1), reason: text(200).min(3) }).strict(),
]);
export type ResolveBankLineInput = z.infer<typeof ResolveBankLineInput>;
