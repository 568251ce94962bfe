import { Link } from "@/components/ui/link";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { can } from "@/lib/auth/roles";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { db } from "@/lib/db/client";
import { listControllers } from "@/lib/debtors/debtor-queries";
import { addDays, formatCalendarDate } from "@/lib/format/calendar-date";
import { translator } from "@/lib/i18n/translate";
import { formatMoney } from "@/lib/format/money";
import { COVERAGE } from "@/lib/worklist/worklist-coverage";
import { listWorklistCached } from "@/lib/worklist/worklist-cache";
import { WorklistTable } from "./worklist-table";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("nav.worklist");

/** Rows per step: the page carries the top of the list (25 rows are several screens), more on request. */
const STEP = 25;
const MAX_SHOWN = 2_000;

export default async function WorklistPage({ searchParams }: { searchParams: Promise<{ scope?: string; day?: string; show?: string }> }) {
  const user = await requirePageUser("debtors:read");
  // Plans awaiting approval are decided by managers: on their list those come first.
  const decidesPlans = can(user.role, "agreements:approve");
  const t = translator(user.locale);
  const params = await searchParams;
  const hasPortfolio = user.role === "controller";
  const scope = params.scope === "team" || !hasPortfolio ? "team" : "mine";
  const { today, timeZone, now } = officeClock();
  const isTomorrow = params.day === "tomorrow";
  const day = isTomorrow ? addDays(today, 1) : today;
  const step = STEP;
  const asked = Math.ceil(Number(params.show) / step) * step;
  const take = Number.isFinite(asked) ? Math.min(MAX_SHOWN, Math.max(step, asked)) : step;
  const [list, colleagues] = await Promise.all([
    listWorklistCached(db(), { userId: scope === "mine" ? user.id : null, day, today, timeZone, now, take, approvalsFirst: decidesPlans }),
    listControllers(db()),
  ]);
  const canWrite = can(user.role, "calls:write");
  const link = (s: string, d: string, shown?: number) =>
    `/worklist?${new URLSearchParams({ ...(s === "team" && hasPortfolio ? { scope: "team" } : {}), ...(d === "tomorrow" ? { day: "tomorrow" } : {}), ...(shown ? { show: String(shown) } : {}) })}`;
  const tab = (active: boolean) => `rounded px-2 py-1 ${active ? "bg-slate-700 text-white" : "hover:bg-slate-200"}`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-base font-semibold">{t("worklist.title")}</h1>
        <span className="text-[13px] text-slate-600" data-testid="worklist-day">
          {formatCalendarDate(day, user.locale)}
        </span>
        <nav className="flex gap-1 text-[13px]" aria-label={t("worklist.day")}>
          <Link href={link(scope, "today")} aria-current={!isTomorrow ? "page" : undefined} className={tab(!isTomorrow)}>
            {t("worklist.today")}
          </Link>
          <Link href={link(scope, "tomorrow")} aria-current={isTomorrow ? "page" : undefined} className={tab(isTomorrow)}>
            {t("worklist.tomorrow")}
          </Link>
        </nav>
        {hasPortfolio ? (
          <nav className="flex gap-1 text-[13px]" aria-label={t("worklist.scope")}>
            <Link href={link("mine", isTomorrow ? "tomorrow" : "today")} aria-current={scope === "mine" ? "page" : undefined} className={tab(scope === "mine")}>
              {t("worklist.scope.mine")}
            </Link>
            <Link href={link("team", isTomorrow ? "tomorrow" : "today")} aria-current={scope === "team" ? "page" : undefined} className={tab(scope === "team")}>
              {t("worklist.scope.team")}
            </Link>
          </nav>
        ) : null}
        <span className="ml-auto text-[12px] text-slate-500">{t("worklist.keys")}</span>
      </div>
      <Panel title={`${t("worklist.items")} (${list.total})`}>
        {list.rows.length === 0 ? (
          <EmptyState>{t(isTomorrow ? "worklist.emptyTomorrow" : "worklist.empty")}</EmptyState>
        ) : (
          <WorklistTable
            rows={list.rows}
            userId={user.id}
            canWrite={canWrite}
            isManager={user.role === "manager" || user.role === "admin"}
            isController={user.role === "controller"}
            showAssignee={scope === "team"}
            colleagues={colleagues}
            today={today}
            timeZone={timeZone}
          />
        )}
        {list.total > list.rows.length ? (
          <p className="flex items-center gap-3 px-3 py-1.5 text-[12px] text-slate-500">
            <span>{t("worklist.more", { shown: list.rows.length, total: list.total })}</span>
            {list.rows.length < MAX_SHOWN ? (
              <TextLink href={link(scope, isTomorrow ? "tomorrow" : "today", take + step)} scroll={false} data-testid="worklist-show-more">
                {t("worklist.showMore", { count: Math.min(step, list.total - list.rows.length) })}
              </TextLink>
            ) : null}
          </p>
        ) : null}
      </Panel>
      <details className="text-[12px] text-slate-600">
        <summary className="cursor-pointer">{t("worklist.rules.title")}</summary>
        <p className="mt-1 max-w-3xl">{t("worklist.rules.text", { amount: formatMoney(Number(COVERAGE.minOverdueCents), "EUR", user.locale), quiet: COVERAGE.quietDays, warn: COVERAGE.insurerWarnDays })}</p>
      </details>
    </div>
  );
}
