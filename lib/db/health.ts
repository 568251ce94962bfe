import { db, providerOfClient, type Db } from "@/lib/db/client";

/** SELECT 1 against the database, bounded in time so a hung server answers fast. */
export async function checkDatabase(client: Db = db(), timeoutMs = 3_000): Promise<{ ok: true } | { ok: false; error: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a PostgreSQL server's settings would quietly cost this app, one line each (none on SQLite,
 * or when all is well). PostgreSQL finds rows through an index alone ("index-only scan") only
 * where VACUUM has marked the table's pages all-visible; with autovacuum off that never happens
 * after a bulk load or an import, and updated rows leave dead versions behind that every read
 * steps over. Measured on the large set: the manager dashboard's sums of 42,879 invoices took
 * 113 ms before the table was vacuumed and 20 ms after. Checked: the server's `autovacuum`, and
 * the app's own tables switched off one by one (`autovacuum_enabled = false`).
 */
export async function postgresMaintenanceWarnings(client: Db = db()): Promise<string[]> {
  if (providerOfClient(client) !== "postgresql") return [];
  const [server] = await client.$queryRawUnsafe<{ setting: string }[]>(`SELECT setting FROM pg_settings WHERE name = 'autovacuum'`);
  const off = await client.$queryRawUnsafe<{ relname: string }[]>(
    `SELECT c.relname FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM unnest(c.reloptions) o WHERE lower(o) IN ('autovacuum_enabled=false', 'autovacuum_enabled=off', 'autovacuum_enabled=0', 'autovacuum_enabled=no'))
      ORDER BY c.relname`,
  );
  const warnings: string[] = [];
  if (server?.setting !== "on") {
    warnings.push("autovacuum is off on this PostgreSQL server: tables are never vacuumed, so reads cannot use index-only scans and slow down as updated rows pile up (turn it on: ALTER SYSTEM SET autovacuum = on, then SELECT pg_reload_conf(); or run VACUUM (ANALYZE) after large imports)");
  }
  if (off.length) warnings.push(`autovacuum is switched off for table(s) ${off.map((r) => `"${r.relname}"`).join(", ")} (ALTER TABLE … RESET (autovacuum_enabled) turns it back on)`);
  return warnings;
}
