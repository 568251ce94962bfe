/**
 * The background jobs' one timer pattern: a job runs every interval, once across all processes
 * and machines that share the database (a lease in the database decides who runs a pass, see
 * lib/jobs/job-lease.ts), never keeping the process alive on shutdown, and a failure is logged
 * under the job's name (and kept on the lease row) instead of crashing the server. Each process
 * offers to run a job at least every minute, so when the process that ran it dies, another takes
 * over within a minute of the next pass falling due. The timers live on globalThis so a hot
 * reload in development does not start a second set.
 */
import { db } from "@/lib/db/client";
import { claimJob, runClaimed } from "@/lib/jobs/job-lease";

type Job = { timer: NodeJS.Timeout; running: Promise<unknown> | null };
const jobs = ((globalThis as unknown as { __dunningJobs?: Map<string, Job> }).__dunningJobs ??= new Map());

/** A holder that stops renewing for this long (killed, frozen) loses the lease. */
const LEASE_MS = 5 * 60_000;
const MAX_TICK_MS = 60_000;

export type EveryOptions = {
  /** offer to run at once instead of after the first tick (a pass runs only if one is due) */
  runAtStart?: boolean;
  /** first offer after this delay (lets the server finish starting before a heavy pass) */
  startDelayMs?: number;
};

export function every(name: string, intervalMs: number, task: () => Promise<unknown>, opts: EveryOptions = {}): void {
  if (jobs.has(name)) return;
  const job: Job = { timer: setInterval(() => void tick(), Math.min(intervalMs, MAX_TICK_MS)), running: null };
  job.timer.unref?.();
  jobs.set(name, job);
  const claim = { name, intervalMs, ttlMs: LEASE_MS };
  async function pass() {
    if (!(await claimJob(db(), claim))) return;
    await runClaimed(db(), claim, task);
  }
  async function tick() {
    if (job.running) return;
    // One line per failure (a database error's message spans several lines; its last says what went wrong).
    job.running = pass().catch((e: unknown) => console.error(`[${name}] ${e instanceof Error ? (e.message.split("\n").filter((l) => l.trim()).at(-1) ?? e.name) : String(e)}`));
    try {
      await job.running;
    } finally {
      job.running = null;
    }
  }
  if (opts.runAtStart) {
    if (opts.startDelayMs) setTimeout(() => void tick(), opts.startDelayMs).unref?.();
    else void tick();
  }
}

/** Stops every timer and waits (at most `timeoutMs`) for the passes that are running to end. */
export async function stopJobs(timeoutMs = 10_000): Promise<void> {
  const running: Array<Promise<unknown>> = [];
  for (const job of jobs.values()) {
    clearInterval(job.timer);
    if (job.running) running.push(job.running);
  }
  jobs.clear();
  await Promise.race([Promise.allSettled(running), new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
}
