import { z } from "zod";

export const DecidePlanInput = z
  .object({
    agreementId: z.string().trim().min(1).max(64),
    version: z.number().int().min(1),
    approve: z.boolean(),
    note: z.string().trim().max(200).regex(/^[^<>]*$/, { error: "errors.noMarkup" }).nullable(),
  })
  .strict();
