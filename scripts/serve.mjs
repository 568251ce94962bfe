#!/usr/bin/env node
// The production server on every core: `npm run serve` (and `npm start` after its set-up).
//
//   WEB_CONCURRENCY   web processes (default: one per core, os.availableParallelism())
//   PORT / HOST       where they listen together (default 3000, all interfaces)
//
// One supervisor (this process) forks WEB_CONCURRENCY web processes that each run `next start`
// on the same port: Node's cluster module hands incoming connections to them in turn. The
// background jobs run in one more process of their own (scripts/jobs.ts), so a heavy pass (the
// dunning run, the hourly snapshot) never holds up a page; the web processes run none
// (BACKGROUND_JOBS=off). Even so every job pass is claimed through a lease in the database, so
// several machines sharing one PostgreSQL database each may run this and nothing runs twice.
//
// A process that dies is started again (after 1 s, backing off to 30 s if it keeps dying).
// SIGTERM / SIGINT stop the web processes first (they finish the requests in flight), then the
// jobs process, then the supervisor. With WEB_CONCURRENCY=1 it is one web process plus the jobs.
import cluster from "node:cluster";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOST ?? null;
const requested = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
if (!Number.isInteger(requested) || requested < 1 || requested > 64) {
  console.error(`[serve] WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${process.env.WEB_CONCURRENCY}")`);
  process.exit(1);
}
const webCount = requested;
const log = (line) => console.log(`[serve] ${line}`);

// The supervisor stands for the whole family in the SQLite pid file (npm run db:restore refuses while it exists).
const url = process.env.DATABASE_URL ?? "file:./data/dunning.db";
const pidFile = url.startsWith("file:") ? `${path.resolve(root, url.slice(5))}.app.pid` : null;
const env = { ...process.env, NODE_ENV: "production", DUNNING_SUPERVISOR_PID: String(process.pid) };

let stopping = false;
const restarts = new Map(); // slot -> deaths in a row, each soon after its start
const startedAt = new Map(); // slot -> when its process started
/** A process that dies this soon after its start did not come up (a bad setting, no database). */
const QUICK_DEATH_MS = 15_000;

/**
 * The wait before starting a dead process again, or null to give up: a process that keeps dying
 * right after its start (five times in a row) will not come up by itself; the supervisor then
 * stops everything and exits non-zero, so systemd or `npm start` shows the error instead of a
 * restart loop.
 */
function backoff(slot) {
  const quick = Date.now() - (startedAt.get(slot) ?? 0) < QUICK_DEATH_MS;
  const n = quick ? (restarts.get(slot) ?? 0) : 0;
  if (n >= 5) return null;
  restarts.set(slot, n + 1);
  return Math.min(30_000, 1_000 * 2 ** n);
}
function giveUp(what) {
  log(`${what} keeps ending right after its start (see the lines above): stopping`);
  process.exitCode = 1;
  void stopAll("gave up");
}

// Web processes: cluster workers running Next.js's own `next start` (its listen is shared by the cluster).
cluster.setupPrimary({
  exec: path.join(root, "node_modules/next/dist/bin/next"),
  // A page render allocates megabytes of short-lived objects: a larger young generation (16 MB
  // per semi-space by default) lets most die before a collection copies them. Measured on the
  // worklist: about a tenth less CPU per page, for at most 64 MB more memory per process.
  execArgv: [...process.execArgv, "--max-semi-space-size=32"],
  args: ["start", "-p", port, ...(hostname ? ["-H", hostname] : [])],
  cwd: root,
  silent: false,
});
const slotOf = new Map(); // worker id -> slot
function forkWeb(slot) {
  const worker = cluster.fork({ ...env, BACKGROUND_JOBS: "off", DUNNING_PROCESS: `web-${slot}` });
  slotOf.set(worker.id, slot);
  startedAt.set(`web-${slot}`, Date.now());
}
cluster.on("exit", (worker, code, signal) => {
  const slot = slotOf.get(worker.id);
  slotOf.delete(worker.id);
  if (stopping || slot === undefined) return;
  const wait = backoff(`web-${slot}`);
  if (wait === null) return giveUp(`web process ${slot}`);
  log(`web process ${slot} (pid ${worker.process.pid}) ended (${signal ?? `exit ${code}`}); starting it again in ${wait / 1000} s`);
  setTimeout(() => !stopping && forkWeb(slot), wait);
});

// The jobs process.
const TSX_LOADER = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
let jobs = null;
function startJobsProcess() {
  // One process: Node itself with tsx's loader, not the tsx command, which runs the script in a
  // child of its own. Killed with SIGKILL (by a person, or the kernel out of memory), that wrapper
  // left its child running, orphaned, beside the one started in its place and after a stop.
  jobs = spawn(process.execPath, [...process.execArgv, "--import", TSX_LOADER, path.join(root, "scripts/jobs.ts")], { cwd: root, env: { ...env, DUNNING_PROCESS: "jobs" }, stdio: "inherit" });
  startedAt.set("jobs", Date.now());
  jobs.on("exit", (code, signal) => {
    jobs = null;
    if (stopping) return;
    const wait = backoff("jobs");
    if (wait === null) return giveUp("the jobs process");
    log(`jobs process ended (${signal ?? `exit ${code}`}); starting it again in ${wait / 1000} s`);
    setTimeout(() => !stopping && startJobsProcess(), wait);
  });
}

if (pidFile) {
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(pidFile, String(process.pid));
  process.once("exit", () => {
    try {
      if (fs.readFileSync(pidFile, "utf8").trim() === String(process.pid)) fs.rmSync(pidFile, { force: true });
    } catch {
      // already gone
    }
  });
}
for (let slot = 0; slot < webCount; slot++) forkWeb(slot);
startJobsProcess();
log(`${webCount} web process${webCount === 1 ? "" : "es"} on port ${port} and one jobs process (supervisor pid ${process.pid})`);

async function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  const webExited = Promise.all(Object.values(cluster.workers ?? {}).map((w) => new Promise((r) => (w.isDead() ? r() : (w.once("exit", r), w.process.kill("SIGTERM"))))));
  const hard = setTimeout(() => {
    log("processes did not stop within 30 s: killing them");
    for (const w of Object.values(cluster.workers ?? {})) w.process.kill("SIGKILL");
    jobs?.kill("SIGKILL");
    process.exit(1);
  }, 30_000);
  await webExited;
  if (jobs) {
    const j = jobs;
    await new Promise((r) => {
      j.once("exit", r);
      j.kill("SIGTERM");
    });
  }
  clearTimeout(hard);
  log("stopped");
  process.exit(process.exitCode ?? 0);
}
process.once("SIGTERM", () => void stopAll("SIGTERM"));
process.once("SIGINT", () => void stopAll("SIGINT"));
