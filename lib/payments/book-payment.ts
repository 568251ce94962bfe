import { writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Tx } from "@/lib/db/client";
import { applyPayment, type ApplyPaymentInput, type ApplyPaymentResult } from "./apply-payment";

/**
 * A payment booked by another domain inside its own transaction (the payments file of the
 * receivables import): the acting user's right to book money on this debtor is checked here
 * (payments:write and the portfolio), then the payment is booked as any other (costs, interest,
 * principal; promises and tasks follow). applyPayment itself checks nothing and stays internal.
 */
export async function bookPaymentAs(tx: Tx, actor: Actor, input: Omit<ApplyPaymentInput, "actorId">): Promise<ApplyPaymentResult> {
  await writableDebtor(tx, actor, input.debtorId, "payments:write");
  return applyPayment(tx, { ...input, actorId: actor.id });
}
