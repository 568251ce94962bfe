import type { MonitorResult } from "@/lib/agreements/promise-monitoring";
import { assertCan, writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { ReverseManualPaymentInput } from "./payment-schemas";
import { settlePromises, type PaymentContext } from "./payment-use-cases";
import { reversePayment } from "./reverse-payment";

export type ReverseManualPaymentResult = { paymentId: string; reversalId: string; debtorId: string; reopenedAgreementIds: string[]; promises: MonitorResult; replayed: boolean };

/**
 * A controller undoes a payment they (or a colleague) typed in by mistake: the wrong debtor, the
 * wrong amount. The same rights as booking one (payments:write, and the debtor in the actor's
 * portfolio). Only manual payments: a bank-imported one is undone by the bank's storno line, so the
 * books keep following the bank. The counter-booking carries the request's key, so a repeat (a
 * lost reply, a double click) answers with the first reversal; another request on a payment that
 * is already reversed is a conflict. Balances, worklist and dashboards follow from reversePayment.
 */
export async function reverseManualPayment(db: Db, actor: Actor, input: ReverseManualPaymentInput, ctx: PaymentContext): Promise<ReverseManualPaymentResult> {
  assertCan(actor, "payments:write");
  const payment = await db.payment.findUnique({ where: { id: input.paymentId }, select: { id: true, debtorId: true, source: true, amountCents: true, reversalOfId: true, reversedAt: true } });
  if (!payment?.debtorId) throw new DomainError("not_found");
  await writableDebtor(db, actor, payment.debtorId, "payments:write");
  const earlier = await replayOf(db, input);
  if (earlier) return earlier;
  if (payment.source !== "manual" || payment.reversalOfId !== null || payment.amountCents <= 0n) {
    throw new DomainError("invalid", "only a payment booked by hand can be reversed by hand", { paymentId: ["payments.errors.notManual"] });
  }
  if (payment.reversedAt) throw new DomainError("conflict", "payment already reversed", { paymentId: ["payments.errors.alreadyReversed"] });
  let reversed: Awaited<ReturnType<typeof reversePayment>>;
  try {
    reversed = await db.$transaction(async (tx) => {
      const r = await reversePayment(tx, { paymentId: payment.id, valueDate: ctx.today, reference: input.reason.slice(0, 140), actorId: actor.id, now: ctx.now, reason: input.reason });
      await tx.payment.update({ where: { id: r.reversalId }, data: { idempotencyKey: keyOf(input) } });
      return r;
    });
  } catch (e) {
    // The same request committed by a concurrent submit in the meantime: that reversal is the answer.
    const replay = await replayOf(db, input);
    if (replay) return replay;
    if (e instanceof DomainError && e.code === "conflict") throw new DomainError("conflict", e.message, { paymentId: ["payments.errors.alreadyReversed"] });
    throw e;
  }
  const promises = await settlePromises(db, [payment.debtorId], ctx);
  return { paymentId: payment.id, reversalId: reversed.reversalId, debtorId: payment.debtorId, reopenedAgreementIds: reversed.reopenedAgreementIds, promises, replayed: false };
}

/** Kept on the counter-booking; prefixed so it can never equal a booking form's key. */
const keyOf = (input: ReverseManualPaymentInput) => `reverse:${input.idempotencyKey}`;

/** The reversal an earlier request with this key made, or null; the same key for another payment is refused. */
async function replayOf(db: Db, input: ReverseManualPaymentInput): Promise<ReverseManualPaymentResult | null> {
  const reversal = await db.payment.findUnique({ where: { idempotencyKey: keyOf(input) }, select: { id: true, debtorId: true, reversalOfId: true } });
  if (!reversal) return null;
  if (reversal.reversalOfId !== input.paymentId || !reversal.debtorId) throw new DomainError("conflict", "idempotency key reused for another reversal");
  return { paymentId: input.paymentId, reversalId: reversal.id, debtorId: reversal.debtorId, reopenedAgreementIds: [], promises: { evaluated: 0, kept: 0, broken: 0 }, replayed: true };
}
