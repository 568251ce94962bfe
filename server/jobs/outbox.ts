import { db } from "@/lib/db/client";
import { processOutbox, smtpTransport, type MailTransport, type OutboxRunResult } from "@/lib/email/outbox";
import { smtpConfig } from "@/lib/email/smtp-config";

/**
 * The outbox worker inside the running app: a pass every 15 seconds for retries, plus an
 * immediate pass for a message the user just sent. Passes never overlap.
 */
const INTERVAL_MS = 15_000;
const state = globalThis as unknown as { __outboxTransport?: MailTransport; __outboxTimer?: NodeJS.Timeout; __outboxRunning?: Promise<unknown> };

function transport(): MailTransport | null {
  const config = smtpConfig();
  if (!config) return null;
  state.__outboxTransport ??= smtpTransport(config);
  return state.__outboxTransport;
}

export async function runOutboxPass(ids?: string[]): Promise<OutboxRunResult | null> {
  const t = transport();
  const config = smtpConfig();
  if (!t || !config) return null;
  // Wait for a pass in progress so one row is never handled by two passes of this process
  // (the conditional claim already protects against other processes).
  while (state.__outboxRunning) await state.__outboxRunning.catch(() => {});
  const run = processOutbox(db(), t, config.from, { ids });
  state.__outboxRunning = run;
  try {
    return await run;
  } finally {
    state.__outboxRunning = undefined;
  }
}

export function startOutboxWorker(): void {
  if (state.__outboxTimer || !smtpConfig()) return;
  state.__outboxTimer = setInterval(() => {
    runOutboxPass().catch((e: unknown) => console.error("[outbox]", e instanceof Error ? e.message : e));
  }, INTERVAL_MS);
  state.__outboxTimer.unref?.();
}
