import type { DbOrTx } from "@/lib/db/client";
import { dataStamp, StampedCache } from "@/lib/db/data-stamp";
import { scoreWorklist, worklistPage, type Scored, type Worklist, type WorklistOptions } from "./worklist-queries";

/**
 * The worklist's scoring (every position and open item of a portfolio weighed, the costly part)
 * kept per list (a controller's own, or the team's) and day, until the data it is made of
 * changes (see lib/db/data-stamp.ts): tasks, invoices, debtors, disputes, agreements (their
 * instalments change with them) and finished calls. A claim, a snooze, a payment, a finished
 * call or the dunning run moves the stamp, so the next view scores anew; call drafts do not.
 * The rows on screen (names, letters, call-time advice from this moment) are read on every view.
 *
 * An entry lives at most MAX_AGE_MS: the 12 months of broken promises roll on, and what a stamp
 * cannot see (a deleted row, a clock behind) is bounded by it.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;

const cache = ((globalThis as unknown as { __worklistCache?: StampedCache<Scored[]> }).__worklistCache ??= new StampedCache<Scored[]>({ maxAgeMs: MAX_AGE_MS, maxEntries: MAX_ENTRIES }));

export function worklistDataStamp(db: DbOrTx): Promise<string> {
  return dataStamp(db, ["tasks", "invoices", "debtors", "disputes", "agreements", "finishedCalls"]);
}

async function scoredCached(db: DbOrTx, opts: Omit<WorklistOptions, "take">): Promise<{ value: Scored[]; fromCache: boolean }> {
  const key = JSON.stringify([opts.userId, opts.day, opts.today, opts.timeZone]);
  const stamp = await worklistDataStamp(db);
  return cache.get(key, stamp, opts.now.getTime(), () => scoreWorklist(db, opts));
}

/** listWorklist, with the scoring answered from the cache while the data stamp is unchanged. */
export async function listWorklistCached(db: DbOrTx, opts: WorklistOptions): Promise<Worklist & { fromCache: boolean }> {
  const { value, fromCache } = await scoredCached(db, opts);
  return { ...(await worklistPage(db, value, opts)), fromCache };
}

/**
 * The debtor after `after` on the list (its next row), or the top of the list when `after` has
 * left it (its items done); null when nothing is left.
 */
export async function nextOnWorklist(db: DbOrTx, opts: Omit<WorklistOptions, "take">, after: string | undefined): Promise<string | null> {
  const ids = (await scoredCached(db, opts)).value.map((s) => s.d.debtorId);
  const at = after ? ids.indexOf(after) : -1;
  return (at >= 0 ? ids[at + 1] : undefined) ?? ids.find((id) => id !== after) ?? null;
}

/** Forgets every kept scoring (for tests that compare a first computation with later ones). */
export function clearWorklistCache(): void {
  cache.clear();
}
