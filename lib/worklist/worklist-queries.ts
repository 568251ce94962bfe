import { adviseCallTime } from "@/lib/calls/call-time-advice";
import { Prisma, type DbOrTx } from "@/lib/db/client";
import { parseCallTimes } from "@/lib/debtors/debtor-queries";
import { insurerDeadline as insurerDeadlineOf } from "@/lib/debtors/insurer-deadline";
import { officeHolidays } from "@/lib/clock/working-days";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { noteText, openTasksWhere, purposeOf, taskKindOf, type CallbackPurpose } from "@/lib/tasks/tasks";
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
  /** why a callback exists (a broken promise, a rejected plan), when it says */
  purpose: CallbackPurpose | null;
  /** the item's own text (a contact's name, "2/3", a rejection reason) */
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
  /** a consumer's 14-day letter still running: its last day (costs only from the day after) */
  fourteenDayTermUntil: CalendarDate | null;
  score: number;
  reasons: PriorityReason[];
  bestCallAt: string | null;
  callNowGood: boolean;
};
export type Worklist = { rows: WorklistRow[]; total: number };

const WORKLIST_TYPES = ["callback", "dunning_call", "service_call", "handover", "dispute", "approval"];

export function itemTypeOf(type: string, note: string | null): WorklistItemType {
  return taskKindOf(type, note);
}

export async function listWorklist(
  db: DbOrTx,
  opts: { userId: string | null; day: CalendarDate; today: CalendarDate; timeZone: string; now: Date; take?: number },
): Promise<Worklist> {
  const until = startOfDayIn(addDays(opts.day, 1), opts.timeZone);
  // First only what the priority needs (a team list can hold thousands of items); the details
  // are loaded for the rows shown.
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
    select: { id: true, version: true, type: true, note: true, dueAt: true, assigneeId: true, debtorId: true, agreementId: true },
  });
  const debtorIds = [...new Set(tasks.map((t) => t.debtorId))];
  const overdue = new Map<string, { cents: bigint; oldest: string | null }>();
  const broken = new Map<string, number>();
  const insured = new Map<string, number>();
  const yearAgo = new Date(opts.now.getTime() - 365 * 86_400_000);
  const many = debtorIds.length > 2_000;
  // For a large list one pass over all debtors beats thousands of IN lists.
  const chunks = many ? [null] : Array.from({ length: Math.ceil(debtorIds.length / 900) }, (_, i) => debtorIds.slice(i * 900, (i + 1) * 900));
  for (const ids of chunks) {
    const only = ids ? Prisma.sql`"debtorId" IN (${Prisma.join(ids)}) AND` : Prisma.empty;
    const rows = await db.$queryRaw<{ debtorId: string; cents: bigint | number | string; oldest: string | null }[]>`
      SELECT "debtorId", SUM("openCents") AS cents, MIN("dueDate") AS oldest FROM "Invoice"
      WHERE ${only} "openCents" > 0 AND "dueDate" < ${opts.today}
      GROUP BY "debtorId"`;
    for (const r of rows) overdue.set(r.debtorId, { cents: BigInt(r.cents), oldest: r.oldest });
    const idFilter = ids ? { debtorId: { in: ids } } : {};
    for (const r of await db.agreement.groupBy({ by: ["debtorId"], where: { ...idFilter, status: "broken", updatedAt: { gte: yearAgo } }, _count: { _all: true } })) broken.set(r.debtorId, r._count._all);
    for (const d of await db.debtor.findMany({ where: { ...(ids ? { id: { in: ids } } : {}), isCreditInsured: true, insurerNotifyDays: { not: null } }, select: { id: true, insurerNotifyDays: true } })) insured.set(d.id, d.insurerNotifyDays!);
  }
  const dueOnOf = (d: Date) => d.toISOString().slice(0, 10);
  const scored = tasks.map((t) => {
    const pos = overdue.get(t.debtorId);
    const notifyDays = insured.get(t.debtorId);
    const insurerDeadline = insurerDeadlineOf({ isCreditInsured: notifyDays !== undefined, insurerNotifyDays: notifyDays ?? null }, pos?.oldest ?? null);
    const type = itemTypeOf(t.type, t.note);
    const p = worklistPriority({ type, dueOn: dueOnOf(t.dueAt) < opts.today ? dueOnOf(t.dueAt) : opts.today, overdueCents: pos?.cents ?? 0n, oldestOverdueDueDate: pos?.oldest ?? null, brokenPromises12m: broken.get(t.debtorId) ?? 0, insurerDeadline, today: opts.today });
    return { t, pos, insurerDeadline, type, p };
  });
  scored.sort((a, b) => b.p.score - a.p.score || a.t.dueAt.getTime() - b.t.dueAt.getTime());
  const shown = scored.slice(0, Math.min(opts.take ?? 200, 2_000));

  const shownDebtors = [...new Set(shown.map((s) => s.t.debtorId))];
  const [debtors, assignees, agreements, terms] = await Promise.all([
    db.debtor.findMany({ where: { id: { in: shownDebtors } }, select: { id: true, name: true, customerNumber: true, timeZone: true, country: true, openCents: true, contacts: { where: { isPrimaryForPayments: true }, select: { preferredCallTimes: true }, take: 1 } } }),
    db.user.findMany({ where: { id: { in: [...new Set(shown.map((s) => s.t.assigneeId).filter((x): x is string => !!x))] } }, select: { id: true, name: true } }),
    db.agreement.findMany({ where: { id: { in: shown.map((s) => s.t.agreementId).filter((x): x is string => !!x) } }, select: { id: true, version: true, totalCents: true } }),
    // The same stored last day the letter printed and the run charges costs after.
    db.dunningCommunication.findMany({ where: { debtorId: { in: shownDebtors }, template: "fourteen_day_letter", payByDate: { gte: opts.today } }, select: { debtorId: true, payByDate: true } }),
  ]);
  const termOf = new Map(terms.map((t) => [t.debtorId, t.payByDate]));
  const debtorOf = new Map(debtors.map((d) => [d.id, d]));
  const nameOf = new Map(assignees.map((u) => [u.id, u.name]));
  const agreementOf = new Map(agreements.map((a) => [a.id, a]));
  // Advice from the moment the day starts when planning ahead, else from now.
  const from = opts.day > opts.today ? startOfDayIn(opts.day, opts.timeZone) : opts.now;
  const rows: WorklistRow[] = shown.flatMap(({ t, pos, insurerDeadline, type, p }) => {
    const d = debtorOf.get(t.debtorId);
    if (!d) return [];
    const advice = adviseCallTime(from, { timeZone: d.timeZone, preferred: parseCallTimes(d.contacts[0]?.preferredCallTimes ?? null), count: 1, isHoliday: officeHolidays(d.country) });
    const agreement = t.agreementId ? agreementOf.get(t.agreementId) : undefined;
    return [
      {
        taskId: t.id,
        taskVersion: t.version,
        type,
        agreement: type === "approval" && agreement ? { id: agreement.id, version: agreement.version, totalCents: agreement.totalCents.toString() } : null,
        purpose: purposeOf(t.note),
        note: noteText(t.note),
        dueAt: t.dueAt.toISOString(),
        debtorId: d.id,
        debtorName: d.name,
        customerNumber: d.customerNumber,
        assigneeId: t.assigneeId,
        assigneeName: t.assigneeId ? (nameOf.get(t.assigneeId) ?? null) : null,
        overdueCents: (pos?.cents ?? 0n).toString(),
        openCents: d.openCents.toString(),
        oldestOverdueDueDate: pos?.oldest ?? null,
        insurerDeadline,
        fourteenDayTermUntil: termOf.get(d.id) ?? null,
        score: p.score,
        reasons: p.reasons,
        bestCallAt: advice.good && opts.day === opts.today ? from.toISOString() : (advice.nextSlots[0]?.start.toISOString() ?? null),
        callNowGood: advice.good && opts.day === opts.today,
      },
    ];
  });
  return { rows, total: tasks.length };
}

/** Broken promises waiting for this user's call (the notification badge in the navigation). */
export async function countOpenBrokenPromises(db: DbOrTx, userId: string, now: Date): Promise<number> {
  return db.task.count({ where: { AND: [openTasksWhere({ purpose: "broken_promise" }), { assigneeId: userId, OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: now } }] }] } });
}
