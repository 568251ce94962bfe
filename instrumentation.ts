/**
 * Start-up checks, run once before the server takes requests: a bad setting or an unreachable
 * database stops the server with one clear line naming every bad setting, instead of failing on
 * the first request with a stack trace. Then the background jobs start (see server/jobs).
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
  // Past what the machine carries, page views are turned away at once instead of queueing (server/load-shedding.ts).
  const [{ trackRequestsInFlight }, { settings }] = await Promise.all([import("@/server/load-shedding"), import("@/lib/env/settings")]);
  trackRequestsInFlight(settings().maxRequestsInFlight);
  const { startJobs } = await import("@/server/jobs/start");
  startJobs();
  const { closeDatabaseOnShutdown } = await import("@/server/shutdown");
  closeDatabaseOnShutdown();
}
