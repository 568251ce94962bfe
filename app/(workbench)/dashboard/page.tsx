import type { Metadata } from "next";
import Link from "next/link";
import { LineChart, PairedBars } from "@/components/charts/charts";
import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Panel } from "@/components/ui/panel";
import { Stat } from "@/components/ui/stat";
import { requirePageUser } from "@/server/session";
import { getDashboard, listCurrencies, parseDashboardFilters, scopeFilters, type DashboardFilters } from "@/lib/dashboard/dashboard-queries";
import { DASHBOARD_TABLES } from "@/lib/dashboard/dashboard-export";
import { db } from "@/lib/db/client";
import { listControllers } from "@/lib/debtors/debtor-queries";
import { env } from "@/lib/env/env";
import { calendarDateIn, formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { translator, type MessageKey } from "@/lib/i18n/translate";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Query string of the debtors list behind a figure, with the dashboard's own filters. */
function debtorsHref(f: DashboardFilters, extra: Record<string, string>): string {
  const p = new URLSearchParams();
  if (f.controller) p.set("controller", f.controller);
  if (f.kind) p.set("kind", f.kind);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `/debtors?${p.toString()}`;
}

function filterQuery(f: DashboardFilters): string {
  const p = new URLSearchParams({ currency: f.currency, period: f.period });
  if (f.controller) p.set("controller", f.controller);
  if (f.kind) p.set("kind", f.kind);
  return p.toString();
}

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("dashboard:read");
  const t = translator(user.locale);
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  const ownOnly = user.role === "controller";
  const f = scopeFilters(parseDashboardFilters(await searchParams), user);
  const [d, controllers, currencies] = await Promise.all([
    getDashboard(db(), today, f),
    ownOnly ? Promise.resolve([]) : listControllers(db()),
    listCurrencies(db()),
  ]);
  const money = (c: number) => formatMoney(c, f.currency, user.locale);
  const compact = (c: number) => formatMoney(c, f.currency, user.locale, { compact: true });
  const date = (s: string) => formatCalendarDate(s, user.locale);
  const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const o = d.overview;
  const max = Math.max(1, ...o.aging.map((r) => r.amountCents));
  const q = filterQuery(f);
  const exports = (table: (typeof DASHBOARD_TABLES)[number]) => (
    <span className="flex gap-2 text-[12px]">
      <a href={`/api/dashboard/export?table=${table}&format=csv&${q}`} className="text-blue-700 hover:underline" data-testid={`export-${table}-csv`}>
        CSV
      </a>
      <a href={`/api/dashboard/export?table=${table}&format=xlsx&${q}`} className="text-blue-700 hover:underline">
        XLSX
      </a>
    </span>
  );
  const th = "px-3 py-1 font-medium";
  const keptRate = d.promises.keptRate === null ? "—" : `${Math.round(d.promises.keptRate * 100)}%`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-base font-semibold">{t("dashboard.title")}</h1>
        <AutoSubmitForm action="/dashboard" label={t("dashboard.apply")} className="flex flex-wrap items-end gap-2 text-[13px]">
          {ownOnly ? (
            <span className="py-1 text-slate-500">{t("dashboard.scopeOwn")}</span>
          ) : (
            <label className="flex flex-col">
              <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("debtors.filter.controller")}</span>
              <select name="controller" defaultValue={f.controller ?? ""} className="rounded border border-slate-300 px-2 py-1">
                <option value="">{t("common.all")}</option>
                <option value="none">{t("common.unassigned")}</option>
                {controllers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="flex flex-col">
            <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("debtors.filter.kind")}</span>
            <select name="kind" defaultValue={f.kind ?? ""} className="rounded border border-slate-300 px-2 py-1">
              <option value="">{t("common.all")}</option>
              <option value="b2b">{t("common.b2b")}</option>
              <option value="consumer">{t("common.consumer")}</option>
            </select>
          </label>
          <label className="flex flex-col">
            <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("dashboard.currency")}</span>
            <select name="currency" defaultValue={f.currency} className="rounded border border-slate-300 px-2 py-1">
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col">
            <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("dashboard.period")}</span>
            <select name="period" defaultValue={f.period} className="rounded border border-slate-300 px-2 py-1">
              {(["30", "90", "365"] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`dashboard.period.${p}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        </AutoSubmitForm>
      </div>

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
          <Stat label={t("dashboard.dso")} value={d.effectiveness.dso === null ? "—" : t("common.days", { count: d.effectiveness.dso })} hint={t("dashboard.dso.hint")} />
        </Link>
        <Link href={debtorsHref(f, { overdue: "1", sort: "oldest" })}>
          <Stat
            label={t("dashboard.cei")}
            value={d.effectiveness.cei === null ? "—" : `${d.effectiveness.cei}%`}
            hint={d.effectiveness.ceiFrom ? t("dashboard.cei.hint", { date: date(d.effectiveness.ceiFrom) }) : t("dashboard.noHistory")}
          />
        </Link>
        <Link href={debtorsHref(f, { promise: "broken" })}>
          <Stat label={t("dashboard.keptRate")} value={keptRate} hint={t("dashboard.keptRate.hint", { kept: d.promises.kept, broken: d.promises.broken })} />
        </Link>
      </div>

      <div className="grid gap-3 xl:grid-cols-2">
        <Panel title={t("dashboard.aging")} actions={exports("aging")}>
          <table className="w-full text-[13px]" data-testid="aging-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className={`${th} text-left`}>{t("dashboard.bucket")}</th>
                <th scope="col" className={`${th} text-right`}>{t("dashboard.amount")}</th>
                <th scope="col" className={`${th} text-right`}>{t("dashboard.count")}</th>
                <th scope="col" className={`${th} text-right`}>{t("dashboard.share")}</th>
                <th scope="col" className={`${th} w-1/3`}>
                  <span className="sr-only">{t("dashboard.amount")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {o.aging.map((r) => (
                <tr key={r.bucket} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    <Link href={debtorsHref(f, { bucket: r.bucket })} className="text-blue-700 hover:underline" title={t("dashboard.bucket.link")}>
                      {t(`bucket.${r.bucket}`)}
                    </Link>
                  </th>
                  <td className="num px-3 py-1.5">{money(r.amountCents)}</td>
                  <td className="num px-3 py-1.5">{r.count}</td>
                  <td className="num px-3 py-1.5">{pct(r.amountCents, o.openCents)}%</td>
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

        <Panel title={t("dashboard.trend")} actions={exports("trend")}>
          {d.weekly.length < 2 ? (
            <EmptyState>{t("dashboard.noHistory")}</EmptyState>
          ) : (
            <div className="px-3 py-2">
              <PairedBars
                title={t("dashboard.trend")}
                groups={d.weekly.map((w) => ({ label: date(w.date).slice(0, 6), a: w.openCents, b: w.overdueCents }))}
                legend={[t("dashboard.open"), t("dashboard.overdue")]}
                format={compact}
              />
              <details className="text-[12px]">
                <summary className="cursor-pointer text-slate-600">{t("dashboard.asTable")}</summary>
                <table className="w-full">
                  <tbody>
                    {d.weekly.map((w) => (
                      <tr key={w.date}>
                        <td>{date(w.date)}</td>
                        <td className="num">{money(w.openCents)}</td>
                        <td className="num">{money(w.overdueCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </div>
          )}
        </Panel>

        <Panel title={t("dashboard.dsoTrend")} actions={exports("dso")}>
          <div className="px-3 py-2">
            <LineChart
              title={t("dashboard.dsoTrend")}
              points={d.effectiveness.dsoTrend.map((p) => ({ label: date(p.date).slice(3), value: p.dso }))}
              format={(v) => String(Math.round(v))}
            />
            <details className="text-[12px]">
              <summary className="cursor-pointer text-slate-600">{t("dashboard.asTable")}</summary>
              <table className="w-full">
                <tbody>
                  {d.effectiveness.dsoTrend.map((p) => (
                    <tr key={p.date}>
                      <td>{date(p.date)}</td>
                      <td className="num">{p.dso ?? "—"}</td>
                      <td className="num">{money(p.arCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>
        </Panel>

        <Panel title={t("dashboard.promises")} actions={exports("promises")}>
          <div className="space-y-1 px-3 py-2 text-[13px]" data-testid="promise-funnel">
            {(["made", "kept", "broken", "open"] as const).map((k) => (
              <div key={k} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2">
                {k === "made" ? (
                  <span>{t(`dashboard.promises.${k}` as MessageKey)}</span>
                ) : (
                  <Link href={debtorsHref(f, { promise: k })} className="text-blue-700 hover:underline">
                    {t(`dashboard.promises.${k}` as MessageKey)}
                  </Link>
                )}
                <div className="h-3 rounded-sm bg-slate-100">
                  <div
                    className={`h-3 rounded-sm ${k === "kept" ? "bg-blue-700" : k === "broken" ? "bg-orange-600" : "bg-slate-400"}`}
                    style={{ width: `${d.promises.made ? (d.promises[k] / d.promises.made) * 100 : 0}%` }}
                  />
                </div>
                <span className="num">{d.promises[k]}</span>
              </div>
            ))}
          </div>
        </Panel>

        <Panel title={t("dashboard.disputesByReason")} actions={exports("disputes")}>
          {d.disputes.length === 0 ? (
            <EmptyState>{t("dashboard.none")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className={`${th} text-left`}>{t("dashboard.reason")}</th>
                  <th scope="col" className={`${th} text-left`}>{t("dashboard.age")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.count")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {d.disputes.map((r) => (
                  <tr key={`${r.reason}-${r.age}`} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1">
                      <Link href={debtorsHref(f, { dispute: "1" })} className="text-blue-700 hover:underline">
                        {t(`call.dispute.reason.${r.reason}` as MessageKey)}
                      </Link>
                    </td>
                    <td className="px-3 py-1">{t("common.days", { count: r.age })}</td>
                    <td className="num px-3 py-1">{r.count}</td>
                    <td className="num px-3 py-1">{money(r.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>

        <Panel title={t("dashboard.calls")} actions={exports("calls")}>
          {d.calls.length === 0 ? (
            <EmptyState>{t("dashboard.none")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]" data-testid="calls-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className={`${th} text-left`}>{t("dashboard.controller")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.calls.total")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.calls.perDay")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.calls.reached")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.calls.noContact")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.calls.promises")}</th>
                </tr>
              </thead>
              <tbody>
                {d.calls.map((r) => (
                  <tr key={r.controllerId} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1">
                      <Link href={`/debtors?controller=${r.controllerId}`} className="text-blue-700 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="num px-3 py-1">{r.calls}</td>
                    <td className="num px-3 py-1">{r.perDay}</td>
                    <td className="num px-3 py-1">{r.reached}</td>
                    <td className="num px-3 py-1">{r.noContact}</td>
                    <td className="num px-3 py-1">{r.promises}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>

        <Panel title={t("dashboard.top")} actions={exports("top")}>
          {d.top.length === 0 ? (
            <EmptyState>{t("dashboard.none")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]" data-testid="top-table">
              <tbody>
                {d.top.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1">
                      <Link href={`/debtors/${r.id}`} className="text-blue-700 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="px-3 py-1 text-slate-600">{r.controllerName ?? t("common.unassigned")}</td>
                    <td className="num px-3 py-1 font-medium text-red-700">{money(r.overdueCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>

        <Panel title={t("dashboard.insured")} actions={exports("insured")}>
          {d.insured.length === 0 ? (
            <EmptyState>{t("dashboard.none")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]">
              <tbody>
                {d.insured.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1">
                      <Link href={`/debtors/${r.id}`} className="text-blue-700 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="px-3 py-1 text-slate-600">{r.insurer}</td>
                    <td className="px-3 py-1">{date(r.deadline)}</td>
                    <td className="px-3 py-1 text-right">
                      <Badge tone={r.daysLeft < 0 ? "red" : "amber"}>{r.daysLeft < 0 ? t("dashboard.insured.late", { count: -r.daysLeft }) : t("dashboard.insured.left", { count: r.daysLeft })}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </div>
  );
}
