/**
 * The background jobs' one timer pattern: a job runs now (optionally) and then every interval,
 * never twice at the same time in this process, never keeping the process alive on shutdown,
 * and a failure is logged under the job's name instead of crashing the server. The timers live
 * on globalThis so a hot reload in development does not start a second set.
 */
type Job = { timer: NodeJS.Timeout; running: Promise<unknown> | null };
const jobs = ((globalThis as unknown as { __dunningJobs?: Map<string, Job> }).__dunningJobs ??= new Map());

export function every(name: string, intervalMs: number, task: () => Promise<unknown>, opts: { runAtStart?: boolean } = {}): void {
  if (jobs.has(name)) return;
  const job: Job = { timer: setInterval(() => void tick(), intervalMs), running: null };
  job.timer.unref?.();
  jobs.set(name, job);
  async function tick() {
    if (job.running) return;
    job.running = task().catch((e: unknown) => console.error(`[${name}]`, e instanceof Error ? e.message : e));
    try {
      await job.running;
    } finally {
      job.running = null;
    }
  }
  if (opts.runAtStart) void tick();
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
