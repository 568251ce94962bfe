import { z } from "zod";
import { idField, nullableTextField, versionField } from "@/lib/validation/fields";

export const DecidePlanInput = z
  .object({
    agreementId: idField,
    version: versionField,
    approve: z.boolean(),
    note: nullableTextField(200),
  })
  .strict();
