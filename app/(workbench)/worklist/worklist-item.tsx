"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td, Tr } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import { TextLink } from "@/components/ui/text-link";
import { daysBetween, formatCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { formatNumber } from "@/lib/format/number";
import type { Locale } from "@/lib/i18n/locale";
import type { MessageKey, Params } from "@/lib/i18n/translate";
import type { WorklistItemKind } from "@/lib/worklist/worklist-priority";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";
import { decidePlanAction } from "@/server/actions/agreements";
import { assignRowAction, insurerNotifiedAction, snoozeRowAction } from "@/server/actions/worklist";
import type { ActionResult } from "@/server/action-result";
import { SnoozeForm } from "./snooze-form";

const TONE: Partial<Record<WorklistItemKind, BadgeTone>> = {
  broken_promise: "red",
  callback: "blue",
  handover: "red",
  dunning_call: "amber",
  dispute: "amber",
  service_call: "green",
  approval: "violet",
  email_failed: "red",
  overdue_unworked: "red",
  insurer_deadline: "amber",
  insurer_deadline_passed: "red",
  credit_limit_exceeded: "red",
  promise_due_today: "blue",
};

/** What the whole list shares: who is looking and what they may do. */
export type WorklistSettings = { userId: string; canWrite: boolean; isManager: boolean; isController: boolean; showAssignee: boolean; colleagues: { id: string; name: string }[]; today: CalendarDate; timeZone: string };

/** Runs an action on a row and confirms it with `success`. */
export type RowAction = <T>(call: () => Promise<ActionResult<T>>, success: string) => void;

type T = (key: MessageKey, params?: Params) => string;

/** The row's items, most pressing first: its tasks' kinds and its position's signals. */
export function kindsOf(row: WorklistRow): WorklistItemKind[] {
  const kinds = [...new Set<WorklistItemKind>([...row.tasks.map((t) => t.kind), ...row.signals])];
  return row.top ? [row.top, ...kinds.filter((k) => k !== row.top)] : kinds;
}

/** The tasks this user may claim or snooze: unassigned ones and their own (a manager: all). */
export function workableTasks(row: WorklistRow, s: Pick<WorklistSettings, "userId" | "isManager">) {
  return row.tasks.filter((t) => t.kind !== "approval" && (s.isManager || t.assigneeId === null || t.assigneeId === s.userId)).map((t) => ({ taskId: t.taskId, version: t.version }));
}

/** Whether claiming changes anything: an unassigned item, or (for a controller) a debtor nobody holds. */
export function isClaimable(row: WorklistRow, s: Pick<WorklistSettings, "canWrite" | "isController">): boolean {
  return s.canWrite && (row.tasks.some((t) => t.assigneeId === null && t.kind !== "approval") || (s.isController && row.controllerId === null));
}

/** Why the debtor is on the list: each item's own sentence. */
function whyText(row: WorklistRow, t: T, locale: Locale): string {
  const money = (cents: string | null) => formatMoney(Number(cents ?? 0), "EUR", locale);
  const date = (d: CalendarDate | null) => (d ? formatCalendarDate(d, locale) : "");
  const tasks = row.tasks.map((task) => {
    if (task.purpose === "plan_rejected") return task.note ? `${t("taskNote.plan_rejected")}: ${task.note}` : t("taskNote.plan_rejected");
    if (task.purpose === "no_answer_retry") return t("worklist.retry", { note: task.note ?? "" });
    const why = t(`worklist.type.${task.kind}.why` as MessageKey, { amount: task.agreement ? money(task.agreement.totalCents) : "" });
    return task.kind === "callback" && task.note ? `${why} (${task.note})` : why;
  });
  const signals = row.signals.map((s) => t(`worklist.signal.${s}.why` as MessageKey, { amount: money(row.overdueCents), open: money(row.openCents), limit: money(row.creditLimitCents), date: date(row.insurerDeadline) }));
  const term = row.fourteenDayTermUntil ? [t("worklist.fourteenDayTerm", { date: date(row.fourteenDayTermUntil) })] : [];
  return [...new Set([...tasks, ...signals])].concat(term).join(" · ");
}

/** What adds how much to the priority, in the words of the row. */
function partsText(row: WorklistRow, t: T, locale: Locale, today: CalendarDate): string {
  const oldestTask = row.tasks.reduce<string | null>((m, x) => (m === null || x.dueAt < m ? x.dueAt : m), null);
  const params: Params = {
    kind: row.top ? t(`worklist.type.${row.top}` as MessageKey) : "",
    count: kindsOf(row).length - 1,
    amount: formatMoney(Number(row.overdueCents), "EUR", locale),
    days: row.oldestOverdueDueDate ? daysBetween(row.oldestOverdueDueDate, today) : 0,
    broken: row.brokenPromises12m,
    left: row.insurerDeadline ? daysBetween(today, row.insurerDeadline) : 0,
    waiting: oldestTask ? Math.max(0, daysBetween(oldestTask.slice(0, 10), today)) : 0,
  };
  return row.parts.map((p) => `${t(`worklist.part.${p.key}` as MessageKey, params)} +${formatNumber(p.points, locale)}`).join(" · ");
}

/** One debtor on the worklist, and under it its snooze form when that is open. */
export function WorklistItem(props: {
  row: WorklistRow;
  settings: WorklistSettings;
  isActive: boolean;
  justClaimed: boolean;
  rowProps: { ref: (el: HTMLTableRowElement | null) => void; tabIndex: number; onFocus: () => void };
  isSnoozing: boolean;
  pending: boolean;
  snoozeErrors: string[];
  fmtTime: Intl.DateTimeFormat;
  act: RowAction;
  onClaim: () => void;
  onOpenSnooze: () => void;
  onCloseSnooze: () => void;
  onSnoozeKeyDown: (e: React.KeyboardEvent) => void;
}) {
  const { t, locale } = useT();
  const { row, settings: s, pending, act } = props;
  const workable = workableTasks(row, s);
  const canAct = s.canWrite && (s.isManager || row.controllerId === null || row.controllerId === s.userId);
  const plan = s.isManager ? (row.tasks.find((x) => x.kind === "approval")?.agreement ?? null) : null;
  const insurer = row.signals.find((x) => x === "insurer_deadline" || x === "insurer_deadline_passed");
  const decide = (approve: boolean, note: string | null) => {
    if (plan) act(() => decidePlanAction({ agreementId: plan.id, version: plan.version, approve, note }), t(approve ? "worklist.approved" : "worklist.rejected", { name: row.debtorName }));
  };
  const kinds = kindsOf(row);
  const holder = row.controllerId === s.userId ? t("worklist.you") : (row.controllerName ?? t("worklist.unassigned"));

  return (
    <>
      <Tr {...props.rowProps} data-testid="worklist-row" data-debtor={row.debtorName} className={`outline-none focus:bg-blue-50 ${props.justClaimed ? "bg-emerald-50" : props.isActive ? "bg-blue-50/60" : ""}`}>
        <Td tall>
          <span className="flex max-w-56 flex-wrap gap-1">
            {kinds.map((k) => (
              <span key={k} className="whitespace-nowrap">
                <Badge tone={TONE[k] ?? "neutral"}>{t(`worklist.type.${k}` as MessageKey)}</Badge>
              </span>
            ))}
          </span>
        </Td>
        <Td tall className="max-w-64">
          <TextLink href={`/debtors/${row.debtorId}`} className="block truncate font-medium" tabIndex={-1}>
            {row.debtorName}
          </TextLink>
          <span className="text-[12px] text-slate-500">
            {row.customerNumber} · <span data-testid="worklist-holder">{holder}</span>
          </span>
          {props.justClaimed ? (
            <span className="ml-1 text-[12px] font-medium text-emerald-800" role="status">
              ✓ {t("worklist.claimedShort")}
            </span>
          ) : null}
        </Td>
        <Td tall className="min-w-[20rem] text-slate-700">
          <span data-testid="worklist-reasons">{whyText(row, t, locale)}</span>
          <span className="block text-[12px] text-slate-500" data-testid="worklist-priority-parts">
            {partsText(row, t, locale, s.today)}
          </span>
        </Td>
        <Td numeric tall className="font-medium text-red-700" data-label={t("worklist.col.overdue")}>
          {Number(row.overdueCents) > 0 ? formatMoney(Number(row.overdueCents), "EUR", locale) : "–"}
        </Td>
        <Td tall className="text-[12px]" data-label={t("worklist.col.callAt")}>
          {row.callNowGood ? <span className="text-green-800">{t("worklist.callNow")}</span> : row.bestCallAt ? props.fmtTime.format(new Date(row.bestCallAt)) : "–"}
        </Td>
        {s.showAssignee ? (
          <Td tall className="text-[12px]" data-label={t("worklist.col.assignee")}>
            {s.isManager ? (
              <Select
                compact
                aria-label={t("worklist.reassign", { name: row.debtorName })}
                value={row.controllerId ?? ""}
                disabled={pending}
                onChange={(e) => act(() => assignRowAction({ debtorId: row.debtorId, tasks: workable, assigneeId: e.target.value }), t("worklist.reassigned", { name: row.debtorName }))}
                options={[{ value: "", label: t("worklist.unassigned"), disabled: true }, ...s.colleagues.map((c) => ({ value: c.id, label: c.name }))]}
              />
            ) : (
              holder
            )}
          </Td>
        ) : null}
        <Td numeric tall className="text-slate-500" data-testid="worklist-score" data-label={t("worklist.col.priority")}>
          {row.score.toFixed(0)}
        </Td>
        <Td tall className="whitespace-nowrap text-right">
          {plan ? (
            <>
              <Button variant="primary" disabled={pending} onClick={() => decide(true, null)}>
                {t("worklist.approve")}
              </Button>{" "}
              <Button
                variant="danger"
                disabled={pending}
                onClick={() => {
                  const note = window.prompt(t("worklist.rejectNote"));
                  if (note !== null) decide(false, note.trim() || null);
                }}
              >
                {t("worklist.reject")}
              </Button>{" "}
            </>
          ) : null}
          {insurer && canAct ? (
            <>
              <Button disabled={pending} onClick={() => act(() => insurerNotifiedAction({ debtorId: row.debtorId, notifiedOn: s.today }), t("worklist.insurerNotified", { name: row.debtorName }))}>
                {t("worklist.insurerNotify")}
              </Button>{" "}
            </>
          ) : null}
          {isClaimable(row, s) ? (
            <>
              <Button disabled={pending} onClick={props.onClaim} title="c">
                {t("worklist.claim")}
              </Button>{" "}
            </>
          ) : null}
          {canAct ? (
            <Button disabled={pending} onClick={props.onOpenSnooze} title="z">
              {t("worklist.snooze")}
            </Button>
          ) : null}
        </Td>
      </Tr>
      {props.isSnoozing ? (
        <tr className="border-b border-slate-100 bg-slate-50">
          <td colSpan={s.showAssignee ? 8 : 7} className="px-3 py-2">
            <SnoozeForm
              today={s.today}
              pending={pending}
              errors={props.snoozeErrors}
              onKeyDown={props.onSnoozeKeyDown}
              onCancel={props.onCloseSnooze}
              onSnooze={(v) => act(() => snoozeRowAction({ debtorId: row.debtorId, tasks: workable, position: row.signals.length > 0, ...v }), t("worklist.snoozed", { name: row.debtorName }))}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
