import { Badge } from "@/components/ui/badge";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import type { OpenInvoiceRow, OpenPosition } from "@/lib/invoices/invoice-queries";

const thLeft = "px-2 py-1 text-left font-medium";
const thRight = "px-2 py-1 text-right font-medium";

/** The open invoices, oldest first, with age, dunning level and dispute or promise flags. */
export function InvoicesPanel({ position, currency, locale }: { position: OpenPosition; currency: string; locale: Locale }) {
  const t = translator(locale);
  const money = (c: number) => formatMoney(c, currency, locale);
  return (
    <Panel title={`${t("debtor.invoices")} (${position.invoices.length})`} id="invoices">
      {position.invoices.length === 0 ? (
        <EmptyState>{t("debtor.invoices.empty")}</EmptyState>
      ) : (
        <div className="relative overflow-x-auto">
        <table className="w-full min-w-[36rem] text-[13px]" data-testid="open-invoices">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={thLeft}>{t("debtor.invoice.number")}</th>
              <th scope="col" className={thLeft}>{t("debtor.invoice.issued")}</th>
              <th scope="col" className={thLeft}>{t("debtor.invoice.due")}</th>
              <th scope="col" className={thRight}>{t("debtor.invoice.age")}</th>
              <th scope="col" className={thRight}>{t("debtor.invoice.amount")}</th>
              <th scope="col" className={thRight}>{t("debtor.invoice.open")}</th>
              <th scope="col" className={thRight}>{t("debtor.invoice.level")}</th>
              <th scope="col" className={thLeft}>
                <span className="sr-only">{t("debtor.invoice.flags")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {position.invoices.map((i) => (
              <InvoiceRow key={i.id} invoice={i} money={money} locale={locale} />
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 bg-slate-50">
            <tr>
              <td colSpan={5} className="px-2 py-1 font-medium">{t("debtor.invoice.total")}</td>
              <td className="num px-2 py-1 font-semibold">{money(position.openCents)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
        </div>
      )}
    </Panel>
  );
}

function InvoiceRow({ invoice: i, money, locale }: { invoice: OpenInvoiceRow; money: (c: number) => string; locale: Locale }) {
  const t = translator(locale);
  const age = i.daysOverdue > 60 ? "font-medium text-red-700" : i.daysOverdue > 0 ? "text-amber-700" : "text-slate-500";
  return (
    <tr className="border-b border-slate-100 last:border-0">
      <td className="px-2 py-1 font-mono text-[12px]">
        <TextLink href={`/invoices/${i.id}`}>{i.number}</TextLink>
      </td>
      <td className="px-2 py-1 text-slate-600">{formatCalendarDate(i.issueDate, locale)}</td>
      <td className="px-2 py-1">{formatCalendarDate(i.dueDate, locale)}</td>
      <td className={`num px-2 py-1 ${age}`}>{i.daysOverdue > 0 ? i.daysOverdue : "—"}</td>
      <td className="num px-2 py-1 text-slate-600">{money(i.amountCents)}</td>
      <td className="num px-2 py-1 font-medium">{money(i.openCents)}</td>
      <td className="num px-2 py-1">{i.dunningLevel || "—"}</td>
      <td className="space-x-1 px-2 py-1">
        {i.disputedCents > 0 ? <Badge tone="amber" title={money(i.disputedCents)}>{t("debtor.invoice.disputed")}</Badge> : null}
        {i.hasOpenPromise ? <Badge tone="blue">{t("debtor.invoice.promised")}</Badge> : null}
      </td>
    </tr>
  );
}
