import { Link } from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import type { ControllerOption, DebtorDetail } from "@/lib/debtors/debtor-queries";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import type { Locale } from "@/lib/i18n/locale";
import { translator } from "@/lib/i18n/translate";
import { AssignControl } from "./assign-control";

/**
 * Who the debtor is and how to reach them, with the flags that change how to talk to them. Who
 * holds the debtor is shown to everyone; `assignees` (for users with debtors:assign) adds the
 * control to give it to a colleague.
 */
export function DebtorHeader({ debtor, locale, assignees }: { debtor: DebtorDetail; locale: Locale; assignees?: ControllerOption[] }) {
  const t = translator(locale);
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <div>
        <Link href="/debtors" className="text-[12px] text-blue-700 hover:underline">
          ← {t("common.backToList")}
        </Link>
        <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          {debtor.name}
          <span className="font-mono text-[13px] font-normal text-slate-500">{debtor.customerNumber}</span>
          <Badge>{debtor.kind === "consumer" ? t("common.consumer") : t("common.b2b")}</Badge>
          {debtor.creditHold ? <Badge tone="red">{t("debtor.creditHold")}</Badge> : null}
          {debtor.isDunningPaused ? <Badge tone="amber">{t("debtor.dunningPaused")}</Badge> : null}
        </h1>
        <div className="flex flex-wrap gap-x-4 text-[13px] text-slate-600">
          {debtor.address ? <span>{debtor.address}</span> : null}
          {debtor.phone ? (
            <a href={`tel:${debtor.phone.replace(/\s/g, "")}`} className="text-blue-700 hover:underline">
              {debtor.phone}
            </a>
          ) : null}
          {debtor.email ? (
            <a href={`mailto:${debtor.email}`} className="text-blue-700 hover:underline">
              {debtor.email}
            </a>
          ) : null}
          <span data-testid="debtor-holder">
            {t("debtor.controller")}: {debtor.controllerName ?? t("common.unassigned")}
          </span>
          <span>
            {t("debtor.language")}: {debtor.language.toUpperCase()}
          </span>
          <span>{t("debtor.paymentTerm", { days: debtor.paymentTermDays })}</span>
          <span>{t("debtor.customerSince", { date: formatCalendarDate(debtor.customerSince, locale) })}</span>
        </div>
      </div>
      {assignees ? <AssignControl debtorId={debtor.id} controllerId={debtor.assignedControllerId} controllerName={debtor.controllerName} controllers={assignees} /> : null}
    </div>
  );
}
