import { z } from "zod";
import { openItemsTable } from "@/lib/debtors/debtor-exports";
import { DomainError } from "@/lib/errors/domain-error";
import { exportFileName, toCsv, toXlsx } from "@/lib/export/table-export";
import { officeClock } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

const Query = z.strictObject({ format: z.enum(["csv", "xlsx"]) });

/** Every open item with its debtor, dates, amounts, costs, interest and dunning step, as CSV or XLSX. */
export const GET = createRoute({
  permission: "debtors:read",
  query: Query,
  handler: async ({ user, db, query }) => {
    const { today } = officeClock();
    const data = await openItemsTable(db, { today, locale: user.locale });
    if (!data) throw new DomainError("invalid", "too many rows", { export: ["exports.tooMany"] });
    const fileName = exportFileName(data, query.format, today);
    if (query.format === "csv") return { file: toCsv(data, user.locale === "nl" ? { delimiter: ";", decimalComma: true } : { delimiter: "," }), contentType: "text/csv; charset=utf-8", fileName };
    return { file: new Uint8Array(await toXlsx(data)), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  },
});
