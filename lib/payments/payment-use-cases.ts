import { monitorPromises, type MonitorResult } from "@/lib/agreements/promise-monitoring";
import { writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { applyPayment, type ApplyPaymentResult } from "./apply-payment";
import { earlyValueDateConflict, EarlyValueDateError } from "./early-value-date";
import type { RecordPaymentInput } from "./payment-schemas";

export type PaymentContext = { today: CalendarDate; now: Date; timeZone: string; graceDays: number };

/**
 * A payment entered by hand, then the debtor's promises judged against it at once. The form's
 * idempotency key makes a repeat (a double click, a retry after a lost reply, 50 submits at once)
 * answer with the first booking instead of booking the money again. A value date before the
 * invoice date is refused until the person confirms it (`confirmEarlyValueDate`).
 */
export async function recordPayment(db: Db, actor: Actor, input: RecordPaymentInput, ctx: PaymentContext): Promise<ApplyPaymentResult & { promises: MonitorResult; replayed: boolean }> {
  const debtor = await writableDebtor(db, actor, input.debtorId, "payments:write");
  const earlier = await replayOf(db, input);
  if (earlier) return earlier;
  if (input.valueDate > ctx.today) throw new DomainError("invalid", undefined, { valueDate: ["payments.errors.futureDate"] });
  const picked = input.invoiceIds.length ? await db.invoice.findMany({ where: { id: { in: input.invoiceIds }, debtorId: input.debtorId }, select: { id: true, issueDate: true } }) : [];
  if (picked.length !== new Set(input.invoiceIds).size) throw new DomainError("invalid", undefined, { invoiceIds: ["payments.errors.unknownInvoice"] });
  if (!input.confirmEarlyValueDate) {
    // Nothing is booked until the person confirms a value date before the invoice date.
    const oldestOpen = picked.length ? null : await db.invoice.findFirst({ where: { debtorId: input.debtorId, OR: [{ openCents: { gt: 0 } }, { costsOpenCents: { gt: 0 } }, { interestOpenCents: { gt: 0 } }] }, orderBy: { issueDate: "asc" }, select: { issueDate: true } });
    const issueDate = earlyValueDateConflict(input.valueDate, { pickedIssueDates: picked.map((i) => i.issueDate), openIssueDates: oldestOpen ? [oldestOpen.issueDate] : [] });
    if (issueDate) throw new EarlyValueDateError(issueDate);
  }
  let paid: ApplyPaymentResult;
  try {
    paid = await db.$transaction((tx) =>
      applyPayment(tx, { debtorId: input.debtorId, amountCents: input.amount, currency: debtor.currency, valueDate: input.valueDate, reference: input.reference, method: input.method, source: "manual", preferredInvoiceIds: input.invoiceIds, actorId: actor.id, today: ctx.today, now: ctx.now, idempotencyKey: input.idempotencyKey }),
    );
  } catch (e) {
    // The same key committed by a concurrent submit in the meantime: that booking is the answer.
    const replay = await replayOf(db, input);
    if (replay) return replay;
    throw e;
  }
  const promises = await settlePromises(db, [input.debtorId], ctx);
  return { ...paid, promises, replayed: false };
}

/** The booking an earlier submit with this key made, or null; the same key for another payment is refused. */
async function replayOf(db: Db, input: RecordPaymentInput): Promise<(ApplyPaymentResult & { promises: MonitorResult; replayed: boolean }) | null> {
  const payment = await db.payment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, include: { allocations: true } });
  if (!payment) return null;
  if (payment.debtorId !== input.debtorId || payment.amountCents !== input.amount) throw new DomainError("conflict", "idempotency key reused for another payment");
  const allocations = payment.allocations.map((a) => ({ invoiceId: a.invoiceId, kind: a.kind as "costs" | "interest" | "principal", amountCents: a.amountCents }));
  const allocated = allocations.reduce((s, a) => s + a.amountCents, 0n);
  return { paymentId: payment.id, allocations, unallocatedCents: payment.amountCents - allocated, closedTasks: 0, promises: { evaluated: 0, kept: 0, broken: 0 }, replayed: true };
}

/** After money arrived: the paying debtors' promises, and any promise whose date has passed. */
export async function settlePromises(db: Db, debtorIds: string[], ctx: PaymentContext): Promise<MonitorResult> {
  const opts = { today: ctx.today, graceDays: ctx.graceDays, timeZone: ctx.timeZone, now: ctx.now };
  const a = debtorIds.length ? await monitorPromises(db, { ...opts, debtorIds: [...new Set(debtorIds)] }) : { evaluated: 0, kept: 0, broken: 0 };
  const b = await monitorPromises(db, opts);
  return { evaluated: a.evaluated + b.evaluated, kept: a.kept + b.kept, broken: a.broken + b.broken };
}
