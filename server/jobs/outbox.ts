import { db } from "@/lib/db/client";
import { processOutbox, smtpTransport, type MailTransport, type OutboxRunResult, type Sender } from "@/lib/email/outbox";
import { settings } from "@/lib/env/settings";
import { fallBackFailedDunningEmails } from "@/lib/dunning/email-fallback";
import { mailSender, officeClock } from "@/server/context";
import { every } from "./schedule";

/**
 * The outbox worker inside the running app: a pass every 15 seconds for retries, plus an
 * immediate pass for a message the user just sent. Passes never overlap in this process (the
 * conditional claim in `processOutbox` already protects against other processes).
 */
const INTERVAL_MS = 15_000;
const state = globalThis as unknown as { __outboxTransport?: MailTransport; __outboxRunning?: Promise<unknown> };

function transport(): MailTransport | null {
  const config = settings().smtp;
  if (!config) return null;
  state.__outboxTransport ??= smtpTransport(config);
  return state.__outboxTransport;
}

/**
 * Batches of BATCH, one after the other while the server accepts everything (a backlog after an
 * outage goes out in minutes, not at 20 per pass); a batch with a refusal ends the pass, and the
 * retries take over.
 */
const BATCH = 20;
const MAX_BATCHES = 25;
async function drain(t: MailTransport, from: Sender, ids?: string[]): Promise<OutboxRunResult> {
  const total: OutboxRunResult = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const r = await processOutbox(db(), t, from, { ids, limit: BATCH });
    total.sent += r.sent;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.sent < BATCH || ids) break;
  }
  return total;
}

export async function runOutboxPass(ids?: string[]): Promise<OutboxRunResult | null> {
  const t = transport();
  const config = settings().smtp;
  if (!t || !config) return null;
  // The From saved on the creditor settings screen, else SMTP_FROM (read before waiting for a running pass).
  const from = await mailSender();
  while (state.__outboxRunning) await state.__outboxRunning.catch(() => {});
  const run = drain(t, from, ids);
  state.__outboxRunning = run;
  try {
    const result = await run;
    // A dunning e-mail refused for good goes out as a letter instead (and onto the worklist).
    if (result.failed > 0) await fallBackFailedDunningEmails(db(), officeClock());
    return result;
  } finally {
    state.__outboxRunning = undefined;
  }
}

/**
 * After a user sent something: a pass starts right after the reply has gone, never inside the
 * user's request (a slow or unreachable mail server must not hold the request). A failure stays
 * in the outbox for the retries; the debtor page shows the message's state as it changes.
 */
export function wakeOutbox(ids?: string[]): void {
  setImmediate(() => {
    runOutboxPass(ids).catch((e: unknown) => console.error("[outbox]", e instanceof Error ? e.message : e));
  });
}

export function startOutboxWorker(): void {
  if (!settings().smtp) return;
  every("outbox", INTERVAL_MS, () => runOutboxPass());
}
