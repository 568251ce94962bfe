/**
 * One of several processes offering to run the same background job, for the job-lease test: it
 * runs the app's real scheduler (server/jobs/schedule.ts, `every`) on DATABASE_URL for a while;
 * each pass prints one JSON line {pid, claimed, start, end} (claimed: the instant its claim
 * recorded; a pass sleeps `passMs`), then it stops.
 */
import { every, stopJobs } from "@/server/jobs/schedule";
import { db } from "@/lib/db/client";

const [name, intervalMs, passMs, runForMs] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
every(
  name,
  intervalMs,
  async () => {
    const start = Date.now();
    const lease = await db().jobLease.findUniqueOrThrow({ where: { name }, select: { lastStartedAt: true } });
    await new Promise((r) => setTimeout(r, passMs));
    console.log(JSON.stringify({ pid: process.pid, claimed: lease.lastStartedAt!.getTime(), start, end: Date.now() }));
  },
  { runAtStart: true },
);
const keepAlive = setInterval(() => {}, 1_000);
await new Promise((r) => setTimeout(r, runForMs));
clearInterval(keepAlive);
await stopJobs(5_000);
await db().$disconnect();
