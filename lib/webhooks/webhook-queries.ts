import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { subscribedTypes } from "./webhook-fanout";

/** Reads for the admin screen: plain DTOs (instants as ISO strings), never the sealed secret. */
export type WebhookSubscriptionRow = {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  disabledAt: string | null;
  counts: { pending: number; delivered: number; failed: number };
};

export type WebhookDeliveryRow = {
  id: string;
  eventId: string;
  eventType: string | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export async function listWebhookSubscriptions(db: Db, actor: Actor): Promise<WebhookSubscriptionRow[]> {
  assertCan(actor, "integrations:manage");
  const [rows, counts] = await Promise.all([
    db.webhookSubscription.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true, url: true, events: true, active: true, createdAt: true, disabledAt: true } }),
    db.webhookDelivery.groupBy({ by: ["subscriptionId", "status"], _count: { _all: true } }),
  ]);
  return rows.map((r) => {
    const mine = counts.filter((c) => c.subscriptionId === r.id);
    const n = (...statuses: string[]) => mine.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + c._count._all, 0);
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      events: subscribedTypes(r.events),
      active: r.active,
      createdAt: r.createdAt.toISOString(),
      disabledAt: r.disabledAt?.toISOString() ?? null,
      counts: { pending: n("pending", "sending"), delivered: n("delivered"), failed: n("failed") },
    };
  });
}

/** A subscriber's delivery log, newest first. */
export async function listWebhookDeliveries(db: Db, actor: Actor, opts: { subscriptionId: string; limit?: number }): Promise<WebhookDeliveryRow[]> {
  assertCan(actor, "integrations:manage");
  const take = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db.webhookDelivery.findMany({ where: { subscriptionId: opts.subscriptionId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  const types = new Map((await db.domainEvent.findMany({ where: { id: { in: rows.map((r) => r.eventId) } }, select: { id: true, type: true } })).map((e) => [e.id, e.type] as const));
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    eventType: types.get(r.eventId) ?? null,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    lastDurationMs: r.lastDurationMs,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
