import { Panel } from "@/components/ui/panel";
import type { DebtorDetail } from "@/lib/debtors/debtor-queries";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";

/** The credit insurance, for insured debtors only: insured limit and the insurer's notification term. */
export function InsurancePanel({ debtor, locale }: { debtor: DebtorDetail; locale: Locale }) {
  if (!debtor.isCreditInsured) return null;
  const t = translator(locale);
  return (
    <Panel title={t("debtor.insured", { insurer: debtor.insurer ?? "?" })}>
      <p className="px-3 py-2 text-[13px] text-slate-700">
        {debtor.insuredLimitCents ? t("debtor.insuredLimit", { amount: formatMoney(debtor.insuredLimitCents, debtor.currency, locale) }) : null}
        {debtor.insurerNotifyDays ? ` · ${t("debtor.insurerDeadline", { days: debtor.insurerNotifyDays })}` : null}
      </p>
    </Panel>
  );
}
