import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { Stat } from "@/components/ui/stat";
import { requirePageUser } from "@/lib/auth/session";
import { getOverviewFigures } from "@/lib/dashboard/dashboard-queries";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { translator } from "@/lib/i18n/translate";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePageUser("dashboard:read");
  const t = translator(user.locale);
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  // Controllers see their own portfolio's figures; managers and admins the whole ledger.
  const ownOnly = user.role === "controller";
  const f = await getOverviewFigures(db(), today, ownOnly ? { controllerId: user.id } : {});
  const money = (c: number) => formatMoney(c, "EUR", user.locale);
  const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const max = Math.max(1, ...f.aging.map((r) => r.amountCents));

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h1 className="text-base font-semibold">{t("dashboard.title")}</h1>
        {ownOnly ? <span className="text-slate-500">{t("dashboard.scopeOwn")}</span> : null}
      </div>
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-4" data-testid="dashboard-figures">
        <Stat label={t("dashboard.open")} value={money(f.openCents)} />
        <Stat label={t("dashboard.overdue")} value={money(f.overdueCents)} tone="red" hint={t("dashboard.overdueShare", { pct: pct(f.overdueCents, f.openCents) })} />
        <Stat label={t("dashboard.debtorsOverdue")} value={f.debtorsOverdue} />
        <Stat label={t("dashboard.disputes")} value={f.openDisputes} tone={f.openDisputes ? "amber" : "default"} />
      </div>
      <Panel title={t("dashboard.aging")}>
        <table className="w-full text-[13px]" data-testid="aging-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-1 text-left font-medium">{t("dashboard.bucket")}</th>
              <th scope="col" className="px-3 py-1 text-right font-medium">{t("dashboard.amount")}</th>
              <th scope="col" className="px-3 py-1 text-right font-medium">{t("dashboard.count")}</th>
              <th scope="col" className="px-3 py-1 text-right font-medium">{t("dashboard.share")}</th>
              <th scope="col" className="w-1/3 px-3 py-1">
                <span className="sr-only">{t("dashboard.amount")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {f.aging.map((r) => (
              <tr key={r.bucket} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="px-3 py-1.5 text-left font-medium">{t(`bucket.${r.bucket}`)}</th>
                <td className="num px-3 py-1.5">{money(r.amountCents)}</td>
                <td className="num px-3 py-1.5">{r.count}</td>
                <td className="num px-3 py-1.5">{pct(r.amountCents, f.openCents)}%</td>
                <td className="px-3 py-1.5" aria-hidden>
                  <div
                    className={`h-3 rounded-sm ${r.bucket === "current" ? "bg-slate-400" : r.bucket === "1-30" ? "bg-amber-400" : r.bucket === "31-60" ? "bg-orange-500" : r.bucket === "61-90" ? "bg-red-500" : "bg-red-800"}`}
                    style={{ width: `${(r.amountCents / max) * 100}%` }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
