import { can } from "@/lib/auth/roles";
import { getCurrentUser } from "@/server/session";
import { DASHBOARD_TABLES, dashboardTable, type DashboardTable } from "@/lib/dashboard/dashboard-export";
import { getDashboard, parseDashboardFilters, scopeFilters } from "@/lib/dashboard/dashboard-queries";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { exportFileName, toCsv, toXlsx } from "@/lib/export/table-export";
import { calendarDateIn } from "@/lib/format/calendar-date";

export const dynamic = "force-dynamic";

/** A dashboard table as CSV or XLSX, with the same filters and scope as the page. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  if (!can(user.role, "dashboard:read")) return new Response("Forbidden", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const table = params.table as DashboardTable;
  const format = params.format === "xlsx" ? "xlsx" : params.format === "csv" ? "csv" : null;
  if (!(DASHBOARD_TABLES as readonly string[]).includes(table) || !format) return new Response("Unknown table or format", { status: 400 });
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  const filters = scopeFilters(parseDashboardFilters(params), user);
  const data = dashboardTable(table, await getDashboard(db(), today, filters), user.locale);
  const headers = { "content-disposition": `attachment; filename="${exportFileName(data, format, today)}"`, "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
  if (format === "csv") return new Response(toCsv(data), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await toXlsx(data)), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
