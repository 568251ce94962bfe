/**
 * A dispute holds its invoice (no dunning, not in the amount to chase) while it is open, and
 * after it was found justified until the credit note is in (credit_expected). Decided disputes
 * (resolved_credited, resolved_rejected, withdrawn) hold nothing.
 */
export const DISPUTE_HOLDS = ["open", "credit_expected"] as const;
export type DisputeStatus = "open" | "credit_expected" | "resolved_credited" | "resolved_rejected" | "withdrawn";

