"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td, Tr } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import { TextLink } from "@/components/ui/text-link";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";
import type { MessageKey, Params } from "@/lib/i18n/translate";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";
import { decidePlanAction } from "@/server/actions/agreements";
import { reassignTaskAction, snoozeTaskAction } from "@/server/actions/worklist";
import type { ActionResult } from "@/server/action-result";
import { SnoozeForm } from "./snooze-form";

const TONE: Record<string, BadgeTone> = { broken_promise: "red", callback: "blue", handover: "red", dunning_call: "amber", dispute: "amber", service_call: "green", approval: "violet", email_failed: "red" };

/** What the whole list shares: who is looking and what they may do. */
export type WorklistSettings = { userId: string; canWrite: boolean; isManager: boolean; showAssignee: boolean; colleagues: { id: string; name: string }[]; today: CalendarDate };

/** Runs an action on a row and confirms it with `success`. */
export type RowAction = <T>(call: () => Promise<ActionResult<T>>, success: string) => void;

/** Why the item is on the list: its type, a rejected plan's note, and the priority reasons. */
function whyText(row: WorklistRow, t: (key: MessageKey, params?: Params) => string, locale: Locale): string {
  const why = t(`worklist.type.${row.type}.why` as MessageKey, { amount: row.agreement ? formatMoney(Number(row.agreement.totalCents), "EUR", locale) : "" });
  const rejected = row.purpose === "plan_rejected" ? [row.note ? `${t("taskNote.plan_rejected")}: ${row.note}` : t("taskNote.plan_rejected")] : [];
  const reasons = row.reasons.filter((r) => !(r === "broken_promise" && row.type === "broken_promise")).map((r) => t(`worklist.reason.${r}` as MessageKey, { date: row.insurerDeadline ?? "" }));
  const term = row.fourteenDayTermUntil ? [t("worklist.fourteenDayTerm", { date: row.fourteenDayTermUntil })] : [];
  return [why, ...rejected, ...reasons, ...term].join(" · ");
}

/** One item of the worklist, and under it its snooze form when that is open. */
export function WorklistItem(props: {
  row: WorklistRow;
  settings: WorklistSettings;
  isActive: boolean;
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
  const mine = row.assigneeId === s.userId;
  const canAct = s.canWrite && (mine || row.assigneeId === null || s.isManager);
  const plan = row.type === "approval" && s.isManager ? row.agreement : null;
  const decide = (approve: boolean, note: string | null) => {
    if (plan) act(() => decidePlanAction({ agreementId: plan.id, version: plan.version, approve, note }), t(approve ? "worklist.approved" : "worklist.rejected", { name: row.debtorName }));
  };

  return (
    <>
      <Tr {...props.rowProps} data-testid="worklist-row" data-debtor={row.debtorName} className={`outline-none focus:bg-blue-50 ${props.isActive ? "bg-blue-50/60" : ""}`}>
        <Td tall>
          <Badge tone={TONE[row.type] ?? "neutral"}>{t(`worklist.type.${row.type}` as MessageKey)}</Badge>
        </Td>
        <Td tall className="max-w-64">
          <TextLink href={`/debtors/${row.debtorId}`} className="block truncate font-medium" tabIndex={-1}>
            {row.debtorName}
          </TextLink>
          <span className="text-[12px] text-slate-500">{row.customerNumber}</span>
        </Td>
        <Td tall className="text-slate-700">
          <span data-testid="worklist-reasons">{whyText(row, t, locale)}</span>
        </Td>
        <Td numeric tall className="font-medium text-red-700">
          {Number(row.overdueCents) > 0 ? formatMoney(Number(row.overdueCents), "EUR", locale) : "–"}
        </Td>
        <Td tall className="text-[12px]">
          {row.callNowGood ? <span className="text-green-800">{t("worklist.callNow")}</span> : row.bestCallAt ? props.fmtTime.format(new Date(row.bestCallAt)) : "–"}
        </Td>
        {s.showAssignee ? (
          <Td tall className="text-[12px]">
            {s.isManager ? (
              <Select
                compact
                aria-label={t("worklist.reassign", { name: row.debtorName })}
                value={row.assigneeId ?? ""}
                disabled={pending}
                onChange={(e) => act(() => reassignTaskAction({ taskId: row.taskId, version: row.taskVersion, assigneeId: e.target.value }), t("worklist.reassigned"))}
                options={[{ value: "", label: t("worklist.unassigned"), disabled: true }, ...s.colleagues.map((c) => ({ value: c.id, label: c.name }))]}
              />
            ) : (
              (row.assigneeName ?? t("worklist.unassigned"))
            )}
          </Td>
        ) : null}
        <Td numeric tall className="text-slate-500">
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
          {canAct && row.assigneeId === null && row.type !== "approval" ? (
            <Button disabled={pending} onClick={props.onClaim} title="c">
              {t("worklist.claim")}
            </Button>
          ) : null}{" "}
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
              onSnooze={(v) => act(() => snoozeTaskAction({ taskId: row.taskId, version: row.taskVersion, ...v }), t("worklist.snoozed", { name: row.debtorName }))}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
