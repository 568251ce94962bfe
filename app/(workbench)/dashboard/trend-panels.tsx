import { LineChart, PairedBars } from "@/components/charts/charts";
import { EmptyState } from "@/components/ui/panel";
import type { Effectiveness, WeekPoint } from "@/lib/dashboard/dashboard-queries";
import { DashboardPanel } from "./dashboard-panel";
import type { DashboardView } from "./dashboard-view";

/** A chart's figures as a plain table, folded away, for reading out and copying. */
function AsTable({ label, rows }: { label: string; rows: { key: string; cells: React.ReactNode[] }[] }) {
  return (
    <details className="text-[12px]">
      <summary className="cursor-pointer text-slate-600">{label}</summary>
      <table className="w-full">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((c, i) => (
                <td key={i} className={i === 0 ? undefined : "num"}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Open and overdue per week. */
export function WeeklyTrendPanel({ view, weekly }: { view: DashboardView; weekly: WeekPoint[] }) {
  const { t, money, compact, date } = view;
  return (
    <DashboardPanel view={view} table="trend" title={t("dashboard.trend")}>
      {weekly.length < 2 ? (
        <EmptyState>{t("dashboard.noHistory")}</EmptyState>
      ) : (
        <div className="px-3 py-2">
          <PairedBars
            title={t("dashboard.trend")}
            groups={weekly.map((w) => ({ label: date(w.date).slice(0, 6), a: w.openCents, b: w.overdueCents }))}
            legend={[t("dashboard.open"), t("dashboard.overdue")]}
            format={compact}
          />
          <AsTable label={t("dashboard.asTable")} rows={weekly.map((w) => ({ key: w.date, cells: [date(w.date), money(w.openCents), money(w.overdueCents)] }))} />
        </div>
      )}
    </DashboardPanel>
  );
}

/** Days sales outstanding per month. */
export function DsoTrendPanel({ view, effectiveness }: { view: DashboardView; effectiveness: Effectiveness }) {
  const { t, money, date } = view;
  const trend = effectiveness.dsoTrend;
  return (
    <DashboardPanel view={view} table="dso" title={t("dashboard.dsoTrend")}>
      <div className="px-3 py-2">
        <LineChart title={t("dashboard.dsoTrend")} points={trend.map((p) => ({ label: date(p.date).slice(3), value: p.dso }))} format={(v) => String(Math.round(v))} />
        <AsTable label={t("dashboard.asTable")} rows={trend.map((p) => ({ key: p.date, cells: [date(p.date), p.dso ?? "—", money(p.arCents)] }))} />
      </div>
    </DashboardPanel>
  );
}
