import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/translate";
import { idField, issue, msg, nullableTextField, textField, versionField } from "@/lib/validation/fields";
import { CHANNELS, SEGMENTS, TEMPLATES } from "./dunning-ladder";

const id = idField;
const text = textField;

/**
 * A whole number of days as a form sends it: a number, or the digits typed. Empty (a cleared
 * field), not a number or not whole gets the "fill in days" message instead of becoming 0.
 */
const dayCount = (min: number, max: number, range: MessageKey) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number(msg("dunning.errors.daysRequired")).int(msg("dunning.errors.daysRequired")).min(min, msg(range)).max(max, msg(range)),
  );

/** The minimum amount in cents (digits or a whole number), or null for none. */
const minAmountCents = z.preprocess(
  (v) => (v === "" || v === undefined ? null : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
  z
    .string(msg("dunning.errors.amount"))
    .trim()
    .regex(/^-?\d{1,13}$/, msg("dunning.errors.amount"))
    .transform((v) => BigInt(v))
    .pipe(z.bigint().min(0n, msg("dunning.errors.negativeAmount")).max(10_000_000_000n, msg("dunning.errors.amount")))
    .nullable(),
);

/** Written steps (e-mail, letter) give the debtor a term to pay; a call task or hand-over may have none (0). */
const CHANNELS_WITH_TERM: ReadonlySet<string> = new Set(["email", "letter"]);

export const PolicyStepInput = z
  .object({
    code: z.string(msg("validation.required")).trim().min(1, msg("validation.required")).max(40).regex(/^[a-z0-9_]*$/, msg("dunning.errors.code")),
    offsetDays: dayCount(-60, 365, "dunning.errors.offsetRange"),
    channel: z.enum(CHANNELS, msg("dunning.errors.channel")),
    template: z.enum(TEMPLATES, msg("dunning.errors.template")),
    minAmountCents,
    onlyNewCustomers: z.boolean(),
    segment: z.enum(SEGMENTS, msg("dunning.errors.segment")),
    chargesCosts: z.boolean(),
    payWithinDays: dayCount(0, 90, "dunning.errors.payWithinRange"),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Only a service call comes before the due date; every other rung follows it.
    if (s.offsetDays < 0 && s.template !== "service_call") ctx.addIssue(issue("dunning.errors.negativeDays", ["offsetDays"]));
    if (s.payWithinDays === 0 && CHANNELS_WITH_TERM.has(s.channel)) ctx.addIssue(issue("dunning.errors.payWithinZero", ["payWithinDays"]));
  });

export const SavePolicyInput = z
  .object({
    policyId: id.nullable(),
    version: z.number().int().min(1).nullable(),
    name: text(60).min(1),
    /** after a hand-over, other invoices still get the ladder's reminders (default: only the hand-over rung) */
    remindAfterHandover: z.boolean().default(false),
    steps: z.array(PolicyStepInput).min(1, msg("dunning.errors.noSteps")).max(20),
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
export const PreviewDunningInput = z.object({}).strict();

export const AddRateInput = z
  .object({
    kind: z.enum(["commercial", "statutory"]),
    validFrom: z.string().regex(/^\d{4}-(01|07)-01$/, msg("dunning.errors.halfYear")),
    ratePercent: z.string().trim().regex(/^\d{1,2}([.,]\d{1,2})?$/, msg("dunning.errors.rate")),
    source: text(200).min(3),
  })
  .strict();
export type AddRateInput = z.infer<typeof AddRateInput>;
