import { TextLink } from "@/components/ui/text-link";
import type { PromiseFigures } from "@/lib/dashboard/dashboard-queries";
import type { MessageKey } from "@/lib/i18n/translate";
import { DashboardPanel } from "./dashboard-panel";
import { debtorsHref, type DashboardView } from "./dashboard-view";

const STAGES = ["made", "kept", "broken", "open"] as const;
const BAR: Record<(typeof STAGES)[number], string> = { made: "bg-slate-400", kept: "bg-blue-700", broken: "bg-orange-600", open: "bg-slate-400" };

/** Promises to pay as a funnel: made, then kept, broken or still open. */
export function PromisesPanel({ view, promises: p }: { view: DashboardView; promises: PromiseFigures }) {
  const { t, filters } = view;
  return (
    <DashboardPanel view={view} table="promises" title={t("dashboard.promises")}>
      <div className="space-y-1 px-3 py-2 text-[13px]" data-testid="promise-funnel">
        {STAGES.map((k) => (
          <div key={k} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2">
            {k === "made" ? (
              <span>{t(`dashboard.promises.${k}` as MessageKey)}</span>
            ) : (
              <TextLink href={debtorsHref(filters, { promise: k })}>{t(`dashboard.promises.${k}` as MessageKey)}</TextLink>
            )}
            <div className="h-3 rounded-sm bg-slate-100">
              <div className={`h-3 rounded-sm ${BAR[k]}`} style={{ width: `${p.made ? (p[k] / p.made) * 100 : 0}%` }} />
            </div>
            <span className="num">{p[k]}</span>
          </div>
        ))}
      </div>
    </DashboardPanel>
  );
}
