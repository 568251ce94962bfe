import { z } from "zod";
import { DASHBOARD_TABLES, dashboardTable } from "@/lib/dashboard/dashboard-export";
import { getDashboard, parseDashboardFilters, scopeFilters } from "@/lib/dashboard/dashboard-queries";
import { exportFileName, toCsv, toXlsx } from "@/lib/export/table-export";
import { officeClock } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

// The other query parameters are the dashboard's filters, read as the page reads them.
const Query = z.looseObject({ table: z.enum(DASHBOARD_TABLES), format: z.enum(["csv", "xlsx"]) });

/** A dashboard table as CSV or XLSX, with the same filters and scope as the page. */
export const GET = createRoute({
  permission: "dashboard:read",
  query: Query,
  handler: async ({ user, db, query, request }) => {
    const { today } = officeClock();
    const filters = scopeFilters(parseDashboardFilters(Object.fromEntries(new URL(request.url).searchParams)), user);
    const data = dashboardTable(query.table, await getDashboard(db, today, filters), user.locale);
    const fileName = exportFileName(data, query.format, today);
    if (query.format === "csv") return { file: toCsv(data, user.locale === "nl" ? { delimiter: ";", decimalComma: true } : { delimiter: "," }), contentType: "text/csv; charset=utf-8", fileName };
    return { file: new Uint8Array(await toXlsx(data)), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
  },
});
