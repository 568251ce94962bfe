import { db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { takeSnapshots } from "@/lib/dashboard/snapshots";

/** Inside the running app: today's snapshot at start-up and then every hour. */
const HOUR = 3_600_000;
const state = globalThis as unknown as { __snapshotTimer?: NodeJS.Timeout };

async function snapshotToday() {
  try {
    await takeSnapshots(db(), [calendarDateIn(new Date(), env().APP_TIME_ZONE)]);
  } catch (e) {
    console.error("[snapshots]", e instanceof Error ? e.message : e);
  }
}

export function startSnapshotWorker(): void {
  if (state.__snapshotTimer) return;
  void snapshotToday();
  state.__snapshotTimer = setInterval(() => void snapshotToday(), HOUR);
  state.__snapshotTimer.unref?.();
}
