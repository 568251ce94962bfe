import { Stat } from "@/components/ui/stat";
import type { DebtorDetail } from "@/lib/debtors/debtor-queries";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import type { OpenPosition } from "@/lib/invoices/invoice-queries";

/** The debtor's position at a glance: open, overdue, disputed, oldest item, credit and negotiation room. */
export function PositionStats({ debtor, position, creditUsePct, locale }: { debtor: DebtorDetail; position: OpenPosition; creditUsePct: number | null; locale: Locale }) {
  const t = translator(locale);
  const money = (c: number) => formatMoney(c, debtor.currency, locale);
  const { oldest } = position;
  return (
    <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6" data-testid="debtor-position">
      <Stat label={t("debtor.open")} value={money(position.openCents)} hint={`${position.invoices.length} ×`} />
      <Stat label={t("debtor.overdue")} value={money(position.overdueCents)} tone={position.overdueCents > 0 ? "red" : "default"} />
      <Stat label={t("debtor.disputed")} value={money(position.disputedCents)} tone={position.disputedCents > 0 ? "amber" : "default"} />
      <Stat
        label={t("debtor.oldest")}
        value={oldest && oldest.daysOverdue > 0 ? t("common.days", { count: oldest.daysOverdue }) : "—"}
        hint={oldest ? `${oldest.number} · ${formatCalendarDate(oldest.dueDate, locale)}` : undefined}
      />
      <Stat
        label={t("debtor.creditLimit")}
        value={debtor.creditLimitCents ? money(debtor.creditLimitCents) : t("debtor.noCreditLimit")}
        hint={creditUsePct !== null ? t("debtor.creditUse", { pct: creditUsePct }) : undefined}
        tone={creditUsePct !== null && creditUsePct > 100 ? "red" : "default"}
      />
      <Stat
        label={t("debtor.negotiation")}
        value={<span className="text-[13px]">{t("debtor.negotiation.instalments", { count: debtor.maxInstalments })}</span>}
        hint={`${t("debtor.negotiation.downPayment", { pct: debtor.minDownPaymentPct })} · ${
          debtor.canStopDeliveries ? t("debtor.negotiation.stopDeliveries") : t("debtor.negotiation.noStopDeliveries")
        }`}
      />
    </div>
  );
}
