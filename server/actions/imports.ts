"use server";

import { revalidatePath } from "next/cache";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { settings } from "@/lib/env/settings";
import { importReceivables, type ImportOutcome } from "@/lib/imports/import-receivables";
import { ImportFormInput } from "@/lib/imports/import-schemas";
import { createAction } from "@/server/create-action";

/** The outcome as the form shows it (amounts as strings: no bigint over the wire; each error as its catalogue key, shown in the user's language). */
function view(r: ImportOutcome) {
  return {
    runId: r.runId, status: r.status, rows: r.rows, headers: r.headers, mapping: r.mapping, debtors: r.debtors, invoices: r.invoices, contacts: r.contacts, payments: r.payments,
    errors: r.errors.slice(0, 100).map((e) => ({ row: e.row, problem: e.problem })), errorCount: r.errors.length,
  };
}

async function run(input: ImportFormInput, user: { id: string; role: Parameters<typeof importReceivables>[1]["role"] }, db: Parameters<typeof importReceivables>[0], dryRun: boolean) {
  const now = new Date();
  const today = calendarDateIn(now, settings().timeZone);
  const { timeZone, promiseGraceDays } = settings();
  return importReceivables(
    db, user,
    { source: input.source, kind: input.kind, fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()), fileDate: input.fileDate ?? today, mapping: input.mapping, dryRun },
    { today, now, timeZone, graceDays: promiseGraceDays },
  );
}

/** Dry run: the mapping and what the file would create, change and close; nothing written but the history line. */
export const previewImportAction = createAction({
  input: ImportFormInput,
  permission: "imports:write",
  handler: async (input, { user, db }) => {
    const r = await run(input, user, db, true);
    revalidatePath("/imports");
    return view(r);
  },
});

/** The import itself, all or nothing. Repeating it (a double click, a lost reply) changes nothing: the keys are the file's own. */
export const runImportAction = createAction({
  input: ImportFormInput,
  permission: "imports:write",
  handler: async (input, { user, db }) => {
    const r = await run(input, user, db, false);
    revalidatePath("/imports");
    revalidatePath("/debtors");
    revalidatePath("/worklist");
    if (input.kind === "payments") revalidatePath("/dashboard");
    return view(r);
  },
});
