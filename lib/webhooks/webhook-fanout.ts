import type { DbOrTx } from "@/lib/db/client";

/** A subscription's event types, as stored (comma separated). */
export function subscribedTypes(stored: string): string[] {
  return stored.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * One delivery per event and active subscriber of its type, written in the transaction that
 * records the events, so a committed event always has its deliveries (and a rolled back one
 * none). One read of the subscriptions per call: the dunning run's batches record hundreds of
 * events at once. A subscription created while this transaction runs gets the events after it.
 * The unique (subscription, event) index makes a second delivery of one event impossible.
 */
export async function enqueueWebhookDeliveries(tx: DbOrTx, events: ReadonlyArray<{ id: string; type: string }>, now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const subscriptions = await tx.webhookSubscription.findMany({ where: { active: true }, select: { id: true, events: true } });
  if (subscriptions.length === 0) return 0;
  const wanted = subscriptions.map((s) => ({ id: s.id, types: new Set(subscribedTypes(s.events)) }));
  const rows = events.flatMap((e) => wanted.filter((s) => s.types.has(e.type)).map((s) => ({ subscriptionId: s.id, eventId: e.id, nextAttemptAt: now })));
  if (rows.length === 0) return 0;
  return (await tx.webhookDelivery.createMany({ data: rows })).count;
}
