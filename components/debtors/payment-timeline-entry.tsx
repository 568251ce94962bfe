import { ReversePaymentForm } from "@/components/debtors/reverse-payment-form";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import type { TimelineEntry } from "@/lib/timeline/timeline-queries";

type PaymentEntry = Extract<TimelineEntry, { kind: "payment" }>;

/**
 * A payment on the timeline with the invoices it settled ("voldaan: F1 (€ 1.000,00), F2 (deels,
 * € 250,00)"); a counter-booking says which invoices it reopened. `canReverse`: the reader may undo
 * a payment booked by hand (the same right as booking one); bank payments are undone by the bank.
 */
export function PaymentTimelineEntry({ entry: e, locale, canReverse }: { entry: PaymentEntry; locale: Locale; canReverse: boolean }) {
  const t = translator(locale);
  const money = (cents: number) => formatMoney(cents, e.currency, locale);
  const isReversal = e.reversalOfId !== null;
  const invoices = e.invoices
    .map((i) => {
      const parts = [
        ...(i.isPartial ? [t("payments.history.partly")] : []),
        ...(i.principalCents ? [money(i.principalCents)] : []),
        ...(i.costsCents ? [t("payments.history.costs", { amount: money(i.costsCents) })] : []),
        ...(i.interestCents ? [t("payments.history.interest", { amount: money(i.interestCents) })] : []),
      ];
      return `${i.invoiceNumber} (${parts.join(", ")})`;
    })
    .join(", ");
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="timeline-payment">
      <span className="font-medium">{isReversal ? t("payments.history.reversal") : t("debtor.history.payment")}</span>
      <span className={`num ${isReversal ? "text-red-700" : "text-emerald-700"}`}>{money(e.amountCents)}</span>
      {e.reversedAt ? <Badge tone="red">{t("payments.history.reversed")}</Badge> : null}
      {invoices ? <span className="text-slate-700">— {t(isReversal ? "payments.history.reopened" : "payments.history.settled", { invoices })}</span> : null}
      {!isReversal && e.unallocatedCents > 0 ? <span className="text-[12px] text-slate-500">{t("payments.history.unallocated", { amount: money(e.unallocatedCents) })}</span> : null}
      {e.reference ? <span className="text-[12px] text-slate-500">{e.reference}</span> : null}
      {canReverse && e.source === "manual" && !isReversal && !e.reversedAt && e.amountCents > 0 ? <ReversePaymentForm paymentId={e.id} /> : null}
    </div>
  );
}
