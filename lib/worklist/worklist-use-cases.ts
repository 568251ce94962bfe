import { audit } from "@/lib/audit/audit";
import { assertCan, assertCanWriteDebtor, type Actor } from "@/lib/auth/guards";
import { canWriteDebtor } from "@/lib/auth/roles";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { addDays, isCalendarDate, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { handOverTasks } from "@/lib/tasks/tasks";
import type { AssignRowInput, ClaimRowInput, InsurerNotifiedInput, SnoozeRowInput } from "./worklist-schemas";

/**
 * What a controller or manager does with a worklist row: claim it, hand it to a colleague, put
 * it off until a later day, or record that the insurer has been told. A row is a debtor with its
 * tasks; each task is changed only at the version the screen showed (a stale screen gets a
 * conflict, never a silent overwrite), all in one transaction.
 */
const MAX_SNOOZE_DAYS = 60;
type RowTask = { taskId: string; version: number };
type LoadedTask = { id: string; version: number; assigneeId: string | null; type: string };

async function rowDebtor(db: Db | Tx, debtorId: string) {
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, select: { id: true, assignedControllerId: true } });
  if (!debtor) throw new DomainError("not_found");
  return debtor;
}

/** The row's tasks, each still open and on this debtor. */
async function rowTasks(tx: Db | Tx, debtorId: string, tasks: RowTask[]): Promise<LoadedTask[]> {
  if (tasks.length === 0) return [];
  const found = await tx.task.findMany({ where: { id: { in: tasks.map((t) => t.taskId) }, debtorId }, select: { id: true, version: true, assigneeId: true, type: true, status: true } });
  if (found.length !== new Set(tasks.map((t) => t.taskId)).size) throw new DomainError("not_found");
  if (found.some((t) => t.status !== "open")) throw new DomainError("conflict", "an item is no longer open");
  return found;
}

async function updateTask(tx: Tx, t: RowTask, data: Record<string, unknown>): Promise<number> {
  const r = await tx.task.updateMany({ where: { id: t.taskId, version: t.version, status: "open" }, data: { ...data, version: { increment: 1 } } });
  if (r.count !== 1) throw new DomainError("conflict");
  return t.version + 1;
}

export type RowResult = { tasks: RowTask[]; controllerId: string | null };

/**
 * A controller takes the row: its unassigned items, and the debtor itself when nobody holds it
 * (a large debt on nobody's list becomes theirs). A repeat (double click, a replay after a lost
 * reply) gets the same answer as the first claim.
 */
export async function claimRow(db: Db, actor: Actor, input: ClaimRowInput): Promise<RowResult> {
  assertCan(actor, "calls:write");
  const debtor = await rowDebtor(db, input.debtorId);
  // Read before the transaction; inside it only version-guarded updates, so a colleague who
  // claimed first makes this a conflict (the screen was stale), never a refusal.
  const tasks = await rowTasks(db, debtor.id, input.tasks);
  const stale = tasks.some((t) => t.version !== input.tasks.find((x) => x.taskId === t.id)!.version);
  const colleagues = tasks.some((t) => t.assigneeId !== null && t.assigneeId !== actor.id) && actor.role === "controller";
  if (!canWriteDebtor(actor, debtor) || colleagues) {
    if (stale) throw new DomainError("conflict", "claimed by a colleague meanwhile");
    throw new DomainError("forbidden", "belongs to a colleague");
  }
  try {
    return await claimInTransaction(db, actor, input, debtor, tasks);
  } catch (e) {
    // Lost the race to the same person's other request: that claim is this one.
    if (e instanceof DomainError && e.code === "conflict") {
      const now = await db.task.findMany({ where: { id: { in: input.tasks.map((t) => t.taskId) } }, select: { id: true, version: true, assigneeId: true } });
      const holder = (await rowDebtor(db, debtor.id)).assignedControllerId;
      const theirs = now.length === input.tasks.length && now.every((t) => t.assigneeId === actor.id) && (actor.role !== "controller" || holder === actor.id);
      if (theirs) return { tasks: now.map((t) => ({ taskId: t.id, version: t.version })), controllerId: holder };
    }
    throw e;
  }
}

async function claimInTransaction(db: Db, actor: Actor, input: ClaimRowInput, debtor: { id: string; assignedControllerId: string | null }, tasks: LoadedTask[]): Promise<RowResult> {
  return db.$transaction(async (tx) => {
    const out: RowTask[] = [];
    for (const t of tasks) {
      const asked = input.tasks.find((x) => x.taskId === t.id)!;
      if (t.assigneeId === actor.id) out.push({ taskId: t.id, version: t.version });
      else out.push({ taskId: t.id, version: await updateTask(tx, asked, { assigneeId: actor.id }) });
    }
    let controllerId = debtor.assignedControllerId;
    if (controllerId === null && actor.role === "controller") {
      const taken = await tx.debtor.updateMany({ where: { id: debtor.id, assignedControllerId: null }, data: { assignedControllerId: actor.id } });
      if (taken.count !== 1) throw new DomainError("conflict", "a colleague took the debtor meanwhile");
      controllerId = actor.id;
    }
    await audit(tx, { actorId: actor.id, action: "worklist.claim", entity: "debtor", entityId: debtor.id, data: { tasks: out.map((t) => t.taskId), debtor: controllerId !== debtor.assignedControllerId } });
    return { tasks: out, controllerId };
  });
}

/**
 * A manager gives the debtor and its open items to a colleague; a controller may pass on items
 * of their own (the debtor stays where it is). Plans awaiting approval stay with the managers.
 */
export async function assignRow(db: Db, actor: Actor, input: AssignRowInput): Promise<RowResult> {
  assertCan(actor, "calls:write");
  const isManager = actor.role === "manager" || actor.role === "admin";
  const debtor = await rowDebtor(db, input.debtorId);
  const to = await db.user.findUnique({ where: { id: input.assigneeId }, select: { role: true, active: true } });
  if (!to || !to.active || !["controller", "manager", "admin"].includes(to.role)) throw new DomainError("invalid", undefined, { assigneeId: ["worklist.errors.assignee"] });
  return db.$transaction(async (tx) => {
    const tasks = await rowTasks(tx, debtor.id, input.tasks);
    if (!isManager && tasks.some((t) => t.assigneeId !== actor.id)) throw new DomainError("forbidden");
    // At the versions the screen showed; the same hand-over rule as a bulk assignment on the debtor list.
    const moved = await handOverTasks(tx, tasks.map((t) => ({ ...t, version: input.tasks.find((x) => x.taskId === t.id)!.version })), input.assigneeId);
    const out: RowTask[] = tasks.map((t) => ({ taskId: t.id, version: moved.get(t.id) ?? t.version }));
    let controllerId = debtor.assignedControllerId;
    if (isManager && controllerId !== input.assigneeId) {
      await tx.debtor.update({ where: { id: debtor.id }, data: { assignedControllerId: input.assigneeId } });
      controllerId = input.assigneeId;
    }
    await audit(tx, { actorId: actor.id, action: "worklist.assign", entity: "debtor", entityId: debtor.id, data: { from: debtor.assignedControllerId, to: input.assigneeId, tasks: out.map((t) => t.taskId) } });
    return { tasks: out, controllerId };
  });
}

/** Out of sight until the start of a later day, with a reason colleagues can read. */
export async function snoozeRow(db: Db, actor: Actor, input: SnoozeRowInput, ctx: { today: CalendarDate; timeZone: string }): Promise<RowResult> {
  assertCan(actor, "calls:write");
  const debtor = await rowDebtor(db, input.debtorId);
  if (!canWriteDebtor(actor, debtor)) throw new DomainError("forbidden");
  if (!isCalendarDate(input.until) || input.until <= ctx.today) throw new DomainError("invalid", undefined, { until: ["worklist.errors.snoozeFuture"] });
  if (input.until > addDays(ctx.today, MAX_SNOOZE_DAYS)) throw new DomainError("invalid", undefined, { until: ["worklist.errors.snoozeTooFar"] });
  const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
  const until = startOfDayIn(input.until, ctx.timeZone);
  return db.$transaction(async (tx) => {
    const tasks = await rowTasks(tx, debtor.id, input.tasks);
    if (actor.role === "controller" && tasks.some((t) => t.assigneeId !== null && t.assigneeId !== actor.id)) throw new DomainError("forbidden");
    const out: RowTask[] = [];
    for (const t of tasks) out.push({ taskId: t.id, version: await updateTask(tx, input.tasks.find((x) => x.taskId === t.id)!, { snoozedUntil: until, snoozeReason: reason }) });
    if (input.position) await tx.debtor.update({ where: { id: debtor.id }, data: { worklistSnoozedUntil: until, worklistSnoozeReason: reason } });
    await audit(tx, { actorId: actor.id, action: "worklist.snooze", entity: "debtor", entityId: debtor.id, data: { until: input.until, reason, tasks: out.map((t) => t.taskId), position: input.position } });
    return { tasks: out, controllerId: debtor.assignedControllerId };
  });
}

/**
 * The insurer has been told of the non-payment (by its portal or a letter): the deadline leaves
 * the worklist until a later episode of arrears. The day may lie in the past (told yesterday),
 * not in the future.
 */
export async function recordInsurerNotified(db: Db, actor: Actor, input: InsurerNotifiedInput, ctx: { today: CalendarDate }): Promise<{ notifiedOn: CalendarDate }> {
  const debtor = await db.debtor.findUnique({ where: { id: input.debtorId }, select: { id: true, assignedControllerId: true, isCreditInsured: true } });
  if (!debtor) throw new DomainError("not_found");
  assertCanWriteDebtor(actor, debtor, "calls:write");
  if (!debtor.isCreditInsured) throw new DomainError("invalid", "debtor is not credit insured", { notifiedOn: ["worklist.errors.notInsured"] });
  if (input.notifiedOn > ctx.today) throw new DomainError("invalid", undefined, { notifiedOn: ["worklist.errors.notifiedFuture"] });
  await db.$transaction(async (tx) => {
    await tx.debtor.update({ where: { id: debtor.id }, data: { insurerNotifiedOn: input.notifiedOn } });
    await audit(tx, { actorId: actor.id, action: "debtor.insurer_notified", entity: "debtor", entityId: debtor.id, data: { notifiedOn: input.notifiedOn } });
  });
  return { notifiedOn: input.notifiedOn };
}
