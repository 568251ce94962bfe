import { Badge } from "@/components/ui/badge";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { Locale } from "@/lib/i18n/locale";
import { isMessageKey, translator } from "@/lib/i18n/translate";
import type { JobState } from "@/lib/jobs/job-lease";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

/** The background jobs' state for a manager or admin: did the dunning run run, and did anything fail. */
export function JobsPanel({ jobs, locale, timeZone }: { jobs: JobState[]; locale: Locale; timeZone: string }) {
  const t = translator(locale);
  const when = dateTimeFormat(localeTag(locale), { dateStyle: "medium", timeStyle: "medium", timeZone });
  const at = (d: Date | null) => (d ? when.format(d) : "–");
  return (
    <Panel title={t("jobs.title")} id="jobs">
      <p className="px-3 py-2 text-[13px] text-slate-600">{t("jobs.help")}</p>
      {jobs.length === 0 ? (
        <EmptyState>{t("jobs.empty")}</EmptyState>
      ) : (
        <DataTable data-testid="jobs">
          <TableHead>
            <Th>{t("jobs.col.job")}</Th>
            <Th>{t("jobs.col.state")}</Th>
            <Th>{t("jobs.col.lastStarted")}</Th>
            <Th>{t("jobs.col.lastFinished")}</Th>
            <Th numeric>{t("jobs.col.runs")}</Th>
            <Th>{t("jobs.col.lastError")}</Th>
          </TableHead>
          <tbody>
            {jobs.map((j) => {
              const key = `jobs.name.${j.name}`;
              return (
                <Tr key={j.name} data-job={j.name}>
                  <Td>{isMessageKey(key) ? t(key) : j.name}</Td>
                  <Td>{j.running ? <Badge tone="blue">{t("jobs.running", { holder: j.holder ?? "?" })}</Badge> : <span className="text-slate-600">{t("jobs.idle")}</span>}</Td>
                  <Td>{at(j.lastStartedAt)}</Td>
                  <Td>{at(j.lastFinishedAt)}</Td>
                  <Td numeric>{j.runs}</Td>
                  <Td>{j.lastError ? <span className="text-red-700">{j.lastError}</span> : j.lastFinishedAt ? <span className="text-green-800">{t("jobs.ok")}</span> : "–"}</Td>
                </Tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </Panel>
  );
}
