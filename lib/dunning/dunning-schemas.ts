import { z } from "zod";
import { idField, issue, msg, nullableTextField, textField, versionField } from "@/lib/validation/fields";
import { CHANNELS, SEGMENTS, TEMPLATES } from "./dunning-ladder";

const id = idField;
const text = textField;

export const PolicyStepInput = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_]+$/),
    offsetDays: z.coerce.number().int().min(-60).max(365),
    channel: z.enum(CHANNELS),
    template: z.enum(TEMPLATES),
    minAmountCents: z.coerce.bigint().min(0n).max(10_000_000_000n).nullable(),
    onlyNewCustomers: z.boolean(),
    segment: z.enum(SEGMENTS),
    chargesCosts: z.boolean(),
    payWithinDays: z.coerce.number().int().min(0).max(60),
  })
  .strict();

export const SavePolicyInput = z
  .object({
    policyId: id.nullable(),
    version: z.number().int().min(1).nullable(),
    name: text(60).min(1),
    /** after a hand-over, other invoices still get the ladder's reminders (default: only the hand-over rung) */
    remindAfterHandover: z.boolean().default(false),
    steps: z.array(PolicyStepInput).min(1).max(20),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Offsets must not go down the ladder: a later rung never comes before an earlier one.
    v.steps.forEach((s, i) => {
      const prev = v.steps[i - 1];
      if (prev && s.offsetDays < prev.offsetDays) ctx.addIssue(issue("dunning.errors.offsetOrder", ["steps", i, "offsetDays"]));
      if (s.template === "fourteen_day_letter" && s.segment === "b2b") ctx.addIssue(issue("dunning.errors.fourteenDayB2b", ["steps", i, "segment"]));
      if (s.template === "fourteen_day_letter" && s.payWithinDays < 14) ctx.addIssue(issue("dunning.errors.fourteenDays", ["steps", i, "payWithinDays"]));
    });
  });
export type SavePolicyInput = z.infer<typeof SavePolicyInput>;

export const SetDebtorDunningInput = z
  .object({
    debtorId: id,
    isPaused: z.boolean(),
    reason: nullableTextField(200),
    policyId: id.nullable(),
    version: versionField,
  })
  .strict()
  .refine((v) => !v.isPaused || (v.reason && v.reason.length >= 3), { path: ["reason"], ...msg("dunning.errors.pauseReason") });
export type SetDebtorDunningInput = z.infer<typeof SetDebtorDunningInput>;

export const RunDunningInput = z.object({}).strict();

export const AddRateInput = z
  .object({
    kind: z.enum(["commercial", "statutory"]),
    validFrom: z.string().regex(/^\d{4}-(01|07)-01$/, msg("dunning.errors.halfYear")),
    ratePercent: z.string().trim().regex(/^\d{1,2}([.,]\d{1,2})?$/, msg("dunning.errors.rate")),
    source: text(200).min(3),
  })
  .strict();
export type AddRateInput = z.infer<typeof AddRateInput>;
