import type { DashboardFilters } from "@/lib/dashboard/dashboard-queries";
import { formatCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { formatNumber } from "@/lib/format/number";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type Translate } from "@/lib/i18n/translate";

/** What every dashboard panel needs to render: the filters and the user's formats. */
export type DashboardView = {
  t: Translate;
  filters: DashboardFilters;
  money: (cents: number) => string;
  compact: (cents: number) => string;
  date: (date: CalendarDate) => string;
  /** a figure in the user's language ("81,6" in Dutch) */
  num: (value: number) => string;
  /** a share in percent with one decimal, in the user's language; 0 when there is no whole */
  pct: (part: number, whole: number) => string;
};

export function dashboardView(locale: Locale, filters: DashboardFilters): DashboardView {
  return {
    t: translator(locale),
    filters,
    money: (c) => formatMoney(c, filters.currency, locale),
    compact: (c) => formatMoney(c, filters.currency, locale, { compact: true }),
    date: (s) => formatCalendarDate(s, locale),
    num: (v) => formatNumber(v, locale),
    pct: (part, whole) => formatNumber(whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0, locale),
  };
}

/**
 * Query string of the debtors list behind a figure, with the dashboard's own filters (the
 * currency too: every figure is in one currency), so the list's totals add up to the figure.
 */
export function debtorsHref(f: DashboardFilters, extra: Record<string, string>): string {
  const p = new URLSearchParams();
  if (f.controller) p.set("controller", f.controller);
  if (f.kind) p.set("kind", f.kind);
  p.set("currency", f.currency);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `/debtors?${p.toString()}`;
}

/** The dashboard's filters as the export route reads them. */
export function filterQuery(f: DashboardFilters): string {
  const p = new URLSearchParams({ currency: f.currency, period: f.period });
  if (f.controller) p.set("controller", f.controller);
  if (f.kind) p.set("kind", f.kind);
  return p.toString();
}
