import { z } from "zod";
import { Prisma, providerOfClient, type DbOrTx } from "@/lib/db/client";
import { insurerDeadline } from "@/lib/debtors/insurer-deadline";
import { centsToNumber } from "@/lib/format/money";
import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";
import { AGING_BUCKETS, dueDateRange, type AgingBucket } from "@/lib/invoices/aging";
import { collectionEffectiveness, dsoCountBack, monthBlocks } from "./metrics";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { DISPUTE_AGES, disputeAge, type DisputeAge } from "./dashboard-schemas";

/** The dashboard's filters, from the URL. Anything malformed falls back to the default. */
export const DashboardFilters = z.object({
  controller: z.string().max(60).optional().catch(undefined),
  kind: z.enum(["b2b", "consumer"]).optional().catch(undefined),
  currency: z.string().regex(/^[A-Z]{3}$/).default("EUR").catch("EUR"),
  period: z.enum(["30", "90", "365"]).default("90").catch("90"),
});
export type DashboardFilters = z.infer<typeof DashboardFilters>;

export function parseDashboardFilters(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return DashboardFilters.parse(first);
}

/** controller: a user id, or "none" for unassigned debtors. */
function debtorWhere(f: DashboardFilters): Prisma.DebtorWhereInput {
  return {
    ...(f.controller ? { assignedControllerId: f.controller === "none" ? null : f.controller } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  };
}
/**
 * Invoices `i`, joined to their debtor `d` only when a debtor filter needs it. One controller's
 * portfolio is read from that controller's debtors outward: on PostgreSQL the planner otherwise
 * scans every open invoice of the company and hashes them against the portfolio (5x slower on
 * the large set); the OFFSET 0 keeps it from flattening the per-debtor lookup back into that join.
 * SQLite already starts from the debtors (and has no LATERAL).
 */
function invoiceFromSql(db: DbOrTx, f: DashboardFilters): Prisma.Sql {
  if (f.controller && f.controller !== "none" && providerOfClient(db) === "postgresql") {
    return Prisma.sql`"Debtor" d CROSS JOIN LATERAL (SELECT * FROM "Invoice" x WHERE x."debtorId" = d."id" OFFSET 0) i`;
  }
  return f.controller || f.kind ? Prisma.sql`"Invoice" i JOIN "Debtor" d ON d."id" = i."debtorId"` : Prisma.sql`"Invoice" i`;
}

/** The same filters as SQL on invoices `i` (and their debtor `d`, see invoiceFromSql). */
function invoiceFilterSql(f: DashboardFilters): Prisma.Sql {
  const parts = [Prisma.sql`i."currency" = ${f.currency}`];
  if (f.controller === "none") parts.push(Prisma.sql`d."assignedControllerId" IS NULL`);
  else if (f.controller) parts.push(Prisma.sql`d."assignedControllerId" = ${f.controller}`);
  if (f.kind) parts.push(Prisma.sql`d."kind" = ${f.kind}`);
  return Prisma.join(parts, " AND ");
}

/** A relation filter only when there is something to filter (an empty one still costs a join). */
function debtorRelation(f: DashboardFilters): { debtor?: Prisma.DebtorWhereInput } {
  const where = debtorWhere(f);
  return Object.keys(where).length ? { debtor: where } : {};
}

function snapshotWhere(f: DashboardFilters): Prisma.DailySnapshotWhereInput {
  return { currency: f.currency, ...(f.controller ? { controllerId: f.controller === "none" ? "" : f.controller } : {}), ...(f.kind ? { kind: f.kind } : {}) };
}

export type AgingRow = { bucket: AgingBucket; amountCents: number; count: number };
export type OverviewFigures = { openCents: number; overdueCents: number; currentCents: number; aging: AgingRow[]; debtorsOverdue: number; openDisputes: number };

/** Open position by aging bucket (on each invoice's own due date), in one query. */
export async function getOverviewFigures(db: DbOrTx, today: CalendarDate, f: DashboardFilters): Promise<OverviewFigures> {
  const debtor = debtorWhere(f);
  const edges = AGING_BUCKETS.slice(0, 4).map((b) => dueDateRange(b, today).from!);
  const rows = await db.$queryRaw<Array<{ b: number | bigint; s: number | bigint | string | null; c: number | bigint }>>`
    SELECT CASE WHEN i."dueDate" >= ${edges[0]} THEN 0 WHEN i."dueDate" >= ${edges[1]} THEN 1 WHEN i."dueDate" >= ${edges[2]} THEN 2
                WHEN i."dueDate" >= ${edges[3]} THEN 3 ELSE 4 END AS b,
           SUM(i."openCents") AS s, COUNT(*) AS c
    FROM ${invoiceFromSql(db, f)}
    WHERE i."openCents" > 0 AND ${invoiceFilterSql(f)}
    GROUP BY 1`;
  const aging = AGING_BUCKETS.map((bucket, k) => {
    const r = rows.find((x) => Number(x.b) === k);
    return { bucket, amountCents: r ? Number(r.s) : 0, count: r ? Number(r.c) : 0 };
  });
  const [debtorsOverdue, openDisputes] = await Promise.all([
    db.debtor.count({ where: { ...debtor, currency: f.currency, oldestOpenDueDate: { lt: today } } }),
    db.dispute.count({ where: { status: { in: [...DISPUTE_HOLDS] }, debtor: { ...debtor, currency: f.currency } } }),
  ]);
  const openCents = aging.reduce((s, r) => s + r.amountCents, 0);
  const currentCents = aging.find((r) => r.bucket === "current")?.amountCents ?? 0;
  return { openCents, overdueCents: openCents - currentCents, currentCents, aging, debtorsOverdue, openDisputes };
}

/** Sales (invoiced amounts) per issue day from a day on, in one query. */
async function salesByDay(db: DbOrTx, f: DashboardFilters, from: CalendarDate): Promise<Array<{ day: CalendarDate; cents: bigint }>> {
  const rows = await db.$queryRaw<Array<{ day: string; s: number | bigint | string | null }>>`
    SELECT i."issueDate" AS day, SUM(i."amountCents") AS s
    FROM ${invoiceFromSql(db, f)}
    WHERE i."issueDate" >= ${from} AND ${invoiceFilterSql(f)}
    GROUP BY 1`;
  return rows.map((r) => ({ day: r.day, cents: BigInt(r.s ?? 0) }));
}

/** The snapshot totals of the latest stored day on or before `date`. */
async function snapshotOn(db: DbOrTx, f: DashboardFilters, date: CalendarDate): Promise<{ date: CalendarDate; openCents: bigint; currentCents: bigint; overdueCents: bigint } | null> {
  const latest = await db.dailySnapshot.findFirst({ where: { date: { lte: date } }, orderBy: { date: "desc" }, select: { date: true } });
  if (!latest) return null;
  const agg = await db.dailySnapshot.aggregate({ where: { ...snapshotWhere(f), date: latest.date }, _sum: { openCents: true, currentCents: true, overdueCents: true } });
  return { date: latest.date, openCents: agg._sum.openCents ?? 0n, currentCents: agg._sum.currentCents ?? 0n, overdueCents: agg._sum.overdueCents ?? 0n };
}

export type DsoPoint = { date: CalendarDate; dso: number | null; arCents: number };
export type Effectiveness = { dso: number | null; dsoTrend: DsoPoint[]; cei: number | null; ceiFrom: CalendarDate | null; periodSalesCents: number };

const DSO_MONTHS = 12;

/** DSO (count-back over calendar months) now and at the last 12 month-ends (from snapshots), and the CEI over the period. */
export async function getEffectiveness(db: DbOrTx, today: CalendarDate, f: DashboardFilters, overviewPromise: OverviewFigures | Promise<OverviewFigures>): Promise<Effectiveness> {
  // Sales per month for 24 months back covers the count-back of every trend point.
  const blocks = monthBlocks(today, DSO_MONTHS * 2);
  const monthEnds = Array.from({ length: DSO_MONTHS }, (_, i) => blocks[DSO_MONTHS - i]!.to);
  const periodStart = addDays(today, -Number(f.period));
  // Everything that does not need today's position runs while it is being computed.
  const [daily, ends, begin] = await Promise.all([
    salesByDay(db, f, blocks.at(-1)!.from),
    db.dailySnapshot.groupBy({ by: ["date"], where: { ...snapshotWhere(f), date: { in: monthEnds } }, _sum: { openCents: true } }),
    snapshotOn(db, f, periodStart),
  ]);
  const overview = await overviewPromise;
  const sum = (from: CalendarDate, to: CalendarDate) => daily.reduce((s, d) => (d.day >= from && d.day <= to ? s + d.cents : s), 0n);
  const sales = blocks.map((b) => sum(b.from, b.to));
  const periodSales = begin ? sum(addDays(begin.date, 1), today) : 0n;
  const dsoAt = (ar: bigint, fromBlock: number) =>
    dsoCountBack(ar, blocks.slice(fromBlock, fromBlock + DSO_MONTHS).map((b, k) => ({ days: b.days, salesCents: sales[fromBlock + k]! })));
  const dso = dsoAt(BigInt(overview.openCents), 0);
  const dsoTrend: DsoPoint[] = monthEnds.flatMap((monthEnd, i) => {
    const row = ends.find((e) => e.date === monthEnd);
    if (!row) return [];
    const ar = row._sum.openCents ?? 0n;
    return [{ date: monthEnd, dso: dsoAt(ar, DSO_MONTHS - i), arCents: centsToNumber(ar) }];
  });
  dsoTrend.push({ date: today, dso, arCents: overview.openCents });

  const cei = begin
    ? collectionEffectiveness({ beginArCents: begin.openCents, salesCents: periodSales, endArCents: BigInt(overview.openCents), endCurrentCents: BigInt(overview.currentCents) })
    : null;
  return { dso, dsoTrend, cei, ceiFrom: begin?.date ?? null, periodSalesCents: centsToNumber(periodSales) };
}

export type WeekPoint = { date: CalendarDate; openCents: number; overdueCents: number };

/** Open and overdue at each of the last 12 week-ends, from the snapshots. */
export async function getWeeklyTrend(db: DbOrTx, today: CalendarDate, f: DashboardFilters): Promise<WeekPoint[]> {
  const dates = Array.from({ length: 12 }, (_, i) => addDays(today, -7 * (11 - i)));
  const rows = await db.dailySnapshot.groupBy({ by: ["date"], where: { ...snapshotWhere(f), date: { in: dates } }, _sum: { openCents: true, overdueCents: true } });
  return dates.flatMap((date) => {
    const r = rows.find((x) => x.date === date);
    return r ? [{ date, openCents: centsToNumber(r._sum.openCents), overdueCents: centsToNumber(r._sum.overdueCents) }] : [];
  });
}

export type PromiseFigures = { made: number; open: number; kept: number; broken: number; cancelled: number; keptRate: number | null };

/** Promises and plans made in the period, by status. */
export async function getPromiseFigures(db: DbOrTx, f: DashboardFilters, now: Date): Promise<PromiseFigures> {
  const since = new Date(now.getTime() - Number(f.period) * 86_400_000);
  const rows = await db.agreement.groupBy({ by: ["status"], where: { createdAt: { gte: since }, currency: f.currency, ...debtorRelation(f) }, _count: { _all: true } });
  const n = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
  const kept = n("kept");
  const broken = n("broken");
  return { made: rows.reduce((s, r) => s + r._count._all, 0), open: n("open"), kept, broken, cancelled: n("cancelled"), keptRate: kept + broken ? kept / (kept + broken) : null };
}

export { DISPUTE_AGES };
export type DisputeRow = { reason: string; age: DisputeAge; count: number; amountCents: number };

/** Open disputes by reason and age (days since opened). */
export async function getDisputeFigures(db: DbOrTx, today: CalendarDate, f: DashboardFilters): Promise<DisputeRow[]> {
  const rows = await db.dispute.findMany({ where: { status: { in: [...DISPUTE_HOLDS] }, debtor: { ...debtorWhere(f), currency: f.currency } }, select: { reason: true, openedOn: true, disputedCents: true } });
  const out = new Map<string, DisputeRow>();
  for (const r of rows) {
    const age = disputeAge(r.openedOn, today);
    const key = `${r.reason}|${age}`;
    const row = out.get(key) ?? { reason: r.reason, age, count: 0, amountCents: 0 };
    row.count += 1;
    row.amountCents += centsToNumber(r.disputedCents);
    out.set(key, row);
  }
  return [...out.values()].sort((a, b) => a.reason.localeCompare(b.reason) || DISPUTE_AGES.indexOf(a.age) - DISPUTE_AGES.indexOf(b.age));
}

export type CallerRow = { controllerId: string; name: string; calls: number; perDay: number; reached: number; noContact: number; promises: number };

/** Calls per controller over the period (final calls made from the workbench, not notes or incoming contact), with outcomes and promises that came of them. */
export async function getCallFigures(db: DbOrTx, f: DashboardFilters, now: Date): Promise<CallerRow[]> {
  const since = new Date(now.getTime() - Number(f.period) * 86_400_000);
  // Hand-written: Prisma's relation filters (call -> debtor, agreement -> call -> debtor) nest
  // IN-subqueries that SQLite's planner runs badly on a large set (seconds instead of milliseconds).
  const debtorFilter = Prisma.sql`d."currency" = ${f.currency}${f.controller === "none" ? Prisma.sql` AND d."assignedControllerId" IS NULL` : f.controller ? Prisma.sql` AND d."assignedControllerId" = ${f.controller}` : Prisma.empty}${f.kind ? Prisma.sql` AND d."kind" = ${f.kind}` : Prisma.empty}`;
  const [byOutcome, promises, users] = await Promise.all([
    db.$queryRaw<Array<{ authorId: string; outcome: string | null; n: number | bigint }>>`
      SELECT c."authorId" AS "authorId", c."outcome" AS "outcome", COUNT(*) AS n
      FROM "CallLog" c JOIN "Debtor" d ON d."id" = c."debtorId"
      WHERE c."status" = 'final' AND c."channel" = 'call' AND c."startedAt" >= ${since} AND ${debtorFilter}
      GROUP BY c."authorId", c."outcome"`,
    db.$queryRaw<Array<{ createdById: string; n: number | bigint }>>`
      SELECT a."createdById" AS "createdById", COUNT(*) AS n
      FROM "Agreement" a JOIN "CallLog" c ON c."id" = a."callLogId" JOIN "Debtor" d ON d."id" = c."debtorId"
      WHERE c."status" = 'final' AND c."startedAt" >= ${since} AND ${debtorFilter}
      GROUP BY a."createdById"`,
    db.user.findMany({ where: { role: { in: ["controller", "manager", "admin"] } }, select: { id: true, name: true } }),
  ]);
  // Working days in the period (Mon–Fri), for calls per day.
  const days = Number(f.period);
  const workdays = Math.max(1, Math.round((days * 5) / 7));
  const rows = new Map<string, CallerRow>();
  for (const r of byOutcome) {
    const n = Number(r.n);
    const row = rows.get(r.authorId) ?? { controllerId: r.authorId, name: users.find((u) => u.id === r.authorId)?.name ?? "?", calls: 0, perDay: 0, reached: 0, noContact: 0, promises: 0 };
    row.calls += n;
    if (r.outcome === "reached" || r.outcome === "callback_requested") row.reached += n;
    else row.noContact += n;
    rows.set(r.authorId, row);
  }
  for (const p of promises) {
    const row = rows.get(p.createdById);
    if (row) row.promises = Number(p.n);
  }
  return [...rows.values()].map((r) => ({ ...r, perDay: Math.round((r.calls / workdays) * 10) / 10 })).sort((a, b) => b.calls - a.calls);
}

export type TopDebtor = { id: string; name: string; customerNumber: string; overdueCents: number; oldestDueDate: CalendarDate | null; controllerName: string | null };

/** The ten debtors with the most overdue. */
export async function getTopDebtors(db: DbOrTx, today: CalendarDate, f: DashboardFilters): Promise<TopDebtor[]> {
  const top = await db.$queryRaw<Array<{ debtorId: string; s: number | bigint | string }>>`
    SELECT i."debtorId" AS "debtorId", SUM(i."openCents") AS s
    FROM ${invoiceFromSql(db, f)}
    WHERE i."openCents" > 0 AND i."dueDate" < ${today} AND ${invoiceFilterSql(f)}
    GROUP BY i."debtorId"
    ORDER BY s DESC, i."debtorId"
    LIMIT 10`;
  const debtors = await db.debtor.findMany({ where: { id: { in: top.map((t) => t.debtorId) } }, select: { id: true, name: true, customerNumber: true, oldestOpenDueDate: true, assignedController: { select: { name: true } } } });
  return top.map((t) => {
    const d = debtors.find((x) => x.id === t.debtorId)!;
    return { id: d.id, name: d.name, customerNumber: d.customerNumber, overdueCents: Number(t.s), oldestDueDate: d.oldestOpenDueDate, controllerName: d.assignedController?.name ?? null };
  });
}

export type InsuredRow = { id: string; name: string; insurer: string; deadline: CalendarDate; daysLeft: number; openCents: number };

/** Credit-insured debtors whose insurer must be told within 14 days (or already should have been). */
export async function getInsuredNearDeadline(db: DbOrTx, today: CalendarDate, f: DashboardFilters): Promise<InsuredRow[]> {
  const rows = await db.debtor.findMany({
    where: { ...debtorWhere(f), currency: f.currency, isCreditInsured: true, insurerNotifyDays: { not: null }, oldestOpenDueDate: { lt: today } },
    select: { id: true, name: true, insurer: true, insurerNotifyDays: true, oldestOpenDueDate: true, openCents: true },
  });
  return rows
    .map((d) => {
      const deadline = insurerDeadline({ isCreditInsured: true, insurerNotifyDays: d.insurerNotifyDays }, d.oldestOpenDueDate)!;
      return { id: d.id, name: d.name, insurer: d.insurer ?? "?", deadline, daysLeft: daysBetween(today, deadline), openCents: centsToNumber(d.openCents) };
    })
    .filter((r) => r.daysLeft <= 14)
    .sort((a, b) => a.daysLeft - b.daysLeft)
    .slice(0, 25);
}

export type Dashboard = {
  overview: OverviewFigures;
  effectiveness: Effectiveness;
  weekly: WeekPoint[];
  promises: PromiseFigures;
  disputes: DisputeRow[];
  calls: CallerRow[];
  top: TopDebtor[];
  insured: InsuredRow[];
};

/** Every figure of the dashboard for one set of filters. */
export async function getDashboard(db: DbOrTx, today: CalendarDate, f: DashboardFilters, now = new Date()): Promise<Dashboard> {
  const overviewPromise = getOverviewFigures(db, today, f);
  const [overview, effectiveness, weekly, promises, disputes, calls, top, insured] = await Promise.all([
    overviewPromise,
    getEffectiveness(db, today, f, overviewPromise),
    getWeeklyTrend(db, today, f),
    getPromiseFigures(db, f, now),
    getDisputeFigures(db, today, f),
    getCallFigures(db, f, now),
    getTopDebtors(db, today, f),
    getInsuredNearDeadline(db, today, f),
  ]);
  return { overview, effectiveness, weekly, promises, disputes, calls, top, insured };
}

/** Controllers see their own portfolio only; managers and admins may choose. */
export function scopeFilters(f: DashboardFilters, user: { id: string; role: string }): DashboardFilters {
  return user.role === "controller" ? { ...f, controller: user.id } : f;
}

/** The currencies the ledger holds, for the currency filter (EUR first). */
export async function listCurrencies(db: DbOrTx): Promise<string[]> {
  // Grouped in the database: Prisma's `distinct` reads every debtor and deduplicates in memory.
  const rows = await db.debtor.groupBy({ by: ["currency"] });
  return [...new Set(["EUR", ...rows.map((r) => r.currency).sort()])];
}
