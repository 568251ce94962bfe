import type { Prisma, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";

/**
 * Task writes live here, and only here: every other domain creates and closes tasks through
 * these functions, with a typed kind instead of bare strings.
 *
 * A task has a `type` (what to do) and, for a callback, a `purpose` (why). The purpose is kept
 * in the task's note column as `<purpose>` or `<purpose>: <text>`; only this module writes and
 * reads that encoding.
 */
export const TASK_TYPES = ["callback", "check_payment", "service_call", "dunning_call", "dispute", "handover", "approval", "email_failed"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Why a callback exists, when it is not simply "call back as agreed". */
export const CALLBACK_PURPOSES = ["broken_promise", "plan_rejected", "no_answer_retry"] as const;
export type CallbackPurpose = (typeof CALLBACK_PURPOSES)[number];

/** The worklist's view of a task: its type, a broken-promise callback on its own, or unknown. */
export type TaskKind = TaskType | "broken_promise" | "other";

export type NewTask = {
  debtorId: string;
  type: TaskType;
  dueAt: Date;
  assigneeId: string | null;
  createdById?: string | null;
  agreementId?: string | null;
  /** only for callbacks: why */
  purpose?: CallbackPurpose;
  /** free text shown on the item (a contact's name, "2/3" of a plan, a dispute reason) */
  note?: string | null;
};

export const PLAN_APPROVAL_NOTE = "plan_approval";

function noteOf(t: Pick<NewTask, "purpose" | "note">): string | null {
  if (!t.purpose) return t.note ?? null;
  return t.note ? `${t.purpose}: ${t.note}` : t.purpose;
}

function rowOf(t: NewTask): Prisma.TaskCreateManyInput {
  return { debtorId: t.debtorId, type: t.type, dueAt: t.dueAt, assigneeId: t.assigneeId, createdById: t.createdById ?? null, agreementId: t.agreementId ?? null, note: noteOf(t) };
}

export async function createTask(tx: Tx, task: NewTask): Promise<void> {
  await tx.task.create({ data: rowOf(task) });
}

export async function createTasks(tx: Tx, tasks: NewTask[]): Promise<number> {
  if (tasks.length === 0) return 0;
  return (await tx.task.createMany({ data: tasks.map(rowOf) })).count;
}

/** Rows as the dunning run writes them in bulk (one createMany per batch). */
export function taskRows(tasks: NewTask[]): Prisma.TaskCreateManyInput[] {
  return tasks.map(rowOf);
}

export type TaskSelection = {
  debtorId?: string;
  agreementId?: string;
  types?: TaskType[];
  purpose?: CallbackPurpose;
  /** only tasks due before this instant */
  dueBefore?: Date;
};

function whereOf(s: TaskSelection): Prisma.TaskWhereInput {
  return {
    status: "open",
    ...(s.debtorId ? { debtorId: s.debtorId } : {}),
    ...(s.agreementId ? { agreementId: s.agreementId } : {}),
    ...(s.types ? { type: { in: s.types } } : {}),
    ...(s.purpose ? { type: "callback", OR: [{ note: s.purpose }, { note: { startsWith: `${s.purpose}: ` } }] } : {}),
    ...(s.dueBefore ? { dueAt: { lt: s.dueBefore } } : {}),
  };
}

/** Open tasks matching the selection become done (the work happened) or cancelled (it no longer applies). */
export async function closeTasks(tx: Tx, selection: TaskSelection, outcome: "done" | "cancelled", now: Date): Promise<number> {
  const r = await tx.task.updateMany({ where: whereOf(selection), data: { status: outcome, completedAt: now, version: { increment: 1 } } });
  return r.count;
}

/** Open tasks matching the selection are put off until `until` (e.g. nobody answered the phone). */
export async function postponeTasks(tx: Tx, selection: TaskSelection, until: Date, reason: string): Promise<number> {
  const r = await tx.task.updateMany({ where: whereOf(selection), data: { snoozedUntil: until, snoozeReason: reason, version: { increment: 1 } } });
  return r.count;
}

/** The selection as a query filter, for reads (e.g. the broken-promises badge). */
export function openTasksWhere(selection: TaskSelection): Prisma.TaskWhereInput {
  return whereOf(selection);
}

/** How the worklist reads a stored task. */
export function taskKindOf(type: string, note: string | null): TaskKind {
  if (type === "callback" && purposeOf(note) === "broken_promise") return "broken_promise";
  return (TASK_TYPES as readonly string[]).includes(type) ? (type as TaskType) : "other";
}

/** A callback's purpose and its text, from the stored note. */
export function purposeOf(note: string | null): CallbackPurpose | null {
  if (!note) return null;
  return CALLBACK_PURPOSES.find((p) => note === p || note.startsWith(`${p}: `)) ?? null;
}

/** The free text of a note, without the purpose prefix. */
export function noteText(note: string | null): string | null {
  const p = purposeOf(note);
  if (!p || !note) return note;
  return note === p ? null : note.slice(p.length + 2);
}

/** An open task as a hand-over sees it: `version` is the one the change must find (the screen's, or as just read). */
export type HeldTask = { id: string; version: number; type: string; assigneeId: string | null };

/** Whether handing a debtor's work to `assigneeId` moves this task: plans awaiting approval stay with the managers. */
export function isHandedOver(task: Pick<HeldTask, "type" | "assigneeId">, assigneeId: string | null): boolean {
  return task.type !== "approval" && task.assigneeId !== assigneeId;
}

/**
 * Gives open tasks to a colleague (null: back to the unassigned pool), each only at the version
 * given: a task changed or closed meanwhile makes the whole hand-over a conflict, never a silent
 * overwrite. Tasks that stay (approvals, those already with the colleague) are not touched.
 * One statement per distinct version (mostly one or two), so a bulk hand-over of hundreds of
 * debtors stays a handful of writes. Returns the new version of every task moved.
 */
export async function handOverTasks(tx: Tx, tasks: HeldTask[], assigneeId: string | null): Promise<Map<string, number>> {
  const moving = tasks.filter((t) => isHandedOver(t, assigneeId));
  const byVersion = new Map<number, string[]>();
  for (const t of moving) byVersion.set(t.version, [...(byVersion.get(t.version) ?? []), t.id]);
  for (const [version, ids] of byVersion) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const r = await tx.task.updateMany({ where: { id: { in: chunk }, version, status: "open" }, data: { assigneeId, version: { increment: 1 } } });
      if (r.count !== chunk.length) throw new DomainError("conflict", "a task changed meanwhile");
    }
  }
  return new Map(moving.map((t) => [t.id, t.version + 1]));
}
