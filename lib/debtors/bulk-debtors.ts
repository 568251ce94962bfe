import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import { canWriteDebtor } from "@/lib/auth/roles";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { isMessageKey } from "@/lib/i18n/translate";
import { handOverTasks } from "@/lib/tasks/tasks";
import type { DbProvider } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { listDebtorIds } from "./debtor-queries";
import { BULK_FILTER_MAX, BulkDebtorsInput, NO_CONTROLLER, parseListDebtorsParams } from "./debtor-schemas";

export type BulkSkip = { debtorId: string; name: string; reason: "colleague" };
export type BulkDebtorsResult = {
  /** debtors whose state this request changed */
  changed: number;
  /** debtors that were already as asked (assigned to that colleague, paused, not paused) */
  already: number;
  /** debtors the actor may not change, named so the screen can say which */
  skipped: BulkSkip[];
};

/** The roles that may hold a portfolio (the same rule as handing a worklist row to a colleague). */
const HOLDER_ROLES = ["controller", "manager", "admin"];

type LoadedDebtor = { id: string; name: string; assignedControllerId: string | null; isDunningPaused: boolean; dunningPausedReason: string | null; version: number };

/**
 * One action on a selection of the debtor list: give the debtors to a colleague (or to nobody),
 * pause their dunning with a reason, or resume it. All or nothing, in one transaction.
 *
 * Rights: assigning needs `debtors:assign` (the team's lead); pausing and resuming need
 * `debtors:write` and, per debtor, the portfolio rule: a colleague's debtor is reported back as
 * skipped (named), never changed and never silently dropped. An unknown id fails the whole request.
 *
 * Idempotency: only a debtor whose state differs from the asked one is written (and audited),
 * so a repeat of the same request (a lost reply, a double click) finds every debtor already as
 * asked and answers changed 0 / already n, writing nothing. The screen's idempotency key goes
 * into each audit entry, tying the entries of one bulk action together. A debtor already paused
 * keeps its own reason: a bulk pause does not overwrite why someone paused it earlier.
 *
 * No domain event: assignment and pauses are not among the events outside systems follow.
 */
export async function bulkDebtors(db: Db, actor: Actor, raw: BulkDebtorsInput, ctx: BulkContext): Promise<BulkDebtorsResult> {
  assertCan(actor, raw.action === "assign" ? "debtors:assign" : "debtors:write");
  const input = parsed(raw);
  const to = input.action === "assign" ? await targetController(db, input.controllerId!) : null;
  const debtorIds = input.debtorIds ?? (await filteredIds(db, actor, input.filter!, ctx));
  return db.$transaction(
    async (tx) => {
      const found = await tx.debtor.findMany({
        where: { id: { in: debtorIds } },
        select: { id: true, name: true, assignedControllerId: true, isDunningPaused: true, dunningPausedReason: true, version: true },
      });
      if (found.length !== debtorIds.length) throw new DomainError("not_found", `${debtorIds.length - found.length} unknown debtor(s)`);
      const byId = new Map(found.map((d) => [d.id, d]));
      const result: BulkDebtorsResult = { changed: 0, already: 0, skipped: [] };
      const changing: LoadedDebtor[] = [];
      for (const id of debtorIds) {
        const d = byId.get(id)!;
        if (!canWriteDebtor(actor, d)) result.skipped.push({ debtorId: d.id, name: d.name, reason: "colleague" });
        else if (isAlready(d, input.action, to)) result.already += 1;
        else changing.push(d);
      }
      const common = { idempotencyKey: input.idempotencyKey, at: ctx.now.toISOString() };
      if (input.action === "assign") await assignAll(tx, actor, changing, to, common);
      else {
        for (const d of changing) {
          await writeDebtor(tx, d, input.action === "pause" ? { isDunningPaused: true, dunningPausedReason: input.reason! } : { isDunningPaused: false, dunningPausedReason: null });
          const data = input.action === "pause" ? { reason: input.reason! } : { reason: d.dunningPausedReason };
          await audit(tx, { actorId: actor.id, action: input.action === "pause" ? "dunning.pause" : "dunning.resume", entity: "debtor", entityId: d.id, data: { ...data, ...common } });
        }
      }
      result.changed = changing.length;
      return result;
    },
    // 500 debtors, their tasks and audit entries: more than the default 5 seconds on a busy database.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export type BulkContext = { now: Date; today: CalendarDate; provider: DbProvider; /** tests lower it */ filterLimit?: number };

/**
 * Every debtor the list's filter matches, read as the list reads it (the actor's "mine" included).
 * More than BULK_FILTER_MAX is refused as a whole: narrow the filter, or act on pages.
 */
async function filteredIds(db: Db, actor: Actor, filter: string, ctx: BulkContext): Promise<string[]> {
  const input = parseListDebtorsParams(Object.fromEntries(new URLSearchParams(filter)));
  const limit = ctx.filterLimit ?? BULK_FILTER_MAX;
  const { ids, total } = await listDebtorIds(db, input, { today: ctx.today, userId: actor.id, provider: ctx.provider }, limit);
  if (total > limit) throw new DomainError("invalid", `${total} debtors match`, { filter: ["debtors.bulk.errors.tooMany"] });
  if (ids.length === 0) throw new DomainError("invalid", "nothing matches", { filter: ["debtors.bulk.errors.count"] });
  return ids;
}

/** The use case validates for every door (a script, the API), with the catalogue keys of the schema. */
function parsed(raw: BulkDebtorsInput): BulkDebtorsInput {
  const r = BulkDebtorsInput.safeParse(raw);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const i of r.error.issues) (fieldErrors[i.path.join(".") || "_form"] ??= []).push(isMessageKey(i.message) ? i.message : "validation.invalid");
  throw new DomainError("invalid", "bulk input", fieldErrors);
}

/** The colleague to give debtors to, or null for nobody. */
async function targetController(db: Db, controllerId: string): Promise<string | null> {
  if (controllerId === NO_CONTROLLER) return null;
  const user = await db.user.findUnique({ where: { id: controllerId }, select: { role: true, active: true } });
  if (!user || !user.active || !HOLDER_ROLES.includes(user.role)) throw new DomainError("invalid", "not an active holder", { controllerId: ["debtors.bulk.errors.controller"] });
  return controllerId;
}

function isAlready(d: LoadedDebtor, action: BulkDebtorsInput["action"], to: string | null): boolean {
  if (action === "assign") return d.assignedControllerId === to;
  return action === "pause" ? d.isDunningPaused : !d.isDunningPaused;
}

/** Version-guarded like every debtor write: a change made meanwhile rolls the whole action back. */
async function writeDebtor(tx: Tx, d: LoadedDebtor, data: { assignedControllerId?: string | null; isDunningPaused?: boolean; dunningPausedReason?: string | null }): Promise<void> {
  const r = await tx.debtor.updateMany({ where: { id: d.id, version: d.version }, data: { ...data, version: { increment: 1 } } });
  if (r.count !== 1) throw new DomainError("conflict", `debtor ${d.id} changed meanwhile`);
}

/**
 * Each debtor to its new holder, with its open items that were the previous holder's or nobody's
 * (the hand-over rule of the worklist: approvals stay with the managers); items a third colleague
 * holds stay with them.
 */
async function assignAll(tx: Tx, actor: Actor, debtors: LoadedDebtor[], to: string | null, common: Record<string, string>): Promise<void> {
  if (debtors.length === 0) return;
  const tasks = await tx.task.findMany({
    where: { debtorId: { in: debtors.map((d) => d.id) }, status: "open" },
    select: { id: true, debtorId: true, version: true, type: true, assigneeId: true },
  });
  const from = new Map(debtors.map((d) => [d.id, d.assignedControllerId]));
  const theirs = tasks.filter((t) => t.assigneeId === null || t.assigneeId === from.get(t.debtorId));
  const moved = await handOverTasks(tx, theirs, to);
  for (const d of debtors) {
    await writeDebtor(tx, d, { assignedControllerId: to });
    const movedTasks = theirs.filter((t) => t.debtorId === d.id && moved.has(t.id)).map((t) => t.id);
    await audit(tx, { actorId: actor.id, action: "debtor.assign", entity: "debtor", entityId: d.id, data: { from: d.assignedControllerId, to, tasks: movedTasks, ...common } });
  }
}
