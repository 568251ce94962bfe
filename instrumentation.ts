/**
 * Start-up checks, run once before the server takes requests: a bad setting or an unreachable
 * database stops the server with one clear line naming the setting, instead of failing on the
 * first request with a stack trace.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStartupChecks } = await import("@/lib/db/startup");
  const problem = await runStartupChecks();
  if (problem) {
    console.error(`\n[dunning-workbench] cannot start: ${problem}\n`);
    // Only reached in the Node.js runtime (checked above).
    globalThis.process.exit(1);
  }
  const { startOutboxWorker } = await import("@/lib/email/outbox-worker");
  startOutboxWorker();
  const { startSnapshotWorker } = await import("@/lib/dashboard/snapshot-worker");
  startSnapshotWorker();
  const { startPromiseWorker } = await import("@/lib/agreements/promise-worker");
  startPromiseWorker();
  const { startDunningWorker } = await import("@/lib/dunning/dunning-worker");
  startDunningWorker();
}
