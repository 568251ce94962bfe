import type { Db } from "@/lib/db/client";
import { openSecret } from "@/lib/users/secret-box";
import { WEBHOOK_SECRET_PURPOSE, webhookHeaders } from "./webhook-signature";

/**
 * The webhook worker's use case: sends what is due, each delivery by exactly one worker at a time.
 *
 * - Claimed by a conditional update (status and attempt count as read): two workers, in this
 *   process or another, never send one delivery at the same time. A claim is a lease: a worker
 *   killed mid-send leaves "sending" with a lease that runs out, and the next pass takes it over.
 * - 2xx is delivered, and is never sent again. Anything else (another status, a time-out, a
 *   refused connection) is retried with back-off for three days, then failed: visible in the
 *   delivery log, for a person to retry.
 * - The body is rebuilt from the stored event, byte for byte the same on every attempt; only
 *   the timestamp and signature headers are new. The webhook-id is the event id, so a receiver
 *   drops a duplicate (the one case left: a 2xx whose reply was lost, or a lease that ran out
 *   while the receiver was still working, gets sent again).
 */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_BACKOFF_MS = [30_000, 60_000, 300_000, 900_000, 3_600_000] as const;
/** After the last back-off step: every hour. */
const HOURLY = 3_600_000;
export const WEBHOOK_RETRY_FOR_MS = 3 * 24 * 3_600_000;
/** How long a claim holds beyond the request's own time-out (a pass sends a few at a time). */
const LEASE_MARGIN_MS = 5 * 60_000;

export function webhookRetryDelayMs(attempts: number): number {
  return WEBHOOK_BACKOFF_MS[Math.max(attempts, 1) - 1] ?? HOURLY;
}

/**
 * Whether a delivery that failed its `attempts`-th attempt is given up: when the schedule from its
 * first attempt to this one spans three days. Counted on the schedule rather than the wall clock,
 * so days with the app stopped do not use up a delivery's tries. A person's retry starts again.
 */
export function isWebhookExhausted(attempts: number): boolean {
  let span = 0;
  for (let k = 1; k < attempts; k++) span += webhookRetryDelayMs(k);
  return span >= WEBHOOK_RETRY_FOR_MS;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; redirect: "manual"; signal: AbortSignal }) => Promise<{ status: number; body?: { cancel(): Promise<void> } | null }>;
export type DeliverOptions = {
  /** BETTER_AUTH_SECRET: the subscriptions' secrets are sealed under it */
  appSecret: string;
  now?: Date;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** deliveries claimed per pass */
  limit?: number;
  /** requests in flight at once (a slow receiver does not hold up the others) */
  concurrency?: number;
  /** only these subscribers' deliveries (tests; a person's retry) */
  subscriptionIds?: string[];
};
export type DeliverResult = { delivered: number; retried: number; failed: number };

type Due = { id: string; status: string; attempts: number; eventId: string; subscription: { url: string; secretSealed: string } };

/** The JSON body of an event: built from the stored row, so every attempt sends the same bytes. */
export function webhookBody(event: { id: string; type: string; occurredAt: Date; debtorId: string | null; payload: string }): string {
  return `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"occurredAt":${JSON.stringify(event.occurredAt.toISOString())},"debtorId":${JSON.stringify(event.debtorId)},"data":${event.payload}}`;
}

export async function deliverDueWebhooks(db: Db, opts: DeliverOptions): Promise<DeliverResult> {
  const now = opts.now ?? new Date();
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const send = opts.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const result: DeliverResult = { delivered: 0, retried: 0, failed: 0 };
  const due: Due[] = await db.webhookDelivery.findMany({
    where: {
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        { status: "sending", leaseUntil: { lt: now } },
      ],
      subscription: { active: true, ...(opts.subscriptionIds ? { id: { in: opts.subscriptionIds } } : {}) },
    },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? 50,
    select: { id: true, status: true, attempts: true, eventId: true, subscription: { select: { url: true, secretSealed: true } } },
  });
  if (due.length === 0) return result;
  const events = new Map((await db.domainEvent.findMany({ where: { id: { in: [...new Set(due.map((d) => d.eventId))] } } })).map((e) => [e.id, e] as const));

  const queue = [...due];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const outcome = await deliverOne(db, d, events.get(d.eventId), { now, timeoutMs, send, appSecret: opts.appSecret });
      if (outcome) result[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 5, due.length) }, worker));
  return result;
}

async function deliverOne(
  db: Db,
  d: Due,
  event: { id: string; type: string; occurredAt: Date; debtorId: string | null; payload: string } | undefined,
  ctx: { now: Date; timeoutMs: number; send: FetchLike; appSecret: string },
): Promise<keyof DeliverResult | null> {
  const attempts = d.attempts + 1;
  const claimed = await db.webhookDelivery.updateMany({
    where: { id: d.id, status: d.status, attempts: d.attempts },
    data: { status: "sending", attempts, leaseUntil: new Date(ctx.now.getTime() + ctx.timeoutMs + LEASE_MARGIN_MS) },
  });
  if (claimed.count !== 1) return null;
  const mine = { id: d.id, status: "sending", attempts };
  const secret = openSecret(ctx.appSecret, WEBHOOK_SECRET_PURPOSE, d.subscription.secretSealed);
  if (!event || !secret) {
    // Nothing a retry can fix: the event is gone, or the secret was sealed under another app secret.
    const lastError = !event ? "event not found" : "signing secret cannot be opened (BETTER_AUTH_SECRET changed?): rotate the secret, then retry";
    await db.webhookDelivery.updateMany({ where: mine, data: { status: "failed", leaseUntil: null, lastError, lastStatusCode: null, lastDurationMs: null } });
    return "failed";
  }
  const body = webhookBody(event);
  const headers = { "content-type": "application/json", "user-agent": "DunningWorkbench-Webhooks/1", ...webhookHeaders(secret, event.id, ctx.now, body) };
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await ctx.send(d.subscription.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(ctx.timeoutMs) });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (status < 200 || status > 299) error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
  } catch (e) {
    error = describeFailure(e, ctx.timeoutMs);
  }
  const lastDurationMs = Math.round(performance.now() - started);
  if (error === null) {
    await db.webhookDelivery.updateMany({ where: mine, data: { status: "delivered", deliveredAt: new Date(), leaseUntil: null, lastStatusCode: status, lastError: null, lastDurationMs } });
    return "delivered";
  }
  const gaveUp = isWebhookExhausted(attempts);
  await db.webhookDelivery.updateMany({
    where: mine,
    data: { status: gaveUp ? "failed" : "pending", leaseUntil: null, lastStatusCode: status, lastError: error, lastDurationMs, ...(gaveUp ? {} : { nextAttemptAt: new Date(ctx.now.getTime() + webhookRetryDelayMs(attempts)) }) },
  });
  return gaveUp ? "failed" : "retried";
}

/** A short reason for the delivery log: never the URL (it may hold a token) nor a secret. */
function describeFailure(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; code?: string; cause?: { code?: string; name?: string } } | null;
  if (err?.name === "TimeoutError" || err?.name === "AbortError" || err?.cause?.name === "TimeoutError") return `no answer within ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`;
  const code = err?.cause?.code ?? err?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host not found (DNS)",
    ETIMEDOUT: "connection timed out",
    EHOSTUNREACH: "host unreachable",
    UND_ERR_SOCKET: "connection closed",
  };
  if (code) return (known[code] ?? code).slice(0, 200);
  return (err?.name ?? "request failed").slice(0, 200);
}
