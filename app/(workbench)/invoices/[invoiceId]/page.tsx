import { notFound } from "next/navigation";
import { SendDocumentForm } from "@/components/debtors/send-document-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextAnchor, TextLink } from "@/components/ui/text-link";
import { db } from "@/lib/db/client";
import { listContacts } from "@/lib/debtors/debtor-queries";
import { calendarDateIn, formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { isMessageKey, translator, type Translate } from "@/lib/i18n/translate";
import { getInvoiceDetail, type InvoiceDetail, type InvoiceStatus } from "@/lib/invoices/invoice-detail";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("invoice.pageTitle");

type Props = { params: Promise<{ invoiceId: string }> };

const STATUS_TONE: Record<InvoiceStatus, BadgeTone> = { paid: "green", credit: "violet", disputed: "amber", overdue: "red", open: "blue" };

/** One invoice and everything that happened to it: money received, disputes, dunning, agreements, changes. */
export default async function InvoicePage({ params }: Props) {
  const user = await requirePageUser("debtors:read");
  const { invoiceId } = await params;
  const invoice = await getInvoiceDetail(db(), user, invoiceId, officeClock().today);
  if (!invoice) notFound();
  const contacts = await listContacts(db(), invoice.debtor.id);
  const recipients = contacts.flatMap((c) => (c.email ? [{ id: c.id, name: c.name, email: c.email }] : []));

  const { locale } = user;
  const t = translator(locale);
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const date = (d: string | null) => (d ? formatCalendarDate(d, locale) : "—");
  /** An instant shown as its calendar day in the office's zone. */
  const day = (iso: string) => formatCalendarDate(calendarDateIn(new Date(iso)), locale);
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);

  return (
    <div className="space-y-3">
      <InvoiceHeader invoice={invoice} t={t} money={money} date={date} />

      <Panel title={t("documents.title")} id="documents">
        <SendDocumentForm document="invoice_copy" debtorId={invoice.debtor.id} invoiceId={invoice.id} pdfHref={`/api/documents/invoice-copy/${invoice.id}`} recipients={recipients} canSend={invoice.canSend} />
      </Panel>

      <Panel title={`${t("invoice.payments")} (${invoice.payments.length})`} id="payments">
        {invoice.payments.length === 0 ? (
          <EmptyState>{t("invoice.payments.empty")}</EmptyState>
        ) : (
          <DataTable stack data-testid="invoice-payments">
            <TableHead>
              <Th>{t("invoice.payment.date")}</Th>
              <Th>{t("invoice.payment.method")}</Th>
              <Th>{t("invoice.payment.reference")}</Th>
              <Th>{t("invoice.payment.kind")}</Th>
              <Th numeric>{t("invoice.payment.amount")}</Th>
              <Th>
                <span className="sr-only">{t("invoice.status")}</span>
              </Th>
            </TableHead>
            <tbody>
              {invoice.payments.map((p) => (
                <Tr key={p.allocationId} className={p.isReversed || p.isReversal ? "text-slate-500" : undefined}>
                  <Td data-label={`${t("invoice.payment.date")}:`}>{date(p.valueDate)}</Td>
                  <Td data-label={`${t("invoice.payment.method")}:`}>{label(`invoice.method.${p.method}`, p.method)}</Td>
                  <Td data-label={`${t("invoice.payment.reference")}:`} className="break-all font-mono text-[12px]">
                    {p.reference ?? "—"}
                  </Td>
                  <Td data-label={`${t("invoice.payment.kind")}:`}>{label(`invoice.paymentKind.${p.kind}`, p.kind)}</Td>
                  <Td numeric data-label={`${t("invoice.payment.amount")}:`} className={p.isReversed ? "line-through" : undefined}>
                    {money(p.amountCents)}
                  </Td>
                  <Td>
                    {p.isReversed ? <Badge tone="red">{t("invoice.payment.reversed")}</Badge> : null}
                    {p.isReversal ? <Badge tone="amber">{t("invoice.payment.reversal")}</Badge> : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Panel>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:grid-cols-2">
        <Panel title={`${t("invoice.disputes")} (${invoice.disputes.length})`} id="disputes">
          {invoice.disputes.length === 0 ? (
            <EmptyState>{t("invoice.disputes.empty")}</EmptyState>
          ) : (
            <DataTable stack data-testid="invoice-disputes">
              <TableHead>
                <Th>{t("invoice.dispute.status")}</Th>
                <Th>{t("invoice.dispute.reason")}</Th>
                <Th numeric>{t("invoice.dispute.amount")}</Th>
                <Th>{t("invoice.dispute.opened")}</Th>
                <Th>{t("invoice.dispute.resolved")}</Th>
              </TableHead>
              <tbody>
                {invoice.disputes.map((d) => (
                  <Tr key={d.id}>
                    <Td data-label={`${t("invoice.dispute.status")}:`}>
                      <Badge tone={d.status === "open" ? "amber" : "neutral"}>{label(`disputeStatus.${d.status}`, d.status)}</Badge>
                    </Td>
                    <Td data-label={`${t("invoice.dispute.reason")}:`}>
                      {label(`disputeReason.${d.reason}`, d.reason)}
                      {d.description ? <div className="text-[12px] text-slate-500">{d.description}</div> : null}
                    </Td>
                    <Td numeric data-label={`${t("invoice.dispute.amount")}:`}>{money(d.disputedCents)}</Td>
                    <Td data-label={`${t("invoice.dispute.opened")}:`}>{date(d.openedOn)}</Td>
                    <Td data-label={`${t("invoice.dispute.resolved")}:`}>{date(d.resolvedOn)}</Td>
                  </Tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Panel>

        <Panel title={`${t("invoice.agreements")} (${invoice.agreements.length})`} id="agreements">
          {invoice.agreements.length === 0 ? (
            <EmptyState>{t("invoice.agreements.empty")}</EmptyState>
          ) : (
            <DataTable stack data-testid="invoice-agreements">
              <TableHead>
                <Th>{t("invoice.agreement.kind")}</Th>
                <Th>{t("invoice.agreement.status")}</Th>
                <Th numeric>{t("invoice.agreement.total")}</Th>
                <Th>{t("invoice.agreement.made")}</Th>
                <Th>{t("invoice.agreement.by")}</Th>
              </TableHead>
              <tbody>
                {invoice.agreements.map((a) => (
                  <Tr key={a.id}>
                    <Td data-label={`${t("invoice.agreement.kind")}:`}>
                      {a.kind === "plan" ? t("debtor.history.agreement.plan", { count: a.instalmentCount }) : t("debtor.history.agreement.promise")}
                    </Td>
                    <Td data-label={`${t("invoice.agreement.status")}:`}>{label(`agreementStatus.${a.status}`, a.status)}</Td>
                    <Td numeric data-label={`${t("invoice.agreement.total")}:`}>{formatMoney(a.totalCents, a.currency, locale)}</Td>
                    <Td data-label={`${t("invoice.agreement.made")}:`}>{day(a.createdAt)}</Td>
                    <Td data-label={`${t("invoice.agreement.by")}:`}>{a.createdBy}</Td>
                  </Tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Panel>
      </div>

      <Panel title={`${t("invoice.dunning")} (${invoice.dunning.length})`} id="dunning">
        {invoice.dunning.length === 0 ? (
          <EmptyState>{t("invoice.dunning.empty")}</EmptyState>
        ) : (
          <DataTable stack data-testid="invoice-dunning">
            <TableHead>
              <Th>{t("invoice.dunning.sent")}</Th>
              <Th>{t("invoice.dunning.step")}</Th>
              <Th>{t("invoice.dunning.channel")}</Th>
              <Th numeric>{t("invoice.dunning.charges")}</Th>
              <Th>{t("invoice.dunning.payBy")}</Th>
              <Th>
                <span className="sr-only">PDF</span>
              </Th>
            </TableHead>
            <tbody>
              {invoice.dunning.map((d) => (
                <Tr key={d.id}>
                  <Td data-label={`${t("invoice.dunning.sent")}:`}>{day(d.sentAt)}</Td>
                  <Td data-label={`${t("invoice.dunning.step")}:`}>
                    {label(`dunning.template.${d.stepCode}`, d.stepCode ?? `#${d.level}`)}
                    {d.otherInvoiceCount > 0 ? <span className="ml-1 text-[12px] text-slate-500">{t("invoice.dunning.others", { count: d.otherInvoiceCount })}</span> : null}
                  </Td>
                  <Td data-label={`${t("invoice.dunning.channel")}:`}>{label(`dunning.channel.${d.channel}`, d.channel)}</Td>
                  <Td numeric data-label={`${t("invoice.dunning.charges")}:`}>{d.interestCents + d.costsCents !== 0 ? money(d.interestCents + d.costsCents) : "—"}</Td>
                  <Td data-label={`${t("invoice.dunning.payBy")}:`}>{date(d.payByDate)}</Td>
                  <Td>{d.hasLetter ? <TextAnchor href={`/api/dunning/letters?id=${d.id}`}>PDF</TextAnchor> : null}</Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Panel>

      <Panel title={t("invoice.audit")} id="audit">
        {invoice.audit.length === 0 ? (
          <EmptyState>{t("invoice.audit.empty")}</EmptyState>
        ) : (
          <DataTable stack data-testid="invoice-audit">
            <TableHead>
              <Th>{t("invoice.audit.at")}</Th>
              <Th>{t("invoice.audit.action")}</Th>
              <Th>{t("invoice.audit.actor")}</Th>
            </TableHead>
            <tbody>
              {invoice.audit.map((a) => (
                <Tr key={a.id}>
                  <Td data-label={`${t("invoice.audit.at")}:`}>{day(a.at)}</Td>
                  <Td data-label={`${t("invoice.audit.action")}:`}>{label(`invoice.audit.${a.action}`, a.action)}</Td>
                  <Td data-label={`${t("invoice.audit.actor")}:`}>{a.actor ?? t("invoice.audit.system")}</Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Panel>
    </div>
  );
}

function InvoiceHeader({ invoice, t, money, date }: { invoice: InvoiceDetail; t: Translate; money: (c: number) => string; date: (d: string | null) => string }) {
  const facts: Array<[string, React.ReactNode, string?]> = [
    [t("invoice.issueDate"), date(invoice.issueDate)],
    [t("invoice.dueDate"), date(invoice.dueDate)],
    [t("invoice.daysOverdue"), invoice.daysOverdue > 0 ? t("common.days", { count: invoice.daysOverdue }) : "—", invoice.daysOverdue > 60 ? "text-red-700" : undefined],
    [t("invoice.dunningLevel"), invoice.dunningLevel || "—"],
    [t("invoice.amount"), money(invoice.amountCents)],
    [t("invoice.openPrincipal"), money(invoice.openCents), invoice.openCents > 0 ? "font-semibold" : undefined],
    [t("invoice.openCosts"), money(invoice.costsOpenCents)],
    [t("invoice.openInterest"), money(invoice.interestOpenCents)],
  ];
  if (invoice.lastDunnedOn) facts.push([t("invoice.lastDunnedOn"), date(invoice.lastDunnedOn)]);
  return (
    <div className="space-y-2" data-testid="invoice-header">
      <div>
        <TextLink href={`/debtors/${invoice.debtor.id}`} className="text-[12px]">
          ← {invoice.debtor.name}
        </TextLink>
        <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {t("invoice.title", { number: invoice.number })}
          <Badge tone={STATUS_TONE[invoice.status]}>{t(`invoice.status.${invoice.status}`)}</Badge>
        </h1>
        <p className="text-[13px] text-slate-600">
          {t("invoice.debtor")}:{" "}
          <TextLink href={`/debtors/${invoice.debtor.id}`} className="font-medium">
            {invoice.debtor.name}
          </TextLink>{" "}
          <span className="font-mono text-[12px] text-slate-500">{invoice.debtor.customerNumber}</span>
          {invoice.description ? <span className="ml-2" title={t("invoice.description")}>· {invoice.description}</span> : null}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-[13px] sm:grid-cols-4" data-testid="invoice-facts">
        {facts.map(([term, value, cls]) => (
          <div key={term} className="min-w-0">
            <dt className="text-[12px] text-slate-500">{term}</dt>
            <dd className={`tabular-nums ${cls ?? ""}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
