/**
 * `npm run jobs`: the background jobs (dunning run, outbox, promise check, snapshots, webhooks)
 * in a process of their own, serving no pages. `npm start` (scripts/serve.mjs) starts one beside
 * the web processes, which then run no jobs (BACKGROUND_JOBS=off), so a heavy pass never holds up
 * a page. Any number of these may run, on any number of machines sharing one PostgreSQL database:
 * a lease in the database lets exactly one pass of each job run at a time (lib/jobs/job-lease.ts).
 * Stops cleanly on SIGTERM / SIGINT: passes in progress finish (at most 10 s), the database closes.
 */
import fs from "node:fs";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.BACKGROUND_JOBS = "on";

const { runStartupChecks } = await import("@/server/startup");
const { startJobs } = await import("@/server/jobs/start");
const { stopJobs } = await import("@/server/jobs/schedule");
const { db } = await import("@/lib/db/client");

const problem = await runStartupChecks();
if (problem) {
  console.error(`\n[dunning-workbench] jobs cannot start: ${problem}\n`);
  process.exit(1);
}
startJobs();
console.log(`[jobs] running (pid ${process.pid})`);
// The job timers do not keep a process alive (they must not hold up a web server's exit): this does.
const keepAlive = setInterval(() => {}, 3_600_000);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  await stopJobs(10_000);
  await db()
    .$disconnect()
    .catch(() => {});
  console.log(`[jobs] stopped (${signal}): passes ended, database closed`);
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
