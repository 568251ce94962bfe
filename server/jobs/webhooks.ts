import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { deliverDueWebhooks, type DeliverResult } from "@/lib/webhooks/deliver-webhooks";
import { every } from "./schedule";

/**
 * The webhook worker inside the running app: a pass every 10 seconds (new events and due
 * retries), plus an immediate pass when a person requeues a delivery. Passes never overlap in
 * this process; the conditional claim in `deliverDueWebhooks` protects against other processes.
 */
const INTERVAL_MS = 10_000;
const BATCH = 50;
const MAX_BATCHES = 20;
const state = globalThis as unknown as { __webhooksRunning?: Promise<unknown> };

/** Batches one after the other while each is full (a backlog after an outage goes out in one pass). */
async function drain(): Promise<DeliverResult> {
  const total: DeliverResult = { delivered: 0, retried: 0, failed: 0 };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const r = await deliverDueWebhooks(db(), { appSecret: settings().authSecret, limit: BATCH });
    total.delivered += r.delivered;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.delivered + r.retried + r.failed < BATCH) break;
  }
  return total;
}

export async function runWebhookPass(): Promise<DeliverResult> {
  while (state.__webhooksRunning) await state.__webhooksRunning.catch(() => {});
  const run = drain();
  state.__webhooksRunning = run;
  try {
    return await run;
  } finally {
    state.__webhooksRunning = undefined;
  }
}

/** A pass right after the reply has gone, never inside the user's request (a slow receiver must not hold it). */
export function wakeWebhooks(): void {
  setImmediate(() => {
    runWebhookPass().catch((e: unknown) => console.error("[webhooks]", e instanceof Error ? e.message : e));
  });
}

export function startWebhookWorker(): void {
  every("webhooks", INTERVAL_MS, () => runWebhookPass());
}
