import { z } from "zod";
import { centsField } from "@/lib/debtors/debtor-schemas";
import { dateField, idField, msg, nullableTextField, textField } from "@/lib/validation/fields";

/** A new open item from another system: an invoice (positive amount) or a credit note (negative). */
export const CreateInvoiceInput = z
  .strictObject({
    debtorId: idField,
    number: textField(40).min(1, msg("validation.required")),
    issueDate: dateField(),
    dueDate: dateField(),
    amountCents: centsField.refine((v) => v !== 0n, msg("validation.amount")),
    /** default: the debtor's currency (the only one accepted) */
    currency: z.string().trim().regex(/^[A-Z]{3}$/, msg("validation.invalid")).optional(),
    description: nullableTextField(500).optional(),
  })
  .refine((v) => v.dueDate >= v.issueDate, { message: "validation.dueBeforeIssue", path: ["dueDate"] });
export type CreateInvoiceInput = z.infer<typeof CreateInvoiceInput>;

/** Changed fields only. A new amount keeps what was paid: the open amount moves by the difference. */
export const UpdateInvoiceInput = z.strictObject({
  dueDate: dateField().optional(),
  amountCents: centsField.refine((v) => v !== 0n, msg("validation.amount")).optional(),
  description: nullableTextField(500).optional(),
});
export type UpdateInvoiceInput = z.infer<typeof UpdateInvoiceInput>;
