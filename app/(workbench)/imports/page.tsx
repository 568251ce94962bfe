import { Panel, EmptyState } from "@/components/ui/panel";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { translator } from "@/lib/i18n/translate";
import { FIELDS } from "@/lib/imports/import-fields";
import { lastImportSource, listImportRuns } from "@/lib/imports/import-queries";
import { requirePageUser } from "@/server/session";
import { ImportForm } from "./import-form";
import { pageTitle } from "@/server/page-title";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

export const generateMetadata = pageTitle("nav.imports");

/** Loading debtors and open items from the accounting package: upload, check the mapping, dry run, import; and the history. */
export default async function ImportsPage() {
  const user = await requirePageUser("imports:write");
  const t = translator(user.locale);
  const [runs, source] = await Promise.all([listImportRuns(db()), lastImportSource(db())]);
  const fmt = dateTimeFormat(localeTag(user.locale), { dateStyle: "short", timeStyle: "short", timeZone: settings().timeZone });
  const fields = Object.fromEntries(Object.entries(FIELDS).map(([kind, defs]) => [kind, defs.map((d) => ({ field: d.field, required: d.required }))]));
  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">{t("imports.title")}</h1>
      <Panel title={t("imports.upload")}>
        <ImportForm defaultSource={source ?? ""} today={calendarDateIn(new Date(), settings().timeZone)} fields={fields} />
      </Panel>
      <Panel title={t("imports.history")}>
        {runs.length === 0 ? (
          <EmptyState>{t("imports.noHistory")}</EmptyState>
        ) : (
          <DataTable data-testid="import-history">
            <TableHead>
              <Th>{t("imports.when")}</Th>
              <Th>{t("imports.by")}</Th>
              <Th>{t("imports.source")}</Th>
              <Th>{t("imports.file")}</Th>
              <Th>{t("imports.status")}</Th>
              <Th numeric>{t("imports.rows")}</Th>
              <Th numeric>{t("imports.counts")}</Th>
              <Th>{t("imports.checksum")}</Th>
            </TableHead>
            <tbody>
              {runs.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap text-slate-600">{fmt.format(new Date(r.createdAt))}</Td>
                  <Td>{r.by}</Td>
                  <Td>
                    {r.source} · {t(`imports.kind.${r.kind}` as "imports.kind.open_items")}
                  </Td>
                  <Td className="max-w-56 truncate" title={r.fileName}>
                    {r.fileName}
                  </Td>
                  <Td>
                    <Badge tone={r.status === "applied" ? "green" : r.status === "refused" ? "red" : "amber"}>{t(`imports.status.${r.status}` as "imports.status.applied")}</Badge>
                  </Td>
                  <Td numeric>{r.rows}</Td>
                  <Td numeric className="whitespace-nowrap">
                    {r.status === "refused" ? t("imports.errorCount", { n: r.errorCount }) : t("imports.countsLine", { created: r.created, updated: r.updated, closed: r.closed, unchanged: r.unchanged })}
                  </Td>
                  <Td className="font-mono text-[12px] text-slate-500" title={r.checksum}>
                    {r.checksum.slice(0, 12)}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Panel>
    </div>
  );
}
