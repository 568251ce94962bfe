import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth/session";
import { db, dbProvider } from "@/lib/db/client";
import { listDebtors } from "@/lib/debtors/debtor-queries";
import { ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { env } from "@/lib/env/env";
import { addDays, calendarDateIn, startOfDayIn } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { isMessageKey, translator, type MessageKey } from "@/lib/i18n/translate";
import { listDueTasks } from "@/lib/tasks/task-queries";

export const metadata: Metadata = { title: "Worklist" };

export default async function WorklistPage({ searchParams }: { searchParams: Promise<{ scope?: string }> }) {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const hasPortfolio = user.role === "controller";
  const scope = (await searchParams).scope === "team" || !hasPortfolio ? "team" : "mine";
  const now = new Date();
  const today = calendarDateIn(now, env().APP_TIME_ZONE);
  // Tasks due before the end of today (Amsterdam), i.e. before tomorrow's midnight there.
  const until = startOfDayIn(addDays(today, 1), env().APP_TIME_ZONE);

  const [tasks, positions] = await Promise.all([
    listDueTasks(db(), { assigneeId: scope === "mine" ? user.id : null, until, take: 50 }),
    listDebtors(db(), ListDebtorsInput.parse({ controller: scope === "mine" ? "me" : undefined, sort: "oldest" }), {
      today,
      userId: user.id,
      provider: dbProvider(),
    }),
  ]);
  const overdueRows = positions.rows.filter((r) => r.overdueCents > 0).slice(0, 20);
  const fmtTime = new Intl.DateTimeFormat(user.locale === "nl" ? "nl-NL" : "en-GB", {
    day: "2-digit",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: env().APP_TIME_ZONE,
  });

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t("worklist.title")}</h1>
        {hasPortfolio ? (
          <nav className="flex gap-1 text-[13px]" aria-label={t("worklist.title")}>
            <Link href="/worklist" aria-current={scope === "mine" ? "page" : undefined} className={`rounded px-2 py-1 ${scope === "mine" ? "bg-slate-700 text-white" : "hover:bg-slate-200"}`}>
              {t("worklist.scope.mine")}
            </Link>
            <Link href="/worklist?scope=team" aria-current={scope === "team" ? "page" : undefined} className={`rounded px-2 py-1 ${scope === "team" ? "bg-slate-700 text-white" : "hover:bg-slate-200"}`}>
              {t("worklist.scope.team")}
            </Link>
          </nav>
        ) : null}
      </div>
      <div className="grid gap-3 xl:grid-cols-2">
        <Panel title={`${t("worklist.tasks")} (${tasks.length})`}>
          {tasks.length === 0 ? (
            <EmptyState>{t("worklist.tasks.empty")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="due-tasks">
              {tasks.map((task) => (
                <li key={task.id} className="flex items-center gap-2 px-3 py-1.5">
                  <Badge tone={task.type === "callback" ? "blue" : task.type === "check_payment" ? "green" : "neutral"}>
                    {t(`taskType.${task.type}` as MessageKey)}
                  </Badge>
                  <Link href={`/debtors/${task.debtorId}`} className="min-w-0 truncate font-medium text-blue-800 hover:underline">
                    {task.debtorName}
                  </Link>
                  {task.note ? (
                    <span className="min-w-0 truncate text-slate-500">{isMessageKey(`taskNote.${task.note}`) ? t(`taskNote.${task.note}` as MessageKey) : task.note}</span>
                  ) : null}
                  <span className="ml-auto shrink-0 text-[12px] text-slate-500">
                    {scope === "team" && task.assigneeName ? `${task.assigneeName} · ` : ""}
                    {fmtTime.format(new Date(task.dueAt))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t("worklist.overdue")}>
          {overdueRows.length === 0 ? (
            <EmptyState>{t("worklist.overdue.empty")}</EmptyState>
          ) : (
            <table className="w-full text-[13px]">
              <tbody>
                {overdueRows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-1.5">
                      <Link href={`/debtors/${r.id}`} className="font-medium text-blue-800 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="num px-2 py-1.5 font-medium text-red-700">{formatMoney(r.overdueCents, r.currency, user.locale)}</td>
                    <td className="num px-3 py-1.5 text-slate-600">{r.oldestDaysOverdue !== null ? t("worklist.late", { days: r.oldestDaysOverdue }) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </div>
  );
}
