import { Link } from "@/components/ui/link";
import { TextLink } from "@/components/ui/text-link";
import { TimelineList } from "@/components/debtors/timeline-list";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { HISTORY_MAX, HISTORY_STEP, type DebtorHistory } from "@/lib/debtors/debtor-workbench";
import { TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/timeline-queries";

/**
 * The shared timeline, filterable by kind through the URL (`?show=call#history`): its newest
 * entries, and a link for older ones (`?history=40`), as the worklist shows more rows.
 */
export function HistoryPanel({ debtorId, history, show, locale, resendTo, canReversePayments }: { debtorId: string; history: DebtorHistory; show: TimelineKind | undefined; locale: Locale; resendTo?: { id: string; name: string; email: string }[]; canReversePayments?: boolean }) {
  const t = translator(locale);
  const timeline = history.entries;
  const older = `/debtors/${debtorId}?${show ? `show=${show}&` : ""}history=${history.take + HISTORY_STEP}#history`;
  return (
    <Panel
      title={t("debtor.history")}
      id="history"
      actions={
        <div className="flex flex-wrap items-center justify-end gap-2">
          <nav aria-label={t("debtor.history")} className="flex flex-wrap gap-1 text-[12px]">
            {[undefined, ...TIMELINE_KINDS].map((k) => (
              <Link
                key={k ?? "all"}
                href={k ? `/debtors/${debtorId}?show=${k}#history` : `/debtors/${debtorId}#history`}
                aria-current={show === k ? "true" : undefined}
                className={`rounded px-1.5 py-0.5 ${show === k ? "bg-slate-700 text-white" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {t(`debtor.history.filter.${k ?? "all"}` as MessageKey)}
              </Link>
            ))}
          </nav>
          <span className="text-[12px] text-slate-600" data-testid="timeline-export">
            {t("privacy.timeline.export")}:{" "}
            {(["csv", "xlsx"] as const).map((format) => (
              <a key={format} href={`/api/exports/timeline/${debtorId}?format=${format}`} className="ml-1 text-blue-700 hover:underline" download>
                {t(`exports.${format}`)}
              </a>
            ))}
          </span>
        </div>
      }
    >
      {timeline.length === 0 ? <EmptyState>{t("debtor.history.empty")}</EmptyState> : <TimelineList entries={timeline} locale={locale} resendTo={resendTo} canReversePayments={canReversePayments} />}
      {history.more ? (
        <p className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-3 py-1.5 text-[12px] text-slate-500">
          <span>{t("debtor.history.shown", { count: timeline.length })}</span>
          {history.take < HISTORY_MAX ? (
            <TextLink href={older} scroll={false} data-testid="history-show-older">
              {t("debtor.history.showOlder", { count: HISTORY_STEP })}
            </TextLink>
          ) : (
            <span>{t("debtor.history.restInExport")}</span>
          )}
        </p>
      ) : null}
    </Panel>
  );
}

/** Shown while the history streams in. */
export function HistoryPanelLoading({ locale }: { locale: Locale }) {
  const t = translator(locale);
  return (
    <Panel title={t("debtor.history")} id="history">
      <p className="px-3 py-2 text-[13px] text-slate-500" role="status" aria-live="polite">
        {t("debtor.history.loading")}
      </p>
    </Panel>
  );
}
