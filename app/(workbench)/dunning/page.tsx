import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { ensureDefaultPolicy, listPolicies } from "@/lib/dunning/dunning-policy";
import { listRuns } from "@/lib/dunning/dunning-queries";
import { listRates } from "@/lib/dunning/rate-store";
import { halfYearStart, latestRate } from "@/lib/dunning/statutory-rates";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { translator } from "@/lib/i18n/translate";
import { PolicyEditor, RateForm, RunNowButton } from "./dunning-forms";

export const metadata: Metadata = { title: "Dunning" };

export default async function DunningPage() {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const canEdit = can(user.role, "policy:write");
  await ensureDefaultPolicy(db());
  const [policies, runs, rates] = await Promise.all([listPolicies(db()), listRuns(db()), listRates(db())]);
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  const stale = (["commercial", "statutory"] as const).filter((k) => (latestRate(rates, k)?.validFrom ?? "") < halfYearStart(today));
  const policyJson = policies.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, minAmountCents: s.minAmountCents?.toString() ?? null })) }));

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <h1 className="text-base font-semibold">{t("dunning.title")}</h1>
        {canEdit ? <RunNowButton /> : null}
      </div>
      {stale.length ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-[13px] text-amber-900">
          {t("dunning.rates.stale", { kinds: stale.map((k) => t(`dunning.rates.${k}`)).join(", "), since: halfYearStart(today) })}
        </p>
      ) : null}
      <PolicyEditor policies={policyJson} canEdit={canEdit} />
      <div className="grid gap-3 xl:grid-cols-2">
        <Panel title={t("dunning.runs")}>
          {runs.length === 0 ? (
            <EmptyState>{t("dunning.runs.empty")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]" data-testid="dunning-runs">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-1 font-medium">{t("dunning.runs.date")}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{t("dunning.runs.status")}</th>
                  <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.runs.emails")}</th>
                  <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.runs.letters")}</th>
                  <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.runs.tasks")}</th>
                  <th scope="col" className="px-3 py-1" />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1">{r.runDate}</td>
                    <td className="px-2 py-1">
                      <Badge tone={r.status === "done" ? "green" : r.status === "failed" ? "red" : "amber"} title={r.lastError ?? undefined}>
                        {t(`dunning.runs.status.${r.status === "done" || r.status === "failed" || r.status === "running" ? r.status : "running"}`)}
                      </Badge>
                    </td>
                    <td className="num px-2 py-1">{r.emails}</td>
                    <td className="num px-2 py-1">{r.letters}</td>
                    <td className="num px-2 py-1">{r.tasks}</td>
                    <td className="px-3 py-1 text-right">
                      {r.letters > 0 ? (
                        <a href={`/api/dunning/letters?date=${r.runDate}`} className="text-blue-800 hover:underline">
                          {t("dunning.runs.pdf")}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title={t("dunning.rates")}>
          <table className="w-full text-[13px]" data-testid="interest-rates">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1 font-medium">{t("dunning.rates.kind")}</th>
                <th scope="col" className="px-2 py-1 font-medium">{t("dunning.rates.from")}</th>
                <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.rates.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {rates
                .filter((r) => r.validFrom >= "2023-01-01")
                .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.kind.localeCompare(b.kind))
                .map((r) => (
                  <tr key={`${r.kind}${r.validFrom}`} className="border-b border-slate-100 last:border-0" title={r.source}>
                    <td className="px-3 py-1">{t(`dunning.rates.${r.kind}`)}</td>
                    <td className="px-2 py-1">{r.validFrom}</td>
                    <td className="num px-2 py-1">{(r.rateBp / 100).toLocaleString(user.locale === "nl" ? "nl-NL" : "en-GB", { minimumFractionDigits: 2 })} %</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {canEdit ? <RateForm /> : null}
        </Panel>
      </div>
    </div>
  );
}
