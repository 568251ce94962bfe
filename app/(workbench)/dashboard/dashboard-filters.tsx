import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { FilterSelect } from "@/components/ui/filter-select";
import type { DashboardFilters as Filters } from "@/lib/dashboard/dashboard-queries";
import type { MessageKey, Translate } from "@/lib/i18n/translate";

const PERIODS = ["30", "90", "365"] as const;

/** The dashboard's filters; a controller sees their own portfolio and gets no controller choice. */
export function DashboardFilters({ t, filters: f, ownOnly, controllers, currencies }: { t: Translate; filters: Filters; ownOnly: boolean; controllers: { id: string; name: string }[]; currencies: string[] }) {
  return (
    <AutoSubmitForm action="/dashboard" label={t("dashboard.apply")} className="flex flex-wrap items-end gap-2 text-[13px]">
      {ownOnly ? (
        <span className="py-1 text-slate-500">{t("dashboard.scopeOwn")}</span>
      ) : (
        <FilterSelect
          label={t("debtors.filter.controller")}
          name="controller"
          defaultValue={f.controller ?? ""}
          allLabel={t("common.all")}
          options={[{ value: "none", label: t("common.unassigned") }, ...controllers.map((c) => ({ value: c.id, label: c.name }))]}
        />
      )}
      <FilterSelect label={t("debtors.filter.kind")} name="kind" defaultValue={f.kind ?? ""} allLabel={t("common.all")} options={[{ value: "b2b", label: t("common.b2b") }, { value: "consumer", label: t("common.consumer") }]} />
      <FilterSelect label={t("dashboard.currency")} name="currency" defaultValue={f.currency} options={currencies.map((c) => ({ value: c, label: c }))} />
      <FilterSelect label={t("dashboard.period")} name="period" defaultValue={f.period} options={PERIODS.map((p) => ({ value: p, label: t(`dashboard.period.${p}` as MessageKey) }))} />
    </AutoSubmitForm>
  );
}
