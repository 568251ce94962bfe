import { db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { monitorPromises, type MonitorResult } from "@/lib/agreements/promise-monitoring";

/** Grace days after a promised date before it is judged (PROMISE_GRACE_DAYS, 0–30, default 2). */
export function graceDays(source: Record<string, string | undefined> = process.env): number {
  const n = Number(source.PROMISE_GRACE_DAYS ?? 2);
  return Number.isInteger(n) && n >= 0 && n <= 30 ? n : 2;
}

export async function runPromiseCheck(): Promise<MonitorResult> {
  const timeZone = env().APP_TIME_ZONE;
  return monitorPromises(db(), { today: calendarDateIn(new Date(), timeZone), graceDays: graceDays(), timeZone });
}

const HOUR = 3_600_000;
const state = globalThis as unknown as { __promiseTimer?: NodeJS.Timeout };

/** Inside the running app: a check at start-up and every hour. */
export function startPromiseWorker(): void {
  if (state.__promiseTimer) return;
  const run = () => runPromiseCheck().catch((e: unknown) => console.error("[promises]", e instanceof Error ? e.message : e));
  void run();
  state.__promiseTimer = setInterval(() => void run(), HOUR);
  state.__promiseTimer.unref?.();
}
