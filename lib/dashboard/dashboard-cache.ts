import type { DbOrTx } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { getDashboard, type Dashboard, type DashboardFilters } from "./dashboard-queries";

/**
 * The dashboard's figures, computed once per set of filters and kept until the data they are
 * made of changes. Every figure comes from invoices, debtors, disputes, agreements, finished
 * calls, users and the daily snapshots. Writes to those set the row's updatedAt (Prisma does, and
 * the import's bulk writes set it themselves); the one raw write that does not, the recompute of
 * a debtor's cached balance, only ever follows a change to that debtor's invoices or disputes,
 * which does. The newest updatedAt of each table, read through an index in one query of well
 * under a millisecond, is the data stamp. A write committed after the figures were
 * read moves the stamp, so the next view computes them again: figures are never older than the
 * last committed change. Drafts of calls do not count (the dashboard counts finished calls), so
 * a controller typing call notes does not throw the figures away.
 *
 * Two limits keep corner cases bounded: an entry lives at most MAX_AGE_MS (time-based figures,
 * "the last 90 days", move on by themselves; a write on a machine whose clock runs behind may not
 * move the newest updatedAt), and the cache holds at most MAX_ENTRIES filter sets per process.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 200;

type Entry = { stamp: string; at: number; figures: Promise<Dashboard> };
const cache = ((globalThis as unknown as { __dashboardCache?: Map<string, Entry> }).__dashboardCache ??= new Map());

type StampRow = Record<"i" | "d" | "x" | "a" | "c" | "s" | "u", unknown>;

/** The newest change to anything the dashboard shows. */
export async function dashboardDataStamp(db: DbOrTx): Promise<string> {
  const [row] = await db.$queryRaw<StampRow[]>`
    SELECT (SELECT MAX("updatedAt") FROM "Invoice") AS i,
           (SELECT MAX("updatedAt") FROM "Debtor") AS d,
           (SELECT MAX("updatedAt") FROM "Dispute") AS x,
           (SELECT MAX("updatedAt") FROM "Agreement") AS a,
           (SELECT MAX("updatedAt") FROM "CallLog" WHERE "status" = 'final') AS c,
           (SELECT MAX("createdAt") FROM "DailySnapshot") AS s,
           (SELECT MAX("updatedAt") FROM "user") AS u`;
  return Object.values(row ?? {})
    .map((v) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? "-" : String(v)))
    .join("|");
}

export type CachedDashboard = Dashboard & { computedAt: Date; fromCache: boolean };

/** getDashboard, answered from the cache while the data stamp is unchanged. */
export async function getDashboardCached(db: DbOrTx, today: CalendarDate, f: DashboardFilters, now = new Date()): Promise<CachedDashboard> {
  const key = JSON.stringify([today, f.controller ?? null, f.kind ?? null, f.currency, f.period]);
  const stamp = await dashboardDataStamp(db);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp && now.getTime() - hit.at < MAX_AGE_MS) {
    // Requests arriving while the figures are computed share that one computation.
    const figures = await hit.figures;
    return { ...figures, computedAt: new Date(hit.at), fromCache: true };
  }
  const entry: Entry = { stamp, at: now.getTime(), figures: getDashboard(db, today, f, now) };
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  try {
    return { ...(await entry.figures), computedAt: now, fromCache: false };
  } catch (e) {
    if (cache.get(key) === entry) cache.delete(key);
    throw e;
  }
}

/** Forgets every cached figure (for tests that compare a first computation with later ones). */
export function clearDashboardCache(): void {
  cache.clear();
}
