import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupDatabase, pidFileOf, restoreBlocker, restoreDatabase } from "@/lib/db/backup";
import { createDb } from "@/lib/db/client";
import { databaseUrl, provider } from "./test-db";

/**
 * Backup while the app writes, and a restore that brings back every write acknowledged before the
 * backup began; a restore refuses while the app runs.
 */
const root = path.resolve(import.meta.dirname, "../..");

describe.skipIf(provider !== "sqlite")("backup and restore (SQLite)", () => {
  it("a backup taken during writes restores with every acknowledged write and passes its integrity check", async () => {
    const tag = `drill-${Date.now()}`;
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "tests/integration/helpers/audit-writer.ts"), databaseUrl, tag, "400"], { cwd: root });
    let acked = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const m of chunk.toString().matchAll(/ack (\d+)/g)) acked = Math.max(acked, Number(m[1]));
    });
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
    while (acked < 100) await new Promise((r) => setTimeout(r, 20));
    const ackedBeforeBackup = acked;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
    const target = path.join(dir, "dunning.db");
    await backupDatabase(databaseUrl, target);
    expect(await exited).toBe(0);

    const restoredUrl = `file:${path.join(dir, "restored.db")}`;
    await restoreDatabase(restoredUrl, target);
    const restored = createDb(restoredUrl);
    const rows = await restored.auditLog.findMany({ where: { entity: tag }, select: { entityId: true } });
    const have = new Set(rows.map((r) => Number(r.entityId)));
    const missing = Array.from({ length: ackedBeforeBackup }, (_, i) => i + 1).filter((n) => !have.has(n));
    expect(missing).toEqual([]);
    expect(await restored.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    await restored.$disconnect();
  }, 120_000);

  it("refuses to restore while the app runs, and removes the old WAL files when it restores", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "restore-"));
    const url = `file:${path.join(dir, "live.db")}`;
    const target = path.join(dir, "backup.db");
    await backupDatabase(databaseUrl, target);
    fs.writeFileSync(path.join(dir, "live.db"), "");
    fs.writeFileSync(pidFileOf(url), String(process.pid));
    expect(await restoreBlocker(url)).toMatch(/app is running/);
    await expect(restoreDatabase(url, target)).rejects.toThrow(/stop it first/);
    fs.writeFileSync(pidFileOf(url), "999999"); // left behind by a crash: no such process
    fs.writeFileSync(path.join(dir, "live.db-wal"), "stale");
    await restoreDatabase(url, target);
    expect(fs.existsSync(path.join(dir, "live.db-wal"))).toBe(false);
    expect(fs.statSync(path.join(dir, "live.db")).size).toBe(fs.statSync(target).size);
  }, 60_000);
});

describe.skipIf(provider !== "postgresql")("backup and restore (PostgreSQL)", () => {
  it("dumps the schema with pg_dump, and a restore refuses while the app is connected", async () => {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pgdump-")), "dunning.dump");
    const { bytes } = await backupDatabase(databaseUrl, target);
    expect(bytes).toBeGreaterThan(1_000);
    // This test's own client connects with the app's name, as the running app does.
    const app = createDb(databaseUrl);
    await app.$queryRawUnsafe("SELECT 1");
    expect(await restoreBlocker(databaseUrl)).toMatch(/connected/);
    await app.$disconnect();
  }, 60_000);
});
