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

/** This test's processes whose environment says DUNNING_PROCESS=<name> (serve.mjs names its children so). */
function processesNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const vars = fs.readFileSync(`/proc/${entry}/environ`, "latin1").split("\0");
      if (vars.includes(`DUNNING_PROCESS=${name}`) && vars.includes(`DATABASE_URL=file:${dbFile}`)) pids.push(Number(entry));
    } catch {
      // ended meanwhile, or not ours
    }
  }
  return pids;
}

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
    await expect.poll(() => processesNamed("jobs").length, { timeout: 30_000 }).toBe(1);
    const [web0] = processesNamed("web-0");
    const [jobs] = processesNamed("jobs");
    expect(web0).toBeGreaterThan(0);
    expect(processesNamed("web-1")).toHaveLength(1);

    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await signIn(page, "controller");
    await expect(page.getByRole("heading", { name: "Werklijst", level: 1 })).toBeVisible();

    // Web process 0 dies with no goodbye; the controller goes on straight away.
    process.kill(web0!, "SIGKILL");
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
    await expect.poll(() => processesNamed("web-0").filter((p) => p !== web0), { timeout: 30_000 }).toHaveLength(1);
    expect(log).toContain(`web process 0 (pid ${web0}) ended (SIGKILL); starting it again`);
    // The new process takes its share: a round of pages, half of them through it.
    for (let i = 0; i < 4; i++) {
      await page.goto(i % 2 ? "/worklist" : "/debtors");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }

    // The jobs process likewise; exactly one jobs process afterwards, none left behind.
    process.kill(jobs!, "SIGKILL");
    await expect.poll(() => processesNamed("jobs").filter((p) => p !== jobs), { timeout: 30_000 }).toHaveLength(1);
    expect(processesNamed("jobs")).toHaveLength(1);
    expect(log).toContain("jobs process ended (SIGKILL); starting it again");
    await context.close();

    // A stop by the service manager: every process ends, the database is closed, the pid file gone.
    const family = [...processesNamed("web-0"), ...processesNamed("web-1"), ...processesNamed("jobs")];
    process.kill(supervisor.pid!, "SIGTERM");
    expect(await exited, log).toBe(0);
    expect(family.filter((p) => fs.existsSync(`/proc/${p}`)), "processes left running after the stop").toEqual([]);
    expect(log).toContain("[jobs] stopped (SIGTERM)");
    expect(fs.existsSync(`${dbFile}.app.pid`)).toBe(false);
  } finally {
    try {
      process.kill(-supervisor.pid!, "SIGKILL");
    } catch {
      // already stopped
    }
    for (const p of ["web-0", "web-1", "jobs"].flatMap(processesNamed)) process.kill(p, "SIGKILL");
  }
});
