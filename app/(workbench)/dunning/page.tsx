import { Badge } from "@/components/ui/badge";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextAnchor } from "@/components/ui/text-link";
import { can } from "@/lib/auth/roles";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { ensureDefaultPolicy, listPolicies } from "@/lib/dunning/dunning-policy";
import { listRuns } from "@/lib/dunning/dunning-queries";
import { listRates } from "@/lib/dunning/rate-store";
import { halfYearStart, staleRateKinds } from "@/lib/dunning/statutory-rates";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { translator } from "@/lib/i18n/translate";
import { RateForm, RunNowButton } from "./dunning-forms";
import { PolicyEditor } from "./policy-editor";
import { CreditorWarning } from "@/components/shell/creditor-warning";
import { pageTitle } from "@/server/page-title";
import { localeTag, numberFormat } from "@/lib/format/intl";

export const generateMetadata = pageTitle("dunning.title");

export default async function DunningPage() {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const canEdit = can(user.role, "policy:write");
  await ensureDefaultPolicy(db());
  const [policies, runs, rates] = await Promise.all([listPolicies(db()), listRuns(db()), listRates(db())]);
  const today = officeClock().today;
  const stale = staleRateKinds(rates, today);
  const policyJson = policies.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, minAmountCents: s.minAmountCents?.toString() ?? null })) }));

  return (
    <div className="space-y-3">
      <CreditorWarning locale={user.locale} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-base font-semibold">{t("dunning.title")}</h1>
        {canEdit ? <RunNowButton /> : null}
      </div>
      {stale.length ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-[13px] text-amber-900">
          {t("dunning.rates.stale", { kinds: stale.map((k) => t(`dunning.rates.${k}`)).join(", "), since: formatCalendarDate(halfYearStart(today), user.locale) })}
        </p>
      ) : null}
      <PolicyEditor policies={policyJson} canEdit={canEdit} />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 xl:grid-cols-2">
        <Panel title={t("dunning.runs")}>
          {runs.length === 0 ? (
            <EmptyState>{t("dunning.runs.empty")}</EmptyState>
          ) : (
            <DataTable data-testid="dunning-runs">
              <TableHead>
                <Th>{t("dunning.runs.date")}</Th>
                <Th>{t("dunning.runs.status")}</Th>
                <Th numeric>{t("dunning.runs.emails")}</Th>
                <Th numeric>{t("dunning.runs.letters")}</Th>
                <Th numeric>{t("dunning.runs.tasks")}</Th>
                <Th />
              </TableHead>
              <tbody>
                {runs.map((r) => (
                  <Tr key={r.id}>
                    <Td>{r.runDate}</Td>
                    <Td>
                      <Badge tone={r.status === "done" ? "green" : r.status === "failed" ? "red" : "amber"} title={r.lastError ?? undefined}>
                        {t(`dunning.runs.status.${r.status === "done" || r.status === "failed" || r.status === "running" ? r.status : "running"}`)}
                      </Badge>
                    </Td>
                    <Td numeric>
                      {r.emails}
                      {r.failedEmails > 0 ? (
                        <span className="ml-1 text-red-700" data-testid="run-failed-emails" title={t("dunning.runs.failedHelp")}>
                          ({t("dunning.runs.failed", { count: r.failedEmails })})
                        </span>
                      ) : null}
                    </Td>
                    <Td numeric>{r.letters}</Td>
                    <Td numeric>{r.tasks}</Td>
                    <Td className="text-right">{r.letters > 0 || r.failedEmails > 0 ? <TextAnchor href={`/api/dunning/letters?date=${r.runDate}`}>{t("dunning.runs.pdf")}</TextAnchor> : null}</Td>
                  </Tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Panel>
        <Panel title={t("dunning.rates")}>
          <DataTable data-testid="interest-rates">
            <TableHead>
              <Th>{t("dunning.rates.kind")}</Th>
              <Th>{t("dunning.rates.from")}</Th>
              <Th numeric>{t("dunning.rates.rate")}</Th>
            </TableHead>
            <tbody>
              {rates
                .filter((r) => r.validFrom >= "2023-01-01")
                .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.kind.localeCompare(b.kind))
                .map((r) => (
                  <Tr key={`${r.kind}${r.validFrom}`} title={r.source}>
                    <Td>{t(`dunning.rates.${r.kind}`)}</Td>
                    <Td>{formatCalendarDate(r.validFrom, user.locale)}</Td>
                    <Td numeric>{numberFormat(localeTag(user.locale), { minimumFractionDigits: 2 }).format(r.rateBp / 100)} %</Td>
                  </Tr>
                ))}
            </tbody>
          </DataTable>
          {canEdit ? <RateForm /> : null}
        </Panel>
      </div>
    </div>
  );
}
