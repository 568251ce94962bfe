import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { openSecret, sealSecret } from "@/lib/users/secret-box";
import { newWebhookSecret, WEBHOOK_SECRET_PURPOSE } from "./webhook-signature";
import type { CreateWebhookSubscriptionInput, RetryWebhookDeliveryInput, RotateWebhookSecretInput, UpdateWebhookSubscriptionInput } from "./webhook-schemas";

/**
 * Webhook subscribers, managed by an admin ("integrations:manage"). The signing secret is shown
 * once, when made; stored sealed under BETTER_AUTH_SECRET, so a copy of the database alone cannot
 * forge deliveries. Every change is audited (the URL without its query, which may hold a token).
 */
export type WebhookContext = {
  /** BETTER_AUTH_SECRET */
  appSecret: string;
  /** WEBHOOK_ALLOW_HTTP: plain http to any host (otherwise only to this machine) */
  allowHttp: boolean;
  now: Date;
};

/** A repeated create (a lost reply) within this time gets the same answer, secret included. */
const REPLAY_WINDOW_MS = 10 * 60_000;
const THIS_MACHINE = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Events go out over https; plain http only to this machine (a receiver beside the app) or when
 * the setting allows it. Credentials in the URL are refused: the address is shown in the admin
 * screen and the audit log.
 */
function assertReceiverUrl(url: string, allowHttp: boolean): void {
  const u = new URL(url);
  if (u.username || u.password) throw new DomainError("invalid", "credentials in url", { url: ["webhooks.errors.credentials"] });
  if (u.protocol === "http:" && !allowHttp && !THIS_MACHINE.has(u.hostname)) throw new DomainError("invalid", "plain http", { url: ["webhooks.errors.https"] });
}

function urlForLog(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function createWebhookSubscription(db: Db, actor: Actor, input: CreateWebhookSubscriptionInput, ctx: WebhookContext): Promise<{ id: string; secret: string; replayed: boolean }> {
  assertCan(actor, "integrations:manage");
  assertReceiverUrl(input.url, ctx.allowHttp);
  const earlier = await replayOfCreate(db, actor, input, ctx);
  if (earlier) return earlier;
  const id = input.idempotencyKey;
  const secret = newWebhookSecret();
  try {
    await db.$transaction(async (tx) => {
      await tx.webhookSubscription.create({ data: { id, name: input.name, url: input.url, events: input.events.join(","), secretSealed: sealSecret(ctx.appSecret, WEBHOOK_SECRET_PURPOSE, secret), createdById: actor.id } });
      await audit(tx, { actorId: actor.id, action: "webhook.create", entity: "webhookSubscription", entityId: id, data: { name: input.name, url: urlForLog(input.url), events: input.events } });
    });
  } catch (e) {
    // The same submit committed meanwhile (a double click): that one's answer.
    const replay = await replayOfCreate(db, actor, input, ctx);
    if (replay) return replay;
    throw e;
  }
  return { id, secret, replayed: false };
}

/** The subscriber an earlier submit with this key made; the key used for anything else is refused. */
async function replayOfCreate(db: Db, actor: Actor, input: CreateWebhookSubscriptionInput, ctx: WebhookContext): Promise<{ id: string; secret: string; replayed: boolean } | null> {
  const row = await db.webhookSubscription.findUnique({ where: { id: input.idempotencyKey }, select: { id: true, name: true, url: true, createdById: true, createdAt: true, secretSealed: true } });
  if (!row) return null;
  const isSameSubmit = row.createdById === actor.id && row.name === input.name && row.url === input.url && ctx.now.getTime() - row.createdAt.getTime() < REPLAY_WINDOW_MS;
  const secret = isSameSubmit ? openSecret(ctx.appSecret, WEBHOOK_SECRET_PURPOSE, row.secretSealed) : null;
  if (!secret) throw new DomainError("conflict", "idempotency key reused");
  return { id: row.id, secret, replayed: true };
}

/** Name, address, event types, on/off. Switched off, nothing is queued for it or sent to it. */
export async function updateWebhookSubscription(db: Db, actor: Actor, input: UpdateWebhookSubscriptionInput, ctx: WebhookContext): Promise<void> {
  assertCan(actor, "integrations:manage");
  if (input.url !== undefined) assertReceiverUrl(input.url, ctx.allowHttp);
  await db.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.findUnique({ where: { id: input.subscriptionId }, select: { active: true } });
    if (!row) throw new DomainError("not_found");
    const switched = input.active !== undefined && input.active !== row.active;
    await tx.webhookSubscription.update({
      where: { id: input.subscriptionId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events.join(",") } : {}),
        ...(switched ? { active: input.active, disabledAt: input.active ? null : ctx.now } : {}),
      },
    });
    const changed = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.url !== undefined ? { url: urlForLog(input.url) } : {}), ...(input.events !== undefined ? { events: input.events } : {}), ...(switched ? { active: input.active } : {}) };
    await audit(tx, { actorId: actor.id, action: switched ? (input.active ? "webhook.enable" : "webhook.disable") : "webhook.update", entity: "webhookSubscription", entityId: input.subscriptionId, data: changed });
  });
}

/** A new secret, shown once; the old one stops working at once (the receiver switches to the new one). */
export async function rotateWebhookSecret(db: Db, actor: Actor, input: RotateWebhookSecretInput, ctx: WebhookContext): Promise<{ secret: string }> {
  assertCan(actor, "integrations:manage");
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    const r = await tx.webhookSubscription.updateMany({ where: { id: input.subscriptionId }, data: { secretSealed: sealSecret(ctx.appSecret, WEBHOOK_SECRET_PURPOSE, secret) } });
    if (r.count !== 1) throw new DomainError("not_found");
    await audit(tx, { actorId: actor.id, action: "webhook.rotate", entity: "webhookSubscription", entityId: input.subscriptionId });
  });
  return { secret };
}

/**
 * A person sends a failed delivery again: queued at once, with a fresh three days of retries.
 * A repeat (a double click) finds it queued already and changes nothing.
 */
export async function retryWebhookDelivery(db: Db, actor: Actor, input: RetryWebhookDeliveryInput, ctx: WebhookContext): Promise<{ requeued: boolean }> {
  assertCan(actor, "integrations:manage");
  return db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findUnique({ where: { id: input.deliveryId }, select: { status: true, subscriptionId: true, attempts: true } });
    if (!d) throw new DomainError("not_found");
    if (d.status === "delivered") throw new DomainError("invalid", "already delivered");
    if (d.status !== "failed") return { requeued: false };
    const r = await tx.webhookDelivery.updateMany({ where: { id: input.deliveryId, status: "failed" }, data: { status: "pending", attempts: 0, nextAttemptAt: ctx.now, leaseUntil: null } });
    if (r.count !== 1) return { requeued: false };
    await audit(tx, { actorId: actor.id, action: "webhook.retry", entity: "webhookDelivery", entityId: input.deliveryId, data: { subscriptionId: d.subscriptionId, attemptsBefore: d.attempts } });
    return { requeued: true };
  });
}
