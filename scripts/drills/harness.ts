/**
 * What every drill run needs around the drill itself: a fresh, migrated database per drill (a new
 * SQLite file under data/drills/, a new schema on the PostgreSQL server), the command line, and
 * the one table of figures.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { errorText, type Drill, type DrillResult } from "./drill";

const run = promisify(execFile);

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DRILL_DIR = path.join(ROOT, "data/drills");
/**
 * How to start a TypeScript child: node itself with tsx's loader. (node_modules/.bin/tsx runs
 * the script in a grandchild, so a SIGKILL would hit only the wrapper and orphan the script.)
 */
export function tsxCommand(script: string, ...args: string[]): [string, string[]] {
  return [process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args]];
}

export type DbKind = "sqlite" | "postgresql";
export type FreshDb = { kind: DbKind; url: string; drop: () => Promise<void> };

const token = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

async function migrate(url: string): Promise<void> {
  await run(process.execPath, [path.join(ROOT, "scripts/migrate.mjs"), "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } });
}

/** A path under data/drills/ for a drill's own extra files (backups, configs). */
export function drillFile(name: string): string {
  fs.mkdirSync(DRILL_DIR, { recursive: true });
  return path.join(DRILL_DIR, `${name}-${token()}`);
}

export function removeSqlite(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

export async function freshSqlite(name: string): Promise<FreshDb> {
  const file = `${drillFile(name)}.db`;
  const url = `file:${file}`;
  await migrate(url);
  return { kind: "sqlite", url, drop: async () => removeSqlite(file) };
}

/** The server's URL without `schema`, for admin statements. */
export function serverUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

export async function pgAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(url) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshPgSchema(base: string, name: string): Promise<FreshDb> {
  const schema = `drill_${name.replace(/[^a-z0-9]/gi, "_")}_${token()}`.toLowerCase();
  const u = new URL(base);
  u.searchParams.set("schema", schema);
  const url = u.toString();
  await migrate(url);
  return { kind: "postgresql", url, drop: () => pgAdmin(base, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined)) };
}

export type RunOptions = { long: boolean; pgUrl: string | null; keep: boolean };
export type Row = { drill: string; db: DbKind; result: DrillResult; seconds: number; skipped?: string };

export async function runDrill(name: string, drill: Drill, kind: DbKind, opts: RunOptions): Promise<Row> {
  const started = Date.now();
  let fresh: FreshDb | null = null;
  let result: DrillResult;
  try {
    fresh = kind === "sqlite" ? await freshSqlite(name) : await freshPgSchema(opts.pgUrl!, name);
    result = await drill({ long: opts.long, databaseUrl: fresh.url });
  } catch (e) {
    result = { name, figures: {}, ok: false, notes: [`the drill itself failed: ${errorText(e)}`, ...(e instanceof Error && e.stack ? [e.stack.split("\n").slice(1, 4).join(" | ")] : [])] };
  } finally {
    if (fresh && !opts.keep) await fresh.drop().catch((e: unknown) => console.error(`could not drop ${fresh!.url}: ${errorText(e)}`));
    else if (fresh) console.error(`kept ${fresh.url}`);
  }
  return { drill: name, db: kind, result, seconds: (Date.now() - started) / 1000 };
}

export function printTable(rows: Row[]): void {
  const lines: [string, string, string, string][] = [["drill", "db", "figure", "value"]];
  for (const r of rows) {
    if (r.skipped) {
      lines.push([r.drill, r.db, "skipped", r.skipped]);
      continue;
    }
    for (const [figure, value] of Object.entries(r.result.figures)) lines.push([r.drill, r.db, figure, String(value)]);
    lines.push([r.drill, r.db, "=> result", `${r.result.ok ? "ok" : "FAILED"} in ${r.seconds.toFixed(1)} s`]);
  }
  const width = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  const out = lines.map((l) => [l[0].padEnd(width[0]!), l[1].padEnd(width[1]!), l[2].padEnd(width[2]!), l[3]].join("  "));
  out.splice(1, 0, "-".repeat(Math.min(120, width[0]! + width[1]! + width[2]! + 20)));
  console.log(out.join("\n"));
  for (const r of rows) for (const n of r.result.notes ?? []) console.log(`${r.result.ok ? "note" : "FAIL"} ${r.drill}/${r.db}: ${n}`);
  const total = rows.reduce((s, r) => s + r.seconds, 0);
  const failed = rows.filter((r) => !r.skipped && !r.result.ok);
  console.log(`${rows.length - failed.length} of ${rows.length} drill runs ok, ${total.toFixed(1)} s in all${failed.length ? `; FAILED: ${failed.map((r) => `${r.drill}/${r.db}`).join(", ")}` : ""}.`);
}

/** `[--long] [--pg <url>] [--keep] [names...]`; PostgreSQL also from TEST_DATABASE_URL. */
export function parseArgs(argv: string[]): RunOptions & { names: string[] } {
  const names: string[] = [];
  let long = false;
  let keep = false;
  let pgUrl: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--long") long = true;
    else if (a === "--keep") keep = true;
    else if (a === "--pg") pgUrl = argv[++i] ?? null;
    else if (a.startsWith("--pg=")) pgUrl = a.slice(5);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (!pgUrl && fromEnv && /^postgres(ql)?:\/\//.test(fromEnv)) pgUrl = fromEnv;
  if (pgUrl !== null && !/^postgres(ql)?:\/\//.test(pgUrl)) throw new Error(`--pg needs a postgresql:// URL, got "${pgUrl}"`);
  return { long, keep, pgUrl, names };
}

export async function runAll(entries: { name: string; drill: Drill | null; missing?: string }[], opts: RunOptions): Promise<number> {
  const kinds: DbKind[] = opts.pgUrl ? ["sqlite", "postgresql"] : ["sqlite"];
  const rows: Row[] = [];
  for (const e of entries) {
    for (const kind of kinds) {
      if (!e.drill) {
        rows.push({ drill: e.name, db: kind, result: { name: e.name, figures: {}, ok: false }, seconds: 0, skipped: e.missing ?? "not available" });
        continue;
      }
      console.error(`[drills] ${e.name} on ${kind}${opts.long ? " (long)" : ""} ...`);
      const row = await runDrill(e.name, e.drill, kind, opts);
      console.error(`[drills] ${e.name} on ${kind}: ${row.result.ok ? "ok" : "FAILED"} in ${row.seconds.toFixed(1)} s`);
      rows.push(row);
    }
  }
  printTable(rows);
  return rows.some((r) => !r.skipped && !r.result.ok) ? 1 : 0;
}

/** At the end of a drill file: runs that drill when the file is started on its own. */
export async function runAlone(moduleUrl: string, name: string, drill: Drill): Promise<void> {
  if (path.resolve(process.argv[1] ?? "") !== fileURLToPath(moduleUrl)) return;
  const opts = parseArgs(process.argv.slice(2));
  process.exit(await runAll([{ name, drill }], opts));
}
