/**
 * `npm run db:backup [-- <file>]`: an online, consistent backup of DATABASE_URL while the app keeps
 * running (SQLite backup API; pg_dump for PostgreSQL). Default file: backups/dunning-<time>.(db|dump).
 */
import fs from "node:fs";
import { backupDatabase } from "@/lib/db/backup";
import { DEFAULT_DATABASE_URL, isPostgresUrl } from "@/lib/env/settings";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? `backups/dunning-${stamp}.${isPostgresUrl(url) ? "dump" : "db"}`;
backupDatabase(url, target)
  .then(({ bytes }) => console.log(`Backup written to ${target} (${(bytes / 1_048_576).toFixed(1)} MB).`))
  .catch((e: unknown) => {
    console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
