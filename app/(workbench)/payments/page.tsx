import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/format/money";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { listReviewLines, listStatementLines, listStatements } from "@/lib/payments/payment-queries";
import { ImportForm, ReviewLine } from "./payment-forms";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ statement?: string }> }) {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const canWrite = can(user.role, "payments:write");
  const { statement } = await searchParams;
  const [statements, review] = await Promise.all([listStatements(db()), listReviewLines(db())]);
  const selected = statement ? statements.find((s) => s.id === statement) ?? null : (statements[0] ?? null);
  const lines = selected ? await listStatementLines(db(), selected.id) : [];
  const fmtDate = new Intl.DateTimeFormat(user.locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-3">
      <h1 className="text-base font-semibold">{t("payments.title")}</h1>
      <div className="grid gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Panel title={t("payments.import")}>
          {canWrite ? <ImportForm /> : <p className="px-3 py-2 text-[13px] text-slate-600">{t("payments.readOnly")}</p>}
        </Panel>
        <Panel title={t("payments.statements")}>
          {statements.length === 0 ? (
            <EmptyState>{t("payments.statements.empty")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]">
              <tbody>
                {statements.map((s) => (
                  <tr key={s.id} className={`border-b border-slate-100 last:border-0 ${selected?.id === s.id ? "bg-blue-50/60" : ""}`}>
                    <td className="px-3 py-1">
                      <Link href={`/payments?statement=${s.id}`} className="text-blue-800 hover:underline">
                        {s.fileName}
                      </Link>
                    </td>
                    <td className="px-2 py-1 text-slate-600">{fmtDate.format(new Date(s.createdAt))}</td>
                    <td className="px-2 py-1 text-slate-600">{s.importedBy}</td>
                    <td className="num px-3 py-1">{t("payments.statementCounts", { lines: s.lineCount, applied: s.appliedCount, review: s.reviewCount })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
          <table className="w-full text-[13px]" data-testid="statement-lines">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1 font-medium">#</th>
                <th scope="col" className="px-2 py-1 font-medium">{t("payments.col.date")}</th>
                <th scope="col" className="num px-2 py-1 font-medium">{t("payments.col.amount")}</th>
                <th scope="col" className="px-2 py-1 font-medium">{t("payments.col.counterparty")}</th>
                <th scope="col" className="px-2 py-1 font-medium">{t("payments.col.description")}</th>
                <th scope="col" className="px-2 py-1 font-medium">{t("payments.col.status")}</th>
                <th scope="col" className="px-3 py-1 font-medium">{t("payments.col.debtor")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.lineNo} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-1 text-slate-500">{l.lineNo}</td>
                  <td className="px-2 py-1">{l.valueDate}</td>
                  <td className={`num px-2 py-1 ${Number(l.amountCents) < 0 ? "text-slate-500" : ""}`}>{formatMoney(Number(l.amountCents), "EUR", user.locale)}</td>
                  <td className="max-w-48 truncate px-2 py-1">{l.counterpartyName}</td>
                  <td className="max-w-72 truncate px-2 py-1 text-slate-600" title={l.description}>{l.description}</td>
                  <td className="px-2 py-1">
                    <Badge tone={l.status === "applied" ? "green" : l.status === "review" ? "amber" : "neutral"}>{t(`payments.status.${l.status}` as MessageKey)}</Badge>{" "}
                    {l.reason && !l.reason.startsWith("manual") ? <span className="text-[12px] text-slate-500">{t(`payments.reason.${l.reason}` as MessageKey)}</span> : null}
                  </td>
                  <td className="px-3 py-1">
                    {l.debtorId ? (
                      <Link href={`/debtors/${l.debtorId}`} className="text-blue-800 hover:underline">
                        {l.debtorName}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </div>
  );
}
