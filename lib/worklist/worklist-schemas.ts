import { z } from "zod";
import { dateField, idField, msg, nullableTextField, versionField } from "@/lib/validation/fields";

const id = idField;
export const SNOOZE_REASONS = ["no_answer", "waiting_for_customer", "waiting_internal", "contact_away", "other"] as const;

export const ClaimTaskInput = z.object({ taskId: id, version: versionField }).strict();
export const ReassignTaskInput = z.object({ taskId: id, version: versionField, assigneeId: id }).strict();
export const SnoozeTaskInput = z
  .object({
    taskId: id,
    version: versionField,
    until: dateField("worklist.errors.snoozeDate"),
    reason: z.enum(SNOOZE_REASONS),
    note: nullableTextField(200),
  })
  .strict()
  .refine((v) => v.reason !== "other" || (v.note && v.note.length >= 3), { path: ["note"], ...msg("worklist.errors.snoozeNote") });
export type SnoozeTaskInput = z.infer<typeof SnoozeTaskInput>;
