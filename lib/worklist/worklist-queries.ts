import { adviseCallTime } from "@/lib/calls/call-time-advice";
import { officeHolidays } from "@/lib/clock/working-days";
import { Prisma, type DbOrTx } from "@/lib/db/client";
import { parseCallTimes } from "@/lib/debtors/debtor-queries";
import { insurerDeadline as insurerDeadlineOf } from "@/lib/debtors/insurer-deadline";
import { addDays, calendarDateIn, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { noteText, openTasksWhere, purposeOf, taskKindOf, type CallbackPurpose } from "@/lib/tasks/tasks";
import { COVERAGE, insurerToldOfCurrentArrears, isMootWithoutArrears, signalsOf, type WorklistSignal } from "./worklist-coverage";
import { worklistPriority, type PriorityPart, type WorklistItemKind, type WorklistItemType } from "./worklist-priority";

/**
 * The worklist: one row per debtor that needs a controller on the chosen day (today, or tomorrow
 * to plan ahead). A debtor is on it for its open tasks due by the end of that day (not snoozed
 * past it), and for its position even without a task (see worklist-coverage.ts). For one
 * controller: their own items, plus unassigned items and positions on their or unassigned
 * debtors, to claim; or for the whole team. Each row carries all its reasons, the priority
 * with what adds how much, and the best time to call in the debtor's zone.
 */
export type WorklistTask = {
  taskId: string;
  version: number;
  kind: WorklistItemType;
  /** why a callback exists (a broken promise, a rejected plan, a retry after no answer), when it says */
  purpose: CallbackPurpose | null;
  /** the item's own text (a contact's name, "2/3", a rejection reason) */
  note: string | null;
  dueAt: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** for a plan awaiting approval: the agreement to decide on */
  agreement: { id: string; version: number; totalCents: string } | null;
};
export type WorklistRow = {
  debtorId: string;
  debtorName: string;
  customerNumber: string;
  /** the debtor's controller */
  controllerId: string | null;
  controllerName: string | null;
  tasks: WorklistTask[];
  signals: WorklistSignal[];
  overdueCents: string;
  openCents: string;
  creditLimitCents: string | null;
  oldestOverdueDueDate: CalendarDate | null;
  insurerDeadline: CalendarDate | null;
  /** a consumer's 14-day letter still running: its last day (costs only from the day after) */
  fourteenDayTermUntil: CalendarDate | null;
  brokenPromises12m: number;
  score: number;
  parts: PriorityPart[];
  /** the most pressing item: the row's badge */
  top: WorklistItemKind | null;
  bestCallAt: string | null;
  callNowGood: boolean;
};
export type Worklist = { rows: WorklistRow[]; total: number };

const WORKLIST_TYPES = ["callback", "dunning_call", "service_call", "handover", "dispute", "approval"];

type Position = { cents: bigint; oldest: string | null };
type DebtorFacts = { id: string; openCents: bigint; creditLimitCents: bigint | null; isCreditInsured: boolean; insurerNotifyDays: number | null; insurerNotifiedOn: string | null; openDisputeCount: number; worklistSnoozedUntil: Date | null };

const FACTS = { id: true, openCents: true, creditLimitCents: true, isCreditInsured: true, insurerNotifyDays: true, insurerNotifiedOn: true, openDisputeCount: true, worklistSnoozedUntil: true } as const;

/** In-lists of at most 900 ids (SQLite's parameter limit), or one pass over everything for a large list. */
function chunked(ids: string[]): (string[] | null)[] {
  if (ids.length > 2_000) return [null];
  return Array.from({ length: Math.ceil(ids.length / 900) }, (_, i) => ids.slice(i * 900, (i + 1) * 900));
}

/**
 * `approvalsFirst`: the debtors with a plan awaiting approval lead the page (a manager's team list:
 * only they can decide those, and the controller waits on it), the rest in priority order.
 */
export type WorklistOptions = { userId: string | null; day: CalendarDate; today: CalendarDate; timeZone: string; now: Date; take?: number; approvalsFirst?: boolean };

export async function listWorklist(db: DbOrTx, opts: WorklistOptions): Promise<Worklist> {
  return worklistPage(db, await scoreWorklist(db, opts), opts);
}

/** The rows on screen of a scored list: the top `take` (at most 2,000), with their details. */
export async function worklistPage(db: DbOrTx, scored: readonly Scored[], opts: WorklistOptions): Promise<Worklist> {
  const awaitsApproval = (s: Scored) => s.d.tasks.some((t) => t.type === "approval");
  const ordered = opts.approvalsFirst ? [...scored.filter(awaitsApproval), ...scored.filter((s) => !awaitsApproval(s))] : scored;
  const shown = ordered.slice(0, Math.min(opts.take ?? 200, 2_000));
  return { rows: await detailsOf(db, shown, opts), total: scored.length };
}

/** The coverage rule's first sift, as the full scoring's query states it. */
function mayMeetCoverage(d: Pick<DebtorFacts, "openCents" | "isCreditInsured" | "creditLimitCents">): boolean {
  return d.openCents > COVERAGE.minOverdueCents || (d.openCents > 0n && (d.isCreditInsured || d.creditLimitCents !== null));
}

/**
 * Every debtor on the list, scored and ordered: the costly part (a controller's list weighs over
 * a thousand positions, the team's all of them). Depends on the data and the day, and on the
 * moment only for the broken promises of the last 12 months, so it can be kept for a minute
 * while the data is unchanged (worklist-cache.ts).
 */
export async function scoreWorklist(db: DbOrTx, opts: Omit<WorklistOptions, "take">, onlyDebtorIds?: readonly string[]): Promise<Scored[]> {
  const until = startOfDayIn(addDays(opts.day, 1), opts.timeZone);
  // `onlyDebtorIds`: score just these debtors (those changed since a kept scoring; each debtor's
  // score depends on its own data only).
  // Each query names the ids once (SQLite takes 999 parameters at most).
  const only = onlyDebtorIds ? { id: { in: [...onlyDebtorIds] } } : {};
  const mine = opts.userId ? { OR: [{ assignedControllerId: opts.userId }, { assignedControllerId: null }] } : {};
  // First only what the priority needs (a team list covers thousands of debtors); the details
  // are loaded for the rows shown.
  const [tasks, candidates, promisesToday] = await Promise.all([
    db.task.findMany({
      where: {
        status: "open",
        // Plans awaiting approval are the managers' items: on the team list, not a controller's own.
        type: { in: opts.userId ? WORKLIST_TYPES.filter((t) => t !== "approval") : WORKLIST_TYPES },
        dueAt: { lt: until },
        OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: until } }],
        ...(opts.userId ? { AND: [{ OR: [{ assigneeId: opts.userId }, { assigneeId: null, debtor: mine }] }] } : {}),
        ...(onlyDebtorIds ? { debtorId: { in: [...onlyDebtorIds] } } : {}),
      },
      select: { id: true, version: true, type: true, note: true, dueAt: true, assigneeId: true, debtorId: true, agreementId: true },
    }),
    // Positions that can meet a coverage rule: enough open, insured with something open, or a
    // credit limit. A few changed debtors are read by key and sifted here: with the rule in SQL
    // as well, SQLite's planner walked the portfolio's index instead (13 ms instead of 0.1).
    onlyDebtorIds
      ? db.debtor
          .findMany({ where: { id: { in: [...onlyDebtorIds] } }, select: { ...FACTS, assignedControllerId: true } })
          .then((rows) => rows.filter((d) => mayMeetCoverage(d) && (!opts.userId || d.assignedControllerId === opts.userId || d.assignedControllerId === null)))
      : db.debtor.findMany({
          where: { AND: [mine, { OR: [{ openCents: { gt: COVERAGE.minOverdueCents } }, { isCreditInsured: true, openCents: { gt: 0 } }, { creditLimitCents: { not: null }, openCents: { gt: 0 } }] }] },
          select: FACTS,
        }),
    db.instalment.findMany({ where: { dueDate: opts.day, status: "open", agreement: { status: "open", debtor: { AND: [mine, only] } } }, select: { agreement: { select: { debtorId: true } } } }),
  ]);
  const promiseToday = new Set(promisesToday.map((i) => i.agreement.debtorId));
  const facts = new Map<string, DebtorFacts>(candidates.map((d) => [d.id, d]));
  const missing = [...new Set([...tasks.map((t) => t.debtorId), ...promiseToday])].filter((id) => !facts.has(id));
  for (const ids of chunked(missing)) if (ids) for (const d of await db.debtor.findMany({ where: { id: { in: ids } }, select: FACTS })) facts.set(d.id, d);

  const debtorIds = [...facts.keys()];
  const overdue = new Map<string, Position>();
  const broken = new Map<string, number>();
  const withAgreement = new Set<string>();
  const lastWorked = new Map<string, CalendarDate>();
  const yearAgo = new Date(opts.now.getTime() - 365 * 86_400_000);
  // A call (or the debtor calling or writing in; not an internal note) on any of the last
  // quietDays - 1 days keeps a position off the list.
  const quietStart = startOfDayIn(addDays(opts.day, 1 - COVERAGE.quietDays), opts.timeZone);
  for (const ids of chunked(debtorIds)) {
    const only = ids ? Prisma.sql`"debtorId" IN (${Prisma.join(ids)}) AND` : Prisma.empty;
    const idFilter = ids ? { debtorId: { in: ids } } : {};
    const [sums, brokenRows, agreementRows, callRows] = await Promise.all([
      db.$queryRaw<{ debtorId: string; cents: bigint | number | string; oldest: string | null }[]>`
        SELECT "debtorId", SUM("openCents") AS cents, MIN("dueDate") AS oldest FROM "Invoice"
        WHERE ${only} "openCents" > 0 AND "dueDate" < ${opts.today}
        GROUP BY "debtorId"`,
      db.agreement.groupBy({ by: ["debtorId"], where: { ...idFilter, status: "broken", updatedAt: { gte: yearAgo } }, _count: { _all: true } }),
      db.agreement.groupBy({ by: ["debtorId"], where: { ...idFilter, status: "open" } }),
      db.callLog.groupBy({ by: ["debtorId"], where: { ...idFilter, status: "final", channel: { not: "note" }, startedAt: { gte: quietStart } }, _max: { startedAt: true } }),
    ]);
    for (const r of sums) overdue.set(r.debtorId, { cents: BigInt(r.cents), oldest: r.oldest });
    for (const r of brokenRows) broken.set(r.debtorId, r._count._all);
    for (const r of agreementRows) withAgreement.add(r.debtorId);
    for (const r of callRows) if (r._max.startedAt) lastWorked.set(r.debtorId, calendarDateIn(r._max.startedAt, opts.timeZone));
  }

  type Draft = Scored["d"];
  const drafts = new Map<string, Draft>();
  const draftOf = (debtorId: string): Draft => {
    let d = drafts.get(debtorId);
    if (!d) {
      const f = facts.get(debtorId)!;
      const pos = overdue.get(debtorId);
      const insurerDeadline = insurerDeadlineOf(f, pos?.oldest ?? null);
      d = { debtorId, tasks: [], signals: [], pos, insurerDeadline, broken: broken.get(debtorId) ?? 0 };
      drafts.set(debtorId, d);
    }
    return d;
  };
  for (const t of tasks) {
    const nothingOverdue = (overdue.get(t.debtorId)?.cents ?? 0n) === 0n;
    if (nothingOverdue && isMootWithoutArrears(taskKindOf(t.type, t.note), purposeOf(t.note))) continue;
    draftOf(t.debtorId).tasks.push(t);
  }
  for (const f of facts.values()) {
    if (f.worklistSnoozedUntil && f.worklistSnoozedUntil >= until) continue;
    const pos = overdue.get(f.id);
    const signals = signalsOf(
      {
        overdueCents: pos?.cents ?? 0n,
        oldestOverdueDueDate: pos?.oldest ?? null,
        openCents: f.openCents,
        creditLimitCents: f.creditLimitCents,
        hasOpenAgreement: withAgreement.has(f.id),
        openDisputeCount: f.openDisputeCount,
        lastWorkedOn: lastWorked.get(f.id) ?? null,
        insurerDeadline: insurerDeadlineOf(f, pos?.oldest ?? null),
        insurerNotifiedOn: f.insurerNotifiedOn,
        promiseDueToday: promiseToday.has(f.id),
      },
      opts.day,
    );
    if (signals.length) draftOf(f.id).signals = signals;
  }

  const dayOf = (d: Date) => calendarDateIn(d, opts.timeZone);
  const scored = [...drafts.values()].map((d) => {
    const f = facts.get(d.debtorId)!;
    const oldestTask = d.tasks.reduce<Date | null>((m, t) => (m === null || t.dueAt < m ? t.dueAt : m), null);
    const waitingSince = oldestTask && dayOf(oldestTask) < opts.today ? dayOf(oldestTask) : opts.today;
    const told = insurerToldOfCurrentArrears({ insurerNotifiedOn: f.insurerNotifiedOn, oldestOverdueDueDate: d.pos?.oldest ?? null });
    const p = worklistPriority({
      kinds: [...d.tasks.map((t) => taskKindOf(t.type, t.note)), ...d.signals],
      waitingSince,
      overdueCents: d.pos?.cents ?? 0n,
      oldestOverdueDueDate: d.pos?.oldest ?? null,
      brokenPromises12m: d.broken,
      insurerDeadline: told ? null : d.insurerDeadline,
      today: opts.today,
    });
    return { d, p, firstDue: oldestTask?.getTime() ?? until.getTime() };
  });
  return scored.sort(byPriority);
}

/** Highest priority first; then the longest waiting item; then a fixed order. */
export function byPriority(a: Scored, b: Scored): number {
  return b.p.score - a.p.score || a.firstDue - b.firstDue || a.d.debtorId.localeCompare(b.d.debtorId);
}

/** A debtor on the list with its items and priority, before the details for the screen. */
export type Scored = {
  d: { debtorId: string; tasks: { id: string; version: number; type: string; note: string | null; dueAt: Date; assigneeId: string | null; agreementId: string | null }[]; signals: WorklistSignal[]; pos: Position | undefined; insurerDeadline: CalendarDate | null; broken: number };
  p: ReturnType<typeof worklistPriority>;
  /** the oldest item's due instant (ms), for the order among equal scores */
  firstDue: number;
};

/** Names, agreements, letters and call-time advice for the rows on screen. */
async function detailsOf(db: DbOrTx, shown: readonly Scored[], opts: { day: CalendarDate; today: CalendarDate; timeZone: string; now: Date }): Promise<WorklistRow[]> {
  const shownDebtors = shown.map((s) => s.d.debtorId);
  const allTasks = shown.flatMap((s) => s.d.tasks);
  const [debtors, agreements, terms] = await Promise.all([
    db.debtor.findMany({
      where: { id: { in: shownDebtors } },
      select: { id: true, name: true, customerNumber: true, timeZone: true, country: true, openCents: true, creditLimitCents: true, assignedControllerId: true, contacts: { where: { isPrimaryForPayments: true }, select: { preferredCallTimes: true }, take: 1 } },
    }),
    db.agreement.findMany({ where: { id: { in: allTasks.map((t) => t.agreementId).filter((x): x is string => !!x) } }, select: { id: true, version: true, totalCents: true } }),
    // The same stored last day the letter printed and the run charges costs after.
    db.dunningCommunication.findMany({ where: { debtorId: { in: shownDebtors }, template: "fourteen_day_letter", payByDate: { gte: opts.today } }, select: { debtorId: true, payByDate: true } }),
  ]);
  const people = [...new Set([...allTasks.map((t) => t.assigneeId), ...debtors.map((d) => d.assignedControllerId)].filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } });
  const termOf = new Map(terms.map((t) => [t.debtorId, t.payByDate]));
  const debtorOf = new Map(debtors.map((d) => [d.id, d]));
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const agreementOf = new Map(agreements.map((a) => [a.id, a]));
  // Advice from the moment the day starts when planning ahead, else from now.
  const from = opts.day > opts.today ? startOfDayIn(opts.day, opts.timeZone) : opts.now;
  // The advice depends only on the zone, the country's holidays and the preferred times: most
  // rows share them, so each combination is worked out once per list.
  const adviceFor = new Map<string, ReturnType<typeof adviseCallTime>>();
  const adviceOf = (d: (typeof debtors)[number]) => {
    const preferred = d.contacts[0]?.preferredCallTimes ?? null;
    const key = JSON.stringify([d.timeZone, d.country, preferred]);
    let advice = adviceFor.get(key);
    if (!advice) adviceFor.set(key, (advice = adviseCallTime(from, { timeZone: d.timeZone, preferred: parseCallTimes(preferred), count: 1, isHoliday: officeHolidays(d.country) })));
    return advice;
  };
  return shown.flatMap(({ d: row, p }) => {
    const d = debtorOf.get(row.debtorId);
    if (!d) return [];
    const advice = adviceOf(d);
    const tasks: WorklistTask[] = row.tasks
      .map((t) => {
        const kind = taskKindOf(t.type, t.note);
        const agreement = kind === "approval" && t.agreementId ? agreementOf.get(t.agreementId) : undefined;
        return {
          taskId: t.id,
          version: t.version,
          kind,
          purpose: purposeOf(t.note),
          note: noteText(t.note),
          dueAt: t.dueAt.toISOString(),
          assigneeId: t.assigneeId,
          assigneeName: t.assigneeId ? (nameOf.get(t.assigneeId) ?? null) : null,
          agreement: agreement ? { id: agreement.id, version: agreement.version, totalCents: agreement.totalCents.toString() } : null,
        };
      })
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    return [
      {
        debtorId: d.id,
        debtorName: d.name,
        customerNumber: d.customerNumber,
        controllerId: d.assignedControllerId,
        controllerName: d.assignedControllerId ? (nameOf.get(d.assignedControllerId) ?? null) : null,
        tasks,
        signals: row.signals,
        overdueCents: (row.pos?.cents ?? 0n).toString(),
        openCents: d.openCents.toString(),
        creditLimitCents: d.creditLimitCents?.toString() ?? null,
        oldestOverdueDueDate: row.pos?.oldest ?? null,
        insurerDeadline: row.insurerDeadline,
        fourteenDayTermUntil: termOf.get(d.id) ?? null,
        brokenPromises12m: row.broken,
        score: p.score,
        parts: p.parts,
        top: p.top,
        bestCallAt: advice.good && opts.day === opts.today ? from.toISOString() : (advice.nextSlots[0]?.start.toISOString() ?? null),
        callNowGood: advice.good && opts.day === opts.today,
      },
    ];
  });
}

/** Broken promises waiting for this user's call (the notification badge in the navigation). */
export async function countOpenBrokenPromises(db: DbOrTx, userId: string, now: Date): Promise<number> {
  return db.task.count({ where: { AND: [openTasksWhere({ purpose: "broken_promise" }), { assigneeId: userId, OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: now } }] }] } });
}
