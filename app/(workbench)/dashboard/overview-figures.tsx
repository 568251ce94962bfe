import { Link } from "@/components/ui/link";
import { Stat } from "@/components/ui/stat";
import type { Dashboard } from "@/lib/dashboard/dashboard-queries";
import { debtorsHref, type DashboardView } from "./dashboard-view";

/** The headline figures; each opens the debtors list it counts. */
export function OverviewFigures({ view, d }: { view: DashboardView; d: Dashboard }) {
  const { t, filters: f, money, date, num, pct } = view;
  const o = d.overview;
  const e = d.effectiveness;
  const keptRate = d.promises.keptRate === null ? "—" : `${Math.round(d.promises.keptRate * 100)}%`;
  return (
    <div className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-7" data-testid="dashboard-figures">
      <Link href={debtorsHref(f, {})}>
        <Stat label={t("dashboard.open")} value={money(o.openCents)} />
      </Link>
      <Link href={debtorsHref(f, { overdue: "1", sort: "open" })}>
        <Stat label={t("dashboard.overdue")} value={money(o.overdueCents)} tone="red" hint={t("dashboard.overdueShare", { pct: pct(o.overdueCents, o.openCents) })} />
      </Link>
      <Link href={debtorsHref(f, { overdue: "1" })} data-testid="figure-debtors-overdue">
        <Stat label={t("dashboard.debtorsOverdue")} value={o.debtorsOverdue} />
      </Link>
      <Link href={debtorsHref(f, { dispute: "1" })}>
        <Stat label={t("dashboard.disputes")} value={o.openDisputes} tone={o.openDisputes ? "amber" : "default"} />
      </Link>
      <Link href={debtorsHref(f, { sort: "open" })}>
        <Stat label={t("dashboard.dso")} value={e.dso === null ? "—" : t("common.days", { count: num(e.dso) })} hint={t("dashboard.dso.hint")} />
      </Link>
      <Link href={debtorsHref(f, { overdue: "1", sort: "oldest" })}>
        <Stat label={t("dashboard.cei")} value={e.cei === null ? "—" : `${num(e.cei)}%`} hint={e.ceiFrom ? t("dashboard.cei.hint", { date: date(e.ceiFrom) }) : t("dashboard.noHistory")} />
      </Link>
      <Link href={debtorsHref(f, { promise: "broken" })}>
        <Stat label={t("dashboard.keptRate")} value={keptRate} hint={t("dashboard.keptRate.hint", { kept: d.promises.kept, broken: d.promises.broken })} />
      </Link>
    </div>
  );
}
