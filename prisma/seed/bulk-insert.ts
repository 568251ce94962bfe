/**
 * Fast bulk insert for generated data: Prisma's createMany is too slow for the 600,000 rows of
 * the benchmark set (over three minutes on SQLite). SQLite gets one transaction of prepared
 * statements through better-sqlite3; PostgreSQL gets multi-row INSERTs through pg. Values are
 * written in the formats the Prisma client reads back: SQLite instants as unix epoch
 * milliseconds (the adapter's timestampFormat), booleans as 0/1; PostgreSQL instants as UTC.
 * The seed integration test reads every table back through Prisma to prove it.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath } from "@/lib/db/client";

export type TableRows = { table: string; rows: Array<Record<string, unknown>>; timestamps: "both" | "created" | "none" };

function withTimestamps(t: TableRows, now: Date): Array<Record<string, unknown>> {
  if (t.timestamps === "none") return t.rows;
  return t.rows.map((r) => ({ createdAt: now, ...(t.timestamps === "both" ? { updatedAt: now } : {}), ...r }));
}

/** Column list: the union of keys, in first-seen order. Missing values are NULL (or the DB default is not used). */
function columnsOf(rows: Array<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function sqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

function pgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace("Z", "");
  if (typeof v === "bigint") return v.toString();
  return v;
}

export async function bulkInsert(url: string, tables: TableRows[]): Promise<void> {
  const now = new Date();
  if (providerOf(url) === "sqlite") {
    const sqlite = new Database(sqlitePath(url));
    try {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("busy_timeout = 10000");
      sqlite.defaultSafeIntegers(true);
      const run = sqlite.transaction(() => {
        for (const t of tables) {
          const rows = withTimestamps(t, now);
          if (rows.length === 0) continue;
          const cols = columnsOf(rows);
          const stmt = sqlite.prepare(`INSERT INTO "${t.table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
          for (const r of rows) stmt.run(...cols.map((c) => sqliteValue(r[c])));
        }
      });
      run();
      sqlite.exec("ANALYZE");
    } finally {
      sqlite.close();
    }
    return;
  }

  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: parsed.toString(), ...(schema ? { options: `-c search_path="${schema.replace(/"/g, "")}"` } : {}) });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const t of tables) {
      const rows = withTimestamps(t, now);
      if (rows.length === 0) continue;
      const cols = columnsOf(rows);
      // PostgreSQL allows 65,535 parameters per statement.
      const perStatement = Math.max(1, Math.floor(60_000 / cols.length));
      for (let i = 0; i < rows.length; i += perStatement) {
        const batch = rows.slice(i, i + perStatement);
        const params: unknown[] = [];
        const tuples = batch.map((r) => `(${cols.map((c) => (params.push(pgValue(r[c])), `$${params.length}`)).join(", ")})`);
        await client.query(`INSERT INTO "${t.table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, params);
      }
    }
    await client.query("COMMIT");
    // Fresh planner statistics (without them the first queries plan for empty tables), and the
    // pages marked all-visible, as autovacuum leaves a table some minutes after a load: until then
    // PostgreSQL reads no index alone (the manager dashboard's sums: 113 ms before, 20 ms after).
    await client.query(`VACUUM (ANALYZE) ${[...new Set(tables.map((t) => `"${t.table}"`))].join(", ")}`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
