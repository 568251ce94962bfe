"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import { useSubmit } from "@/components/ui/use-submit";
import type { OpenAgreementRow } from "@/lib/agreements/agreement-queries";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { centsToInput, formatMoney } from "@/lib/format/money";
import { changeAgreementAction } from "@/server/actions/agreements";

/**
 * The debtor's open promises and plans, each changeable outside a call: its open instalments
 * rescheduled (same amount still to pay) or the agreement cancelled, with a reason; the debtor's
 * confirmation is then ready to send in the summary panel.
 */
export function AgreementsPanel({ agreements, canWrite }: { agreements: OpenAgreementRow[]; canWrite: boolean }) {
  const { t, locale } = useT();
  return (
    <Panel title={t("agreements.title")} id="agreements">
      <ul className="divide-y divide-slate-100" data-testid="open-agreements">
        {agreements.map((a) => (
          <li key={a.id} className="space-y-1 px-3 py-2 text-[13px]" data-testid="open-agreement">
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="font-medium">{t(a.kind === "plan" ? "agreements.plan" : "agreements.promise")}</span>
              <span className="num">{formatMoney(a.totalCents, a.currency, locale)}</span>
              <span className="text-[12px] text-slate-500">{a.invoiceNumbers.join(", ")}</span>
              {a.needsApproval ? <Badge tone="violet">{t("agreements.awaitingApproval")}</Badge> : null}
            </div>
            <ul className="flex flex-wrap gap-x-3 text-[12px] text-slate-600">
              {a.instalments.map((i) => (
                <li key={i.seq}>
                  {formatCalendarDate(i.dueDate, locale)}: {formatMoney(i.amountCents, a.currency, locale)} {i.status !== "open" ? `(${t(`agreementStatus.${i.status === "kept" ? "kept" : "broken"}`)})` : null}
                </li>
              ))}
            </ul>
            {canWrite ? <ChangeForm agreement={a} /> : null}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function ChangeForm({ agreement }: { agreement: OpenAgreementRow }) {
  const { t, locale } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const open = agreement.instalments.filter((i) => i.status === "open");
  const [mode, setMode] = useState<"none" | "reschedule" | "cancel">("none");
  const [rows, setRows] = useState(() => open.map((i) => ({ dueDate: i.dueDate, amount: centsToInput(i.amountCents, locale) })));
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(() => crypto.randomUUID());
  const done = () => {
    setMode("none");
    setKey(crypto.randomUUID());
  };
  if (mode === "none") {
    return (
      <div className="flex gap-2 text-[12px]">
        <button type="button" className="text-blue-700 hover:underline" onClick={() => setMode("reschedule")} data-testid="agreement-reschedule">
          {t("agreements.reschedule")}
        </button>
        <button type="button" className="text-red-700 hover:underline" onClick={() => setMode("cancel")} data-testid="agreement-cancel">
          {t("agreements.cancel")}
        </button>
        <FormMessage message={message} className="text-[12px]" />
      </div>
    );
  }
  return (
    <form
      className="space-y-1.5 rounded border border-slate-200 bg-slate-50 p-2"
      data-testid="agreement-change-form"
      onSubmit={(e) => {
        e.preventDefault();
        const base = { agreementId: agreement.id, version: agreement.version, reason, idempotencyKey: key };
        submit(() => changeAgreementAction(mode === "cancel" ? { ...base, action: "cancel" } : { ...base, action: "reschedule", instalments: rows }), {
          success: t(mode === "cancel" ? "agreements.cancelled" : "agreements.rescheduled"),
          onSuccess: done,
        });
      }}
    >
      {mode === "reschedule" ? (
        <div className="space-y-1">
          {rows.map((r, k) => (
            <div key={k} className="flex flex-wrap items-center gap-2">
              <label className="flex items-center gap-1">
                <span className="text-[12px] text-slate-600">{t("agreements.dueDate", { n: k + 1 })}</span>
                <Input compact type="date" value={r.dueDate} onChange={(e) => setRows((x) => x.map((y, j) => (j === k ? { ...y, dueDate: e.target.value } : y)))} />
              </label>
              <label className="flex items-center gap-1">
                <span className="text-[12px] text-slate-600">{t("agreements.amount", { n: k + 1 })}</span>
                <Input compact className="w-28 text-right" inputMode="decimal" value={r.amount} onChange={(e) => setRows((x) => x.map((y, j) => (j === k ? { ...y, amount: e.target.value } : y)))} />
              </label>
            </div>
          ))}
          <div className="flex gap-2 text-[12px]">
            <button type="button" className="text-blue-700 hover:underline" onClick={() => setRows((x) => [...x, { dueDate: x.at(-1)?.dueDate ?? "", amount: "" }])}>
              {t("agreements.addRow")}
            </button>
            {rows.length > 1 ? (
              <button type="button" className="text-slate-600 hover:underline" onClick={() => setRows((x) => x.slice(0, -1))}>
                {t("agreements.removeRow")}
              </button>
            ) : null}
          </div>
          <FieldError messages={fieldErrors.instalments} />
        </div>
      ) : null}
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-slate-600">{t("agreements.reason")}</span>
        <Input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <FieldError messages={fieldErrors.reason} />
      </label>
      <FormMessage message={message} className="text-[12px]" />
      <div className="flex gap-2">
        <Button type="submit" variant={mode === "cancel" ? "danger" : "primary"} disabled={pending}>
          {t(mode === "cancel" ? "agreements.confirmCancel" : "agreements.confirmReschedule")}
        </Button>
        <Button type="button" onClick={() => setMode("none")}>
          {t("contacts.cancel")}
        </Button>
      </div>
    </form>
  );
}
