import { z } from "zod";
import { dbProvider } from "@/lib/db/client";
import { debtorListTable } from "@/lib/debtors/debtor-exports";
import { DebtorIdsParam, parseListDebtorsParams } from "@/lib/debtors/debtor-schemas";
import { DomainError } from "@/lib/errors/domain-error";
import { exportFileName, toCsv, toXlsx } from "@/lib/export/table-export";
import { officeClock } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

// The other query parameters are the debtor list's filters, read as the page reads them; `ids`
// (comma-separated, at most 500) narrows the export to a selection made on the list.
const Query = z.looseObject({ format: z.enum(["csv", "xlsx"]), ids: DebtorIdsParam.optional() });

/** The debtor list with the filters on screen, all pages, as CSV (Dutch Excel: ";" for Dutch users) or XLSX. */
export const GET = createRoute({
  permission: "debtors:read",
  query: Query,
  handler: async ({ user, db, query, request }) => {
    const { today } = officeClock();
    const input = parseListDebtorsParams(Object.fromEntries(new URL(request.url).searchParams));
    const data = await debtorListTable(db, input, { today, userId: user.id, provider: dbProvider(), locale: user.locale }, { ids: query.ids });
    if (!data) throw new DomainError("invalid", "too many rows", { export: ["exports.tooMany"] });
    const fileName = exportFileName(data, query.format, today);
    if (query.format === "csv") return { file: toCsv(data, user.locale === "nl" ? { delimiter: ";", decimalComma: true } : { delimiter: "," }), contentType: "text/csv; charset=utf-8", fileName };
    return { file: new Uint8Array(await toXlsx(data)), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  },
});
