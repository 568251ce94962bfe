import { z } from "zod";
import { idField, msg } from "@/lib/validation/fields";

export const ResendEmailInput = z.strictObject({ emailId: idField, contactId: idField, idempotencyKey: z.uuid(msg("validation.invalid")) });
export type ResendEmailInput = z.infer<typeof ResendEmailInput>;
