import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import { enqueueWebhookDeliveries } from "@/lib/webhooks/webhook-fanout";

/**
 * What outside systems can follow: written by the use case in the same transaction as the change
 * itself (a transactional outbox), so an event exists exactly when its change committed. The
 * event feed (/api/v1/events, lib/events/event-feed.ts) reads them in order; the webhook fan-out
 * turns each into one delivery per subscriber, in that same transaction.
 */
export const EVENT_TYPES = ["agreement.made", "promise.kept", "promise.broken", "dispute.opened", "dispute.resolved", "payment.booked", "payment.reversed", "dunning.step_sent"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(v: unknown): v is EventType {
  return typeof v === "string" && (EVENT_TYPES as readonly string[]).includes(v);
}

/** A JSON value; bigints (amounts in cents) are written as strings: JSON has no 64-bit integers. */
export type EventValue = string | number | boolean | null | bigint | EventValue[] | { [key: string]: EventValue };
/** The data an event carries: ids, amounts in cents, calendar dates. */
export type EventData = Record<string, EventValue>;

export type NewEvent = { type: EventType; debtorId: string | null; data: EventData; id?: string };

/** JSON with bigint amounts as strings. */
function payloadJson(data: EventData | Record<string, unknown>): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * Records events inside the caller's transaction and queues their webhook deliveries; returns
 * their ids. Write them as late in the transaction as the use case allows (see event-feed.ts).
 *
 * occurredAt is the clock at this insert, not the caller's `now` (kept in the signature for the
 * callers' sake): a request's `now` is taken before its transaction, a dunning run's at its start
 * and a test's may be any day, while the PostgreSQL feed relies on an event being dated neither
 * before the moment its sequence number was taken nor far after it.
 */
export async function recordEvents(tx: DbOrTx, events: NewEvent[], _now?: Date): Promise<string[]> {
  if (events.length === 0) return [];
  const occurredAt = new Date();
  const rows = events.map((e) => ({ id: e.id ?? randomUUID(), type: e.type, debtorId: e.debtorId, payload: payloadJson(e.data), occurredAt }));
  await tx.domainEvent.createMany({ data: rows });
  await enqueueWebhookDeliveries(tx, rows, occurredAt);
  return rows.map((r) => r.id);
}

export async function recordEvent(tx: DbOrTx, event: NewEvent, now?: Date): Promise<string> {
  const [id] = await recordEvents(tx, [event], now);
  return id!;
}

/** An event as the feed and the webhooks send it. */
export type PublicEvent = { id: string; seq: number; type: string; debtorId: string | null; occurredAt: string; data: unknown };

export function publicEvent(row: { seq: number; id: string; type: string; debtorId: string | null; payload: string; occurredAt: Date }): PublicEvent {
  return { id: row.id, seq: row.seq, type: row.type, debtorId: row.debtorId, occurredAt: row.occurredAt.toISOString(), data: JSON.parse(row.payload) as unknown };
}
