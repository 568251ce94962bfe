/**
 * Start-up checks, run once before the server takes requests: a bad setting or an unreachable
 * database stops the server with one clear line naming the setting, instead of failing on the
 * first request with a stack trace.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStartupChecks } = await import("@/server/startup");
  const problem = await runStartupChecks();
  if (problem) {
    console.error(`\n[dunning-workbench] cannot start: ${problem}\n`);
    // Only reached in the Node.js runtime (checked above).
    globalThis.process.exit(1);
  }
  const { startOutboxWorker } = await import("@/server/jobs/outbox");
  startOutboxWorker();
  const { startSnapshotWorker } = await import("@/server/jobs/snapshots");
  startSnapshotWorker();
  const { startPromiseWorker } = await import("@/server/jobs/promises");
  startPromiseWorker();
  const { startDunningWorker } = await import("@/server/jobs/dunning");
  startDunningWorker();
}
