import { nextWorkingDay } from "@/lib/clock/working-days";
import { audit } from "@/lib/audit/audit";
import type { Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvent } from "@/lib/events/domain-events";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { createTask, createTasks, PLAN_APPROVAL_NOTE } from "@/lib/tasks/tasks";
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

  const invoiceNumbers = invoices.map((i) => i.number);
  const summary: SummaryResult =
    terms.kind === "promise"
      ? { kind: "promise", amountCents: terms.totalCents, dueDate: terms.instalments[0]!.dueDate, method: terms.method, invoiceNumbers }
      : { kind: "plan", totalCents: terms.totalCents, method: terms.method, invoiceNumbers, instalments: terms.instalments };
  return { agreementId: agreement.id, needsApproval: check.needsApproval, summary };
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
