import { settings } from "@/lib/env/settings";
import { startDunningWorker } from "./dunning";
import { startOutboxWorker } from "./outbox";
import { startPromiseWorker } from "./promises";
import { startSnapshotWorker } from "./snapshots";
import { startWebhookWorker } from "./webhooks";

/**
 * Every background job of the running app; each decides from the settings whether it runs.
 * With BACKGROUND_JOBS=off this process runs none (the multi-process start, scripts/serve.mjs,
 * gives the jobs a process of their own so a heavy pass never holds up a page). Any number of
 * processes may offer to run them: a lease in the database lets one pass run at a time.
 */
export function startJobs(): boolean {
  if (!settings().backgroundJobs) return false;
  startOutboxWorker();
  startSnapshotWorker();
  startPromiseWorker();
  startDunningWorker();
  startWebhookWorker();
  return true;
}
