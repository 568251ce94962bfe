import { nextWorkingDay } from "@/lib/clock/working-days";
import { audit } from "@/lib/audit/audit";
import { assertCanWriteDebtor, type Actor } from "@/lib/auth/guards";
import type { Db, Tx } from "@/lib/db/client";
import { enqueueEmail, type MailSetup } from "@/lib/email/outbox";
import { DomainError } from "@/lib/errors/domain-error";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { closeTasks, createTask, createTasks, PLAN_APPROVAL_NOTE } from "@/lib/tasks/tasks";
import type { ChangeAgreementInput } from "./agreement-schemas";
import { changeConfirmation } from "./change-confirmation";
import { checkPlan } from "./plan-validation";

export type ChangeContext = MailSetup & { today: CalendarDate; timeZone: string; now: Date; creditorName: string };
export type ChangeResult = { agreementId: string; debtorId: string; status: string; emailId: string | null; needsApproval: boolean };

/**
 * A controller changes an open promise or plan outside a call (the debtor asked by e-mail, a date
 * falls on a holiday): reschedules its open instalments (kept ones stay; the amount still to pay
 * stays the same) or cancels it. Audited with the reason, the payment checks on the worklist
 * follow, and the debtor gets a confirmation of the change (a draft the controller sends, in the
 * debtor's language). A rescheduled plan outside the negotiation room goes to a manager again.
 */
export async function changeAgreement(db: Db, actor: Actor & { name: string; email: string }, input: ChangeAgreementInput, ctx: ChangeContext): Promise<ChangeResult> {
  const agreement = await db.agreement.findUnique({
    where: { id: input.agreementId },
    include: { instalments: { orderBy: { seq: "asc" } }, invoices: { include: { invoice: { select: { number: true } } } }, debtor: true },
  });
  if (!agreement) throw new DomainError("not_found");
  assertCanWriteDebtor(actor, agreement.debtor, "calls:write");
  const repeat = await db.auditLog.findFirst({ where: { entity: "agreement", entityId: agreement.id, action: { in: ["agreement.cancel", "agreement.reschedule"] }, data: { contains: input.idempotencyKey } }, select: { id: true } });
  if (repeat) {
    const email = await db.emailOutbox.findUnique({ where: { idempotencyKey: `change:${input.idempotencyKey}` }, select: { id: true } });
    return { agreementId: agreement.id, debtorId: agreement.debtorId, status: agreement.status, emailId: email?.id ?? null, needsApproval: agreement.needsApproval };
  }
  if (agreement.status !== "open") throw new DomainError("conflict", "agreement no longer open");

  const kept = agreement.instalments.filter((i) => i.status !== "open");
  const open = agreement.instalments.filter((i) => i.status === "open");
  const stillToPay = open.reduce((s, i) => s + i.amountCents, 0n);
  let plan: { dueDate: CalendarDate; amountCents: bigint }[] = [];
  let needsApproval = agreement.needsApproval;
  if (input.action === "reschedule") {
    plan = input.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amount }));
    const sum = plan.reduce((s, i) => s + i.amountCents, 0n);
    if (sum !== stillToPay) throw new DomainError("invalid", "reschedule changes the amount", { instalments: ["agreements.errors.sameAmount"] });
    const check = checkPlan({ totalCents: sum, instalments: plan }, { maxInstalments: Math.max(1, agreement.debtor.maxInstalments - kept.length), minDownPaymentPct: 0 }, ctx.today);
    if (!check.ok) throw new DomainError("invalid", "plan rules", { instalments: [...new Set(check.errors.map((e) => `plan.error.${e.code}`))] });
    needsApproval = needsApproval || check.needsApproval;
  }

  return db.$transaction(async (tx) => {
    const status = input.action === "cancel" ? "cancelled" : "open";
    const claimed = await tx.agreement.updateMany({ where: { id: agreement.id, version: input.version, status: "open" }, data: { status, needsApproval, version: { increment: 1 } } });
    if (claimed.count !== 1) throw new DomainError("conflict", "agreement changed since the page was loaded");
    await closeTasks(tx, { agreementId: agreement.id, types: input.action === "cancel" ? ["check_payment", "approval"] : ["check_payment"] }, "cancelled", ctx.now);
    if (input.action === "reschedule") await replaceOpenInstalments(tx, agreement, kept.length, plan, actor.id, ctx);
    if (input.action === "reschedule" && needsApproval && !agreement.needsApproval) {
      await createTask(tx, { debtorId: agreement.debtorId, type: "approval", dueAt: ctx.now, assigneeId: null, agreementId: agreement.id, createdById: actor.id, note: PLAN_APPROVAL_NOTE });
    }
    await audit(tx, { actorId: actor.id, action: `agreement.${input.action}`, entity: "agreement", entityId: agreement.id, data: { key: input.idempotencyKey, reason: input.reason, from: open.map((i) => [i.dueDate, i.amountCents]), to: plan.map((i) => [i.dueDate, i.amountCents]) } });
    const emailId = await confirmToDebtor(tx, actor, agreement, input, plan, ctx);
    return { agreementId: agreement.id, debtorId: agreement.debtorId, status, emailId, needsApproval };
  });
}

type Loaded = { id: string; debtorId: string; kind: string; totalCents: bigint; currency: string; createdAt: Date; invoices: { invoice: { number: string } }[] };

async function replaceOpenInstalments(tx: Tx, agreement: Loaded, keptCount: number, plan: { dueDate: CalendarDate; amountCents: bigint }[], actorId: string, ctx: ChangeContext) {
  await tx.instalment.deleteMany({ where: { agreementId: agreement.id, status: "open" } });
  await tx.instalment.createMany({ data: plan.map((i, k) => ({ agreementId: agreement.id, seq: keptCount + k + 1, dueDate: i.dueDate, amountCents: i.amountCents })) });
  // The first working morning after each new date, the controller checks whether it came in.
  const morningAfter = (d: CalendarDate) => new Date(startOfDayIn(nextWorkingDay(addDays(d, 1)), ctx.timeZone).getTime() + 9 * 3_600_000);
  const n = keptCount + plan.length;
  await createTasks(tx, plan.map((i, k) => ({ debtorId: agreement.debtorId, type: "check_payment" as const, dueAt: morningAfter(i.dueDate), assigneeId: actorId, agreementId: agreement.id, createdById: actorId, note: n > 1 ? `${keptCount + k + 1}/${n}` : null })));
}

async function confirmToDebtor(tx: Tx, actor: Actor & { name: string; email: string }, agreement: Loaded & { debtor: { name: string; language: string } }, input: ChangeAgreementInput, plan: { dueDate: CalendarDate; amountCents: bigint }[], ctx: ChangeContext): Promise<string | null> {
  const recipient = await tx.contact.findFirst({ where: { debtorId: agreement.debtorId, isPrimaryForPayments: true, email: { not: null } }, select: { name: true, email: true } });
  if (!recipient?.email) return null;
  const me = await tx.user.findUnique({ where: { id: actor.id }, select: { phone: true, jobTitle: true } });
  const text = changeConfirmation({
    language: agreement.debtor.language === "en" ? "en" : "nl",
    creditorName: ctx.creditorName,
    debtorName: agreement.debtor.name,
    contactName: recipient.name,
    agreementKind: agreement.kind === "plan" ? "plan" : "promise",
    madeOn: agreement.createdAt,
    timeZone: ctx.timeZone,
    currency: agreement.currency,
    invoiceNumbers: agreement.invoices.map((i) => i.invoice.number),
    change: input.action === "cancel" ? { kind: "cancelled", reason: input.reason } : { kind: "rescheduled", reason: input.reason, instalments: plan },
    controller: { name: actor.name, email: actor.email, phone: me?.phone ?? null, jobTitle: me?.jobTitle ?? null },
  });
  return enqueueEmail(tx, { debtorId: agreement.debtorId, to: { address: recipient.email, name: recipient.name }, subject: text.subject, body: text.body, kind: "agreement_summary", state: "draft", idempotencyKey: `change:${input.idempotencyKey}`, createdById: actor.id }, ctx);
}
