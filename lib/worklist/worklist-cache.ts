import type { DbOrTx } from "@/lib/db/client";
import { dataStamp } from "@/lib/db/data-stamp";
import { byPriority, scoreWorklist, worklistPage, type Scored, type Worklist, type WorklistOptions } from "./worklist-queries";

/**
 * The worklist's scoring (every position and open item of a portfolio weighed, the costly part:
 * 30 ms for a controller's own list of the large set, 100 ms for the team's) kept per list (a
 * controller's own, or the team's) and day, and brought up to date by the debtors that changed.
 *
 * A debtor's score depends on its own data only: its tasks, invoices, disputes, agreements (their
 * instalments change with them), finished calls and its own row. Every write to those sets the
 * row's updatedAt (see lib/db/data-stamp.ts). So on a view:
 * - the data stamp (the newest updatedAt of each of those tables, well under a millisecond) is
 *   unchanged: the kept scoring answers;
 * - it moved: the debtors with a row changed since the last look (less a look back of 10 s, for writes
 *   committed a moment after their updatedAt was taken, and clocks of other processes) are scored
 *   again, on their own, and replace their old entries, which leave when they no longer qualify
 *   (paid, handed to a colleague). A payment in one portfolio costs another controller's list a
 *   few small reads, instead of the whole scoring again;
 * - more than REFRESH_MAX debtors changed (an import, the dunning run), or the scoring is older
 *   than MAX_AGE_MS: everything is scored anew. The age limit also bounds what a stamp cannot
 *   see (a deleted row, a commit more than the look back after its updatedAt) and lets the 12
 *   months of broken promises roll on.
 * Call drafts change nothing (only finished calls count). The rows on screen (names, letters,
 * call-time advice from this moment) are read on every view.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;
/** The look back over a write's updatedAt (tests set it to 0 to see each table's part). */
export const WORKLIST_CACHE = { lookbackMs: 10_000 };
const REFRESH_MAX = 500;

type Entry = { stamp: string; computedAt: number; since: number; scored: Scored[] };
export type WorklistSource = "kept" | "refreshed" | "computed";
/** An entry is the promise of a scoring for a stamp: views arriving with the same stamp share it. */
type Store = { entries: Map<string, { stamp: string; entry: Promise<Entry> }> };
const store = ((globalThis as unknown as { __worklistCache?: Store }).__worklistCache ??= { entries: new Map() });

function worklistDataStamp(db: DbOrTx): Promise<string> {
  return dataStamp(db, ["tasks", "invoices", "debtors", "disputes", "agreements", "finishedCalls"]);
}

/**
 * The debtors with a row that can change their score written at or after `since`; null when more
 * than `max`. One statement (every view of a list that moved asks this): each table's distinct
 * debtors, at most max + 1 of them through its updatedAt index, so an import that touched 200,000
 * invoices stops early.
 */
async function debtorsChangedSince(db: DbOrTx, since: Date, max: number): Promise<string[] | null> {
  const limit = max + 1;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM (SELECT "id" AS id FROM "Debtor" WHERE "updatedAt" >= ${since} LIMIT ${limit}) AS d
    UNION SELECT id FROM (SELECT DISTINCT "debtorId" AS id FROM "Task" WHERE "updatedAt" >= ${since} LIMIT ${limit}) AS t
    UNION SELECT id FROM (SELECT DISTINCT "debtorId" AS id FROM "Invoice" WHERE "updatedAt" >= ${since} LIMIT ${limit}) AS i
    UNION SELECT id FROM (SELECT DISTINCT "debtorId" AS id FROM "Dispute" WHERE "updatedAt" >= ${since} LIMIT ${limit}) AS s
    UNION SELECT id FROM (SELECT DISTINCT "debtorId" AS id FROM "Agreement" WHERE "updatedAt" >= ${since} LIMIT ${limit}) AS a
    UNION SELECT id FROM (SELECT DISTINCT "debtorId" AS id FROM "CallLog" WHERE "updatedAt" >= ${since} AND "status" = 'final' LIMIT ${limit}) AS c`;
  return rows.length > max ? null : rows.map((r) => r.id);
}

async function scored(db: DbOrTx, opts: Omit<WorklistOptions, "take">): Promise<{ scored: Scored[]; source: WorklistSource }> {
  const key = JSON.stringify([opts.userId, opts.day, opts.today, opts.timeZone]);
  const now = opts.now.getTime();
  // Read before anything else: a write committed after it moves the stamp again for the next view.
  const stamp = await worklistDataStamp(db);
  const pending = store.entries.get(key);
  const kept = pending ? await pending.entry.catch(() => null) : null;
  if (kept && kept.stamp === stamp && now - kept.computedAt < MAX_AGE_MS) return { scored: kept.scored, source: "kept" };
  // Another view already brings it up to this stamp: share its work.
  const current = store.entries.get(key);
  if (current && current !== pending && current.stamp === stamp) {
    const e = await current.entry.catch(() => null);
    if (e && now - e.computedAt < MAX_AGE_MS) return { scored: e.scored, source: "kept" };
  }

  let source: WorklistSource = "computed";
  const next = (async (): Promise<Entry> => {
    const started = Date.now();
    if (kept && now - kept.computedAt < MAX_AGE_MS) {
      const changed = await debtorsChangedSince(db, new Date(kept.since), REFRESH_MAX);
      if (changed) {
        const again = changed.length ? await scoreWorklist(db, opts, changed) : [];
        const gone = new Set(changed);
        source = "refreshed";
        return { stamp, computedAt: kept.computedAt, since: started - WORKLIST_CACHE.lookbackMs, scored: [...kept.scored.filter((s: Scored) => !gone.has(s.d.debtorId)), ...again].sort(byPriority) };
      }
    }
    return { stamp, computedAt: now, since: started - WORKLIST_CACHE.lookbackMs, scored: await scoreWorklist(db, opts) };
  })();
  const slot = { stamp, entry: next };
  store.entries.delete(key);
  store.entries.set(key, slot);
  if (store.entries.size > MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
  try {
    return { scored: (await next).scored, source };
  } catch (e) {
    if (store.entries.get(key) === slot) store.entries.delete(key);
    throw e;
  }
}

/** listWorklist, with the scoring kept and brought up to date (see above). */
export async function listWorklistCached(db: DbOrTx, opts: WorklistOptions): Promise<Worklist & { source: WorklistSource }> {
  const { scored: list, source } = await scored(db, opts);
  return { ...(await worklistPage(db, list, opts)), source };
}

/**
 * The debtor after `after` on the list (its next row), or the top of the list when `after` has
 * left it (its items done); null when nothing is left.
 */
export async function nextOnWorklist(db: DbOrTx, opts: Omit<WorklistOptions, "take">, after: string | undefined): Promise<string | null> {
  const ids = (await scored(db, opts)).scored.map((s) => s.d.debtorId);
  const at = after ? ids.indexOf(after) : -1;
  return (at >= 0 ? ids[at + 1] : undefined) ?? ids.find((id) => id !== after) ?? null;
}

/** Forgets every kept scoring (for tests that compare a first computation with later ones). */
export function clearWorklistCache(): void {
  store.entries.clear();
}
