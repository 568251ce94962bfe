import { z } from "zod";
import { idField, msg } from "@/lib/validation/fields";

export const DOCUMENT_KINDS = ["statement", "invoice_copy"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** E-mail a statement of account (of the debtor) or a copy of one invoice to one of the debtor's contacts. */
export const SendDocumentInput = z
  .strictObject({
    document: z.enum(DOCUMENT_KINDS),
    debtorId: idField,
    invoiceId: idField.optional(),
    contactId: z.string().trim().min(1, msg("documents.errors.contact")).max(64, msg("validation.invalid")),
    idempotencyKey: z.uuid(msg("validation.invalid")),
  })
  .refine((v) => v.document !== "invoice_copy" || !!v.invoiceId, { message: "validation.required", path: ["invoiceId"] });
export type SendDocumentInput = z.infer<typeof SendDocumentInput>;
