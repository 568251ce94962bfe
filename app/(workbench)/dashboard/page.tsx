import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { getDashboardCached } from "@/lib/dashboard/dashboard-cache";
import { parseDashboardFilters, scopeFilters } from "@/lib/dashboard/dashboard-queries";
import { db } from "@/lib/db/client";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";
import { listControllers } from "@/lib/debtors/debtor-queries";
import { AgingPanel } from "./aging-panel";
import { CallsPanel } from "./calls-panel";
import { DashboardFilters } from "./dashboard-filters";
import { dashboardView } from "./dashboard-view";
import { DisputesPanel } from "./disputes-panel";
import { OverviewFigures } from "./overview-figures";
import { InsuredDeadlinesPanel, TopDebtorsPanel } from "./position-panels";
import { PromisesPanel } from "./promises-panel";
import { DsoTrendPanel, WeeklyTrendPanel } from "./trend-panels";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("nav.dashboard");

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("dashboard:read");
  const clock = officeClock();
  const ownOnly = user.role === "controller";
  const filters = scopeFilters(parseDashboardFilters(await searchParams), user);
  const [d, controllers] = await Promise.all([getDashboardCached(db(), clock.today, filters, clock.now), ownOnly ? Promise.resolve([]) : listControllers(db())]);
  const view = dashboardView(user.locale, filters);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-base font-semibold">{view.t("dashboard.title")}</h1>
          <span className="text-[12px] text-slate-500" data-testid="dashboard-as-of" title={view.t("dashboard.asOfTitle")}>
            {view.t("dashboard.asOf", { time: dateTimeFormat(localeTag(user.locale), { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: clock.timeZone }).format(d.computedAt) })}
          </span>
        </div>
        <DashboardFilters t={view.t} filters={filters} ownOnly={ownOnly} controllers={controllers} currencies={d.currencies} />
      </div>
      <OverviewFigures view={view} d={d} />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 xl:grid-cols-2">
        <AgingPanel view={view} overview={d.overview} />
        <WeeklyTrendPanel view={view} weekly={d.weekly} />
        <DsoTrendPanel view={view} effectiveness={d.effectiveness} />
        <PromisesPanel view={view} promises={d.promises} />
        <DisputesPanel view={view} disputes={d.disputes} />
        <CallsPanel view={view} calls={d.calls} />
        <TopDebtorsPanel view={view} top={d.top} />
        <InsuredDeadlinesPanel view={view} insured={d.insured} />
      </div>
    </div>
  );
}
