/**
 * `npm run dunning:run`: today's dunning run (the app also runs it daily at DUNNING_RUN_AT).
 * Safe to repeat: a second run the same day sends nothing twice; after a crash it finishes the rest.
 */
import fs from "node:fs";
import { db } from "@/lib/db/client";
import { runDunningToday } from "@/server/jobs/dunning";

if (fs.existsSync(".env")) process.loadEnvFile(".env");

const started = Date.now();
runDunningToday()
  .then(async (r) => {
    console.log(
      `Dunning run ${r.runDate}: ${r.debtorsConsidered} debtors with open items, ${r.messages} steps taken (${r.emails} e-mails, ${r.letters} letters, ${r.tasks} call/hand-over tasks); ${r.skippedToday} already done today. ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (r.missingRates.length) console.warn(`Warning: no interest rate known for ${r.missingRates.join(", ")}; add it on the dunning page.`);
    if (r.staleRates.length) console.warn(`Warning: no rate entered for ${r.staleRates.join(", ")}; the last known rate was used. Add the published rate on the dunning page.`);
    await db().$disconnect();
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
