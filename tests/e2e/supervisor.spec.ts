import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * The production start (scripts/serve.mjs: two web processes and one jobs process under a
 * supervisor) while a controller works: a web process killed with SIGKILL (the kernel out of
 * memory, a person's kill -9) is started again, and the controller's next clicks land on their
 * pages meanwhile; the jobs process killed the same way is started again, with no copy of it left
 * running; SIGTERM then stops every process. Runs a server of its own on a fresh database.
 */
const root = path.resolve(import.meta.dirname, "../..");
const PORT = 3252;
const BASE = `http://localhost:${PORT}`;
const dbFile = path.join(root, "data/e2e-supervisor.db");

type Proc = { pid: number; parent: number; cmd: string };

/**
 * This test's processes whose environment says DUNNING_PROCESS=<name> (serve.mjs names its
 * children so), with their parent. A child of such a process inherits the name: the jobs
 * process's helper that compiles TypeScript (esbuild's service, which ends when its parent does).
 */
function family(name: string): Proc[] {
  const found: Proc[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const vars = fs.readFileSync(`/proc/${entry}/environ`, "latin1").split("\0");
      if (!vars.includes(`DUNNING_PROCESS=${name}`) || !vars.includes(`DATABASE_URL=file:${dbFile}`)) continue;
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, "latin1").split(") ")[1]!.split(" ")[1]);
      found.push({ pid: Number(entry), parent, cmd: fs.readFileSync(`/proc/${entry}/cmdline`, "latin1").replace(/\0/g, " ").trim() });
    } catch {
      // ended meanwhile, or not ours
    }
  }
  return found;
}

/** The processes of that name that are not a child of another one: those the supervisor started, and orphans. */
const mains = (name: string) => {
  const all = family(name);
  return all.filter((p) => !all.some((q) => q.pid === p.parent));
};
/** For an assertion's message: who they are. */
const shown = (ps: Proc[]) => ps.map((p) => `${p.pid} (parent ${p.parent}): ${p.cmd}`);

test("a killed web process and a killed jobs process are started again while a controller goes on working; SIGTERM stops them all", async ({ browser }) => {
  test.setTimeout(180_000);
  for (const s of ["", "-wal", "-shm", ".app.pid"]) fs.rmSync(dbFile + s, { force: true });
  const env = {
    ...process.env,
    DATABASE_URL: `file:${dbFile}`,
    PORT: String(PORT),
    WEB_CONCURRENCY: "2",
    BETTER_AUTH_SECRET: "e2e-supervisor-secret-0123456789abcdefghij",
    BETTER_AUTH_URL: BASE,
    DUNNING_RUN_AT: "off",
    TWO_FACTOR_REQUIRED_FOR: "none",
    SIGN_IN_RATE_LIMIT: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const [cmd, args] of [
    [process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"]],
    [path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed/seed.ts"), "--reset"]],
  ] as const) {
    const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  }

  const supervisor = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  supervisor.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  supervisor.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => supervisor.on("exit", (code) => resolve(code)));
  try {
    await expect
      .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [500] })
      .toBe(200);
    // One process each, started by the supervisor.
    const started = (name: string) => shown(family(name).filter((p) => p.parent === supervisor.pid));
    await expect.poll(() => started("jobs"), { timeout: 30_000 }).toHaveLength(1);
    for (const name of ["web-0", "web-1", "jobs"]) expect(shown(mains(name))).toEqual(started(name));
    const web0 = mains("web-0")[0]!.pid;
    const jobs = mains("jobs")[0]!.pid;

    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await signIn(page, "controller");
    await expect(page.getByRole("heading", { name: "Werklijst", level: 1 })).toBeVisible();

    // Web process 0 dies with no goodbye; the controller goes on straight away.
    process.kill(web0, "SIGKILL");
    for (const [href, heading] of [
      ["/debtors", "Debiteuren"],
      ["/payments", "Betalingen"],
      ["/worklist", "Werklijst"],
      ["/settings", "Instellingen"],
      ["/debtors", "Debiteuren"],
    ] as const) {
      await page.goto(href);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    }
    await expect.poll(() => started("web-0").filter((p) => !p.startsWith(`${web0} `)), { timeout: 30_000 }).toHaveLength(1);
    expect(log).toContain(`web process 0 (pid ${web0}) ended (SIGKILL); starting it again`);
    // The new process takes its share: a round of pages, half of them through it.
    for (let i = 0; i < 4; i++) {
      await page.goto(i % 2 ? "/worklist" : "/debtors");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }

    // The jobs process likewise: one new jobs process, and nothing of the killed one left running
    // (until 4 Dec the process serve.mjs knew was the tsx command, whose child lived on, orphaned).
    process.kill(jobs, "SIGKILL");
    await expect.poll(() => started("jobs").filter((p) => !p.startsWith(`${jobs} `)), { timeout: 30_000 }).toHaveLength(1);
    await expect.poll(() => shown(mains("jobs")), { timeout: 10_000 }).toEqual(started("jobs"));
    expect(log).toContain("jobs process ended (SIGKILL); starting it again");
    await context.close();

    // A stop by the service manager: every process ends, the database is closed, the pid file gone.
    process.kill(supervisor.pid!, "SIGTERM");
    expect(await exited, log).toBe(0);
    const everyone = () => ["web-0", "web-1", "jobs"].flatMap(family).map((p) => `${p.pid}: ${p.cmd}`);
    await expect.poll(everyone, { timeout: 5_000, message: "processes left running after the stop" }).toEqual([]);
    expect(log).toContain("[jobs] stopped (SIGTERM)");
    expect(fs.existsSync(`${dbFile}.app.pid`)).toBe(false);
  } finally {
    try {
      process.kill(-supervisor.pid!, "SIGKILL");
    } catch {
      // already stopped
    }
    for (const p of ["web-0", "web-1", "jobs"].flatMap(family)) process.kill(p.pid, "SIGKILL");
  }
});
