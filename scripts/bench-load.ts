/**
 * `npm run bench:load [-- options]`: the workbench under a steady load of signed-in people, through
 * a production server (`next build` first). Not a test: it prints figures.
 *
 *   DATABASE_URL=file:./data/large.db npm run bench:load
 *   DATABASE_URL=postgresql://…?schema=large npm run bench:load -- --rate 30 --seconds 120
 *   npm run bench:load -- --find-limit --step-seconds 30     raise the rate until p95 passes 1 s
 *   npm run bench:load -- --sequential 50                    one request at a time, with the floors
 *
 * The server: the production start, `node scripts/serve.mjs` (a web process per core and one for
 * the background jobs; `--workers N` sets WEB_CONCURRENCY) on --port (default 3320); `--single` for
 * one `next start` process (jobs inside it); `--cmd "<command>"`, run by the shell with PORT set;
 * or `--url http://host:port`, a server already running on the database
 * of DATABASE_URL and on this folder's build (the action ids come from .next), with `--pid <pid>`
 * to see its CPU and memory. A SQLite database is copied to data/bench-load.db first because the
 * bench writes (`--in-place` skips the copy); PostgreSQL is used in place. The server's output goes
 * to data/bench-load-server.log.
 *
 * It signs in --controllers controllers (default 4) and --managers managers (default 1) through the
 * real sign-in (--password, default the demo one) and sends requests at a fixed arrival rate,
 * --rate per second for --seconds (default 20/s, 60 s) after --warmup seconds (default 30): an
 * open loop, request i starts at t0 + i/rate whether or not earlier ones have answered, and its
 * latency counts from then. Each request picks a random person (for a write, a controller):
 *   worklist 40 % (a controller's sometimes ?scope=team), debtor page 30 % (a controller's own
 *   debtors), search 10 %, dashboard 10 %, and writes 10 % as real server actions: call-note
 *   autosave 7 % on a call the controller has open (a "start-call" instead when none is free),
 *   finishing a call 1.5 %, recording a small payment 1.5 %.
 * --navigation P: P % of the page views are clicks inside the app (default 0: every view loads a
 * whole document, the dearest way): the page's RSC payload, asked with the router headers a
 * Chromium sent for one such click at the start (scripts/bench-navigation.ts). A controller opens
 * the app once and then clicks: a working day is mostly these.
 * Each request has --timeout ms (default 10000); a time-out is counted apart from errors. Any
 * answer but 2xx (a redirect to /sign-in too) and any action answering {ok:false} is an error,
 * but a 503 to a page view: the server's overload protection turned it away at once
 * (MAX_REQUESTS_IN_FLIGHT, server/load-shedding.ts); it is counted apart, as "turned away", with
 * how soon that answer came. --after-rate R [--after-seconds S, default 30]: straight after the
 * measured window, R requests/s for S s in a table of their own: how a server comes back after an
 * overload (--rate past its limit).
 * Server CPU and memory are summed over the server's whole process tree (/proc).
 * --kill-web-at S: a fault drill. S seconds into the measured window, web process 0 of the
 * production start is killed (SIGKILL: no goodbye, its requests in flight cut off). The
 * supervisor starts another; the report says when it appeared and when Next said it was ready,
 * and the timeline (printed with it) shows what the users saw meanwhile. A request cut off on a
 * kept-alive connection is sent again once on a new one, as a browser does; an action whose answer
 * was lost otherwise is sent again once after 2 s with the same input, as a person who presses
 * again, the form still holding its idempotency key. Afterwards the payments booked are compared
 * with those answered: none may be booked twice.
 *
 * --mix floor | health: instead of the mix, every request is the page without data (the
 * controller's own settings in the app shell, a document: see --sequential) or GET /api/health,
 * the ceilings of this machine and build for the mix: with --find-limit, the rate no page of the
 * app can pass however little it reads, measured the same way and in the same hour as the mix.
 * --mix worklist | debtor | search | dashboard: every request that page, as the mix sends it.
 * --find-limit: one warm-up, then steps of --step-seconds at 5, 10, 20 … 100, 120, 150 … 500 requests/s
 * (or the rates of --steps, e.g. --steps 60,70,80,90,100: the warm-up is at the first) until
 * p95 over all requests passes 1 s or errors+time-outs+turned away pass 1 %. --timeline: p50/p95/max per 5 s of
 * arrival (bunched slow answers mean a stall, not saturation). --sequential N: N requests per
 * page, one at a time, beside the floors: /api/health, a page without data (the controller's own
 * settings in the app shell: no portfolio data; cheaper than a not-found page, which Next renders
 * twice) and the same data as the worklist and
 * the debtor page read by hand-written SQL through the driver (scripts/bench-sql-floor.ts), with
 * the targets' verdicts, and the four views again as clicks inside the app (Chromium needed);
 * --only <text> keeps the cases whose name contains it (to profile one page:
 * --cmd "node --cpu-prof --cpu-prof-dir=data/prof node_modules/next/dist/bin/next start -p \$PORT").
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import { hashPassword } from "better-auth/crypto";
import { createDb, providerOf, sqlitePath, type Db } from "@/lib/db/client";
import { postgresMaintenanceWarnings } from "@/lib/db/health";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { addDays, calendarDateIn } from "@/lib/format/calendar-date";
import { learnNavigations, navigationPath, type NavigationHeaders, type NavigationKind } from "./bench-navigation";
import { sqlFloor } from "./bench-sql-floor";
import { machineSpeed } from "./machine-speed";
import { allProcs, anonOf, cpuOf, machineCpu, postgresCpu, processTree, rssOf } from "./proc-stats";

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const num = (name: string, fallback: number, min = 1) => {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number of at least ${min}`);
  return v;
};
const o = {
  rate: num("--rate", 20),
  seconds: num("--seconds", 60),
  // A fresh server is slower for its first half minute (the web processes compile their code as it
  // runs, and the jobs process takes its start-up snapshot at 15 s): with 10 s of warm-up, a run at
  // 50/s answered its first 5 s at p50 0.5 to 1.8 s and then settled at p50 about 30 ms.
  warmup: num("--warmup", 30, 0),
  timeout: num("--timeout", 10_000),
  port: num("--port", 3320),
  controllers: num("--controllers", 4),
  managers: num("--managers", 1, 0),
  password: opt("--password", "Demo-wachtwoord-2026"),
  cmd: opt("--cmd", ""),
  url: opt("--url", "").replace(/\/$/, ""),
  pid: num("--pid", 0, 0),
  inPlace: argv.includes("--in-place"),
  single: argv.includes("--single"),
  workers: num("--workers", 0, 0),
  findLimit: argv.includes("--find-limit"),
  stepSeconds: num("--step-seconds", 30),
  steps: opt("--steps", "").split(",").filter(Boolean).map(Number),
  sequential: num("--sequential", 0, 0),
  only: opt("--only", ""),
  timeline: argv.includes("--timeline"),
  navigation: num("--navigation", 0, 0),
  mix: opt("--mix", "issue"),
  afterRate: num("--after-rate", 0, 0),
  afterSeconds: num("--after-seconds", 30),
  killWebAt: num("--kill-web-at", 0, 0),
};
/** --mix <page>: every request that page (a point in the mix's ranges below). */
const ONE_PAGE: Record<string, number> = { worklist: 20, debtor: 50, search: 75, dashboard: 85 };
if (!["issue", "floor", "health", ...Object.keys(ONE_PAGE)].includes(o.mix)) throw new Error(`--mix is issue (the default), floor, health or one page: ${Object.keys(ONE_PAGE).join(", ")}`);
if (o.navigation > 100) throw new Error("--navigation is a percentage of the page views: 0 to 100");
if (o.killWebAt && (o.single || o.cmd || o.url || o.findLimit || o.sequential)) {
  throw new Error("--kill-web-at drills the production start (scripts/serve.mjs) under a --rate run: not with --single, --cmd, --url, --find-limit or --sequential");
}
if (!o.steps.every((v, i, all) => Number.isInteger(v) && v > 0 && (i === 0 || v > all[i - 1]!))) {
  throw new Error("--steps is a rising list of whole rates per second, e.g. 60,70,80");
}
const ROOT = path.resolve(import.meta.dirname, "..");
process.chdir(ROOT); // file:./… resolves from the project root, for the server and for us alike
const base = o.url || `http://127.0.0.1:${o.port}`;
const SERVER_LOG = path.join(ROOT, "data/bench-load-server.log");
const READS = ["worklist", "debtor", "search", "dashboard", "floor", "health"] as const;
const WRITES = ["autosave", "start-call", "finish-call", "payment"] as const;
type Group = (typeof READS)[number] | (typeof WRITES)[number];
const isRead = (g: Group) => (READS as readonly string[]).includes(g);

// ---------------------------------------------------------------- figures

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}
const ms = (v: number) => (Number.isNaN(v) ? "-" : v.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join(" ");

// ---------------------------------------------------------------- processes (/proc): scripts/proc-stats.ts

/** CPU use of the server tree (and PostgreSQL) over a window. */
function cpuMeter(pid: number, pg: boolean) {
  const [tree0, pg0, own0, at0, machine0] = [cpuOf(processTree(pid)), pg ? postgresCpu() : 0, process.cpuUsage(), performance.now(), machineCpu()];
  return () => {
    const secs = (performance.now() - at0) / 1000;
    const tree = cpuOf(processTree(pid)) - tree0;
    const own = process.cpuUsage(own0);
    const machine = machineCpu();
    return {
      secs,
      tree,
      cores: tree / secs,
      pgCores: pg ? (postgresCpu() - pg0) / secs : NaN,
      own: (own.user + own.system) / 1e6,
      ownSystem: own.system / 1e6,
      // The whole machine's cores busy, and the cores the host took away (stolen), on average.
      machineCores: (machine.busy - machine0.busy) / secs,
      stolenCores: (machine.steal - machine0.steal) / secs,
    };
  };
}

// ---------------------------------------------------------------- the server

/** The one place the server is started: `next start`, or --cmd through the shell. */
function spawnServer(env: NodeJS.ProcessEnv, log: number): ChildProcess {
  const how = { cwd: ROOT, env, stdio: ["ignore", log, log] as ["ignore", number, number], detached: true };
  if (o.cmd) return spawn("sh", ["-c", o.cmd], how);
  if (o.single) return spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(o.port)], how);
  return spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], { ...how, env: { ...env, ...(o.workers ? { WEB_CONCURRENCY: String(o.workers) } : {}) } });
}

type Server = { pid: number; stop: () => Promise<void> };
async function startServer(databaseUrl: string): Promise<Server> {
  if (o.url) return { pid: o.pid, stop: async () => {} };
  fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = fs.openSync(SERVER_LOG, "w");
  const child = spawnServer(
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(o.port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DUNNING_RUN_AT: "off",
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-secret-not-for-production-0123456789abcdef",
      BETTER_AUTH_URL: base,
      TWO_FACTOR_REQUIRED_FOR: "none",
    },
    log,
  );
  let exited = false;
  child.on("exit", () => (exited = true));
  const pid = child.pid!;
  // Should the bench die without its cleanup (an uncaught error), the server goes with it.
  const onExit = () => {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {}
  };
  process.on("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    const tree = processTree(pid);
    // Still one of ours: the same pid with the same start time (a pid can be reused).
    const alive = () => tree.filter((p) => allProcs().some((q) => q.pid === p.pid && q.started === p.started));
    const signal = (s: NodeJS.Signals, pids: number[]) => {
      for (const target of pids) {
        try {
          process.kill(target, s);
        } catch {}
      }
    };
    // The process group (detached: the child leads it), and any descendant that left the group.
    signal("SIGTERM", [-pid, ...tree.map((p) => p.pid)]);
    for (let i = 0; i < 50 && alive().length; i++) await sleep(100);
    const left = alive().map((p) => p.pid);
    if (left.length) signal("SIGKILL", left);
    fs.closeSync(log);
  };
  for (let i = 0; !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) {
    if (exited || i > 180) {
      await stop();
      throw new Error(`the server did not start; the end of ${SERVER_LOG}:\n${fs.readFileSync(SERVER_LOG, "utf8").slice(-2000)}`);
    }
    await sleep(500);
  }
  return { pid, stop };
}

/** SQLite: a copy the bench may write to (the file, and its -wal/-shm when present). */
function benchDatabase(source: string): string {
  if (providerOf(source) === "postgresql" || o.inPlace || o.url) return source;
  const from = sqlitePath(source);
  if (!fs.existsSync(from)) throw new Error(`${from} does not exist: generate the large set first (npm run db:generate-large)`);
  const to = path.join(ROOT, "data/bench-load.db");
  for (const suffix of ["", "-wal", "-shm"]) {
    fs.rmSync(to + suffix, { force: true }); // a stale -wal beside the fresh copy would corrupt it
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  }
  return "file:./data/bench-load.db";
}

// ---------------------------------------------------------------- people and their portfolios

type DebtorRef = { id: string; name: string; customerNumber: string; version: number; assignedControllerId: string | null };
type Person = { id: string; email: string; role: string; cookie: string; debtors: DebtorRef[] };

async function findPeople(db: Db, role: string, n: number) {
  const rows = await db.user.findMany({ where: { role, active: true, twoFactorEnabledAt: null }, select: { id: true, email: true, role: true } });
  return rows.sort((a, b) => a.email.localeCompare(b.email, "en", { numeric: true })).slice(0, n);
}

/** Fewer controllers than asked: bench controllers with --password, each given 200 unassigned debtors. */
async function addBenchControllers(db: Db, have: number, want: number) {
  const hash = await hashPassword(o.password);
  for (let k = have + 1; k <= want; k++) {
    const id = `usr_bench_controller${k}`;
    await db.user.upsert({ where: { id }, update: { active: true }, create: { id, name: `Bench controller ${k}`, email: `bench-controller${k}@dunning.test`, role: "controller", emailVerified: true, active: true } });
    await db.account.deleteMany({ where: { userId: id, providerId: "credential" } });
    await db.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash } });
    const free = await db.debtor.findMany({ where: { assignedControllerId: null }, select: { id: true }, take: 200 });
    await db.debtor.updateMany({ where: { id: { in: free.map((d) => d.id) } }, data: { assignedControllerId: id } });
    console.log(`created ${id} with ${free.length} unassigned debtors`);
  }
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password: o.password }) });
  const text = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!res.ok || cookies.length === 0) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${text.slice(0, 200)} (wrong --password?)`);
  return cookies.join("; ");
}

// ---------------------------------------------------------------- requests and server actions

/** `busy`: turned away with a 503 (the server's overload protection, server/load-shedding.ts), counted apart from errors. */
type Result = { ok: boolean; timedOut: boolean; busy?: boolean; bytes: number; error?: string; data?: unknown };
/** An answer; `size` is the decoded length; `body` the decoded bytes, null when only the size was asked. */
type Answer = { status: number; location: string | null; body: Buffer | null; size: number };
const failed = (error: string, bytes = 0, timedOut = false): Result => ({ ok: false, timedOut, bytes, error });
const turnedAway = (a: Answer): Result => ({ ok: false, timedOut: false, busy: true, bytes: a.size });
const httpError = (a: Answer) => `HTTP ${a.status}${a.location ? ` -> ${a.location}` : ""}`;

/**
 * The load's own requests go through node:http with keep-alive rather than fetch: the generator
 * runs on the server's two cores, and fetch cost it about 2.5 ms of CPU per request against 0.9 ms
 * (measured on the worklist, 90 KB). It asks for gzip like a browser, so the server compresses as
 * it would for one. A page is read to its end but not kept nor unzipped (`sizeOnly`): its size
 * is the gzip trailer's (the last 4 bytes hold the unzipped length). Unzipping and joining every
 * page cost the generator about a third of its CPU, mostly in garbage collection, on the cores
 * the server is measured on.
 */
let resent = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, scheduling: "lifo" });
/** A request sent again goes on a connection of its own (another kept-alive one may be closing as well). */
const freshAgent = new http.Agent({ keepAlive: false });
function send(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string; sizeOnly?: boolean }, retried = false): Promise<Answer | Result> {
  return new Promise((resolve) => {
    const url = new URL(base + pathname);
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate", ...init.headers };
    if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
    let settled = false;
    const settle = (v: Answer | Result | Promise<Answer | Result>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? "GET", headers, agent: retried ? freshAgent : agent }, (res) => {
      const enc = res.headers["content-encoding"];
      const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
      if (init.sizeOnly && ok && (enc === "gzip" || enc === undefined)) {
        // Only the length: the last 4 bytes of a gzip stream are its unzipped length (RFC 1952, ISIZE).
        let received = 0;
        let tail: Buffer = Buffer.alloc(0);
        res.on("data", (c: Buffer) => {
          received += c.length;
          tail = c.length >= 4 ? c : Buffer.concat([tail, c]).subarray(-4);
        });
        res.on("error", (e) => settle(failed(`connection: ${e.message} (in the middle of the answer)`)));
        res.on("end", () => {
          if (enc === "gzip" && tail.length < 4) return settle(failed(`a gzip body of ${received} bytes`));
          const size = enc === "gzip" ? tail.readUInt32LE(tail.length - 4) : received;
          settle({ status: res.statusCode ?? 0, location: null, body: null, size });
        });
        return;
      }
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("error", (e) => settle(failed(`connection: ${e.message} (in the middle of the answer)`)));
      res.on("end", () => {
        let body = Buffer.concat(parts);
        try {
          if (enc === "gzip") body = zlib.gunzipSync(body);
          else if (enc === "deflate") body = zlib.inflateSync(body);
        } catch (e) {
          return settle(failed(`undecodable ${res.headers["content-encoding"]} body: ${(e as Error).message}`));
        }
        settle({ status: res.statusCode ?? 0, location: typeof res.headers.location === "string" ? res.headers.location : null, body, size: body.length });
      });
    });
    const timer = setTimeout(() => {
      settle(failed("time-out", 0, true));
      req.destroy();
    }, o.timeout);
    req.on("error", (e: Error & { code?: string }) => {
      // A kept-alive connection the server closed as it was reused (its idle time-out, 5 s): the
      // request never reached it. Browsers send it again on a new connection; so does this, once.
      if (req.reusedSocket && e.code === "ECONNRESET" && !retried && !settled) {
        settled = true;
        clearTimeout(timer);
        resent++;
        resolve(send(pathname, init, true));
        return;
      }
      settle(failed(`connection: ${e.message} ${e.code ?? ""} (${req.reusedSocket ? "on a kept-alive connection" : "on a new connection"}${retried ? ", sent again" : ""})`));
    });
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

async function getPage(who: Person | null, pathname: string): Promise<Result> {
  const a = await send(pathname, { headers: who ? { cookie: who.cookie } : {}, sizeOnly: true });
  if ("ok" in a) return a;
  if (a.status >= 200 && a.status < 300) return { ok: true, timedOut: false, bytes: a.size };
  if (a.status === 503) return turnedAway(a);
  return failed(`GET ${pathname.split("?")[0]!.replace(/^\/debtors\/[^/]+/, "/debtors/<id>")}: ${httpError(a)}`, a.size);
}

/** A click inside the app to `pathname`: its page's RSC payload, asked with the router headers a browser sent (scripts/bench-navigation.ts). */
async function navigate(who: Person, pathname: string, nav: NavigationHeaders): Promise<Result> {
  const a = await send(navigationPath(pathname, nav), { headers: { cookie: who.cookie, ...nav.headers }, sizeOnly: true });
  if ("ok" in a) return a;
  if (a.status >= 200 && a.status < 300) return { ok: true, timedOut: false, bytes: a.size };
  if (a.status === 503) return turnedAway(a);
  return failed(`in-app GET ${pathname.split("?")[0]!.replace(/^\/debtors\/[^/]+/, "/debtors/<id>")}: ${httpError(a)}`, a.size);
}

/** The build's action ids by "file#export", e.g. "calls#startCallAction". */
function builtActionIds(): Map<string, string> {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (!fs.existsSync(file)) throw new Error("no .next build here: run `npx next build` first");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  return new Map(Object.entries(manifest.node).map(([id, e]) => [`${path.basename(e.filename ?? "").replace(/\.tsx?$/, "")}#${e.exportedName}`, id]));
}

/**
 * An action's answer is a React Server Components stream of rows "<hex id>:<payload>\n", and text
 * rows "<hex id>:T<hex byte length>,<text>" with no newline. Row 0 is {"a":"$@<id>", …}: the row
 * holding the action's result. In values, "$<id>" and "$@<id>" refer to rows, "$$…" is a string
 * that began with "$", "$undefined" is undefined.
 */
function decodeActionResult(body: Buffer): unknown {
  const rows = new Map<string, string>();
  for (let at = 0; at < body.length; ) {
    const colon = body.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = body.toString("latin1", at, colon);
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, colon);
      const end = comma + 1 + parseInt(body.toString("latin1", colon + 2, comma), 16);
      rows.set(id, JSON.stringify(body.toString("utf8", comma + 1, end)));
      at = end;
    } else {
      const nl = body.indexOf(0x0a, colon);
      const end = nl < 0 ? body.length : nl;
      rows.set(id, body.toString("utf8", colon + 1, end));
      at = end + 1;
    }
  }
  const resolve = (v: unknown, depth: number): unknown => {
    if (depth > 30) return v;
    if (Array.isArray(v)) return v.map((x) => resolve(x, depth + 1));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, depth + 1)]));
    if (typeof v !== "string" || !v.startsWith("$")) return v;
    if (v.startsWith("$$")) return v.slice(1);
    if (v === "$undefined") return undefined;
    const ref = /^\$@?([0-9a-f]+)$/.exec(v)?.[1];
    return ref && rows.has(ref) ? resolve(JSON.parse(rows.get(ref)!), depth + 1) : v;
  };
  const root = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
  return root ? resolve(root.a, 0) : undefined;
}

/** Actions whose answer was lost (no HTTP answer at all) and that were sent again once (--kill-web-at). */
let pressedAgain = 0;

/**
 * A server action as the browser calls it: a POST to the page that uses it. In the kill drill an
 * answer lost (the connection cut, no HTTP status) is sent again once after 2 s, input and
 * idempotency key unchanged: what a person does when the form says the connection failed.
 */
async function callAction(who: Person, page: string, actionId: string, input: unknown): Promise<Result> {
  const first = await callActionOnce(who, page, actionId, input);
  if (!o.killWebAt || first.ok || first.timedOut || first.busy || !first.error?.startsWith("connection:")) return first;
  pressedAgain++;
  await sleep(2_000);
  return callActionOnce(who, page, actionId, input);
}

async function callActionOnce(who: Person, page: string, actionId: string, input: unknown): Promise<Result> {
  const a = await send(page, {
    method: "POST",
    headers: { cookie: who.cookie, origin: base, "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    // React's encoding of plain arguments: a string that begins with "$" is sent as "$$…".
    body: JSON.stringify([input], (_k, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v)),
  });
  if ("ok" in a) return a;
  const body = a.body ?? Buffer.alloc(0);
  const start = body.toString("utf8", 0, 150);
  if (a.status !== 200) return failed(`${httpError(a)} ${start}`, a.size);
  let r: { ok?: boolean; data?: unknown; error?: string; fieldErrors?: unknown } | undefined;
  try {
    r = decodeActionResult(body) as typeof r;
  } catch (e) {
    return failed(`undecodable answer (${(e as Error).message}): ${start}`, a.size);
  }
  if (r?.ok === true) return { ok: true, timedOut: false, bytes: a.size, data: r.data };
  return failed(r ? `${r.error}${r.fieldErrors ? ` ${JSON.stringify(r.fieldErrors)}` : ""}` : `no result: ${start}`, a.size);
}

// ---------------------------------------------------------------- the mix

type World = { controllers: Person[]; people: Person[]; allDebtors: DebtorRef[]; terms: string[]; actions: Map<string, string>; navigations: Map<NavigationKind, NavigationHeaders> };
/** A call a controller has open. One request at a time on it, as the browser's draft saver does. */
type Lane = { who: Person; debtor: DebtorRef; callId: string; version: number; notes: string; busy: boolean };
const lanes: Lane[] = [];
const laneDebtors = new Set<string>();
/** Debtors whose version is unknown since a finish failed or timed out: no new calls on them. */
const unsure = new Set<string>();
type Op = { group: Group; run: () => Promise<Result> };

function action(w: World, who: Person, debtor: DebtorRef, key: string, input: unknown): Promise<Result> {
  const id = w.actions.get(key);
  if (!id) throw new Error(`action ${key} is not in .next/server/server-reference-manifest.json`);
  return callAction(who, `/debtors/${debtor.id}`, id, input);
}
const endLane = (lane: Lane) => {
  lanes.splice(lanes.indexOf(lane), 1);
  laneDebtors.delete(lane.debtor.id);
};

const startCallOp = (w: World, who: Person): Op => ({
  group: "start-call",
  run: async () => {
    const debtor = pick(who.debtors.filter((d) => !laneDebtors.has(d.id) && !unsure.has(d.id)));
    laneDebtors.add(debtor.id);
    const r = await action(w, who, debtor, "calls#startCallAction", { debtorId: debtor.id, idempotencyKey: randomUUID() });
    const call = r.data as { callId?: string; version?: number } | undefined;
    if (r.ok && call?.callId && call.version) lanes.push({ who, debtor, callId: call.callId, version: call.version, notes: "", busy: false });
    else laneDebtors.delete(debtor.id);
    return r;
  },
});

const autosaveOp = (w: World, lane: Lane): Op => ({
  group: "autosave",
  run: async () => {
    lane.busy = true;
    const notes = `${lane.notes} Notitie ${lane.version}: klant belooft terug te bellen.`.trim().slice(-9000);
    const r = await action(w, lane.who, lane.debtor, "calls#saveCallDraftAction", { callId: lane.callId, version: lane.version, writeId: randomUUID(), notes, outcome: null, reasonText: "" });
    const saved = r.data as { version?: number } | undefined;
    if (r.ok && saved?.version) Object.assign(lane, { version: saved.version, notes, busy: false });
    else endLane(lane); // its version is unknown now: leave that draft alone
    return r;
  },
});

const finishOp = (w: World, lane: Lane): Op => ({
  group: "finish-call",
  run: async () => {
    lane.busy = true;
    const callback = Math.random() < 0.5;
    const r = await action(w, lane.who, lane.debtor, "calls#finishCallAction", {
      callId: lane.callId,
      version: lane.version,
      writeId: randomUUID(),
      notes: `${lane.notes} Afgerond.`.trim().slice(-9000),
      outcome: callback ? "callback_requested" : "no_answer",
      debtorVersion: lane.debtor.version,
      result: callback ? { kind: "callback", at: `${addDays(calendarDateIn(new Date()), 2)}T10:00` } : { kind: "none" },
    });
    if (r.ok) lane.debtor.version++; // finishing a call bumps its debtor's version
    else unsure.add(lane.debtor.id);
    endLane(lane);
    return r;
  },
});

/** Payments asked for, by their final answer (a time-out or a lost answer: "failed", outcome unknown). */
const paymentsAnswered = { ok: 0, failed: 0 };

function paymentOp(w: World, who: Person): Op {
  const debtor = pick(who.debtors);
  const amount = `${5 + Math.floor(Math.random() * 45)},${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`;
  const input = { debtorId: debtor.id, amount, valueDate: addDays(calendarDateIn(new Date()), -1), reference: "bench-load", method: "bank_transfer", invoiceIds: [], idempotencyKey: randomUUID() };
  return {
    group: "payment",
    run: async () => {
      const r = await action(w, who, debtor, "payments#recordPaymentAction", input);
      paymentsAnswered[r.ok ? "ok" : "failed"]++;
      return r;
    },
  };
}

function nextOp(w: World): Op {
  const r = ONE_PAGE[o.mix] ?? Math.random() * 100;
  const who = pick(w.people);
  // The ceilings of the same machine and build: every request the page without data, or the health route.
  if (o.mix === "floor") return { group: "floor", run: () => getPage(who, "/settings") };
  if (o.mix === "health") return { group: "health", run: () => getPage(null, "/api/health") };
  // A page view is a document load, or (--navigation percent of them) a click inside the app.
  const page = (group: Group, p: string): Op => {
    const nav = Math.random() * 100 < o.navigation ? w.navigations.get(group as NavigationKind) : undefined;
    return { group, run: () => (nav ? navigate(who, p, nav) : getPage(who, p)) };
  };
  if (r < 40) return page("worklist", who.role === "controller" && Math.random() < 0.25 ? "/worklist?scope=team" : "/worklist");
  if (r < 70) return page("debtor", `/debtors/${pick(who.debtors.length ? who.debtors : w.allDebtors).id}`);
  if (r < 80) return page("search", `/debtors?q=${encodeURIComponent(pick(w.terms))}`);
  if (r < 90) return page("dashboard", "/dashboard");
  const controller = pick(w.controllers);
  if (r >= 98.5) return paymentOp(w, controller);
  const lane = lanes.find((l) => l.who === controller && !l.busy);
  if (!lane) return startCallOp(w, controller);
  return r < 97 ? autosaveOp(w, lane) : finishOp(w, lane);
}

// ---------------------------------------------------------------- the open loop

type Sample = { group: Group; latency: number; lag: number; ok: boolean; timedOut: boolean; busy: boolean; bytes: number; due: number };
const errorKinds = new Map<string, number>();
function noteError(label: string, error: string) {
  const key = `${label}: ${error.slice(0, 300)}`;
  if (errorKinds.size < 5 && !errorKinds.has(key)) console.log(`  ! ${key}`);
  errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
}
const printErrorKinds = () => [...errorKinds].slice(0, 8).forEach(([k, n]) => console.log(`  ${String(n).padStart(5)} × ${k}`));

/** Request i starts at t0 + i/rate: absolute times, so nothing drifts, and a slow answer delays nothing. */
async function openLoop(w: World, rate: number, seconds: number): Promise<{ samples: Sample[]; elapsed: number }> {
  const samples: Sample[] = [];
  const running: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    const op = nextOp(w);
    const lag = performance.now() - due;
    const done = (r: Result) => {
      samples.push({ group: op.group, latency: performance.now() - due, lag, ok: r.ok, timedOut: r.timedOut, busy: !!r.busy, bytes: r.bytes, due: due - t0 });
      if (!r.ok && !r.timedOut && !r.busy) noteError(op.group, r.error ?? "error");
    };
    // A watchdog past the request's own time-out: a request that neither answers nor aborts
    // (seen once in a 10-minute run) is counted as a time-out instead of holding up the report.
    const watchdog = sleep(o.timeout + 5_000).then(() => failed("time-out (no answer and no abort from the client)", 0, true));
    running.push(Promise.race([op.run(), watchdog]).then(done, (e: unknown) => done(failed(`bench bug: ${(e as Error).message}`))));
  }
  await Promise.all(running);
  return { samples, elapsed: (performance.now() - t0) / 1000 };
}

/** `busy`: turned away (503), `busyP95`: how soon those answers came. */
type Summary = { n: number; done: number; p50: number; p95: number; p99: number; errors: number; timeouts: number; busy: number; busyP95: number; kb: number };
function summarise(samples: Sample[]): Summary {
  const ok = samples.filter((s) => s.ok);
  const lat = ok.map((s) => s.latency);
  const timeouts = samples.filter((s) => s.timedOut).length;
  const busy = samples.filter((s) => s.busy);
  return {
    n: samples.length,
    done: ok.length,
    p50: pct(lat, 50),
    p95: pct(lat, 95),
    p99: pct(lat, 99),
    errors: samples.length - ok.length - timeouts - busy.length,
    timeouts,
    busy: busy.length,
    busyP95: pct(busy.map((s) => s.latency), 95),
    kb: pct(ok.map((s) => s.bytes), 50) / 1024,
  };
}

// ---------------------------------------------------------------- modes

/** RSS of the server's process tree, once a second. */
const rssSamples: { at: number; rss: number; anon: number }[] = [];

/** Slow answers spread evenly (the server is saturated) or bunched (something stalls it). */
function printTimeline(samples: Sample[], elapsed: number) {
  console.log("\nby 5 s of arrival: requests, p50 / p95 / max ms of the answered, turned away, errors and time-outs");
  for (let t = 0; t < elapsed * 1000; t += 5_000) {
    const xs = samples.filter((x) => x.due >= t && x.due < t + 5_000);
    const lat = xs.filter((x) => x.ok).map((x) => x.latency);
    const failedHere = xs.filter((x) => !x.ok && !x.busy).length;
    if (xs.length) console.log(`  ${String(t / 1000).padStart(4)} s  ${String(xs.length).padStart(4)}  ${ms(pct(lat, 50))} / ${ms(pct(lat, 95))} / ${lat.length ? ms(Math.max(...lat)) : "-"}  ${xs.filter((x) => x.busy).length}  ${failedHere}`);
  }
}

/** Per group: answered, latency, errors, time-outs, turned away. */
function printTable(samples: Sample[], elapsed: number) {
  const widths = [12, 9, 8, 8, 8, 8, 7, 9, 12, 10];
  console.log(row(["group", "requested", "done/s", "p50 ms", "p95 ms", "p99 ms", "errors", "time-outs", "turned away", "median KB"], widths));
  const line = (name: string, xs: Sample[], size: boolean) => {
    const s = summarise(xs);
    const away = s.busy ? `${s.busy} (${ms(s.busyP95)})` : "0";
    if (s.n) console.log(row([name, s.n, (s.done / elapsed).toFixed(1), ms(s.p50), ms(s.p95), ms(s.p99), s.errors, s.timeouts, away, size ? s.kb.toFixed(1) : ""], widths));
  };
  for (const g of [...READS, ...WRITES]) line(g, samples.filter((s) => s.group === g), true);
  line("reads", samples.filter((s) => isRead(s.group)), false);
  line("writes", samples.filter((s) => !isRead(s.group)), false);
  line("total", samples, false);
}

/** The pid of web process `slot` of the production start: the process whose environment names it (scripts/serve.mjs sets DUNNING_PROCESS). */
function webProcessPid(root: number, slot: number): number | null {
  for (const p of processTree(root)) {
    try {
      if (fs.readFileSync(`/proc/${p.pid}/environ`, "latin1").split("\0").includes(`DUNNING_PROCESS=web-${slot}`)) return p.pid;
    } catch {
      // gone in the meantime
    }
  }
  return null;
}

type Kill = { at: number; pid: number; replacedAfter: number | null; readyAfter: number | null };
/** --kill-web-at: `at` ms into the window, SIGKILL to web process 0; then watch the supervisor start another and Next say "Ready". */
async function killWebProcess(root: number, at: number): Promise<Kill> {
  await sleep(at);
  const pid = webProcessPid(root, 0);
  if (!pid) throw new Error("--kill-web-at: no web process 0 in the server's process tree");
  const readyLines = () => fs.readFileSync(SERVER_LOG, "utf8").split("\n").filter((l) => l.includes("Ready in")).length;
  const readyBefore = readyLines();
  const t = performance.now();
  process.kill(pid, "SIGKILL");
  const kill: Kill = { at, pid, replacedAfter: null, readyAfter: null };
  while (performance.now() - t < 60_000 && (kill.replacedAfter === null || kill.readyAfter === null)) {
    await sleep(50);
    const now = webProcessPid(root, 0);
    if (kill.replacedAfter === null && now && now !== pid) kill.replacedAfter = performance.now() - t;
    if (kill.readyAfter === null && readyLines() > readyBefore) kill.readyAfter = performance.now() - t;
  }
  return kill;
}

function reportKill(kill: Kill, samples: Sample[]) {
  const secs = (x: number | null) => (x === null ? "not within 60 s" : `after ${(x / 1000).toFixed(1)} s`);
  console.log(`\nkill drill: web process 0 (pid ${kill.pid}) killed with SIGKILL ${(kill.at / 1000).toFixed(0)} s into the window; the supervisor started another ${secs(kill.replacedAfter)}, Next ready ${secs(kill.readyAfter)}`);
  const around = summarise(samples.filter((x) => x.due >= kill.at - 10_000 && x.due < kill.at + 10_000));
  console.log(`  the 20 s around it: ${around.n} requests, p95 ${ms(around.p95)} ms, errors ${around.errors}, time-outs ${around.timeouts}, turned away ${around.busy}`);
  console.log(`  requests cut off on a kept-alive connection and sent again on a new one (as a browser does): ${resent}; actions whose answer was lost and that were sent again after 2 s with the same idempotency key: ${pressedAgain}`);
}

async function loadRun(w: World, db: Db, server: Server, pg: boolean) {
  const since = new Date();
  if (o.warmup > 0) {
    console.log(`\nwarm-up: ${o.rate}/s for ${o.warmup} s (not counted)`);
    await openLoop(w, o.rate, o.warmup);
  }
  console.log(`\nmeasured: ${o.rate} requests/s for ${o.seconds} s, open loop, time-out ${o.timeout} ms`);
  const meter = cpuMeter(server.pid, pg);
  const at0 = performance.now();
  const drill = o.killWebAt ? killWebProcess(server.pid, o.killWebAt * 1000) : null;
  drill?.catch(() => undefined);
  const { samples, elapsed } = await openLoop(w, o.rate, o.seconds);
  const cpu = meter();
  console.log(`latency counts from each request's scheduled start, over the answered requests; done/s = answered per second of the ${elapsed.toFixed(1)} s window;`);
  console.log("median KB: the HTML of a page, the RSC answer of an action (every action here but autosave revalidates the debtor page, which comes back re-rendered);");
  console.log("turned away: answered 503 at once by the server's overload protection (MAX_REQUESTS_IN_FLIGHT), and the p95 of how soon\n");
  printTable(samples, elapsed);
  if (o.timeline || drill) printTimeline(samples, elapsed);
  if (drill) reportKill(await drill, samples);

  console.log(`\nload generator: start lag p95 ${ms(pct(samples.map((s) => s.lag), 95))} ms, max ${ms(Math.max(...samples.map((s) => s.lag)))} ms; its own CPU ${cpu.own.toFixed(1)} s (${cpu.ownSystem.toFixed(1)} s of it in the kernel), ${((cpu.own * 1000) / Math.max(1, samples.length)).toFixed(1)} ms per request${resent ? `; ${resent} request(s) sent again after the server had closed the kept-alive connection they were sent on` : ""}`);
  if (server.pid) {
    console.log(`server CPU (process tree of ${server.pid}): ${cpu.tree.toFixed(1)} s in ${cpu.secs.toFixed(1)} s = ${cpu.cores.toFixed(2)} cores busy on average, ${((cpu.tree * 1000) / (o.rate * cpu.secs)).toFixed(1)} ms per request`);
    const mem = rssSamples.filter((m) => m.at >= at0);
    const minute = (m: { at: number }) => Math.floor((m.at - at0) / 60_000);
    const marks = (key: "rss" | "anon") => mem.filter((m, i) => i === 0 || minute(m) > minute(mem[i - 1]!)).map((m, i) => `${i === 0 ? "start" : `${minute(m)} min`} ${mb(m[key])}`);
    const report = (key: "rss" | "anon") => [...marks(key), `end ${mb(mem.at(-1)![key])}`, `peak ${mb(Math.max(...mem.map((m) => m[key])))}`].join(" · ");
    if (mem.length) {
      console.log(`server memory, RSS of the tree (sampled every 1 s): ${report("rss")}`);
      console.log(`  of which private (RssAnon, without the database file mapped into memory): ${report("anon")}`);
    }
  } else console.log("server CPU and memory: not measured (--url without --pid)");
  if (pg) console.log(`PostgreSQL processes on this machine (all their clients): ${cpu.pgCores.toFixed(2)} cores busy on average`);
  console.log(`the machine: ${cpu.machineCores.toFixed(2)} of its cores busy on average; ${cpu.stolenCores.toFixed(2)} cores stolen by the host (time this virtual machine wanted to run and could not)`);
  if (errorKinds.size) console.log("\nerrors (up to 8 kinds):");
  printErrorKinds();

  const reads = summarise(samples.filter((s) => isRead(s.group)));
  const writes = summarise(samples.filter((s) => !isRead(s.group)));
  const bad = reads.errors + reads.timeouts + reads.busy + writes.errors + writes.timeouts + writes.busy;
  const verdict = (name: string, s: Summary, target: number) => `${name} p95 ${ms(s.p95)} ms (target < ${target}) ${s.p95 < target ? "PASS" : "FAIL"}`;
  console.log(`\nverdict: ${verdict("reads", reads, 300)} · ${verdict("writes", writes, 500)} · errors+time-outs+turned away ${bad} (target 0) ${bad === 0 ? "PASS" : "FAIL"}`);
  if (o.afterRate) {
    // Recovery: the load drops back; a server that kept up (or turned the excess away) answers at once again.
    console.log(`\nafter: ${o.afterRate} requests/s for ${o.afterSeconds} s, straight after the measured window`);
    const after = await openLoop(w, o.afterRate, o.afterSeconds);
    printTable(after.samples, after.elapsed);
    if (o.timeline) printTimeline(after.samples, after.elapsed);
    const all = summarise(after.samples);
    const late = summarise(after.samples.filter((x) => x.due >= 5_000));
    console.log(`after the first 5 s: p95 ${ms(late.p95)} ms, errors+time-outs+turned away ${late.errors + late.timeouts + late.busy} (over the whole ${o.afterSeconds} s: ${all.errors + all.timeouts + all.busy})`);
  }
  await checkWrites(db, w, since);
}

/** The writes really landed: the controllers' rows since the warm-up began, and the notes of open calls. */
async function checkWrites(db: Db, w: World, since: Date) {
  const ids = w.controllers.map((c) => c.id);
  const calls = await db.callLog.groupBy({ by: ["status"], where: { createdAt: { gte: since }, authorId: { in: ids } }, _count: true, _sum: { version: true } });
  const count = (s: string) => calls.find((c) => c.status === s)?._count ?? 0;
  const saves = calls.reduce((s, c) => s + (c._sum.version ?? 0) - c._count, 0);
  const payments = await db.payment.count({ where: { createdAt: { gte: since }, source: "manual", createdById: { in: ids } } });
  const open = lanes.filter((l) => !l.busy && l.notes).slice(0, 5);
  const stored = await db.callLog.findMany({ where: { id: { in: open.map((l) => l.callId) } }, select: { id: true, notes: true, version: true } });
  const same = open.filter((l) => stored.some((s) => s.id === l.callId && s.notes === l.notes && s.version === l.version)).length;
  const started = `${count("draft") + count("final")} calls started (${count("draft")} still draft, ${count("final")} finished)`;
  console.log(`database (warm-up included): ${started}, ${saves} saves and finishes committed on them, ${payments} payments booked;`);
  // Each payment carries its own idempotency key: booked at least as many as answered "ok", at most
  // those plus the ones whose answer never came (a cut connection, a time-out). More would be a double booking.
  const { ok, failed: unknown } = paymentsAnswered;
  const within = payments >= ok && payments <= ok + unknown;
  console.log(`  payments answered ok ${ok}, without an answer or failed ${unknown}: booked ${payments} ${within ? "(within: none booked twice)" : "MISMATCH: booked twice, or one answered ok is missing"}`);
  console.log(`  notes and version as the bench last sent them in ${same} of ${open.length} open calls checked`);
}

async function findLimit(w: World, server: Server, pg: boolean) {
  // Steps of 10/s from 40 to 100: where a two-core machine's limit lies, one step is a sixth of it.
  const steps = o.steps.length ? o.steps : [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120, 150, 200, 250, 300, 400, 500];
  if (o.warmup > 0) {
    console.log(`\nwarm-up: ${steps[0]}/s for ${o.warmup} s`);
    await openLoop(w, steps[0]!, o.warmup);
  }
  const mixName = { issue: "the mix (worklist, debtor pages, search, dashboard, writes)", floor: "the page without data only (/settings, a document)", health: "GET /api/health only" }[o.mix] ?? `the ${o.mix} page only`;
  console.log(`\nfind-limit of ${mixName}: ${o.stepSeconds} s per step, until p95 over all requests passes 1000 ms or errors+time-outs+turned away pass 1 %\n`);
  const widths = [5, 7, 8, 8, 8, 9, 10, 7, 9, 7, 6, ...(pg ? [8] : []), 7, 8, 7];
  console.log(row(["rate", "done/s", "p50 ms", "p95 ms", "p99 ms", "reads p95", "writes p95", "errors", "time-outs", "away", "cores", ...(pg ? ["pg cores"] : []), "RSS", "lag p95", "stolen"], widths));
  let best = 0;
  for (const rate of steps) {
    const meter = cpuMeter(server.pid, pg);
    const { samples, elapsed } = await openLoop(w, rate, o.stepSeconds);
    const cpu = meter();
    const s = summarise(samples);
    const p95Of = (read: boolean) => ms(summarise(samples.filter((x) => isRead(x.group) === read)).p95);
    const serverCells = server.pid ? [cpu.cores.toFixed(2), ...(pg ? [cpu.pgCores.toFixed(2)] : []), mb(rssOf(processTree(server.pid)))] : ["-", ...(pg ? [cpu.pgCores.toFixed(2)] : []), "-"];
    console.log(row([rate, (s.done / elapsed).toFixed(1), ms(s.p50), ms(s.p95), ms(s.p99), p95Of(true), p95Of(false), s.errors, s.timeouts, s.busy, ...serverCells, ms(pct(samples.map((x) => x.lag), 95)), cpu.stolenCores.toFixed(2)], widths));
    if (!(s.p95 <= 1000 && (s.errors + s.timeouts + s.busy) / s.n <= 0.01)) break;
    best = rate;
  }
  console.log(`\nhighest rate that passed (p95 <= 1 s, errors+time-outs+turned away <= 1 %): ${best ? `${best}/s` : "none"}`);
  printErrorKinds();
}

async function sequential(w: World, url: string, server: Server, pg: boolean) {
  const controller = w.controllers[0]!;
  const manager = w.people.find((p) => p.role === "manager") ?? controller;
  /** `nav`: asked as a click inside the app (the RSC payload), from the page a controller comes from */
  type Case = [name: string, who: Person | null, url: () => string, nav?: NavigationKind];
  const SHELL = "GET /settings, controller (page without data)";
  const cases: Case[] = [
    ["GET /api/health (floor)", null, () => "/api/health"],
    [SHELL, controller, () => "/settings"],
    ["GET /sign-in, signed out (no session)", null, () => "/sign-in"],
    ["GET /worklist (controller, own)", controller, () => "/worklist"],
    ["GET /worklist?scope=team (controller)", controller, () => "/worklist?scope=team"],
    ["GET /debtors/<id> (controller, own debtor)", controller, () => `/debtors/${pick(controller.debtors).id}`],
    ["GET /dashboard (controller)", controller, () => "/dashboard"],
    ["GET /dashboard (manager)", manager, () => "/dashboard"],
    ["GET /debtors?q=<term> (search)", controller, () => `/debtors?q=${encodeURIComponent(pick(w.terms))}`],
    ["in-app /worklist (from a debtor page)", controller, () => "/worklist", "worklist"],
    ["in-app /debtors/<id> (from the worklist)", controller, () => `/debtors/${pick(controller.debtors).id}`, "debtor"],
    ["in-app /debtors?q=<term> (from the list)", controller, () => `/debtors?q=${encodeURIComponent(pick(w.terms))}`, "search"],
    ["in-app /dashboard (from the worklist)", controller, () => "/dashboard", "dashboard"],
  ];
  console.log(`\none request at a time: ${o.sequential} per case, after 3 not counted`);
  console.log("page without data: the controller's own settings in the app shell (session, menu, broken-promises badge); it reads only the user's own rows (two-step status, API tokens), no portfolio data\n");
  const widths = [46, 5, 8, 8, 8, 7, 10, 9, 9];
  console.log(row(["case", "n", "p50 ms", "p95 ms", "p99 ms", "errors", "median KB", "CPU ms", ...(pg ? ["pg ms"] : [])], widths));
  const p50 = new Map<string, number>();
  for (const [name, who, path, kind] of cases.filter(([name]) => name.includes(o.only))) {
    const nav = kind ? w.navigations.get(kind) : undefined;
    const [times, sizes] = [[] as number[], [] as number[]];
    let errors = 0;
    let meter: ReturnType<typeof cpuMeter> | null = null;
    for (let i = 0; i < o.sequential + 3; i++) {
      if (i === 3 && server.pid) meter = cpuMeter(server.pid, pg);
      const t = performance.now();
      const r = nav && who ? await navigate(who, path(), nav) : await getPage(who, path());
      if (!r.ok) {
        errors++;
        noteError(name, r.error ?? "error");
      } else if (i >= 3) {
        times.push(performance.now() - t);
        sizes.push(r.bytes);
      }
    }
    p50.set(name, pct(times, 50));
    // CPU per request: the server's whole process tree (and PostgreSQL's), over the counted requests.
    const cpu = meter?.();
    const perRequest = (secs: number) => (cpu ? ((secs * 1000) / o.sequential).toFixed(1) : "-");
    console.log(row([name, times.length, ms(pct(times, 50)), ms(pct(times, 95)), ms(pct(times, 99)), errors, (pct(sizes, 50) / 1024).toFixed(1), perRequest(cpu?.tree ?? 0), ...(pg ? [perRequest((cpu?.pgCores ?? 0) * (cpu?.secs ?? 0))] : [])], widths));
  }

  // The hand-written SQL floor: the same data read straight through the driver (scripts/bench-sql-floor.ts).
  const token = decodeURIComponent(/session_token=([^;]+)/.exec(controller.cookie)?.[1] ?? "").split(".")[0]!;
  const floorDb = sqlFloor(url, calendarDateIn(new Date()));
  const sqlP50 = new Map<string, number>();
  try {
    console.log(`\nhand-written SQL, through the driver in this process: ${o.sequential} per case, after 3 not counted`);
    console.log(row(["same data as", "n", "p50 ms", "p95 ms", "p99 ms", "rows", ""], widths));
    const sqlCases: [string, () => Promise<number>][] = [
      ["GET /worklist (controller, own)", () => floorDb.worklist(token, controller.id)],
      ["GET /debtors/<id> (controller, own debtor)", () => floorDb.debtorPage(token, controller.id, pick(controller.debtors).id)],
    ];
    for (const [name, read] of sqlCases) {
      const [times, rows] = [[] as number[], [] as number[]];
      for (let i = 0; i < o.sequential + 3; i++) {
        const t = performance.now();
        const n = await read();
        if (i >= 3) {
          times.push(performance.now() - t);
          rows.push(n);
        }
      }
      sqlP50.set(name, pct(times, 50));
      console.log(row([name, times.length, ms(pct(times, 50)), ms(pct(times, 95)), ms(pct(times, 99)), Math.round(pct(rows, 50)), ""], widths));
    }
  } finally {
    await floorDb.close();
  }

  const shell = p50.get(SHELL);
  if (shell === undefined) return;
  console.log("\ntargets: page p50 under 25 ms and within 2x of (page without data + hand-written SQL), both p50; dashboard under 50 ms");
  for (const [name, sqlMs] of sqlP50) {
    const page = p50.get(name);
    if (page === undefined) continue;
    const floorSum = shell + sqlMs;
    console.log(`  ${name}: ${ms(page)} ms; floors ${ms(shell)} + ${ms(sqlMs)} = ${ms(floorSum)} ms, ratio ${(page / floorSum).toFixed(2)} -> under 25 ms ${page < 25 ? "PASS" : "FAIL"}, within 2x ${page <= 2 * floorSum ? "PASS" : "FAIL"}`);
  }
  for (const name of ["GET /dashboard (controller)", "GET /dashboard (manager)"]) {
    const page = p50.get(name);
    if (page !== undefined) console.log(`  ${name}: ${ms(page)} ms -> under 50 ms ${page < 50 ? "PASS" : "FAIL"}`);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  // Before the copy: a server left on the port may still be using data/bench-load.db.
  if (!o.url && (await fetch(`${base}/api/health`).then(() => true, () => false))) throw new Error(`something already answers on ${base}: stop it or choose another --port`);
  const source = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const url = benchDatabase(source);
  const pg = providerOf(url) === "postgresql";
  const shown = (u: string) => u.replace(/\/\/[^@]*@/, "//…@");
  console.log(`database ${providerOf(url)}: ${shown(url)}${url !== source ? ` (a copy of ${shown(source)})` : " (in place)"}`);
  console.log(`machine: ${machineSpeed()} ms for the fixed work of scripts/machine-speed.ts (lower is faster; compare runs of a similar reading)`);
  console.log(`Node.js ${process.version}${o.cmd ? "" : " (the server runs on the same)"}`);
  const db = createDb(url);
  // A server without autovacuum (this machine's PostgreSQL has it off) reads more than one that has it.
  for (const warning of await postgresMaintenanceWarnings(db)) console.log(`PostgreSQL: ${warning}`);
  let server: Server | null = null;
  const stop = async () => {
    const s = server;
    server = null;
    await s?.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
  try {
    let controllers = await findPeople(db, "controller", o.controllers);
    if (controllers.length < o.controllers) {
      await addBenchControllers(db, controllers.length, o.controllers);
      controllers = await findPeople(db, "controller", o.controllers);
    }
    const managers = await findPeople(db, "manager", o.managers);
    const allDebtors = await db.debtor.findMany({ select: { id: true, name: true, customerNumber: true, version: true, assignedControllerId: true } });
    if (allDebtors.length === 0) throw new Error("no debtors in this database: generate the large set first (npm run db:generate-large)");
    // Search terms: a real customer number, or the start of a word of a real name.
    const terms = Array.from({ length: 500 }, () => {
      const d = pick(allDebtors);
      const words = d.name.split(/\s+/).filter((x) => x.length >= 4);
      return Math.random() < 0.5 || !words.length ? d.customerNumber : pick(words).slice(0, 3 + Math.floor(Math.random() * 3));
    });
    console.log(`${allDebtors.length.toLocaleString("en")} debtors, ${(await db.invoice.count()).toLocaleString("en")} invoices`);

    server = await startServer(url);
    const { pid } = server;
    console.log(`server ${base}${pid ? ` (pid ${pid})` : ""}${o.cmd ? `, started by: ${o.cmd}` : ""}`);
    const sampler = setInterval(() => {
      if (!pid) return;
      const tree = processTree(pid);
      rssSamples.push({ at: performance.now(), rss: rssOf(tree), anon: anonOf(tree) });
    }, 1000);
    try {
      const signInAs = async (u: { id: string; email: string; role: string }): Promise<Person> => ({ ...u, cookie: await signIn(u.email), debtors: allDebtors.filter((d) => d.assignedControllerId === u.id) });
      const people = await Promise.all([...controllers, ...managers].map(signInAs));
      const mine = people.filter((p) => p.role === "controller");
      for (const c of mine) if (c.debtors.length < 5) throw new Error(`${c.email} has ${c.debtors.length} debtors: too few to act on`);
      console.log(`signed in: ${people.map((p) => `${p.email} (${p.role === "controller" ? `${p.debtors.length} debtors` : p.role})`).join(", ")}`);
      const navigations = o.navigation > 0 || o.sequential ? await learnNavigations(base, mine[0]!.cookie, { debtorPath: `/debtors/${mine[0]!.debtors[0]!.id}`, searchPath: `/debtors?q=${encodeURIComponent(terms[0]!)}` }) : new Map<NavigationKind, NavigationHeaders>();
      if (navigations.size) console.log(`in-app navigation: router headers learned from Chromium for ${[...navigations.keys()].join(", ")}${o.navigation ? `; ${o.navigation} % of page views are clicks inside the app` : ""}`);
      const w: World = { controllers: mine, people, allDebtors, terms, actions: o.sequential ? new Map() : builtActionIds(), navigations };
      if (o.sequential) await sequential(w, url, server, pg);
      else if (o.findLimit) await findLimit(w, server, pg);
      else await loadRun(w, db, server, pg);
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await stop();
    await db.$disconnect();
  }
  console.log(`\nmachine at the end: ${machineSpeed()} ms for the fixed work`);
  if (!o.url) console.log(`\n(server output: ${path.relative(ROOT, SERVER_LOG)}, ${fs.readFileSync(SERVER_LOG, "utf8").split("\n").filter(Boolean).length} lines)`);
}

await main();
