import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { importReceivables } from "@/lib/imports/import-receivables";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";
import { officeClock } from "@/server/context";

export const dynamic = "force-dynamic";

/**
 * A nightly job pushes the day's export here. A refused file (errors) answers 422 with the row
 * errors and imports nothing; the same file again changes nothing.
 */
export const POST = apiRoute(OPERATIONS.createImport, async ({ db, query, raw, caller, now }) => {
  const outcome = await importReceivables(
    db as Db,
    caller,
    { source: query.source, kind: query.kind, fileName: query.fileName, bytes: raw!, dryRun: query.dryRun, ...(query.fileDate ? { fileDate: query.fileDate } : {}) },
    { today: officeClock(now).today, now, timeZone: settings().timeZone, graceDays: settings().promiseGraceDays },
  );
  return { status: outcome.status === "refused" ? 422 : 200, body: outcome };
});
