import { monitorPromises, type MonitorResult } from "@/lib/agreements/promise-monitoring";
import { writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { applyPayment, type ApplyPaymentResult } from "./apply-payment";
import type { RecordPaymentInput } from "./payment-schemas";

export type PaymentContext = { today: CalendarDate; now: Date; timeZone: string; graceDays: number };

/** A payment entered by hand, then the debtor's promises judged against it at once. */
export async function recordPayment(db: Db, actor: Actor, input: RecordPaymentInput, ctx: PaymentContext): Promise<ApplyPaymentResult & { promises: MonitorResult }> {
  const debtor = await writableDebtor(db, actor, input.debtorId, "payments:write");
  if (input.valueDate > ctx.today) throw new DomainError("invalid", undefined, { valueDate: ["payments.errors.futureDate"] });
  const ids = input.invoiceIds.length ? (await db.invoice.findMany({ where: { id: { in: input.invoiceIds }, debtorId: input.debtorId }, select: { id: true } })).map((i) => i.id) : [];
  if (ids.length !== new Set(input.invoiceIds).size) throw new DomainError("invalid", undefined, { invoiceIds: ["payments.errors.unknownInvoice"] });
  const paid = await db.$transaction((tx) =>
    applyPayment(tx, { debtorId: input.debtorId, amountCents: input.amount, currency: debtor.currency, valueDate: input.valueDate, reference: input.reference, method: input.method, source: "manual", preferredInvoiceIds: input.invoiceIds, actorId: actor.id, today: ctx.today, now: ctx.now }),
  );
  const promises = await settlePromises(db, [input.debtorId], ctx);
  return { ...paid, promises };
}

/** After money arrived: the paying debtors' promises, and any promise whose date has passed. */
export async function settlePromises(db: Db, debtorIds: string[], ctx: PaymentContext): Promise<MonitorResult> {
  const opts = { today: ctx.today, graceDays: ctx.graceDays, timeZone: ctx.timeZone, now: ctx.now };
  const a = debtorIds.length ? await monitorPromises(db, { ...opts, debtorIds: [...new Set(debtorIds)] }) : { evaluated: 0, kept: 0, broken: 0 };
  const b = await monitorPromises(db, opts);
  return { evaluated: a.evaluated + b.evaluated, kept: a.kept + b.kept, broken: a.broken + b.broken };
}
