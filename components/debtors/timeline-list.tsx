import { PaymentTimelineEntry } from "@/components/debtors/payment-timeline-entry";
import { ResendEmailForm } from "@/components/debtors/resend-email-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";
import type { TimelineEntry } from "@/lib/timeline/timeline-queries";

const STATUS_TONE: Record<string, BadgeTone> = { open: "blue", kept: "green", broken: "red", cancelled: "neutral" };

function when(at: string, locale: Locale, dateOnly: boolean): string {
  const d = new Date(at);
  return dateTimeFormat(localeTag(locale), {
    day: "2-digit",
    month: "short",
    year: "numeric",
    ...(dateOnly ? {} : { hour: "2-digit", minute: "2-digit" }),
    timeZone: "Europe/Amsterdam",
  }).format(d);
}

/** The shared history of a debtor, newest first; read by every role. */
/** `resendTo`: when the viewer may write, the contacts a refused e-mail can be sent to again. */
/** `canReversePayments`: the viewer may undo a payment booked by hand (as they may book one). */
export function TimelineList({ entries, locale, resendTo, canReversePayments = false }: { entries: TimelineEntry[]; locale: Locale; resendTo?: { id: string; name: string; email: string }[]; canReversePayments?: boolean }) {
  const t = translator(locale);
  const money = (c: number, cur: string) => formatMoney(c, cur, locale);
  const key = (k: string) => k as MessageKey;
  return (
    <ol className="divide-y divide-slate-100" data-testid="timeline">
      {entries.map((e) => (
        <li key={`${e.kind}-${e.id}`} className="grid grid-cols-[7.5rem_1fr] gap-3 px-3 py-2">
          <time dateTime={e.at} className="text-[12px] text-slate-500">
            {when(e.at, locale, e.kind === "payment" || e.kind === "dispute")}
          </time>
          <div className="min-w-0">
            {e.kind === "call" ? (
              <>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{e.channel === "call" ? t("debtor.history.call") : t(key(`channel.${e.channel}`))}</span>
                  {e.spokeWith ? <span>{t("debtor.history.spokeWith", { name: e.spokeWith })}</span> : null}
                  {e.outcome && e.channel === "call" ? <Badge tone={e.outcome === "reached" ? "green" : "neutral"}>{t(key(`outcome.${e.outcome}`))}</Badge> : null}
                  {e.phoneUsed ? <span className="font-mono text-[12px] text-slate-500">{e.phoneUsed}</span> : null}
                  <span className="text-[12px] text-slate-500">{t("debtor.history.by", { name: e.author })}</span>
                </div>
                {e.reasonText || e.reasonCategory ? (
                  <div className="text-[13px] text-slate-700">{t("debtor.history.reason", { reason: e.reasonText ?? e.reasonCategory ?? "" })}</div>
                ) : null}
                {e.notes ? <p className="whitespace-pre-line text-[13px] text-slate-700">{e.notes}</p> : null}
              </>
            ) : e.kind === "agreement" ? (
              <>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">
                    {e.agreementKind === "plan" ? t("debtor.history.agreement.plan", { count: e.instalments.length }) : t("debtor.history.agreement.promise")}
                  </span>
                  <span className="num">{money(e.totalCents, e.currency)}</span>
                  <Badge tone={STATUS_TONE[e.status] ?? "neutral"}>{t(key(`agreementStatus.${e.status}`))}</Badge>
                  <span className="text-[12px] text-slate-500">{t("debtor.history.by", { name: e.author })}</span>
                </div>
                <ul className="mt-0.5 flex flex-wrap gap-x-3 text-[12px] text-slate-600">
                  {e.instalments.map((i) => (
                    <li key={i.seq}>
                      {formatCalendarDate(i.dueDate, locale)}: {money(i.amountCents, e.currency)}
                      {i.status !== "open" ? ` (${t(key(`agreementStatus.${i.status}`))})` : ""}
                    </li>
                  ))}
                </ul>
              </>
            ) : e.kind === "payment" ? (
              <PaymentTimelineEntry entry={e} locale={locale} canReverse={canReversePayments} />
            ) : e.kind === "dispute" ? (
              <>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{t("debtor.history.dispute", { invoice: e.invoiceNumber })}</span>
                  <span className="num">{money(e.disputedCents, e.currency)}</span>
                  <Badge tone={e.status === "open" ? "amber" : "neutral"}>{t(key(`disputeStatus.${e.status}`))}</Badge>
                  <span className="text-[12px] text-slate-500">{t(key(`disputeReason.${e.reason}`))}</span>
                </div>
                {e.description ? <p className="text-[13px] text-slate-700">{e.description}</p> : null}
              </>
            ) : e.kind === "dunning" ? (
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="font-medium">{t("debtor.history.dunning", { level: e.level })}</span>
                <span className="text-slate-600">({t(key(`channel.${e.channel}`))})</span>
                {e.subject ? <span className="text-slate-700">{e.subject}</span> : null}
                {e.invoiceNumbers ? <span className="text-[12px] text-slate-500">{e.invoiceNumbers}</span> : null}
              </div>
            ) : (
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="font-medium">{t("debtor.history.email")}</span>
                <span className="text-slate-700">{e.subject}</span>
                <span className="text-[12px] text-slate-500">{e.toAddress}</span>
                <Badge tone={e.status === "sent" ? "green" : e.status === "failed" ? "red" : "amber"}>{t(key(`emailStatus.${e.status}`))}</Badge>
                {e.attachments.map((f) => (
                  <span key={f} className="text-[12px] text-slate-600" data-testid="email-attachment">
                    📎 {f}
                  </span>
                ))}
                {e.status === "failed" && resendTo ? <ResendEmailForm emailId={e.id} contacts={resendTo} /> : null}
                {e.status === "failed" || e.status === "not_configured" ? (
                  <a href={`/api/emails/${e.id}/eml`} className="text-[12px] text-blue-700 hover:underline" download title={t("debtor.history.emlHelp")}>
                    {t("debtor.history.eml")}
                  </a>
                ) : null}
                {e.retry ? (
                  <span className="text-[12px] text-amber-800" title={e.retry.lastError ?? undefined} data-testid="email-retry">
                    {t("debtor.history.emailRetry", { time: when(e.retry.nextAttemptAt, locale, false), attempts: e.retry.attempts })}
                  </span>
                ) : null}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
