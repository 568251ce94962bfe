import { monitorPromises, type MonitorResult } from "@/lib/agreements/promise-monitoring";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { officeClock } from "@/server/context";
import { every } from "./schedule";

/** Promises and plans past their date plus PROMISE_GRACE_DAYS, judged against the payments. */
export async function runPromiseCheck(): Promise<MonitorResult> {
  const clock = officeClock();
  return monitorPromises(db(), { today: clock.today, timeZone: clock.timeZone, now: clock.now, graceDays: settings().promiseGraceDays });
}

/** Inside the running app: a check at start-up and every hour. */
export function startPromiseWorker(): void {
  every("promises", 3_600_000, runPromiseCheck, { runAtStart: true, startDelayMs: 15_000 });
}
