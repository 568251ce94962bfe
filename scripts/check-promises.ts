/**
 * `npm run promises:check`: judges promises and plans past their date plus the grace days
 * (PROMISE_GRACE_DAYS, default 2) against the payments received. The running app does the same
 * every hour; this is for a cron job or to see the effect at once.
 */
import fs from "node:fs";
import { runPromiseCheck } from "@/server/jobs/promises";
import { db } from "@/lib/db/client";

// The same settings as the app (npm start writes .env).
if (fs.existsSync(".env")) process.loadEnvFile(".env");

runPromiseCheck()
  .then(async (r) => {
    console.log(`Promises checked: ${r.evaluated} due for a verdict, ${r.kept} kept, ${r.broken} broken.`);
    await db().$disconnect();
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
