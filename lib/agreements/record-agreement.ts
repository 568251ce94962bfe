import { nextWorkingDay } from "@/lib/clock/working-days";
import { audit } from "@/lib/audit/audit";
import type { Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvent } from "@/lib/events/domain-events";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { closeTasks, createTask, createTasks, PLAN_APPROVAL_NOTE } from "@/lib/tasks/tasks";
import { checkPlan, type PlanError } from "./plan-validation";
import type { SummaryResult } from "./summary";

/**
 * A promise or a payment plan agreed on a call, inside the call's transaction: checked against
 * the debtor's negotiation room, stored with its instalments and invoices, a payment check per
 * instalment on the controller's worklist, and, outside the room, an approval item for a manager.
 * The caller has already checked the actor's rights on the debtor.
 */
export type AgreementTerms = {
  kind: "promise" | "plan";
  totalCents: bigint;
  method: string;
  instalments: { dueDate: CalendarDate; amountCents: bigint }[];
  /** replaces the open promise or plan on these invoices (one active agreement per invoice) */
  supersedes?: boolean;
};

export async function recordAgreement(
  tx: Tx,
  input: {
    debtor: { id: string; currency: string; maxInstalments: number; minDownPaymentPct: number };
    callId: string;
    actorId: string;
    terms: AgreementTerms;
    invoices: { id: string; number: string; openCents: bigint }[];
  },
  ctx: { today: CalendarDate; timeZone: string; now: Date },
): Promise<{ agreementId: string; needsApproval: boolean; summary: SummaryResult }> {
  const { debtor, terms, invoices } = input;
  const check = checkPlan({ totalCents: terms.totalCents, instalments: terms.instalments }, { maxInstalments: terms.kind === "promise" ? 1 : debtor.maxInstalments, minDownPaymentPct: debtor.minDownPaymentPct }, ctx.today);
  if (!check.ok) throw new DomainError("invalid", "plan rules", planFieldErrors(check.errors, terms.kind));
  const openOfSelected = invoices.reduce((s, i) => s + i.openCents, 0n);
  if (terms.totalCents > openOfSelected) throw new DomainError("invalid", "more than open", { [terms.kind === "promise" ? "result.amount" : "result.total"]: ["validation.moreThanOpen"] });

  const superseded = await supersede(tx, input, ctx.now);

  const agreement = await tx.agreement.create({
    data: {
      debtorId: debtor.id,
      callLogId: input.callId,
      kind: terms.kind,
      totalCents: terms.totalCents,
      currency: debtor.currency,
      method: terms.method,
      needsApproval: check.needsApproval,
      createdById: input.actorId,
      idempotencyKey: `call:${input.callId}`,
      instalments: { create: terms.instalments.map((i, k) => ({ seq: k + 1, dueDate: i.dueDate, amountCents: i.amountCents })) },
      invoices: { create: invoices.map((i) => ({ invoiceId: i.id })) },
    },
  });
  // The first working morning after each instalment's date, the controller checks whether it came in.
  const morningAfter = (d: CalendarDate) => new Date(startOfDayIn(nextWorkingDay(addDays(d, 1)), ctx.timeZone).getTime() + 9 * 3_600_000);
  const n = terms.instalments.length;
  await createTasks(
    tx,
    terms.instalments.map((i, k) => ({ debtorId: debtor.id, type: "check_payment" as const, dueAt: morningAfter(i.dueDate), assigneeId: input.actorId, agreementId: agreement.id, createdById: input.actorId, note: n > 1 ? `${k + 1}/${n}` : null })),
  );
  // Outside the negotiation room: a manager decides, from the team worklist.
  if (check.needsApproval) await createTask(tx, { debtorId: debtor.id, type: "approval", dueAt: ctx.now, assigneeId: null, agreementId: agreement.id, createdById: input.actorId, note: PLAN_APPROVAL_NOTE });
  await audit(tx, { actorId: input.actorId, action: `agreement.${terms.kind}`, entity: "agreement", entityId: agreement.id, data: { totalCents: terms.totalCents, instalments: n, needsApproval: check.needsApproval } });
  const instalmentData = terms.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents }));
  await recordEvent(tx, { type: "agreement.made", debtorId: debtor.id, data: { agreementId: agreement.id, kind: terms.kind, totalCents: terms.totalCents, currency: debtor.currency, needsApproval: check.needsApproval, instalments: instalmentData, invoiceIds: invoices.map((i) => i.id), invoiceNumbers: invoices.map((i) => i.number) } }, ctx.now);

  if (superseded.length) await audit(tx, { actorId: input.actorId, action: "agreement.supersede", entity: "agreement", entityId: agreement.id, data: { superseded } });
  const invoiceNumbers = invoices.map((i) => i.number);
  const summary: SummaryResult =
    terms.kind === "promise"
      ? { kind: "promise", amountCents: terms.totalCents, dueDate: terms.instalments[0]!.dueDate, method: terms.method, invoiceNumbers }
      : { kind: "plan", totalCents: terms.totalCents, method: terms.method, invoiceNumbers, instalments: terms.instalments };
  return { agreementId: agreement.id, needsApproval: check.needsApproval, summary };
}

/**
 * One active agreement per invoice: when an invoice is already under an open promise or plan, the
 * new one must say it replaces it (the form asks); the old one is then superseded, its payment
 * checks and approval item cancelled. Without that, nothing is recorded and the form says why.
 */
async function supersede(tx: Tx, input: { actorId: string; terms: AgreementTerms; invoices: { id: string; number: string }[] }, now: Date): Promise<string[]> {
  const covering = await tx.agreementInvoice.findMany({ where: { invoiceId: { in: input.invoices.map((i) => i.id) }, agreement: { status: "open" } }, select: { agreementId: true } });
  const ids = [...new Set(covering.map((c) => c.agreementId))];
  if (ids.length === 0) return [];
  if (!input.terms.supersedes) throw new DomainError("invalid", "invoices under an open agreement", { "result.supersedes": ["validation.underAgreement"] });
  const r = await tx.agreement.updateMany({ where: { id: { in: ids }, status: "open" }, data: { status: "superseded", evaluatedAt: now, version: { increment: 1 } } });
  if (r.count !== ids.length) throw new DomainError("conflict", "an agreement changed meanwhile");
  for (const id of ids) await closeTasks(tx, { agreementId: id, types: ["check_payment", "approval", "callback"] }, "cancelled", now);
  return ids;
}

/** Plan rule errors on the form's fields; a promise (one instalment) reports on its own fields. */
function planFieldErrors(errors: PlanError[], kind: "promise" | "plan"): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = `result.${e.path}`;
    const field = kind === "plan" ? path : path.endsWith("dueDate") ? "result.dueDate" : path.endsWith("amountCents") ? "result.amount" : "result._form";
    (out[field] ??= []).push(`plan.error.${e.code}`);
  }
  return out;
}
