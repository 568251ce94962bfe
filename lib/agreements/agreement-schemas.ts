import { z } from "zod";
import { calendarDateField, idField, moneyField, msg, nullableTextField, textField, versionField } from "@/lib/validation/fields";

export const DecidePlanInput = z
  .object({
    agreementId: idField,
    version: versionField,
    approve: z.boolean(),
    note: nullableTextField(200),
  })
  .strict();

/**
 * Changing an open promise or plan outside a call: its open instalments rescheduled (the same
 * amount still to pay, spread differently), or the agreement cancelled; each with a reason the
 * debtor's confirmation and the audit carry. The key makes a repeated submit change once.
 */
const changeBase = { agreementId: idField, version: versionField, reason: textField(500).min(3, msg("agreements.errors.reason")), idempotencyKey: z.uuid() };
export const ChangeAgreementInput = z.discriminatedUnion("action", [
  z.strictObject({ ...changeBase, action: z.literal("cancel") }),
  z.strictObject({
    ...changeBase,
    action: z.literal("reschedule"),
    instalments: z.array(z.strictObject({ dueDate: calendarDateField, amount: moneyField() })).min(1, msg("agreements.errors.noInstalments")).max(24),
  }),
]);
export type ChangeAgreementInput = z.infer<typeof ChangeAgreementInput>;
