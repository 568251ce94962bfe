import { takeSnapshots } from "@/lib/dashboard/snapshots";
import { db } from "@/lib/db/client";
import { officeClock } from "@/server/context";
import { every } from "./schedule";

/** Inside the running app: today's dashboard snapshot at start-up and then every hour. */
export function startSnapshotWorker(): void {
  every("snapshots", 3_600_000, () => takeSnapshots(db(), [officeClock().today]), { runAtStart: true, startDelayMs: 15_000 });
}
