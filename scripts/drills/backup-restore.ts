/**
 * Backup during writes, and a restore. While writer.ts makes user writes through the app's use
 * cases, `npm run db:backup`'s function (backupDatabase: SQLite's backup API, pg_dump) takes a
 * backup (short: 1, long: 5, spread over the writes); each is restored with restoreDatabase into
 * a new SQLite file or a new PostgreSQL database, and must hold every write acknowledged before
 * its backup started, pass the integrity check (SQLite) and show no balance drift.
 *
 *   npx tsx scripts/drills/backup-restore.ts [--long] [--pg <url>]
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { backupDatabase, restoreDatabase } from "@/lib/db/backup";
import { createDb, providerOf, sqlitePath } from "@/lib/db/client";
import { findBalanceDrift } from "@/lib/debtors/debtor-balance";
import { Figures, sleep, type DrillOptions, type DrillResult } from "./drill";
import { drillFile, pgAdmin, removeSqlite, runAlone } from "./harness";
import { missingWrites, startWriter, WriteLog, writerFixture, type Intent, type WriteResult, type WriterHandle } from "./writes";

type Acked = { intent: Intent; result: WriteResult };
type Taken = { file: string; acked: Acked[]; ms: number; bytes: number };

/** A new place to restore into: a SQLite file, or a new database on the PostgreSQL server (its schema name comes with the dump). */
async function restoreTarget(sourceUrl: string): Promise<{ restoreUrl: string; readUrl: string; drop: () => Promise<void> }> {
  if (providerOf(sourceUrl) === "sqlite") {
    const file = `${drillFile("restored")}.db`;
    return { restoreUrl: `file:${file}`, readUrl: `file:${file}`, drop: async () => removeSqlite(file) };
  }
  const name = `drill_restore_${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  await pgAdmin(sourceUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(sourceUrl);
  const schema = u.searchParams.get("schema");
  u.pathname = `/${name}`;
  const readUrl = u.toString();
  u.searchParams.delete("schema");
  return { restoreUrl: u.toString(), readUrl: schema ? readUrl : u.toString(), drop: () => pgAdmin(sourceUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("backup-restore");
  const backups = opts.long ? 5 : 1;
  const isSqlite = providerOf(opts.databaseUrl) === "sqlite";
  const db = createDb(opts.databaseUrl);
  const taken: Taken[] = [];
  let writer: WriterHandle | null = null;
  try {
    const base = await writerFixture(db, opts.databaseUrl, 4);
    const log = new WriteLog();
    const w = (writer = startWriter(log));
    w.begin({ ...base, replay: [], replayOnly: false });
    await w.ready;
    let writesDuringBackups = 0;
    for (let b = 0; b < backups; b++) {
      const want = w.acks() + 30;
      while (w.acks() < want && w.child.exitCode === null) await sleep(10);
      const acked = [...log.acked.values()];
      const file = `${drillFile("backup")}.${isSqlite ? "db" : "dump"}`;
      const started = Date.now();
      const { bytes } = await backupDatabase(opts.databaseUrl, file);
      taken.push({ file, acked, ms: Date.now() - started, bytes });
      writesDuringBackups += log.ackCount() - acked.length;
    }
    w.child.kill("SIGKILL");
    await w.exited;
    f.set("backups taken during writes", backups);
    f.set("writes acknowledged before the last backup began", taken.at(-1)?.acked.length ?? 0);

    let missing = 0;
    let notIntact = 0;
    let drifted = 0;
    for (const t of taken) {
      const target = await restoreTarget(opts.databaseUrl);
      try {
        await restoreDatabase(target.restoreUrl, t.file);
        if (isSqlite) {
          const check = new Database(sqlitePath(target.readUrl), { readonly: true });
          try {
            if (check.pragma("integrity_check", { simple: true }) !== "ok") notIntact++;
          } finally {
            check.close();
          }
        }
        const restored = createDb(target.readUrl);
        try {
          const lost = await missingWrites(restored, t.acked, false);
          missing += lost.length;
          for (const m of lost.slice(0, 3)) f.note(`not in the backup: ${m}`);
          const drift = await findBalanceDrift(restored);
          drifted += new Set(drift.map((d) => d.debtorId)).size;
          for (const d of drift.slice(0, 2)) f.note(`drift in the restore: ${d.debtorId} ${d.column}`);
        } finally {
          await restored.$disconnect();
        }
      } finally {
        await target.drop();
      }
    }
    f.set("writes acknowledged while a backup ran", writesDuringBackups);
    f.set("backup size (MB, last)", Number(((taken.at(-1)?.bytes ?? 0) / 1_048_576).toFixed(2)));
    f.set("backup time (ms, max)", Math.max(...taken.map((t) => t.ms)));
    f.must("acknowledged writes missing from a restore", missing, 0);
    if (isSqlite) f.must("restores failing integrity_check", notIntact, 0);
    f.must("debtors with balance drift in a restore", drifted, 0);
    f.must("errors in the writer", log.errors.length, 0);
    for (const e of log.errors.slice(0, 3)) f.note(`writer: ${e}`);
    return f.result();
  } finally {
    if (writer && writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill("SIGKILL");
    await db.$disconnect();
    // Opened to check it, a SQLite backup grows -wal/-shm files of its own.
    for (const t of taken) removeSqlite(t.file);
  }
}

await runAlone(import.meta.url, "backup-restore", drill);
