import type { DbOrTx } from "@/lib/db/client";
import { dataStamp } from "@/lib/db/data-stamp";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { getDashboard, listCurrencies, type Dashboard, type DashboardFilters } from "./dashboard-queries";

/**
 * A small per-process cache of computed figures keyed by what they were computed for. An entry
 * answers while the data stamp is unchanged and it is younger than `maxAgeMs`; after a change it
 * still answers until it is `settleMs` old, so a busy ledger (a write every second) costs at most
 * one computation per key per `settleMs` instead of one per view. Requests arriving while a value
 * is computed share that one computation; a failed computation is not kept.
 */
class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; at: number; value: Promise<V> }>();
  constructor(private readonly opts: { maxAgeMs: number; settleMs: () => number; maxEntries: number }) {}

  async get(key: string, stamp: string, now: number, compute: () => Promise<V>): Promise<{ value: V; at: number; fromCache: boolean }> {
    const hit = this.entries.get(key);
    const age = hit ? now - hit.at : Infinity;
    if (hit && age < this.opts.maxAgeMs && (hit.stamp === stamp || age < this.opts.settleMs())) {
      const value = await hit.value.catch(() => null);
      if (value !== null) return { value, at: hit.at, fromCache: true };
    }
    const entry = { stamp, at: now, value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    try {
      return { value: await entry.value, at: now, fromCache: false };
    } catch (e) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw e;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The dashboard's figures, computed once per set of filters and kept until the data they are
 * made of changes (see lib/db/data-stamp.ts): invoices, debtors, disputes, agreements, finished
 * calls, users and the daily snapshots.
 *
 * After a change the figures are computed again at most once per DASHBOARD_CACHE.settleMs (10 s)
 * per filter set: a manager's full dashboard is about 100 ms of queries, and with a team at work
 * something changes every second, so without it nearly every view computed everything anew. The
 * page says when its figures were computed ("as of 14:02:31"), so a view in those seconds is
 * never silently behind.
 *
 * Two limits keep corner cases bounded: an entry lives at most MAX_AGE_MS (time-based figures,
 * "the last 90 days", move on by themselves; a write on a machine whose clock runs behind may not
 * move the newest updatedAt), and the cache holds at most MAX_ENTRIES filter sets per process.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 200;
/** How long figures stand after a change before they are computed again (tests may set 0). */
export const DASHBOARD_CACHE = { settleMs: 10_000 };

/** The figures, and the currencies the ledger holds (for the currency filter). */
type Figures = Dashboard & { currencies: string[] };
const cache = ((globalThis as unknown as { __dashboardCache?: StampedCache<Figures> }).__dashboardCache ??= new StampedCache<Figures>({ maxAgeMs: MAX_AGE_MS, settleMs: () => DASHBOARD_CACHE.settleMs, maxEntries: MAX_ENTRIES }));

/** The newest change to anything the dashboard shows. */
function dashboardDataStamp(db: DbOrTx): Promise<string> {
  return dataStamp(db, ["invoices", "debtors", "disputes", "agreements", "finishedCalls", "snapshots", "users"]);
}

export type CachedDashboard = Figures & { computedAt: Date; fromCache: boolean };

/** getDashboard, answered from the cache while the data stamp is unchanged (or the figures are younger than settleMs). */
export async function getDashboardCached(db: DbOrTx, today: CalendarDate, f: DashboardFilters, now = new Date()): Promise<CachedDashboard> {
  const key = JSON.stringify([today, f.controller ?? null, f.kind ?? null, f.currency, f.period]);
  const stamp = await dashboardDataStamp(db);
  const compute = async (): Promise<Figures> => {
    const [figures, currencies] = await Promise.all([getDashboard(db, today, f, now), listCurrencies(db)]);
    return { ...figures, currencies };
  };
  const { value, at, fromCache } = await cache.get(key, stamp, now.getTime(), compute);
  return { ...value, computedAt: new Date(at), fromCache };
}

/** Forgets every cached figure (for tests that compare a first computation with later ones). */
export function clearDashboardCache(): void {
  cache.clear();
}
