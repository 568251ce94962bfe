import { EmptyState, Panel } from "@/components/ui/panel";
import type { DebtorDetail } from "@/lib/debtors/debtor-queries";
import type { PolicyOption } from "@/lib/debtors/debtor-workbench";
import type { DebtorDunningRow } from "@/lib/dunning/dunning-queries";
import { calendarDateIn, formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { isMessageKey, translator } from "@/lib/i18n/translate";
import { DunningSettingsForm } from "./dunning-payment-panels";

/** What dunning sent (with letters as PDF), whether it is paused, and, for writers, its settings. */
export function DunningPanel(props: { debtor: DebtorDetail; dunning: DebtorDunningRow[]; handoverStop: { handedOverOn: string } | null; policies: PolicyOption[]; canWrite: boolean; locale: Locale }) {
  const { debtor, dunning } = props;
  const t = translator(props.locale);
  const money = (c: number) => formatMoney(c, debtor.currency, props.locale);
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  return (
    <Panel title={t("debtor.dunning")} id="dunning">
      {debtor.isDunningPaused ? (
        <p className="px-3 pt-2 text-[13px] font-medium text-amber-800" data-testid="dunning-paused">
          {t("debtor.dunning.paused", { reason: debtor.dunningPausedReason ?? "" })}
        </p>
      ) : null}
      {props.handoverStop ? (
        <p className="px-3 pt-2 text-[13px] text-slate-700" data-testid="dunning-handover-stop">
          {t("debtor.dunning.handedOver", { date: formatCalendarDate(props.handoverStop.handedOverOn, props.locale) })}
        </p>
      ) : null}
      {dunning.length === 0 ? (
        <EmptyState>{t("debtor.dunning.none")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-[13px]" data-testid="dunning-history">
          {dunning.map((d) => (
            <li key={d.id} className="px-3 py-1">
              <div className="flex gap-2">
                <span className="text-slate-500">{formatCalendarDate(calendarDateIn(new Date(d.sentAt)), props.locale)}</span>
                <span className="font-medium">{label(`dunning.template.${d.stepCode}`, d.stepCode ?? `#${d.level}`)}</span>
                <span className="text-slate-500">{label(`dunning.channel.${d.channel}`, d.channel)}</span>
                {d.hasLetter ? (
                  <a href={`/api/dunning/letters?id=${d.id}`} className="ml-auto text-blue-800 hover:underline">
                    PDF
                  </a>
                ) : null}
              </div>
              {BigInt(d.costsCents) > 0n || BigInt(d.interestCents) > 0n ? (
                <div className="text-[12px] text-slate-600">
                  {t("debtor.dunning.amounts", { interest: money(Number(d.interestCents)), costs: money(Number(d.costsCents)), date: d.payByDate ? formatCalendarDate(d.payByDate, props.locale) : "" })}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <DunningSettingsForm
          debtorId={debtor.id}
          version={debtor.version}
          isPaused={debtor.isDunningPaused}
          reason={debtor.dunningPausedReason}
          policyId={debtor.dunningPolicyId}
          policies={props.policies}
        />
      ) : null}
    </Panel>
  );
}
