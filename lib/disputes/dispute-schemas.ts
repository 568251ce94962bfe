import { z } from "zod";
import { idField, moneyField, msg, textField, versionField } from "@/lib/validation/fields";

/**
 * Deciding a dispute: justified (a credit note will follow), unjustified (dunning resumes), or
 * partly (a credit note for part of it; the rest is chased again). Each with a reason colleagues
 * and the debtor can be told. A justified dispute is closed when its credit note is in.
 */
export const DISPUTE_DECISIONS = ["justified", "unjustified", "partly", "credit_received"] as const;
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number];

export const ResolveDisputeInput = z
  .strictObject({
    disputeId: idField,
    version: versionField,
    decision: z.enum(DISPUTE_DECISIONS),
    /** partly: the part found justified (to be credited) */
    acceptedAmount: moneyField("disputes.errors.acceptedAmount").optional(),
    reason: textField(500).min(3, msg("disputes.errors.reason")),
  })
  .refine((v) => v.decision !== "partly" || v.acceptedAmount !== undefined, { path: ["acceptedAmount"], ...msg("disputes.errors.acceptedAmount") });
export type ResolveDisputeInput = z.infer<typeof ResolveDisputeInput>;
