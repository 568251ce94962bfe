import { z } from "zod";
import { idField, msg, textField } from "@/lib/validation/fields";

/** Erasing one contact (art. 17 GDPR): why, and the contact's name typed as confirmation. */
export const EraseContactInput = z
  .object({
    contactId: idField,
    reason: textField(500).min(5, msg("privacy.errors.reason")),
    confirmName: textField(200).min(1, msg("privacy.errors.confirmName")),
  })
  .strict();
export type EraseContactInput = z.infer<typeof EraseContactInput>;

/** Erasing one consumer debtor (the person) with their contacts. */
export const EraseConsumerDebtorInput = z
  .object({
    debtorId: idField,
    reason: textField(500).min(5, msg("privacy.errors.reason")),
    confirmName: textField(200).min(1, msg("privacy.errors.confirmName")),
  })
  .strict();
export type EraseConsumerDebtorInput = z.infer<typeof EraseConsumerDebtorInput>;

export const ACCESS_EXPORT_FORMATS = ["json", "pdf"] as const;
export type AccessExportFormat = (typeof ACCESS_EXPORT_FORMATS)[number];
export const AccessExportQuery = z.object({ format: z.enum(ACCESS_EXPORT_FORMATS) });

export const TimelineExportQuery = z.object({ format: z.enum(["csv", "xlsx"]) });
