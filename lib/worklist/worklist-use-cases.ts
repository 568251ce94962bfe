import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import { canWriteDebtor } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { isCalendarDate, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import type { SnoozeTaskInput } from "./worklist-schemas";

const MAX_SNOOZE_DAYS = 60;

async function loadTask(db: Db, taskId: string) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { id: true, status: true, version: true, assigneeId: true, debtor: { select: { id: true, assignedControllerId: true } } } });
  if (!task) throw new DomainError("not_found");
  if (task.status !== "open") throw new DomainError("conflict", "task is no longer open");
  return task;
}

async function guardedUpdate(db: Db, taskId: string, version: number, data: Record<string, unknown>, auditEntry: { actorId: string; action: string; data?: Record<string, unknown> }): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const r = await tx.task.updateMany({ where: { id: taskId, version, status: "open" }, data: { ...data, version: { increment: 1 } } });
    if (r.count !== 1) throw new DomainError("conflict");
    await audit(tx, { ...auditEntry, entity: "task", entityId: taskId });
    return { version: version + 1 };
  });
}

/** A controller takes an unassigned item (on their own or an unassigned debtor). */
export async function claimTask(db: Db, actor: Actor, input: { taskId: string; version: number }) {
  assertCan(actor, "calls:write");
  const task = await loadTask(db, input.taskId);
  // Already theirs (a repeated click, a replay after a lost reply): the same answer as the first claim.
  if (task.assigneeId === actor.id) return { version: task.version };
  if (task.assigneeId !== null && actor.role === "controller") throw new DomainError("forbidden", "item belongs to a colleague");
  if (!canWriteDebtor(actor, task.debtor)) throw new DomainError("forbidden");
  try {
    return await guardedUpdate(db, task.id, input.version, { assigneeId: actor.id }, { actorId: actor.id, action: "task.claim" });
  } catch (e) {
    // Lost the race to the same person's other request: that claim is this one.
    if (e instanceof DomainError && e.code === "conflict") {
      const now = await loadTask(db, input.taskId);
      if (now.assigneeId === actor.id) return { version: now.version };
    }
    throw e;
  }
}

/** Managers hand an item to a colleague; a controller may pass on an item of their own. */
export async function reassignTask(db: Db, actor: Actor, input: { taskId: string; version: number; assigneeId: string }) {
  assertCan(actor, "calls:write");
  const task = await loadTask(db, input.taskId);
  const isManager = actor.role === "manager" || actor.role === "admin";
  if (!isManager && task.assigneeId !== actor.id) throw new DomainError("forbidden");
  const to = await db.user.findUnique({ where: { id: input.assigneeId }, select: { role: true, active: true } });
  if (!to || !to.active || !["controller", "manager", "admin"].includes(to.role)) throw new DomainError("invalid", undefined, { assigneeId: ["worklist.errors.assignee"] });
  return guardedUpdate(db, task.id, input.version, { assigneeId: input.assigneeId }, { actorId: actor.id, action: "task.reassign", data: { from: task.assigneeId, to: input.assigneeId } });
}

/** Out of sight until the start of a later day, with a reason colleagues can read. */
export async function snoozeTask(db: Db, actor: Actor, input: SnoozeTaskInput, ctx: { today: CalendarDate; timeZone: string }) {
  assertCan(actor, "calls:write");
  const task = await loadTask(db, input.taskId);
  if (!canWriteDebtor(actor, task.debtor) || (actor.role === "controller" && task.assigneeId !== null && task.assigneeId !== actor.id)) throw new DomainError("forbidden");
  if (!isCalendarDate(input.until) || input.until <= ctx.today) throw new DomainError("invalid", undefined, { until: ["worklist.errors.snoozeFuture"] });
  const limit = new Date(`${ctx.today}T00:00:00Z`).getTime() + MAX_SNOOZE_DAYS * 86_400_000;
  if (new Date(`${input.until}T00:00:00Z`).getTime() > limit) throw new DomainError("invalid", undefined, { until: ["worklist.errors.snoozeTooFar"] });
  const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
  return guardedUpdate(db, task.id, input.version, { snoozedUntil: startOfDayIn(input.until, ctx.timeZone), snoozeReason: reason }, { actorId: actor.id, action: "task.snooze", data: { until: input.until, reason } });
}
