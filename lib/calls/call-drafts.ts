import { audit } from "@/lib/audit/audit";
import { assertCan, assertCanWriteDebtor } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import type { OfficeClock } from "@/lib/clock/office-clock";
import type { Db, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/transaction";
import type { MailSetup } from "@/lib/email/outbox";
import { DomainError } from "@/lib/errors/domain-error";
import { startOfDayIn } from "@/lib/format/calendar-date";
import type { DiscardCallInput, SaveCallDraftInput, StartCallInput } from "./call-schemas";

/**
 * A call from its start to its draft: start (a draft), save the draft while talking. Finishing
 * is in finish-call.ts, sending the summary in send-summary.ts. Rights: calls:write, and the
 * debtor must be in the controller's portfolio (or unassigned); a draft is only its author's.
 */
export type Actor = { id: string; role: Role; name: string; email: string };
export type CallContext = OfficeClock & MailSetup & { creditorName: string };

/** The debtor, if the actor may call it. */
export async function writableCallDebtor(db: Db | Tx, actor: Actor, debtorId: string) {
  assertCan(actor, "calls:write");
  const debtor = await db.debtor.findUnique({ where: { id: debtorId } });
  if (!debtor) throw new DomainError("not_found");
  assertCanWriteDebtor(actor, debtor, "calls:write");
  return debtor;
}


/** Opens a draft call log. The same key twice (double click, retry) returns the same draft. */
export async function startCall(db: Db, actor: Actor, input: StartCallInput): Promise<{ callId: string; version: number }> {
  await writableCallDebtor(db, actor, input.debtorId);
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

export function draftData(input: SaveCallDraftInput) {
  return {
    notes: input.notes,
    ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
    ...(input.spokeWith !== undefined ? { spokeWith: input.spokeWith } : {}),
    ...(input.phoneUsed !== undefined ? { phoneUsed: input.phoneUsed } : {}),
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(input.reasonCategory !== undefined ? { reasonCategory: input.reasonCategory } : {}),
    ...(input.reasonText !== undefined ? { reasonText: input.reasonText } : {}),
    ...(input.excuseUsed !== undefined ? { excuseUsed: input.excuseUsed } : {}),
    ...(input.draftResult !== undefined ? { draftResult: input.draftResult } : {}),
  };
}

/** Why a conditional update on a call matched nothing. */
export async function callConflict(db: Db | Tx, actor: Actor, callId: string): Promise<never> {
  const call = await db.callLog.findUnique({ where: { id: callId }, select: { authorId: true, status: true } });
  if (!call) throw new DomainError("not_found");
  if (call.authorId !== actor.id) throw new DomainError("forbidden", "another controller's call");
  if (call.status === "draft") throw new DomainError("conflict", "stale version: the author's other tab saved", { draft: ["call.otherTab"] });
  throw new DomainError("conflict", call.status === "final" ? "call already finished" : `call ${call.status}`);
}

/**
 * Autosave while talking. Only the author's own draft, only from the version they have: a save
 * from a stale tab is a conflict, never a silent overwrite. Each committed save records its
 * `writeId`, because most writes in flight at a crash commit without their reply arriving: the
 * client then repeats the same save (same write id, the version it had), and that repeat is
 * answered as the success it was, with the version it produced, changing nothing.
 */
export async function saveCallDraft(db: Db, actor: Actor, input: SaveCallDraftInput): Promise<{ version: number; savedAt: Date }> {
  assertCan(actor, "calls:write");
  if (input.contactId) await assertContactOfCall(db, input.callId, input.contactId);
  if (input.takeOver) return takeOverDraft(db, actor, input);
  const r = await db.callLog.updateMany({
    where: { id: input.callId, authorId: actor.id, status: "draft", version: input.version },
    data: { ...draftData(input), lastWriteId: input.writeId ?? null, version: { increment: 1 } },
  });
  if (r.count === 1) return { version: input.version + 1, savedAt: new Date() };
  const repeated = await repeatedSave(db, actor, input);
  if (repeated) return repeated;
  return callConflict(db, actor, input.callId);
}

/**
 * The author's other tab saved this draft meanwhile, and the author chose this tab's text: it is
 * saved over the draft whatever its version (only the author's own draft, only while it is one).
 * The other tab still shows its own text and is told the same when it saves next.
 */
async function takeOverDraft(db: Db, actor: Actor, input: SaveCallDraftInput): Promise<{ version: number; savedAt: Date }> {
  return db.$transaction(async (tx) => {
    const r = await tx.callLog.updateMany({ where: { id: input.callId, authorId: actor.id, status: "draft" }, data: { ...draftData(input), lastWriteId: input.writeId ?? null, version: { increment: 1 } } });
    if (r.count !== 1) return callConflict(tx, actor, input.callId);
    const row = await tx.callLog.findUniqueOrThrow({ where: { id: input.callId }, select: { version: true, updatedAt: true } });
    return { version: row.version, savedAt: row.updatedAt };
  });
}

/**
 * The committed save this input repeats, if it is one: the draft moved exactly one version on
 * from the input's, by this author, under the same write id. Anything else (another tab, a
 * finished call) is not ours to answer for.
 */
async function repeatedSave(db: Db, actor: Actor, input: SaveCallDraftInput): Promise<{ version: number; savedAt: Date } | null> {
  if (!input.writeId) return null;
  const call = await db.callLog.findUnique({ where: { id: input.callId }, select: { authorId: true, status: true, version: true, lastWriteId: true, updatedAt: true } });
  const isSameWrite = call?.authorId === actor.id && call.status === "draft" && call.version === input.version + 1 && call.lastWriteId === input.writeId;
  return isSameWrite ? { version: call.version, savedAt: call.updatedAt } : null;
}

export async function assertContactOfCall(db: Db | Tx, callId: string, contactId: string) {
  const call = await db.callLog.findUnique({ where: { id: callId }, select: { debtorId: true } });
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { debtorId: true } });
  if (!call) throw new DomainError("not_found");
  if (!contact || contact.debtorId !== call.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
}

/** A contact named on an entry must be one of the debtor's. */
export async function assertContactOfDebtor(db: Db | Tx, debtorId: string, contactId: string): Promise<{ id: string; name: string }> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { id: true, name: true, debtorId: true } });
  if (!contact || contact.debtorId !== debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
  return { id: contact.id, name: contact.name };
}

/**
 * A call started by mistake (wrong debtor, a misclick): its author throws the draft away. The row
 * stays, marked discarded (audited), and is left out of the timeline and the worklist's contact
 * rule. Only from the version the author has, so a second tab's newer notes are not thrown away
 * unseen; a repeat after a lost reply is answered as done.
 */
export async function discardCall(db: Db, actor: Actor, input: DiscardCallInput): Promise<{ debtorId: string }> {
  assertCan(actor, "calls:write");
  const call = await db.callLog.findUnique({ where: { id: input.callId }, select: { debtorId: true, authorId: true, status: true } });
  if (!call) throw new DomainError("not_found");
  if (call.authorId !== actor.id) throw new DomainError("forbidden", "another controller's call");
  if (call.status === "discarded") return { debtorId: call.debtorId };
  return db.$transaction(async (tx) => {
    const r = await tx.callLog.updateMany({ where: { id: input.callId, authorId: actor.id, status: "draft", version: input.version }, data: { status: "discarded", endedAt: new Date(), version: { increment: 1 } } });
    if (r.count !== 1) await callConflict(tx, actor, input.callId);
    await audit(tx, { actorId: actor.id, action: "call.discard", entity: "call", entityId: input.callId });
    return { debtorId: call.debtorId };
  });
}

/** "YYYY-MM-DDTHH:MM" in the office's zone -> instant. */
export function localDateTimeToInstant(value: string, timeZone: string): Date {
  const [date, time] = value.split("T") as [string, string];
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(startOfDayIn(date, timeZone).getTime() + (h * 60 + m) * 60_000);
}
