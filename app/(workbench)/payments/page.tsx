import { Badge } from "@/components/ui/badge";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { can } from "@/lib/auth/roles";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/format/money";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { listReviewLines, listStatementLines, listStatements } from "@/lib/payments/payment-queries";
import { ImportForm, ReviewLine } from "./payment-forms";
import { pageTitle } from "@/server/page-title";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

export const generateMetadata = pageTitle("nav.payments");

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ statement?: string }> }) {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const canWrite = can(user.role, "payments:write");
  const { statement } = await searchParams;
  const [statements, review] = await Promise.all([listStatements(db()), listReviewLines(db())]);
  const selected = statement ? statements.find((s) => s.id === statement) ?? null : (statements[0] ?? null);
  const lines = selected ? await listStatementLines(db(), selected.id) : [];
  const fmtDate = dateTimeFormat(localeTag(user.locale), { dateStyle: "medium", timeStyle: "short", timeZone: officeClock().timeZone });

  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">{t("payments.title")}</h1>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Panel title={t("payments.import")}>
          {canWrite ? <ImportForm /> : <p className="px-3 py-2 text-[13px] text-slate-600">{t("payments.readOnly")}</p>}
        </Panel>
        <Panel title={t("payments.statements")}>
          {statements.length === 0 ? (
            <EmptyState>{t("payments.statements.empty")}</EmptyState>
          ) : (
            <DataTable>
              <tbody>
                {statements.map((s) => (
                  <Tr key={s.id} className={selected?.id === s.id ? "bg-blue-50/60" : ""}>
                    <Td>
                      <TextLink href={`/payments?statement=${s.id}`}>{s.fileName}</TextLink>
                    </Td>
                    <Td className="text-slate-600">{fmtDate.format(new Date(s.createdAt))}</Td>
                    <Td className="text-slate-600">{s.importedBy}</Td>
                    <Td numeric>
                      {s.complete ? t("payments.statementCounts", { lines: s.lineCount, applied: s.appliedCount, review: s.reviewCount }) : <span className="text-amber-800">{t("payments.statementIncomplete")}</span>}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Panel>
      </div>
      <Panel title={`${t("payments.review")} (${review.length})`}>
        {review.length === 0 ? (
          <EmptyState>{t("payments.review.empty")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="review-lines">
            {review.map((l) => (
              <ReviewLine key={l.id} line={l} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </Panel>
      {selected ? (
        <Panel title={t("payments.lines", { file: selected.fileName })}>
          <DataTable data-testid="statement-lines">
            <TableHead>
              <Th>#</Th>
              <Th>{t("payments.col.date")}</Th>
              <Th numeric>{t("payments.col.amount")}</Th>
              <Th>{t("payments.col.counterparty")}</Th>
              <Th>{t("payments.col.description")}</Th>
              <Th>{t("payments.col.status")}</Th>
              <Th>{t("payments.col.debtor")}</Th>
            </TableHead>
            <tbody>
              {lines.map((l) => (
                <Tr key={l.lineNo}>
                  <Td className="text-slate-500">{l.lineNo}</Td>
                  <Td>{l.valueDate}</Td>
                  <Td numeric className={Number(l.amountCents) < 0 ? "text-slate-500" : ""}>
                    {formatMoney(Number(l.amountCents), "EUR", user.locale)}
                  </Td>
                  <Td className="max-w-48 truncate">{l.counterpartyName}</Td>
                  <Td className="max-w-72 truncate text-slate-600" title={l.description}>
                    {l.description}
                  </Td>
                  <Td>
                    <Badge tone={l.status === "applied" ? "green" : l.status === "review" ? "amber" : "neutral"}>{t(`payments.status.${l.status}` as MessageKey)}</Badge>{" "}
                    {l.reason && !l.reason.startsWith("manual") ? <span className="text-[12px] text-slate-500">{t(`payments.reason.${l.reason}` as MessageKey)}</span> : null}
                  </Td>
                  <Td>{l.debtorId ? <TextLink href={`/debtors/${l.debtorId}`}>{l.debtorName}</TextLink> : null}</Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        </Panel>
      ) : null}
    </div>
  );
}
