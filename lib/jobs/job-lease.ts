import os from "node:os";
import { randomBytes } from "node:crypto";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";

/**
 * Exactly one pass of a background job at a time, across every process and every machine that
 * shares the database, and one pass per interval however many processes offer to run it.
 *
 * A pass starts only by a conditional update of the job's row (`JobLease`): it succeeds for one
 * process when nobody holds the lease (or the holder's lease ran out: a killed or frozen process)
 * and the last pass started at least an interval ago. The holder renews its lease while the pass
 * runs and hands it back with the outcome at the end. The update is one statement, so SQLite's
 * write lock or PostgreSQL's row lock decides between two processes that try at the same instant.
 */

/** This process, as a lease holder: host, pid and a random part (a pid can be reused). */
export const THIS_PROCESS = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** A pass that starts a little early still counts as the next interval's (timers of different processes drift). */
const EARLY_FRACTION = 0.1;
const MAX_EARLY_MS = 60_000;

export type JobClaim = { name: string; intervalMs: number; ttlMs: number; holder?: string };

/** Claims the job's next pass for `holder`; false when another process holds it or it is not due yet. */
export async function claimJob(db: Db, claim: JobClaim, now = new Date()): Promise<boolean> {
  const holder = claim.holder ?? THIS_PROCESS;
  await db.$executeRaw`INSERT INTO "JobLease" ("name", "runs") VALUES (${claim.name}, 0) ON CONFLICT ("name") DO NOTHING`;
  const early = Math.min(claim.intervalMs * EARLY_FRACTION, MAX_EARLY_MS);
  const dueIfStartedBefore = new Date(now.getTime() - claim.intervalMs + early);
  const { count } = await db.jobLease.updateMany({
    where: {
      name: claim.name,
      AND: [
        { OR: [{ holder: null }, { leaseUntil: null }, { leaseUntil: { lt: now } }] },
        { OR: [{ lastStartedAt: null }, { lastStartedAt: { lte: dueIfStartedBefore } }] },
      ],
    },
    data: { holder, leaseUntil: new Date(now.getTime() + claim.ttlMs), lastStartedAt: now, runs: { increment: 1 } },
  });
  return count === 1;
}

/** Extends a held lease; false when this holder lost it (it stopped renewing for longer than the lease). */
export async function renewJob(db: Db, claim: JobClaim, now = new Date()): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({
    where: { name: claim.name, holder: claim.holder ?? THIS_PROCESS },
    data: { leaseUntil: new Date(now.getTime() + claim.ttlMs) },
  });
  return count === 1;
}

/** Ends a pass: the lease is free again, and the outcome is kept for the sysadmin. */
export async function releaseJob(db: Db, claim: Pick<JobClaim, "name" | "holder">, error: string | null, now = new Date()): Promise<void> {
  const holder = claim.holder ?? THIS_PROCESS;
  await db.jobLease.updateMany({
    where: { name: claim.name, holder },
    data: { holder: null, leaseUntil: null, lastFinishedAt: now, lastHolder: holder, lastError: error?.slice(0, 2_000) ?? null },
  });
}

export type JobState = { name: string; running: boolean; holder: string | null; lastStartedAt: Date | null; lastFinishedAt: Date | null; lastHolder: string | null; lastError: string | null; runs: number };

/** Every job's lease and last outcome, for a manager or admin (Settings, background jobs). */
export async function listJobStates(db: Db, actor: Actor, now = new Date()): Promise<JobState[]> {
  assertCan(actor, "jobs:read");
  const rows = await db.jobLease.findMany({ orderBy: { name: "asc" } });
  return rows.map((r) => ({
    name: r.name,
    running: r.holder !== null && r.leaseUntil !== null && r.leaseUntil > now,
    holder: r.holder,
    lastStartedAt: r.lastStartedAt,
    lastFinishedAt: r.lastFinishedAt,
    lastHolder: r.lastHolder,
    lastError: r.lastError,
    runs: r.runs,
  }));
}

/**
 * Runs `task` as one pass of a claimed job: renews the lease every third of its length while the
 * task runs, and releases it with the task's outcome. Returns what the task returned.
 */
export async function runClaimed<T>(db: Db, claim: JobClaim, task: () => Promise<T>, log: (line: string) => void = (l) => console.warn(l)): Promise<T> {
  const heartbeat = setInterval(() => {
    renewJob(db, claim).then(
      (held) => {
        if (!held) log(`[${claim.name}] lost its lease (the process did not renew it in time); another process may start the next pass`);
      },
      (e: unknown) => log(`[${claim.name}] renewing the lease failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, Math.max(1_000, Math.floor(claim.ttlMs / 3)));
  heartbeat.unref?.();
  let error: string | null = null;
  try {
    return await task();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    throw e;
  } finally {
    clearInterval(heartbeat);
    await releaseJob(db, claim, error).catch((e: unknown) => log(`[${claim.name}] releasing the lease failed: ${e instanceof Error ? e.message : String(e)}`));
  }
}
