import { db, providerOf } from "@/lib/db/client";
import { checkDatabase, postgresMaintenanceWarnings } from "@/lib/db/health";
import fs from "node:fs";
import { pidFileOf } from "@/lib/db/backup";
import { ConfigError, isPostgresUrl, settings } from "@/lib/env/settings";
import { ensureFirstAdmin } from "@/lib/users/manage-users";

/** Shows a database URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.startsWith("file:") ? url : "(unparseable)";
  }
}

/** Returns one line describing what is wrong (every bad setting), or null when the app can start. */
export async function runStartupChecks(): Promise<string | null> {
  let url: string;
  try {
    url = settings().databaseUrl;
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  const reachable = await checkDatabase(db(), 5_000);
  if (!reachable.ok) return `DATABASE_URL: cannot reach the database at ${redactUrl(url)} (${reachable.error.split("\n")[0]})`;
  try {
    await db().$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "_prisma_migrations"`);
  } catch {
    return `DATABASE_URL: the ${providerOf(url)} database at ${redactUrl(url)} has no schema yet; run npm run db:migrate`;
  }
  if (!isPostgresUrl(url)) markRunning(url);
  // Said once per start (by the only process, or the first web process of scripts/serve.mjs); none on SQLite.
  const role = process.env.DUNNING_PROCESS;
  if (!role || role === "web-0") {
    for (const warning of await postgresMaintenanceWarnings(db())) console.warn(`[dunning-workbench] PostgreSQL: ${warning}`);
  }
  const admin = settings().admin;
  if (admin && (await ensureFirstAdmin(db(), admin))) console.log(`[dunning-workbench] created the first admin from ADMIN_EMAIL (${admin.email})`);
  return null;
}

/** A pid file beside the SQLite database while the app runs, so `npm run db:restore` refuses. */
function markRunning(url: string): void {
  // Under the multi-process start (scripts/serve.mjs) the supervisor keeps the file for all its processes.
  if (process.env.DUNNING_SUPERVISOR_PID) return;
  const file = pidFileOf(url);
  fs.writeFileSync(file, String(process.pid));
  process.once("exit", () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  });
}
