import { audit } from "@/lib/audit/audit";
import { closeTasks, type TaskType } from "@/lib/tasks/tasks";
import type { Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvent } from "@/lib/events/domain-events";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { allocatePayment, type Allocation } from "./allocate-payment";

/** Items that exist only because money was missing; they leave the worklist when it arrives. */
const CLOSED_WHEN_NOTHING_OVERDUE: TaskType[] = ["dunning_call", "handover"];

export type ApplyPaymentInput = {
  debtorId: string;
  amountCents: bigint;
  currency: string;
  valueDate: CalendarDate;
  reference: string | null;
  method: string;
  /** manual: typed by a person; bank_import: a bank statement line; import: a payments file from the accounting package */
  source: "manual" | "bank_import" | "import";
  preferredInvoiceIds?: string[];
  actorId: string | null;
  today: CalendarDate;
  now: Date;
  /** the submitting form's key (manual payments): unique, so the same submit books once */
  idempotencyKey?: string | null;
};
export type ApplyPaymentResult = { paymentId: string; allocations: Allocation[]; unallocatedCents: bigint; closedTasks: number };

/**
 * Books a payment inside the caller's transaction: allocations costs → interest → principal per
 * invoice (art. 6:44 BW), invoice and debtor balances, and the worklist items that the money
 * settles. Each invoice update is conditional on the amount still being open, so two payments
 * booked at once can never take the same cents twice (the loser's transaction fails as a conflict).
 */
export async function applyPayment(tx: Tx, input: ApplyPaymentInput): Promise<ApplyPaymentResult> {
  if (input.amountCents <= 0n) throw new DomainError("invalid", undefined, { amount: ["payments.errors.amountPositive"] });
  const debtor = await tx.debtor.findUnique({ where: { id: input.debtorId }, select: { id: true, currency: true } });
  if (!debtor) throw new DomainError("not_found");
  if (debtor.currency !== input.currency) throw new DomainError("invalid", undefined, { amount: ["payments.errors.currency"] });
  const invoices = await tx.invoice.findMany({
    where: { debtorId: input.debtorId, OR: [{ openCents: { gt: 0 } }, { costsOpenCents: { gt: 0 } }, { interestOpenCents: { gt: 0 } }] },
    select: { id: true, dueDate: true, openCents: true, costsOpenCents: true, interestOpenCents: true },
  });
  const plan = allocatePayment(input.amountCents, invoices, input.preferredInvoiceIds ?? []);
  const payment = await tx.payment.create({
    data: { debtorId: input.debtorId, amountCents: input.amountCents, currency: input.currency, valueDate: input.valueDate, method: input.method, reference: input.reference, source: input.source, createdById: input.actorId, idempotencyKey: input.idempotencyKey ?? null },
    select: { id: true },
  });
  if (plan.allocations.length) await tx.paymentAllocation.createMany({ data: plan.allocations.map((a) => ({ paymentId: payment.id, invoiceId: a.invoiceId, amountCents: a.amountCents, kind: a.kind })) });
  for (const a of plan.allocations) {
    const field = a.kind === "costs" ? "costsOpenCents" : a.kind === "interest" ? "interestOpenCents" : "openCents";
    const r = await tx.invoice.updateMany({ where: { id: a.invoiceId, [field]: { gte: a.amountCents } }, data: { [field]: { decrement: a.amountCents } } });
    if (r.count !== 1) throw new DomainError("conflict", "invoice balance changed meanwhile");
  }
  await recomputeDebtorBalances(tx, [input.debtorId]);
  const closedTasks = await closeSettledTasks(tx, input.debtorId, input.today, input.now);
  await audit(tx, { actorId: input.actorId, action: "payment.record", entity: "payment", entityId: payment.id, data: { amountCents: input.amountCents, source: input.source, unallocatedCents: plan.unallocatedCents } });
  const allocations = plan.allocations.map((a) => ({ invoiceId: a.invoiceId, kind: a.kind, amountCents: a.amountCents }));
  await recordEvent(tx, { type: "payment.booked", debtorId: input.debtorId, data: { paymentId: payment.id, amountCents: input.amountCents, currency: input.currency, valueDate: input.valueDate, method: input.method, source: input.source, allocations, unallocatedCents: plan.unallocatedCents } }, input.now);
  return { paymentId: payment.id, allocations: plan.allocations, unallocatedCents: plan.unallocatedCents, closedTasks };
}

async function closeSettledTasks(tx: Tx, debtorId: string, today: CalendarDate, now: Date): Promise<number> {
  const [overdue, open] = await Promise.all([
    tx.invoice.count({ where: { debtorId, openCents: { gt: 0 }, dueDate: { lt: today } } }),
    tx.invoice.count({ where: { debtorId, openCents: { gt: 0 } } }),
  ]);
  const types: TaskType[] = [...(overdue === 0 ? CLOSED_WHEN_NOTHING_OVERDUE : []), ...(open === 0 ? (["service_call"] as const) : [])];
  let closed = 0;
  if (types.length) closed += await closeTasks(tx, { debtorId, types }, "done", now);
  // A callback about a broken promise, or a retry after nobody answered, is moot once nothing is overdue any more.
  if (overdue === 0) {
    closed += await closeTasks(tx, { debtorId, purpose: "broken_promise" }, "done", now);
    closed += await closeTasks(tx, { debtorId, purpose: "no_answer_retry" }, "done", now);
  }
  return closed;
}
