import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * A stop by the service manager (SIGTERM) closes the database cleanly: the background jobs stop,
 * the SQLite connection is closed (which checkpoints the WAL and removes the -wal file), the pid
 * file that makes `npm run db:restore` refuse is gone, and the log says so. Runs a second
 * production server of its own on a fresh database.
 */
const root = path.resolve(import.meta.dirname, "../..");
const PORT = 3251;
const dbFile = path.join(root, "data/e2e-shutdown.db");

test("SIGTERM ends the background jobs and closes the database before the process exits", async () => {
  test.setTimeout(120_000);
  for (const s of ["", "-wal", "-shm", ".app.pid"]) fs.rmSync(dbFile + s, { force: true });
  const env = {
    ...process.env,
    DATABASE_URL: `file:${dbFile}`,
    BETTER_AUTH_SECRET: "e2e-shutdown-secret-0123456789abcdefghijkl",
    BETTER_AUTH_URL: `http://localhost:${PORT}`,
    DUNNING_RUN_AT: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const migrated = spawnSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"], { cwd: root, env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);

  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(PORT)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  await expect
    .poll(async () => (await fetch(`http://localhost:${PORT}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [500] })
    .toBe(200);
  // The app holds the database open in WAL mode, and says it runs.
  expect(fs.existsSync(`${dbFile}-wal`)).toBe(true);
  expect(fs.existsSync(`${dbFile}.app.pid`)).toBe(true);

  server.kill("SIGTERM");
  const code = await exited;
  expect(code, log).toBe(143);
  expect(log).toContain("database closed");
  expect(fs.existsSync(`${dbFile}-wal`), "the WAL was checkpointed and removed").toBe(false);
  expect(fs.existsSync(`${dbFile}.app.pid`)).toBe(false);
});
