import { nextWorkingDay } from "@/lib/clock/working-days";
import { recordAgreement } from "@/lib/agreements/record-agreement";
import { buildSummary, type SummaryResult } from "@/lib/agreements/summary";
import { audit } from "@/lib/audit/audit";
import type { Db, Tx } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { enqueueEmail } from "@/lib/email/outbox";
import { DomainError, isDomainError } from "@/lib/errors/domain-error";
import { recordEvents, type NewEvent } from "@/lib/events/domain-events";
import { addDays, startOfDayIn } from "@/lib/format/calendar-date";
import { closeTasks, createTask, postponeTasks } from "@/lib/tasks/tasks";
import { nextLadderStep } from "./call-goal";
import { assertContactOfCall, callConflict, draftData, localDateTimeToInstant, writableCallDebtor, type Actor, type CallContext } from "./call-drafts";
import type { FinishCallInput } from "./call-schemas";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { findSummaryWording } from "@/lib/creditor/creditor-queries";
import { isUniqueViolation } from "@/lib/db/transaction";

export type FinishCallOutcome = { callId: string; debtorId: string; agreementId: string | null; emailId: string | null; needsApproval: boolean };

type Debtor = Awaited<ReturnType<typeof writableCallDebtor>>;
type Contact = { id: string; name: string; email: string | null };
type Invoice = { id: string; number: string; openCents: bigint };
type Step = { tx: Tx; actor: Actor; debtor: Debtor; ctx: CallContext };

/**
 * Finishes a call: the call log becomes final and what was agreed is recorded, all or nothing.
 * Promise/plan: an agreement with instalments and a check-payment task per instalment. Dispute:
 * a dispute per invoice (dunning skips disputed invoices). Callback: a task. The summary e-mail is
 * written as a draft in the same transaction. Replaying the same finish changes nothing.
 *
 * A finish carries its own write id (kept by the client for its retries). Finishing needs no
 * "version N, but the save N->N+1 was mine" rule: the client first repeats an unanswered save
 * with that save's write id, learns N+1 and finishes from it. A finish whose reply was lost is
 * recognised by the call being final: the same write id gets the first answer, another one
 * (a second tab finishing with other content) a conflict, not a silent success.
 */
export async function finishCall(db: Db, actor: Actor, input: FinishCallInput, ctx: CallContext): Promise<FinishCallOutcome> {
  const call = await db.callLog.findUnique({ where: { id: input.callId } });
  if (!call) throw new DomainError("not_found");
  const debtor = await writableCallDebtor(db, actor, call.debtorId);
  if (call.authorId !== actor.id) throw new DomainError("forbidden", "another controller's call");
  if (call.status === "final") {
    // Calls finished before write ids (or by a caller without one) replay as before.
    const isOtherWriter = input.writeId !== undefined && call.lastWriteId !== null && call.lastWriteId !== input.writeId;
    if (isOtherWriter) throw new DomainError("conflict", "call already finished");
    return replayedFinish(db, call);
  }
  if (call.version !== input.version) throw new DomainError("conflict", "stale call version");
  try {
    return await finishInTransaction(db, actor, debtor, call, input, ctx);
  } catch (e) {
    // Submitted several times at once: the others lost the race to the one that finished the
    // call. A submit with that one's write id is the same finish and gets its answer.
    if (input.writeId && (isDomainError(e) || isUniqueViolation(e))) {
      const now = await db.callLog.findUnique({ where: { id: call.id }, select: { id: true, debtorId: true, status: true, lastWriteId: true } });
      if (now?.status === "final" && now.lastWriteId === input.writeId) return replayedFinish(db, now);
    }
    throw e;
  }
}

async function finishInTransaction(db: Db, actor: Actor, debtor: Debtor, call: { id: string; startedAt: Date }, input: FinishCallInput, ctx: CallContext): Promise<FinishCallOutcome> {
  const result = input.result;
  return db.$transaction(async (tx) => {
    // The debtor's version guards against two people recording agreements from the same view.
    const bumped = await tx.debtor.updateMany({ where: { id: debtor.id, version: input.debtorVersion }, data: { version: { increment: 1 } } });
    if (bumped.count !== 1) throw new DomainError("conflict", "debtor changed since the page was loaded");
    const step: Step = { tx, actor, debtor, ctx };
    const contact = await resolveContact(step, call.id, input);

    const finalised = await tx.callLog.updateMany({
      where: { id: call.id, status: "draft", version: input.version },
      data: { ...draftData(input), draftResult: null, contactId: contact?.id ?? null, spokeWith: input.spokeWith ?? contact?.name ?? null, status: "final", endedAt: ctx.now, lastWriteId: input.writeId ?? null, version: { increment: 1 } },
    });
    if (finalised.count !== 1) return callConflict(tx, actor, call.id);
    await settleCallTasks(step, input.outcome, result.kind);

    const invoices = await invoicesOfResult(tx, debtor.id, result);
    let agreementId: string | null = null;
    let needsApproval = false;
    let summary: SummaryResult | null = null;
    if (result.kind === "promise" || result.kind === "plan") {
      const instalments = result.kind === "promise" ? [{ dueDate: result.dueDate, amountCents: result.amount }] : result.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amount }));
      const terms = { kind: result.kind, totalCents: result.kind === "promise" ? result.amount : result.total, method: result.method, instalments, supersedes: result.supersedes === true };
      ({ agreementId, needsApproval, summary } = await recordAgreement(tx, { debtor, callId: call.id, actorId: actor.id, terms, invoices }, ctx));
    } else if (result.kind === "dispute") {
      summary = await openDisputes(step, result, invoices);
    } else if (result.kind === "callback") {
      summary = await scheduleCallback(step, result.at, contact);
    }
    const reached = input.outcome === "reached" || input.outcome === "callback_requested";
    const emailId = summary && reached ? await draftSummaryEmail(step, { callId: call.id, startedAt: call.startedAt, contact, spokeWith: input.spokeWith ?? null, summary }) : null;
    await audit(tx, { actorId: actor.id, action: "call.finish", entity: "call", entityId: call.id, data: { outcome: input.outcome, result: result.kind } });
    return { callId: call.id, debtorId: debtor.id, agreementId, emailId, needsApproval };
  });
}

const UNREACHED = new Set(["no_answer", "voicemail", "wrong_person"]);

/**
 * The call is logged: the worklist items that asked for it (due by today; later callbacks stay)
 * are done. When nobody was reached and nothing was arranged, they are not done: they come back
 * on the next working day, and a debtor without such an item gets a retry, so no attempt is lost.
 */
async function settleCallTasks({ tx, actor, debtor, ctx }: Step, outcome: string | null | undefined, resultKind: string): Promise<void> {
  const dueToday = { debtorId: debtor.id, types: ["callback", "dunning_call", "service_call"] as const, dueBefore: startOfDayIn(addDays(ctx.today, 1), ctx.timeZone) };
  if (!(outcome && UNREACHED.has(outcome) && resultKind === "none")) {
    await closeTasks(tx, { ...dueToday, types: [...dueToday.types] }, "done", ctx.now);
    return;
  }
  const retryAt = startOfDayIn(nextWorkingDay(addDays(ctx.today, 1)), ctx.timeZone);
  const moved = await postponeTasks(tx, { ...dueToday, types: [...dueToday.types] }, retryAt, outcome);
  if (moved === 0) await createTask(tx, { debtorId: debtor.id, type: "callback", purpose: "no_answer_retry", dueAt: retryAt, assigneeId: debtor.assignedControllerId ?? actor.id, createdById: actor.id });
}

/** A replay of a finished call (double submit, retry after a lost response): the same answer. */
async function replayedFinish(db: Db, call: { id: string; debtorId: string }): Promise<FinishCallOutcome> {
  const agreement = await db.agreement.findUnique({ where: { idempotencyKey: `call:${call.id}` }, select: { id: true, needsApproval: true } });
  const email = await db.emailOutbox.findUnique({ where: { idempotencyKey: `summary:${call.id}` }, select: { id: true } });
  return { callId: call.id, debtorId: call.debtorId, agreementId: agreement?.id ?? null, emailId: email?.id ?? null, needsApproval: agreement?.needsApproval ?? false };
}

/** Who was spoken to: an existing contact (maybe with a newly learned number) or a new one. */
async function resolveContact({ tx, debtor }: Step, callId: string, input: FinishCallInput): Promise<Contact | null> {
  const contactId = input.contactId ?? null;
  if (contactId) await assertContactOfCall(tx, callId, contactId);
  if (input.newContact) {
    const c = input.newContact;
    return tx.contact.create({ data: { debtorId: debtor.id, name: c.name, jobTitle: c.jobTitle, role: c.role, phone: c.phone, email: c.email ?? null }, select: { id: true, name: true, email: true } });
  }
  if (!contactId) return null;
  const learned = input.contactUpdate;
  if (learned && (learned.phone || learned.email)) {
    await tx.contact.update({ where: { id: contactId }, data: { ...(learned.phone ? { phone: learned.phone } : {}), ...(learned.email ? { email: learned.email } : {}), version: { increment: 1 } } });
  }
  return tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { id: true, name: true, email: true } });
}

/** Invoices named in the result must be this debtor's open invoices. */
async function invoicesOfResult(tx: Tx, debtorId: string, result: FinishCallInput["result"]): Promise<Invoice[]> {
  const ids = result.kind === "promise" || result.kind === "plan" ? result.invoiceIds : result.kind === "dispute" ? result.invoices.map((i) => i.invoiceId) : [];
  if (ids.length === 0) return [];
  const invoices = await tx.invoice.findMany({ where: { id: { in: ids }, debtorId, openCents: { gt: 0 } }, orderBy: { dueDate: "asc" }, select: { id: true, number: true, openCents: true } });
  if (invoices.length !== new Set(ids).size) throw new DomainError("invalid", "unknown invoice", { "result.invoiceIds": ["validation.pickInvoices"] });
  return invoices;
}

/** A dispute per invoice; dunning skips them, and the undisputed overdue part stays the goal. */
async function openDisputes({ tx, actor, debtor, ctx }: Step, result: Extract<FinishCallInput["result"], { kind: "dispute" }>, invoices: Invoice[]): Promise<SummaryResult> {
  let disputed = 0n;
  const opened: NewEvent[] = [];
  for (const item of result.invoices) {
    const invoice = invoices.find((i) => i.id === item.invoiceId)!;
    if (item.amount > invoice.openCents) throw new DomainError("invalid", "disputed more than open", { "result.invoices": ["validation.moreThanOpen"] });
    disputed += item.amount;
    const dispute = await tx.dispute.create({ data: { debtorId: debtor.id, invoiceId: invoice.id, reason: result.reason, description: result.description, disputedCents: item.amount, openedOn: ctx.today, createdById: actor.id }, select: { id: true } });
    opened.push({ type: "dispute.opened", debtorId: debtor.id, data: { disputeId: dispute.id, invoiceId: invoice.id, invoiceNumber: invoice.number, reason: result.reason, disputedCents: item.amount, openedOn: ctx.today } });
  }
  await recomputeDebtorBalances(tx, [debtor.id]);
  const overdue = await tx.invoice.findMany({ where: { debtorId: debtor.id, openCents: { gt: 0 }, dueDate: { lt: ctx.today } }, select: { openCents: true, disputes: { where: { status: { in: [...DISPUTE_HOLDS] } }, select: { disputedCents: true } } } });
  const undisputed = overdue.reduce((s, i) => {
    const d = i.disputes.reduce((a, x) => a + x.disputedCents, 0n);
    return s + (i.openCents > d ? i.openCents - d : 0n);
  }, 0n);
  // A new dispute is a worklist item: it needs someone to sort it out with sales or service.
  await createTask(tx, { debtorId: debtor.id, type: "dispute", dueAt: startOfDayIn(nextWorkingDay(addDays(ctx.today, 1)), ctx.timeZone), assigneeId: debtor.assignedControllerId ?? actor.id, createdById: actor.id, note: result.reason });
  await audit(tx, { actorId: actor.id, action: "dispute.open", entity: "debtor", entityId: debtor.id, data: { invoices: invoices.map((i) => i.number), disputed } });
  await recordEvents(tx, opened, ctx.now);
  return { kind: "dispute", invoiceNumbers: invoices.map((i) => i.number), disputedCents: disputed, undisputed: undisputed > 0n ? { amountCents: undisputed, dueDate: addDays(ctx.today, debtor.kind === "consumer" ? 14 : 7) } : null };
}

async function scheduleCallback({ tx, actor, debtor, ctx }: Step, atLocal: string, contact: Contact | null): Promise<SummaryResult> {
  const at = localDateTimeToInstant(atLocal, ctx.timeZone);
  if (at.getTime() <= ctx.now.getTime()) throw new DomainError("invalid", "callback in the past", { "result.at": ["validation.future"] });
  await createTask(tx, { debtorId: debtor.id, type: "callback", dueAt: at, assigneeId: actor.id, createdById: actor.id, note: contact?.name ?? null });
  return { kind: "callback", at };
}

/** The written summary, as a draft the controller can edit before sending. */
async function draftSummaryEmail({ tx, actor, debtor, ctx }: Step, call: { callId: string; startedAt: Date; contact: Contact | null; spokeWith: string | null; summary: SummaryResult }): Promise<string | null> {
  const recipient = call.contact?.email ? call.contact : await tx.contact.findFirst({ where: { debtorId: debtor.id, isPrimaryForPayments: true, email: { not: null } }, select: { id: true, name: true, email: true } });
  if (!recipient?.email) return null;
  const me = await tx.user.findUnique({ where: { id: actor.id }, select: { phone: true, jobTitle: true } });
  const level = await tx.invoice.aggregate({ where: { debtorId: debtor.id, openCents: { gt: 0 } }, _max: { dunningLevel: true } });
  const text = buildSummary({
    language: debtor.language === "en" ? "en" : "nl",
    creditorName: ctx.creditorName,
    debtorName: debtor.name,
    contactName: call.contact?.name ?? call.spokeWith,
    recipientName: recipient.name,
    wording: await findSummaryWording(tx, debtor.language === "en" ? "en" : "nl"),
    calledAt: call.startedAt,
    timeZone: debtor.timeZone,
    currency: debtor.currency,
    controller: { name: actor.name, email: actor.email, phone: me?.phone ?? null, jobTitle: me?.jobTitle ?? null },
    result: call.summary,
    consequence: nextLadderStep(level._max.dunningLevel ?? 0, debtor.kind === "consumer" ? "consumer" : "b2b"),
  });
  return enqueueEmail(
    tx,
    { debtorId: debtor.id, to: { address: recipient.email, name: recipient.name }, subject: text.subject, body: text.body, kind: "agreement_summary", state: "draft", idempotencyKey: `summary:${call.callId}`, createdById: actor.id },
    ctx,
  );
}
