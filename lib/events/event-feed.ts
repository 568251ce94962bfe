import type { Db, DbProvider } from "@/lib/db/client";
import { publicEvent, type EventType, type PublicEvent } from "./domain-events";

/**
 * The polling feed: events in the order of their sequence number, after a cursor.
 *
 * Gap-free paging needs every event below a handed-out number to be visible already. On SQLite
 * that holds: writes are serialised (one write transaction at a time, BEGIN IMMEDIATE), so numbers
 * are committed in order. On PostgreSQL a number is taken when a transaction inserts, not when it
 * commits: a transaction that took 41 may still be open while one that took 42 has committed. A
 * reader that handed out 42 and moved its cursor past it would never see 41. So on PostgreSQL
 * only events older than SETTLE_MS are handed out, and never one beyond a younger event: a
 * transaction times out 15 s after it starts (lib/db/client.ts), and the long batch transactions
 * (the dunning run, the imports) write their events at their end, so by then every lower number
 * has committed or rolled back. recordEvents dates an event by the clock at its insert, which is
 * what this rule leans on; the app servers' clocks must agree to within a few seconds. An event
 * dated ahead (a clock that jumped) holds back the events after it until it has settled too.
 */
export const SETTLE_MS = 20_000;
/** The longest a transaction that records events early (batches of booked payments) may run. */
export const EVENT_TRANSACTION_TIMEOUT_MS = 15_000;
export const MAX_FEED_LIMIT = 500;

export type ListEventsOptions = {
  /** the cursor: the seq of the last event the caller has (absent: from the start) */
  after?: number;
  types?: EventType[];
  debtorId?: string;
  /** 1..500 */
  limit: number;
  now: Date;
  provider: DbProvider;
};
/**
 * nextCursor: what to pass as `after` next time (the seq of the last event returned, or `after`
 * itself when none was); null only when nothing was returned and no `after` was given.
 */
export type EventPage = { events: PublicEvent[]; nextCursor: number | null };

export async function listEvents(db: Db, opts: ListEventsOptions): Promise<EventPage> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit), 1), MAX_FEED_LIMIT);
  const after = opts.after ?? 0;
  const filter = { ...(opts.types?.length ? { type: { in: opts.types } } : {}), ...(opts.debtorId ? { debtorId: opts.debtorId } : {}) };
  let rows = await db.domainEvent.findMany({ where: { seq: { gt: after }, ...filter }, orderBy: { seq: "asc" }, take: limit });
  if (opts.provider === "postgresql" && rows.length > 0) {
    // The first event in this page's range (of any type or debtor) that is not settled yet: nothing
    // at or beyond it goes out in this page.
    const settledBefore = new Date(opts.now.getTime() - SETTLE_MS);
    const young = await db.domainEvent.findFirst({ where: { seq: { gt: after, lte: rows.at(-1)!.seq }, occurredAt: { gt: settledBefore } }, orderBy: { seq: "asc" }, select: { seq: true } });
    if (young) rows = rows.filter((r) => r.seq < young.seq);
  }
  const events = rows.map(publicEvent);
  return { events, nextCursor: events.at(-1)?.seq ?? opts.after ?? null };
}
