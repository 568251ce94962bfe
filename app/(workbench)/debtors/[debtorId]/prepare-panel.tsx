import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import type { CallTimeAdvice } from "@/lib/calls/call-time-advice";
import type { CallGoal, LadderStep } from "@/lib/calls/call-goal";
import { playbook, phrasingTips } from "@/lib/calls/excuse-playbook";
import type { InsurerDeadline, NumberUsed } from "@/lib/debtors/debtor-workbench";
import type { PaymentBehaviour } from "@/lib/debtors/payment-behaviour";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { formatNumber } from "@/lib/format/number";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

const slotFormat = (locale: Locale, timeZone: string) => dateTimeFormat(localeTag(locale), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone });
const timeFormat = (locale: Locale, timeZone: string) => dateTimeFormat(localeTag(locale), { hour: "2-digit", minute: "2-digit", timeZone });

/** Everything to know before dialling: when, what for, what if not, and how this debtor pays. */
export function PreparePanel(props: {
  locale: Locale;
  currency: string;
  timeZone: string;
  advice: CallTimeAdvice;
  goal: CallGoal;
  consequence: LadderStep;
  canStopDeliveries: boolean;
  behaviour: PaymentBehaviour;
  insurer: InsurerDeadline | null;
  numbersUsed: NumberUsed[];
}) {
  const { locale, advice, goal, behaviour } = props;
  const t = translator(locale);
  const money = (c: bigint | number) => formatMoney(Number(c), props.currency, locale);
  const date = (d: string) => formatCalendarDate(d, locale);
  const slot = slotFormat(locale, props.timeZone);
  const hhmm = timeFormat(locale, props.timeZone);
  const kept = behaviour.promisesKept;
  const judged = behaviour.promisesKept + behaviour.promisesBroken;
  return (
    <Panel title={t("prepare.title")} id="prepare">
      <dl className="divide-y divide-slate-100 text-[13px]" data-testid="prepare">
        <div className="px-3 py-2">
          <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.callTime")}</dt>
          <dd data-testid="call-time-advice">
            {advice.good ? (
              <span className="text-green-800">{t("prepare.callTime.good", { time: advice.localTime })}</span>
            ) : (
              <div className="space-y-0.5">
                <div className="text-slate-600">{t("prepare.callTime.now", { time: advice.localTime })}</div>
                <div className="flex flex-wrap gap-1">
                  {advice.warnings.map((w) => (
                    <Badge key={w} tone="amber">
                      {t(`prepare.callTime.warn.${w}` as MessageKey)}
                    </Badge>
                  ))}
                </div>
              </div>
            )}
            {advice.nextSlots.length ? (
              <div className="mt-1 text-[12px] text-slate-600">
                {t("prepare.callTime.next")}:{" "}
                {advice.nextSlots.map((s) => `${slot.format(s.start)}–${hhmm.format(s.end)}${s.preferred ? " ★" : ""}`).join(" · ")}
              </div>
            ) : null}
          </dd>
        </div>
        <div className="px-3 py-2">
          <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.goal")}</dt>
          <dd data-testid="call-goal">
            {goal.amountCents > 0n ? (
              <>
                <div className="text-[15px] font-semibold">{t("prepare.goal.amount", { amount: money(goal.amountCents), date: date(goal.payBy) })}</div>
                <div className="text-[12px] text-slate-600">
                  {t("prepare.goal.detail", { overdue: money(goal.overdueCents), disputed: money(goal.disputedCents), days: goal.payWithinDays })}
                </div>
              </>
            ) : (
              <div className="text-slate-600">{t("prepare.goal.nothing")}</div>
            )}
          </dd>
        </div>
        <div className="px-3 py-2">
          <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.consequence")}</dt>
          <dd>
            {t(`prepare.consequence.${props.consequence}` as MessageKey)}
            {props.canStopDeliveries ? <span className="text-slate-600"> {t("prepare.consequence.stopDeliveries")}</span> : null}
          </dd>
        </div>
        <div className="grid grid-cols-3 gap-2 px-3 py-2" data-testid="payment-behaviour">
          <div>
            <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.behaviour.avgLate")}</dt>
            <dd>
              {behaviour.avgDaysLate === null ? (
                <span className="text-slate-500">{t("prepare.behaviour.none")}</span>
              ) : (
                <>
                  <span className="font-semibold">{formatNumber(behaviour.avgDaysLate, locale)}</span>
                  {behaviour.trend ? (
                    <span className={`ml-1 text-[12px] ${behaviour.trend === "worse" ? "text-red-700" : behaviour.trend === "better" ? "text-green-700" : "text-slate-500"}`}>
                      {t(`prepare.behaviour.trend.${behaviour.trend}` as MessageKey)}
                    </span>
                  ) : null}
                  {behaviour.recentAvgDaysLate !== null ? <div className="text-[11px] text-slate-500">{t("prepare.behaviour.recent", { days: formatNumber(behaviour.recentAvgDaysLate, locale) })}</div> : null}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.behaviour.kept")}</dt>
            <dd className={judged && kept / judged < 0.5 ? "font-semibold text-red-700" : "font-semibold"}>
              {judged ? t("prepare.behaviour.keptValue", { kept, total: judged }) : <span className="font-normal text-slate-500">{t("prepare.behaviour.none")}</span>}
            </dd>
          </div>
          <div>
            <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.behaviour.lastPayment")}</dt>
            <dd>
              {behaviour.lastPayment ? (
                <>
                  <span className="font-semibold">{money(behaviour.lastPayment.amountCents)}</span>
                  <div className="text-[11px] text-slate-500">{date(behaviour.lastPayment.date)}</div>
                </>
              ) : (
                <span className="text-slate-500">{t("prepare.behaviour.none")}</span>
              )}
            </dd>
          </div>
        </div>
        {props.insurer ? (
          <div className="px-3 py-2">
            <dd className={props.insurer.daysLeft < 0 ? "font-medium text-red-700" : props.insurer.daysLeft <= 14 ? "font-medium text-amber-800" : "text-slate-700"}>
              {props.insurer.daysLeft < 0
                ? t("prepare.insurer.overdue", { insurer: props.insurer.insurer, date: date(props.insurer.date) })
                : t("prepare.insurer", { insurer: props.insurer.insurer, date: date(props.insurer.date), days: props.insurer.daysLeft })}
            </dd>
          </div>
        ) : null}
        {props.numbersUsed.length ? (
          <div className="px-3 py-2">
            <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("prepare.numbers")}</dt>
            <dd className="text-[12px]">
              {props.numbersUsed.map((n) => (
                <div key={n.phone} className="flex justify-between gap-2">
                  <a href={`tel:${n.phone.replace(/\s/g, "")}`} className="font-mono text-blue-700 hover:underline">
                    {n.phone}
                  </a>
                  <span className="text-slate-500">
                    {date(n.lastUsedOn)}
                    {n.lastOutcome ? ` · ${t(`call.outcome.${n.lastOutcome}` as MessageKey)}` : ""}
                  </span>
                </div>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
}

/** The excuse playbook and phrasing tips, always at hand (also for colleagues who only read). */
export function PlaybookPanel({ locale }: { locale: Locale }) {
  const t = translator(locale);
  return (
    <Panel title={t("playbook.title")} id="playbook">
      <div className="divide-y divide-slate-100 text-[13px]" data-testid="playbook">
        {playbook(locale).map((e) => (
          <details key={e.excuse} className="px-3 py-1.5">
            <summary className="cursor-pointer font-medium">{e.label}</summary>
            <p className="mt-1 text-slate-700">{e.response}</p>
            <div className="mt-1 text-[12px] text-slate-600">
              {t("playbook.pinDown")}: {e.pinDown.join(" · ")}
            </div>
          </details>
        ))}
        <details className="px-3 py-1.5">
          <summary className="cursor-pointer font-medium">{t("playbook.tips")}</summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-4 text-slate-700">
            {phrasingTips(locale).map((tip) => (
              <li key={tip}>{tip}</li>
            ))}
          </ul>
        </details>
      </div>
    </Panel>
  );
}
