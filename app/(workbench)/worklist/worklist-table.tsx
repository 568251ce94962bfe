"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { addDays } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { claimTaskAction, reassignTaskAction, snoozeTaskAction } from "@/server/actions/worklist";
import { decidePlanAction } from "@/server/actions/agreements";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";
import { SNOOZE_REASONS } from "@/lib/worklist/worklist-schemas";

const TONE: Record<string, "red" | "blue" | "amber" | "green" | "violet" | "neutral"> = { broken_promise: "red", callback: "blue", handover: "red", dunning_call: "amber", dispute: "amber", service_call: "green", approval: "violet" };

/**
 * The worklist rows with the keyboard: j/k or arrows move, Enter opens the debtor, c claims,
 * z snoozes, Escape closes the form. Focus returns to the same row after an action.
 */
export function WorklistTable(props: { rows: WorklistRow[]; userId: string; canWrite: boolean; isManager: boolean; showAssignee: boolean; colleagues: { id: string; name: string }[]; today: string }) {
  const { t, locale } = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [active, setActive] = useState(0);
  const [snoozing, setSnoozing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const rowsRef = useRef<(HTMLTableRowElement | null)[]>([]);
  const fmtTime = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit" });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || snoozing) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      const row = props.rows[active];
      if (e.key === "j" || e.key === "ArrowDown") {
        e.preventDefault();
        setActive((a) => Math.min(props.rows.length - 1, a + 1));
      } else if (e.key === "k" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((a) => Math.max(0, a - 1));
      } else if (e.key === "Enter" && row && el?.tagName !== "BUTTON" && el?.tagName !== "A") {
        e.preventDefault();
        router.push(`/debtors/${row.debtorId}`);
      } else if (e.key === "c" && row && props.canWrite && row.assigneeId === null) {
        e.preventDefault();
        claim(row);
      } else if (e.key === "z" && row && props.canWrite) {
        e.preventDefault();
        setSnoozing(row.taskId);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    rowsRef.current[active]?.focus();
  }, [active]);

  function done(res: { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }, okText: string) {
    if (res.ok) {
      setMessage({ ok: true, text: okText });
      setFieldErrors({});
      setSnoozing(null);
      router.refresh();
    } else {
      setMessage({ ok: false, text: res.error });
      setFieldErrors(res.fieldErrors ?? {});
    }
  }
  function claim(row: WorklistRow) {
    start(async () => done(await claimTaskAction({ taskId: row.taskId, version: row.taskVersion }), t("worklist.claimed", { name: row.debtorName })));
  }

  return (
    <div>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`px-3 py-1 text-[13px] ${message.ok ? "text-green-800" : "text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
      <table className="w-full text-[13px]" data-testid="worklist">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1 font-medium">{t("worklist.col.item")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("worklist.col.debtor")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("worklist.col.why")}</th>
            <th scope="col" className="num px-2 py-1 font-medium">{t("worklist.col.overdue")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("worklist.col.callAt")}</th>
            {props.showAssignee ? <th scope="col" className="px-2 py-1 font-medium">{t("worklist.col.assignee")}</th> : null}
            <th scope="col" className="num px-2 py-1 font-medium">{t("worklist.col.priority")}</th>
            <th scope="col" className="px-3 py-1" />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => {
            const mine = row.assigneeId === props.userId;
            const canAct = props.canWrite && (mine || row.assigneeId === null || props.isManager);
            return [
              <tr
                key={row.taskId}
                ref={(el) => {
                  rowsRef.current[i] = el;
                }}
                tabIndex={i === active ? 0 : -1}
                onFocus={() => setActive(i)}
                data-testid="worklist-row"
                data-debtor={row.debtorName}
                className={`border-b border-slate-100 outline-none focus:bg-blue-50 ${i === active ? "bg-blue-50/60" : ""}`}
              >
                <td className="px-3 py-1.5">
                  <Badge tone={TONE[row.type] ?? "neutral"}>{t(`worklist.type.${row.type}` as MessageKey)}</Badge>
                </td>
                <td className="max-w-64 px-2 py-1.5">
                  <a href={`/debtors/${row.debtorId}`} className="block truncate font-medium text-blue-800 hover:underline" tabIndex={-1}>
                    {row.debtorName}
                  </a>
                  <span className="text-[12px] text-slate-500">{row.customerNumber}</span>
                </td>
                <td className="px-2 py-1.5 text-slate-700">
                  <span data-testid="worklist-reasons">{[t(`worklist.type.${row.type}.why` as MessageKey, { amount: row.agreement ? formatMoney(Number(row.agreement.totalCents), "EUR", locale) : "" }), ...(row.note?.startsWith("plan_rejected") ? [`${t("taskNote.plan_rejected")}${row.note.slice("plan_rejected".length)}`] : []), ...row.reasons.filter((r) => !(r === "broken_promise" && row.type === "broken_promise")).map((r) => t(`worklist.reason.${r}` as MessageKey, { date: row.insurerDeadline ?? "" }))].join(" · ")}</span>
                </td>
                <td className="num px-2 py-1.5 font-medium text-red-700">{Number(row.overdueCents) > 0 ? formatMoney(Number(row.overdueCents), "EUR", locale) : "–"}</td>
                <td className="px-2 py-1.5 text-[12px]">{row.callNowGood ? <span className="text-green-800">{t("worklist.callNow")}</span> : row.bestCallAt ? fmtTime.format(new Date(row.bestCallAt)) : "–"}</td>
                {props.showAssignee ? (
                  <td className="px-2 py-1.5 text-[12px]">
                    {props.isManager ? (
                      <select
                        aria-label={t("worklist.reassign", { name: row.debtorName })}
                        value={row.assigneeId ?? ""}
                        disabled={pending}
                        className="rounded border border-slate-300 px-1 py-0.5"
                        onChange={(e) => start(async () => done(await reassignTaskAction({ taskId: row.taskId, version: row.taskVersion, assigneeId: e.target.value }), t("worklist.reassigned")))}
                      >
                        <option value="" disabled>
                          {t("worklist.unassigned")}
                        </option>
                        {props.colleagues.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      (row.assigneeName ?? t("worklist.unassigned"))
                    )}
                  </td>
                ) : null}
                <td className="num px-2 py-1.5 text-slate-500">{row.score.toFixed(0)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right">
                  {row.type === "approval" && row.agreement && props.isManager ? (
                    <>
                      <Button variant="primary" disabled={pending} onClick={() => start(async () => done(await decidePlanAction({ agreementId: row.agreement!.id, version: row.agreement!.version, approve: true, note: null }), t("worklist.approved", { name: row.debtorName })))}>
                        {t("worklist.approve")}
                      </Button>{" "}
                      <Button
                        variant="danger"
                        disabled={pending}
                        onClick={() => {
                          const note = window.prompt(t("worklist.rejectNote"));
                          if (note !== null) start(async () => done(await decidePlanAction({ agreementId: row.agreement!.id, version: row.agreement!.version, approve: false, note: note.trim() || null }), t("worklist.rejected", { name: row.debtorName })));
                        }}
                      >
                        {t("worklist.reject")}
                      </Button>{" "}
                    </>
                  ) : null}
                  {canAct && row.assigneeId === null && row.type !== "approval" ? (
                    <Button disabled={pending} onClick={() => claim(row)} title="c">
                      {t("worklist.claim")}
                    </Button>
                  ) : null}{" "}
                  {canAct ? (
                    <Button disabled={pending} onClick={() => setSnoozing(row.taskId)} title="z">
                      {t("worklist.snooze")}
                    </Button>
                  ) : null}
                </td>
              </tr>,
              snoozing === row.taskId ? (
                <tr key={`${row.taskId}-snooze`} className="border-b border-slate-100 bg-slate-50">
                  <td colSpan={props.showAssignee ? 8 : 7} className="px-3 py-2">
                    <form
                      data-testid="snooze-form"
                      className="flex flex-wrap items-end gap-2"
                      onKeyDown={(e) => {
                        if (e.key === "Escape") setSnoozing(null);
                      }}
                      onSubmit={(e) => {
                        e.preventDefault();
                        const fd = new FormData(e.currentTarget);
                        start(async () =>
                          done(
                            await snoozeTaskAction({ taskId: row.taskId, version: row.taskVersion, until: String(fd.get("until")), reason: String(fd.get("reason")), note: String(fd.get("note") ?? "").trim() || null }),
                            t("worklist.snoozed", { name: row.debtorName }),
                          ),
                        );
                      }}
                    >
                      <label className="text-[12px]">
                        {t("worklist.snoozeUntil")}
                        <input name="until" type="date" autoFocus defaultValue={addDays(props.today, 1)} min={addDays(props.today, 1)} className="ml-1 rounded border border-slate-300 px-1 py-0.5" />
                      </label>
                      <label className="text-[12px]">
                        {t("worklist.snoozeReason")}
                        <select name="reason" className="ml-1 rounded border border-slate-300 px-1 py-0.5">
                          {SNOOZE_REASONS.map((r) => (
                            <option key={r} value={r}>
                              {t(`worklist.snoozeReason.${r}` as MessageKey)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="text-[12px]">
                        {t("worklist.snoozeNote")}
                        <input name="note" maxLength={200} className="ml-1 w-64 rounded border border-slate-300 px-1 py-0.5" />
                      </label>
                      <Button type="submit" variant="primary" disabled={pending}>
                        {t("worklist.snooze")}
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => setSnoozing(null)}>
                        {t("common.cancel")}
                      </Button>
                      {Object.values(fieldErrors).flat().map((m) => (
                        <span key={m} className="text-[12px] text-red-700">
                          {m}
                        </span>
                      ))}
                    </form>
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
