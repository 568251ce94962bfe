import { z } from "zod";

const id = z.string().trim().min(1).max(64);
export const SNOOZE_REASONS = ["no_answer", "waiting_for_customer", "waiting_internal", "contact_away", "other"] as const;

export const ClaimTaskInput = z.object({ taskId: id, version: z.number().int().min(1) }).strict();
export const ReassignTaskInput = z.object({ taskId: id, version: z.number().int().min(1), assigneeId: id }).strict();
export const SnoozeTaskInput = z
  .object({
    taskId: id,
    version: z.number().int().min(1),
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "worklist.errors.snoozeDate" }),
    reason: z.enum(SNOOZE_REASONS),
    note: z.string().trim().max(200).regex(/^[^<>]*$/, { error: "errors.noMarkup" }).nullable(),
  })
  .strict()
  .refine((v) => v.reason !== "other" || (v.note && v.note.length >= 3), { path: ["note"], message: "worklist.errors.snoozeNote" });
export type SnoozeTaskInput = z.infer<typeof SnoozeTaskInput>;
