/**
 * `npm run db:restore -- <file>`: puts a backup from `npm run db:backup` back into DATABASE_URL.
 * Refuses while the app runs (its pid file beside the SQLite database, or its connections to
 * PostgreSQL); checks a SQLite backup's integrity first and removes the old WAL files.
 */
import fs from "node:fs";
import { restoreDatabase } from "@/lib/db/backup";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const source = process.argv[2];
if (!source) {
  console.error("usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
restoreDatabase(url, source)
  .then(() => console.log(`Restored ${source} into the database. Start the app again.`))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
