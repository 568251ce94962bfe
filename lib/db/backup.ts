import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { isPostgresUrl } from "@/lib/env/settings";
import { APP_CONNECTION_NAME, sqlitePath } from "./client";

/**
 * Online, consistent backups and a guarded restore. SQLite: the backup API copies a consistent
 * snapshot while the app keeps writing (never copy a live file with cp: the WAL would be left
 * behind). PostgreSQL: pg_dump in its custom format, restored with pg_restore. A restore refuses
 * while the app is running, because it would pull the data out from under it.
 */
const run = promisify(execFile);

/** The app's pid file beside a SQLite database: written at start-up, removed at exit. */
export function pidFileOf(url: string): string {
  return `${sqlitePath(url)}.app.pid`;
}

/** PostgreSQL URL without the `schema` parameter (pg tools refuse it) and the schema, if any. */
function pgTarget(url: string): { uri: string; schema: string | null } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  return { uri: u.toString(), schema };
}

export async function backupDatabase(url: string, target: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (isPostgresUrl(url)) {
    const { uri, schema } = pgTarget(url);
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${target}`, ...(schema ? [`--schema=${schema}`] : []), uri]);
  } else {
    const db = new Database(sqlitePath(url), { fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
  }
  return { bytes: fs.statSync(target).size };
}

/** Why a restore may not run now, or null. */
export async function restoreBlocker(url: string): Promise<string | null> {
  if (isPostgresUrl(url)) {
    const { uri } = pgTarget(url);
    const { stdout } = await run("psql", [uri, "-At", "-c", `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '${APP_CONNECTION_NAME}' AND pid <> pg_backend_pid()`]);
    return Number(stdout.trim()) > 0 ? "the app is connected to this database: stop it first" : null;
  }
  const pidFile = pidFileOf(url);
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  try {
    process.kill(pid, 0);
    return `the app is running (pid ${pid}): stop it first`;
  } catch {
    return null; // a pid file left by a crash
  }
}

export async function restoreDatabase(url: string, source: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`no backup at ${source}`);
  const blocker = await restoreBlocker(url);
  if (blocker) throw new Error(`cannot restore: ${blocker}`);
  if (isPostgresUrl(url)) {
    const { uri } = pgTarget(url);
    // The search's trigram indexes use pg_trgm, installed once per database into "public" (see
    // the migration search_trigram_indexes); a backup of the app's schema does not carry it. Into
    // a fresh database it is installed first, when the role may; if not, pg_restore says so.
    await run("psql", [uri, "-q", "-c", "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"]).catch(() => undefined);
    await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${uri}`, source]);
    return;
  }
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`the backup fails its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  const file = sqlitePath(url);
  const incoming = `${file}.restoring`;
  fs.copyFileSync(source, incoming);
  // The old database's WAL and shared-memory files belong to the old data: left beside the
  // restored file they would be replayed into it.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(incoming, file);
}
