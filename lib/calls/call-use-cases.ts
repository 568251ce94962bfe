import { checkPlan, type PlanError } from "@/lib/agreements/plan-validation";
import { buildSummary, type SummaryResult } from "@/lib/agreements/summary";
import { audit } from "@/lib/audit/audit";
import { canWriteDebtor, type Role } from "@/lib/auth/roles";
import { Prisma, type Db, type Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/db/domain-error";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { messageIdFor, releaseDraft } from "@/lib/email/outbox";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { nextLadderStep } from "./call-goal";
import type { FinishCallInput, SaveCallDraftInput, SendSummaryInput, StartCallInput } from "./call-schemas";

/**
 * The call use cases: start (a draft), save the draft while talking, finish (record what was
 * agreed, in one transaction with its tasks and the summary e-mail draft), send the summary.
 */

export type Actor = { id: string; role: Role; name: string; email: string };
export type CallContext = { today: CalendarDate; timeZone: string; creditorName: string; messageIdDomain: string; smtpConfigured: boolean };

async function writableDebtor(db: Db | Tx, actor: Actor, debtorId: string) {
  const debtor = await db.debtor.findUnique({ where: { id: debtorId } });
  if (!debtor) throw new DomainError("not_found");
  if (!canWriteDebtor(actor, debtor)) throw new DomainError("forbidden", "not this controller's debtor");
  return debtor;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Opens a draft call log. The same key twice (double click, retry) returns the same draft. */
export async function startCall(db: Db, actor: Actor, input: StartCallInput): Promise<{ callId: string; version: number }> {
  await writableDebtor(db, actor, input.debtorId);
  const existing = await db.callLog.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (existing) {
    if (existing.authorId !== actor.id || existing.debtorId !== input.debtorId) throw new DomainError("conflict", "key reused");
    return { callId: existing.id, version: existing.version };
  }
  try {
    const call = await db.callLog.create({ data: { debtorId: input.debtorId, authorId: actor.id, status: "draft", startedAt: new Date(), idempotencyKey: input.idempotencyKey } });
    return { callId: call.id, version: call.version };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const again = await db.callLog.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    return { callId: again.id, version: again.version };
  }
}

function draftData(input: SaveCallDraftInput) {
  return {
    notes: input.notes,
    ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
    ...(input.spokeWith !== undefined ? { spokeWith: input.spokeWith } : {}),
    ...(input.phoneUsed !== undefined ? { phoneUsed: input.phoneUsed } : {}),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(input.reasonCategory !== undefined ? { reasonCategory: input.reasonCategory } : {}),
    ...(input.reasonText !== undefined ? { reasonText: input.reasonText } : {}),
    ...(input.excuseUsed !== undefined ? { excuseUsed: input.excuseUsed } : {}),
  };
}

/** Why a conditional update on a call matched nothing. */
async function callConflict(db: Db | Tx, actor: Actor, callId: string): Promise<never> {
  const call = await db.callLog.findUnique({ where: { id: callId }, select: { authorId: true, status: true } });
  if (!call) throw new DomainError("not_found");
  if (call.authorId !== actor.id) throw new DomainError("forbidden", "another controller's call");
  throw new DomainError("conflict", call.status === "final" ? "call already finished" : "stale version");
}

/**
 * Autosave while talking. Only the author's own draft, only from the version they have: a save
 * from a stale tab is a conflict, never a silent overwrite.
 */
export async function saveCallDraft(db: Db, actor: Actor, input: SaveCallDraftInput): Promise<{ version: number; savedAt: Date }> {
  if (input.contactId) await assertContactOfCall(db, input.callId, input.contactId);
  const r = await db.callLog.updateMany({
    where: { id: input.callId, authorId: actor.id, status: "draft", version: input.version },
    data: { ...draftData(input), version: { increment: 1 } },
  });
  if (r.count !== 1) return callConflict(db, actor, input.callId);
  return { version: input.version + 1, savedAt: new Date() };
}

async function assertContactOfCall(db: Db | Tx, callId: string, contactId: string) {
  const call = await db.callLog.findUnique({ where: { id: callId }, select: { debtorId: true } });
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { debtorId: true } });
  if (!call) throw new DomainError("not_found");
  if (!contact || contact.debtorId !== call.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
}

function planFieldErrors(errors: PlanError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[`result.${e.path}`] ??= []).push(`plan.error.${e.code}`);
  return out;
}

/** 09:00 on a calendar day in the office's zone. */
const morningOf = (date: CalendarDate, timeZone: string) => new Date(startOfDayIn(date, timeZone).getTime() + 9 * 3_600_000);

/** "YYYY-MM-DDTHH:MM" in the office's zone -> instant. */
export function localDateTimeToInstant(value: string, timeZone: string): Date {
  const [date, time] = value.split("T") as [string, string];
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(startOfDayIn(date, timeZone).getTime() + (h * 60 + m) * 60_000);
}

export type FinishCallOutcome = { callId: string; agreementId: string | null; emailId: string | null; needsApproval: boolean };

/**
 * Finishes a call: the call log becomes final and what was agreed is recorded, all or nothing.
 * Promise/plan: an agreement with instalments and a check-payment task per instalment. Dispute:
 * a dispute per invoice (dunning skips disputed invoices). Callback: a task. The summary e-mail is
 * written as a draft in the same transaction. Replaying the same finish changes nothing.
 */
export async function finishCall(db: Db, actor: Actor, input: FinishCallInput, ctx: CallContext): Promise<FinishCallOutcome> {
  const call = await db.callLog.findUnique({ where: { id: input.callId } });
  if (!call) throw new DomainError("not_found");
  if (call.authorId !== actor.id) throw new DomainError("forbidden", "another controller's call");
  if (call.status === "final") {
    // A replay of a finished call (double submit, retry after a lost response): same answer.
    const agreement = await db.agreement.findUnique({ where: { idempotencyKey: `call:${call.id}` }, select: { id: true, needsApproval: true } });
    const email = await db.emailOutbox.findUnique({ where: { idempotencyKey: `summary:${call.id}` }, select: { id: true } });
    return { callId: call.id, agreementId: agreement?.id ?? null, emailId: email?.id ?? null, needsApproval: agreement?.needsApproval ?? false };
  }
  if (call.version !== input.version) throw new DomainError("conflict", "stale call version");
  const debtor = await writableDebtor(db, actor, call.debtorId);
  const result = input.result;
  const now = new Date();

  return db.$transaction(async (tx) => {
    // The debtor's version guards against two people recording agreements from the same view.
    const bumped = await tx.debtor.updateMany({ where: { id: debtor.id, version: input.debtorVersion }, data: { version: { increment: 1 } } });
    if (bumped.count !== 1) throw new DomainError("conflict", "debtor changed since the page was loaded");

    // Who was spoken to: an existing contact (maybe with a newly learned number) or a new one.
    let contactId = input.contactId ?? null;
    if (contactId) await assertContactOfCall(tx, call.id, contactId);
    if (input.newContact) {
      const c = await tx.contact.create({
        data: { debtorId: debtor.id, name: input.newContact.name, jobTitle: input.newContact.jobTitle, role: input.newContact.role, phone: input.newContact.phone, email: input.newContact.email ?? null },
      });
      contactId = c.id;
    } else if (contactId && input.contactUpdate && (input.contactUpdate.phone || input.contactUpdate.email)) {
      await tx.contact.update({
        where: { id: contactId },
        data: { ...(input.contactUpdate.phone ? { phone: input.contactUpdate.phone } : {}), ...(input.contactUpdate.email ? { email: input.contactUpdate.email } : {}), version: { increment: 1 } },
      });
    }
    const contact = contactId ? await tx.contact.findUniqueOrThrow({ where: { id: contactId } }) : null;

    const finalised = await tx.callLog.updateMany({
      where: { id: call.id, status: "draft", version: input.version },
      data: { ...draftData(input), contactId, spokeWith: input.spokeWith ?? contact?.name ?? null, status: "final", endedAt: now, version: { increment: 1 } },
    });
    if (finalised.count !== 1) return callConflict(tx, actor, call.id);
    // The call is logged: the worklist items that asked for it are done (later callbacks stay).
    await tx.task.updateMany({
      where: { debtorId: debtor.id, status: "open", type: { in: ["callback", "dunning_call", "service_call"] }, dueAt: { lt: startOfDayIn(addDays(ctx.today, 1), ctx.timeZone) } },
      data: { status: "done", completedAt: now, version: { increment: 1 } },
    });

    // Invoices named in the result must be this debtor's open invoices.
    const invoiceIds = result.kind === "promise" || result.kind === "plan" ? result.invoiceIds : result.kind === "dispute" ? result.invoices.map((i) => i.invoiceId) : [];
    const invoices = invoiceIds.length
      ? await tx.invoice.findMany({ where: { id: { in: invoiceIds }, debtorId: debtor.id, openCents: { gt: 0 } }, orderBy: { dueDate: "asc" } })
      : [];
    if (invoices.length !== new Set(invoiceIds).size) throw new DomainError("invalid", "unknown invoice", { "result.invoiceIds": ["validation.pickInvoices"] });
    const openOfSelected = invoices.reduce((s, i) => s + i.openCents, 0n);

    let agreementId: string | null = null;
    let needsApproval = false;
    let summary: SummaryResult | null = null;
    const method = result.kind === "promise" || result.kind === "plan" ? result.method : "bank_transfer";

    if (result.kind === "promise" || result.kind === "plan") {
      const instalments = result.kind === "promise" ? [{ dueDate: result.dueDate, amountCents: result.amount }] : result.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amount }));
      const totalCents = result.kind === "promise" ? result.amount : result.total;
      const check = checkPlan({ totalCents, instalments }, { maxInstalments: result.kind === "promise" ? 1 : debtor.maxInstalments, minDownPaymentPct: debtor.minDownPaymentPct }, ctx.today);
      if (!check.ok) {
        const errors = planFieldErrors(check.errors);
        if (result.kind === "promise") {
          // One instalment: report it on the promise's own fields.
          for (const [k, v] of Object.entries(errors)) {
            delete errors[k];
            const field = k.endsWith("dueDate") ? "result.dueDate" : k.endsWith("amountCents") ? "result.amount" : "result._form";
            errors[field] = v;
          }
        }
        throw new DomainError("invalid", "plan rules", errors);
      }
      if (totalCents > openOfSelected) throw new DomainError("invalid", "more than open", { [result.kind === "promise" ? "result.amount" : "result.total"]: ["validation.moreThanOpen"] });
      needsApproval = check.needsApproval;
      const agreement = await tx.agreement.create({
        data: {
          debtorId: debtor.id,
          callLogId: call.id,
          kind: result.kind,
          totalCents,
          currency: debtor.currency,
          method,
          needsApproval,
          createdById: actor.id,
          idempotencyKey: `call:${call.id}`,
          instalments: { create: instalments.map((i, k) => ({ seq: k + 1, dueDate: i.dueDate, amountCents: i.amountCents })) },
          invoices: { create: invoices.map((i) => ({ invoiceId: i.id })) },
        },
      });
      agreementId = agreement.id;
      await tx.task.createMany({
        data: instalments.map((i, k) => ({
          debtorId: debtor.id,
          type: "check_payment",
          dueAt: morningOf(addDays(i.dueDate, 1), ctx.timeZone),
          assigneeId: actor.id,
          agreementId: agreement.id,
          createdById: actor.id,
          note: instalments.length > 1 ? `${k + 1}/${instalments.length}` : null,
        })),
      });
      summary =
        result.kind === "promise"
          ? { kind: "promise", amountCents: totalCents, dueDate: result.dueDate, method, invoiceNumbers: invoices.map((i) => i.number) }
          : { kind: "plan", totalCents, method, invoiceNumbers: invoices.map((i) => i.number), instalments: instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents })) };
      // Outside the negotiation room: a manager decides, from the team worklist.
      if (needsApproval) await tx.task.create({ data: { debtorId: debtor.id, type: "approval", dueAt: now, assigneeId: null, agreementId: agreement.id, createdById: actor.id, note: "plan_approval" } });
      await audit(tx, { actorId: actor.id, action: `agreement.${result.kind}`, entity: "agreement", entityId: agreement.id, data: { totalCents, instalments: instalments.length, needsApproval } });
    } else if (result.kind === "dispute") {
      let disputed = 0n;
      for (const item of result.invoices) {
        const invoice = invoices.find((i) => i.id === item.invoiceId)!;
        if (item.amount > invoice.openCents) throw new DomainError("invalid", "disputed more than open", { "result.invoices": ["validation.moreThanOpen"] });
        disputed += item.amount;
        await tx.dispute.create({ data: { debtorId: debtor.id, invoiceId: invoice.id, reason: result.reason, description: result.description, disputedCents: item.amount, openedOn: ctx.today, createdById: actor.id } });
      }
      await recomputeDebtorBalances(tx, [debtor.id]);
      // The undisputed overdue part stays the goal of the next call.
      const overdue = await tx.invoice.findMany({ where: { debtorId: debtor.id, openCents: { gt: 0 }, dueDate: { lt: ctx.today } }, select: { openCents: true, disputes: { where: { status: "open" }, select: { disputedCents: true } } } });
      const undisputed = overdue.reduce((s, i) => {
        const d = i.disputes.reduce((a, x) => a + x.disputedCents, 0n);
        return s + (i.openCents > d ? i.openCents - d : 0n);
      }, 0n);
      summary = { kind: "dispute", invoiceNumbers: invoices.map((i) => i.number), disputedCents: disputed, undisputed: undisputed > 0n ? { amountCents: undisputed, dueDate: addDays(ctx.today, debtor.kind === "consumer" ? 14 : 7) } : null };
      // A new dispute is a worklist item: it needs someone to sort it out with sales or service.
      await tx.task.create({ data: { debtorId: debtor.id, type: "dispute", dueAt: startOfDayIn(addDays(ctx.today, 1), ctx.timeZone), assigneeId: debtor.assignedControllerId ?? actor.id, createdById: actor.id, note: result.reason } });
      await audit(tx, { actorId: actor.id, action: "dispute.open", entity: "debtor", entityId: debtor.id, data: { invoices: invoices.map((i) => i.number), disputed } });
    } else if (result.kind === "callback") {
      const at = localDateTimeToInstant(result.at, ctx.timeZone);
      if (at.getTime() <= now.getTime()) throw new DomainError("invalid", "callback in the past", { "result.at": ["validation.future"] });
      await tx.task.create({ data: { debtorId: debtor.id, type: "callback", dueAt: at, assigneeId: actor.id, createdById: actor.id, note: contact?.name ?? null } });
      summary = { kind: "callback", at };
    }

    // The written summary, as a draft the controller can edit before sending.
    let emailId: string | null = null;
    const recipient = contact?.email ? contact : await tx.contact.findFirst({ where: { debtorId: debtor.id, isPrimaryForPayments: true, email: { not: null } } });
    const reached = input.outcome === "reached" || input.outcome === "callback_requested";
    if (summary && reached && recipient?.email) {
      const me = await tx.user.findUnique({ where: { id: actor.id }, select: { phone: true, jobTitle: true } });
      const level = await tx.invoice.aggregate({ where: { debtorId: debtor.id, openCents: { gt: 0 } }, _max: { dunningLevel: true } });
      const text = buildSummary({
        language: debtor.language === "en" ? "en" : "nl",
        creditorName: ctx.creditorName,
        debtorName: debtor.name,
        contactName: contact?.name ?? input.spokeWith ?? null,
        calledAt: call.startedAt,
        timeZone: debtor.timeZone,
        currency: debtor.currency,
        controller: { name: actor.name, email: actor.email, phone: me?.phone ?? null, jobTitle: me?.jobTitle ?? null },
        result: summary,
        consequence: nextLadderStep(level._max.dunningLevel ?? 0, debtor.kind === "consumer" ? "consumer" : "b2b"),
      });
      const key = `summary:${call.id}`;
      const email = await tx.emailOutbox.create({
        data: { debtorId: debtor.id, toAddress: recipient.email, toName: recipient.name, subject: text.subject, body: text.body, kind: "agreement_summary", status: "draft", idempotencyKey: key, messageId: messageIdFor(key, ctx.messageIdDomain), createdById: actor.id },
      });
      emailId = email.id;
    }
    await audit(tx, { actorId: actor.id, action: "call.finish", entity: "call", entityId: call.id, data: { outcome: input.outcome, result: result.kind } });
    return { callId: call.id, agreementId, emailId, needsApproval };
  });
}

/**
 * Sends the (edited) summary: the draft becomes pending in the outbox. The recipient is one of
 * the debtor's contacts, never free text. Sending twice sends once.
 */
export async function sendSummary(db: Db, actor: Actor, input: SendSummaryInput, ctx: Pick<CallContext, "smtpConfigured">): Promise<{ emailId: string; status: string }> {
  const email = await db.emailOutbox.findUnique({ where: { id: input.emailId } });
  if (!email || !email.debtorId) throw new DomainError("not_found");
  await writableDebtor(db, actor, email.debtorId);
  if (email.status !== "draft") return { emailId: email.id, status: email.status };
  const contact = await db.contact.findUnique({ where: { id: input.contactId } });
  if (!contact || contact.debtorId !== email.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
  if (!contact.email) throw new DomainError("invalid", "contact without e-mail", { contactId: ["validation.contactNoEmail"] });
  await db.$transaction(async (tx) => {
    await releaseDraft(tx, email.id, { subject: input.subject, body: input.body, toAddress: contact.email!, toName: contact.name }, ctx.smtpConfigured);
    await audit(tx, { actorId: actor.id, action: "email.send", entity: "email", entityId: email.id, data: { to: contact.email } });
  });
  const after = await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id }, select: { status: true } });
  return { emailId: email.id, status: after.status };
}
