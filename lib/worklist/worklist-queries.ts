import { adviseCallTime } from "@/lib/calls/call-time-advice";
import { Prisma, type DbOrTx } from "@/lib/db/client";
import { parseCallTimes } from "@/lib/debtors/debtor-queries";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { worklistPriority, type PriorityReason, type WorklistItemType } from "./worklist-priority";

/**
 * The worklist: open tasks due by the end of the chosen day (today, or tomorrow to plan ahead),
 * not snoozed past it, for one controller (their own items plus unassigned items on their or
 * unassigned debtors, to claim) or for the whole team; each with the debtor's overdue position,
 * the priority and its reasons, and the best time to call in the debtor's zone.
 */
export type WorklistRow = {
  taskId: string;
  taskVersion: number;
  type: WorklistItemType;
  /** For a plan awaiting approval: the agreement to decide on. */
  agreement: { id: string; version: number; totalCents: string } | null;
  note: string | null;
  dueAt: string;
  debtorId: string;
  debtorName: string;
  customerNumber: string;
  assigneeId: string | null;
  assigneeName: string | null;
  overdueCents: string;
  openCents: string;
  oldestOverdueDueDate: CalendarDate | null;
  insurerDeadline: CalendarDate | null;
  score: number;
  reasons: PriorityReason[];
  bestCallAt: string | null;
  callNowGood: boolean;
};
export type Worklist = { rows: WorklistRow[]; total: number };

const WORKLIST_TYPES = ["callback", "dunning_call", "service_call", "handover", "dispute", "approval"];

export function itemTypeOf(type: string, note: string | null): WorklistItemType {
  if (type === "callback" && note === "broken_promise") return "broken_promise";
  if ((["callback", "dunning_call", "service_call", "handover", "dispute", "check_payment", "approval"] as const).includes(type as never)) return type as WorklistItemType;
  return "other";
}

export async function listWorklist(
  db: DbOrTx,
  opts: { userId: string | null; day: CalendarDate; today: CalendarDate; timeZone: string; now: Date; take?: number },
): Promise<Worklist> {
  const until = startOfDayIn(addDays(opts.day, 1), opts.timeZone);
  const tasks = await db.task.findMany({
    where: {
      status: "open",
      // Plans awaiting approval are the managers' items: on the team list, not a controller's own.
      type: { in: opts.userId ? WORKLIST_TYPES.filter((t) => t !== "approval") : WORKLIST_TYPES },
      dueAt: { lt: until },
      OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: until } }],
      ...(opts.userId
        ? { AND: [{ OR: [{ assigneeId: opts.userId }, { assigneeId: null, debtor: { OR: [{ assignedControllerId: opts.userId }, { assignedControllerId: null }] } }] }] }
        : {}),
    },
    select: {
      id: true, version: true, type: true, note: true, dueAt: true, assigneeId: true,
      agreement: { select: { id: true, version: true, totalCents: true, needsApproval: true } },
      assignee: { select: { name: true } },
      debtor: { select: { id: true, name: true, customerNumber: true, timeZone: true, openCents: true, isCreditInsured: true, insurerNotifyDays: true, contacts: { where: { isPrimaryForPayments: true }, select: { preferredCallTimes: true }, take: 1 } } },
    },
  });
  const debtorIds = [...new Set(tasks.map((t) => t.debtor.id))];
  const overdue = new Map<string, { cents: bigint; oldest: string | null }>();
  const broken = new Map<string, number>();
  const yearAgo = new Date(opts.now.getTime() - 365 * 86_400_000);
  for (let i = 0; i < debtorIds.length; i += 900) {
    const ids = debtorIds.slice(i, i + 900);
    const rows = await db.$queryRaw<{ debtorId: string; cents: bigint | number | string; oldest: string | null }[]>`
      SELECT "debtorId", SUM("openCents") AS cents, MIN("dueDate") AS oldest FROM "Invoice"
      WHERE "debtorId" IN (${Prisma.join(ids)}) AND "openCents" > 0 AND "dueDate" < ${opts.today}
      GROUP BY "debtorId"`;
    for (const r of rows) overdue.set(r.debtorId, { cents: BigInt(r.cents), oldest: r.oldest });
    const b = await db.agreement.groupBy({ by: ["debtorId"], where: { debtorId: { in: ids }, status: "broken", updatedAt: { gte: yearAgo } }, _count: { _all: true } });
    for (const r of b) broken.set(r.debtorId, r._count._all);
  }
  const dueOnOf = (d: Date) => d.toISOString().slice(0, 10);
  const scored = tasks.map((t) => {
    const pos = overdue.get(t.debtor.id);
    const insurerDeadline = t.debtor.isCreditInsured && t.debtor.insurerNotifyDays != null && pos?.oldest ? addDays(pos.oldest, t.debtor.insurerNotifyDays) : null;
    const type = itemTypeOf(t.type, t.note);
    const p = worklistPriority({ type, dueOn: dueOnOf(t.dueAt) < opts.today ? dueOnOf(t.dueAt) : opts.today, overdueCents: pos?.cents ?? 0n, oldestOverdueDueDate: pos?.oldest ?? null, brokenPromises12m: broken.get(t.debtor.id) ?? 0, insurerDeadline, today: opts.today });
    return { t, pos, insurerDeadline, type, p };
  });
  scored.sort((a, b) => b.p.score - a.p.score || a.t.dueAt.getTime() - b.t.dueAt.getTime());
  const shown = scored.slice(0, opts.take ?? 200);
  // Advice from the moment the day starts when planning ahead, else from now.
  const from = opts.day > opts.today ? startOfDayIn(opts.day, opts.timeZone) : opts.now;
  const rows: WorklistRow[] = shown.map(({ t, pos, insurerDeadline, type, p }) => {
    const advice = adviseCallTime(from, { timeZone: t.debtor.timeZone, preferred: parseCallTimes(t.debtor.contacts[0]?.preferredCallTimes ?? null), count: 1 });
    return {
      taskId: t.id,
      taskVersion: t.version,
      type,
      agreement: t.agreement ? { id: t.agreement.id, version: t.agreement.version, totalCents: t.agreement.totalCents.toString() } : null,
      note: t.note,
      dueAt: t.dueAt.toISOString(),
      debtorId: t.debtor.id,
      debtorName: t.debtor.name,
      customerNumber: t.debtor.customerNumber,
      assigneeId: t.assigneeId,
      assigneeName: t.assignee?.name ?? null,
      overdueCents: (pos?.cents ?? 0n).toString(),
      openCents: t.debtor.openCents.toString(),
      oldestOverdueDueDate: pos?.oldest ?? null,
      insurerDeadline,
      score: p.score,
      reasons: p.reasons,
      bestCallAt: advice.good && opts.day === opts.today ? from.toISOString() : (advice.nextSlots[0]?.start.toISOString() ?? null),
      callNowGood: advice.good && opts.day === opts.today,
    };
  });
  return { rows, total: tasks.length };
}

/** Broken promises waiting for this user's call (the notification badge in the navigation). */
export async function countOpenBrokenPromises(db: DbOrTx, userId: string): Promise<number> {
  return db.task.count({ where: { status: "open", type: "callback", note: "broken_promise", assigneeId: userId, OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: new Date() } }] } });
}
