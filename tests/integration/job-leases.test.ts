import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { claimJob, listJobStates, releaseJob, renewJob, runClaimed } from "@/lib/jobs/job-lease";
import { createDb } from "@/lib/db/client";
import { databaseUrl, testDb } from "./test-db";

/**
 * The background jobs run once across processes: a pass starts only by claiming the job's lease in
 * the database. Two connections stand for two processes in the first tests; the last runs the
 * app's real scheduler in three processes at once on the same database.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const T0 = new Date("2026-12-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const unique = (s: string) => `${s}-${Math.random().toString(36).slice(2, 8)}`;

describe("job leases", () => {
  it("lets one of two processes claiming at the same instant run the pass, and nobody again before the interval", async () => {
    const other = createDb(databaseUrl);
    try {
      const name = unique("snapshots");
      const claim = { name, intervalMs: 3_600_000, ttlMs: 300_000 };
      const won = await Promise.all([claimJob(testDb, { ...claim, holder: "a" }, T0), claimJob(other, { ...claim, holder: "b" }, T0)]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won[0] ? "a" : "b";
      // While it runs, nobody else starts one, not even after the interval.
      expect(await claimJob(other, { ...claim, holder: "c" }, at(3_700_000 - 3_600_000 + 60_000))).toBe(false);
      await releaseJob(testDb, { name, holder: winner }, null, at(120_000));
      // Done: the next pass is due an hour after the last one started (up to a minute early), not at once.
      expect(await claimJob(other, { ...claim, holder: "c" }, at(130_000))).toBe(false);
      expect(await claimJob(other, { ...claim, holder: "c" }, at(3_600_000 - 61_000))).toBe(false);
      expect(await claimJob(other, { ...claim, holder: "c" }, at(3_600_000 - 59_000))).toBe(true);
      const state = (await listJobStates(testDb, { id: "m", role: "manager" }, at(3_600_000))).find((s) => s.name === name)!;
      await expect(listJobStates(testDb, { id: "c", role: "controller" })).rejects.toMatchObject({ code: "forbidden" });
      expect(state).toMatchObject({ running: true, holder: "c", lastHolder: winner, runs: 2, lastError: null });
    } finally {
      await other.$disconnect();
    }
  });

  it("hands the job to another process when the holder stops renewing (killed), and the old holder cannot renew or release it", async () => {
    const name = unique("dunning");
    const claim = { name, intervalMs: 600_000, ttlMs: 300_000 };
    expect(await claimJob(testDb, { ...claim, holder: "dead" }, T0)).toBe(true);
    expect(await renewJob(testDb, { ...claim, holder: "dead" }, at(200_000))).toBe(true); // lease now to 500 s
    expect(await claimJob(testDb, { ...claim, holder: "next" }, at(499_000))).toBe(false);
    // The interval has passed and the lease ran out: the next process takes over.
    expect(await claimJob(testDb, { ...claim, holder: "next" }, at(601_000))).toBe(true);
    expect(await renewJob(testDb, { ...claim, holder: "dead" }, at(602_000))).toBe(false);
    await releaseJob(testDb, { name, holder: "dead" }, "late", at(603_000));
    const row = await testDb.jobLease.findUniqueOrThrow({ where: { name } });
    expect(row).toMatchObject({ holder: "next", lastError: null });
  });

  it("keeps the failure of a pass for the sysadmin and frees the lease", async () => {
    const name = unique("outbox");
    const claim = { name, intervalMs: 15_000, ttlMs: 60_000, holder: "p1" };
    expect(await claimJob(testDb, claim)).toBe(true);
    await expect(runClaimed(testDb, claim, async () => Promise.reject(new Error("SMTP down")))).rejects.toThrow("SMTP down");
    const row = await testDb.jobLease.findUniqueOrThrow({ where: { name } });
    expect(row).toMatchObject({ holder: null, leaseUntil: null, lastHolder: "p1", lastError: "SMTP down", runs: 1 });
  });

  it("runs each pass of the real scheduler once across three processes on one database", async () => {
    const name = unique("three-processes");
    const intervalMs = 400;
    const runForMs = 6_000;
    const child = () =>
      run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "tests/integration/helpers/job-runner.ts"), name, String(intervalMs), "150", String(runForMs)], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: "job-lease-test-secret-0123456789abcdef" },
      });
    const outputs = await Promise.all([child(), child(), child()]);
    const passes = outputs
      .flatMap((o) => o.stdout.trim().split("\n").filter(Boolean))
      .map((l) => JSON.parse(l) as { pid: number; claimed: number; start: number; end: number })
      .sort((a, b) => a.start - b.start);
    // Never two passes at once.
    for (let i = 1; i < passes.length; i++) expect(passes[i]!.start, `pass ${i} started before pass ${i - 1} ended`).toBeGreaterThanOrEqual(passes[i - 1]!.end);
    // Never claimed sooner than the interval allows (10 % early at most)...
    for (let i = 1; i < passes.length; i++) expect(passes[i]!.claimed - passes[i - 1]!.claimed).toBeGreaterThanOrEqual(intervalMs * 0.9);
    // ...so about one per interval over the whole run, where three unguarded schedulers would run three.
    const window = passes.at(-1)!.claimed - passes[0]!.claimed;
    expect(passes.length).toBeLessThanOrEqual(Math.floor(window / (intervalMs * 0.9)) + 1);
    expect(passes.length).toBeGreaterThanOrEqual(5);
    const row = await testDb.jobLease.findUniqueOrThrow({ where: { name } });
    expect(row.runs).toBe(passes.length);
  }, 120_000);
});
