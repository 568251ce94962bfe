import { startDunningWorker } from "./dunning";
import { startOutboxWorker } from "./outbox";
import { startPromiseWorker } from "./promises";
import { startSnapshotWorker } from "./snapshots";
import { startWebhookWorker } from "./webhooks";

/** Every background job of the running app; each decides from the settings whether it runs. */
export function startJobs(): void {
  startOutboxWorker();
  startSnapshotWorker();
  startPromiseWorker();
  startDunningWorker();
  startWebhookWorker();
}
