import { z } from "zod";
import { dateField, idField, msg, nullableTextField, versionField } from "@/lib/validation/fields";

const id = idField;
export const SNOOZE_REASONS = ["no_answer", "waiting_for_customer", "waiting_internal", "contact_away", "other"] as const;

/** A worklist row: the debtor and the tasks on it, each at the version the screen showed. */
const rowFields = {
  debtorId: id,
  tasks: z.array(z.object({ taskId: id, version: versionField }).strict()).max(20),
};

export const ClaimRowInput = z.object(rowFields).strict();
export type ClaimRowInput = z.infer<typeof ClaimRowInput>;
export const AssignRowInput = z.object({ ...rowFields, assigneeId: id }).strict();
export type AssignRowInput = z.infer<typeof AssignRowInput>;
export const SnoozeRowInput = z
  .object({
    ...rowFields,
    /** the row is on the list for the debtor's position too: keep that off the list as well */
    position: z.boolean(),
    until: dateField("worklist.errors.snoozeDate"),
    reason: z.enum(SNOOZE_REASONS),
    note: nullableTextField(200),
  })
  .strict()
  .refine((v) => v.reason !== "other" || (v.note && v.note.length >= 3), { path: ["note"], ...msg("worklist.errors.snoozeNote") });
export type SnoozeRowInput = z.infer<typeof SnoozeRowInput>;
export const InsurerNotifiedInput = z.object({ debtorId: id, notifiedOn: dateField() }).strict();
export type InsurerNotifiedInput = z.infer<typeof InsurerNotifiedInput>;
