import { z } from "zod";
import { exportFileName, toCsv, toXlsx } from "@/lib/export/table-export";
import { TimelineExportQuery } from "@/lib/privacy/privacy-schemas";
import { debtorTimelineTable } from "@/lib/privacy/timeline-export";
import { idField } from "@/lib/validation/fields";
import { officeClock } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

/** A debtor's whole timeline as CSV (Dutch Excel: ";" and a decimal comma for Dutch users) or XLSX. */
export const GET = createRoute({
  permission: "debtors:read",
  query: TimelineExportQuery,
  params: z.object({ debtorId: idField }),
  handler: async ({ user, db, query, params }) => {
    const { today, timeZone } = officeClock();
    const table = await debtorTimelineTable(db, user, params.debtorId, { locale: user.locale, timeZone });
    const fileName = exportFileName(table, query.format, today);
    if (query.format === "csv") return { file: toCsv(table, user.locale === "nl" ? { delimiter: ";", decimalComma: true } : { delimiter: "," }), contentType: "text/csv; charset=utf-8", fileName };
    return { file: new Uint8Array(await toXlsx(table)), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  },
});
