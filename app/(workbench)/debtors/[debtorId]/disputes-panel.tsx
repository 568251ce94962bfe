"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import { useSubmit } from "@/components/ui/use-submit";
import type { OpenDisputeRow } from "@/lib/disputes/dispute-queries";
import type { DisputeDecision } from "@/lib/disputes/dispute-schemas";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { resolveDisputeAction } from "@/server/actions/disputes";

/**
 * The debtor's disputes that still hold an invoice, each decided here with a reason: justified
 * (a credit note follows), unjustified (dunning resumes) or partly; a justified one is closed
 * when its credit note is in.
 */
export function DisputesPanel({ disputes, currency, canWrite }: { disputes: OpenDisputeRow[]; currency: string; canWrite: boolean }) {
  const { t, locale } = useT();
  return (
    <Panel title={t("disputes.title")} id="disputes">
      <ul className="divide-y divide-slate-100" data-testid="disputes">
        {disputes.map((d) => (
          <li key={d.id} className="space-y-1 px-3 py-2 text-[13px]" data-testid="dispute-row" data-invoice={d.invoiceNumber}>
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="font-medium">{d.invoiceNumber}</span>
              <span className="num">{formatMoney(d.disputedCents, currency, locale)}</span>
              <Badge tone={d.status === "open" ? "amber" : "blue"}>{t(`disputeStatus.${d.status}` as MessageKey)}</Badge>
              <span className="text-[12px] text-slate-500">
                {t(`disputeReason.${d.reason}` as MessageKey)} · {t("disputes.since", { date: formatCalendarDate(d.openedOn, locale) })}
              </span>
            </div>
            {d.description ? <p className="text-slate-700">{d.description}</p> : null}
            {d.resolution ? <p className="text-[12px] text-slate-600">{t("disputes.decided", { reason: d.resolution })}</p> : null}
            {canWrite ? <ResolveForm dispute={d} currency={currency} /> : null}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function ResolveForm({ dispute, currency }: { dispute: OpenDisputeRow; currency: string }) {
  const { t, locale } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const choices: DisputeDecision[] = dispute.status === "open" ? ["unjustified", "justified", "partly"] : ["credit_received"];
  const [decision, setDecision] = useState<DisputeDecision>(choices[0]!);
  const [accepted, setAccepted] = useState("");
  const [reason, setReason] = useState("");
  return (
    <form
      className="space-y-1.5 rounded border border-slate-200 bg-slate-50 p-2"
      data-testid="resolve-dispute"
      onSubmit={(e) => {
        e.preventDefault();
        submit(() => resolveDisputeAction({ disputeId: dispute.id, version: dispute.version, decision, acceptedAmount: decision === "partly" ? accepted : undefined, reason }), {
          success: t(`disputes.done.${decision}` as MessageKey),
        });
      }}
    >
      <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
        <legend className="sr-only">{t("disputes.decision")}</legend>
        {choices.map((c) => (
          <label key={c} className="flex items-center gap-1">
            <input type="radio" name={`decision-${dispute.id}`} value={c} checked={decision === c} onChange={() => setDecision(c)} />
            {t(`disputes.decision.${c}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {decision === "partly" ? (
        <label className="flex flex-wrap items-center gap-2">
          <span>{t("disputes.acceptedAmount", { currency, max: formatMoney(dispute.disputedCents, currency, locale) })}</span>
          <Input compact className="w-28" inputMode="decimal" value={accepted} onChange={(e) => setAccepted(e.target.value)} />
          <FieldError messages={fieldErrors.acceptedAmount} />
        </label>
      ) : null}
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-slate-600">{t("disputes.reason")}</span>
        <Input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <FieldError messages={fieldErrors.reason} />
      </label>
      <FormMessage message={message} className="text-[13px]" />
      <Button type="submit" disabled={pending}>
        {t("disputes.save")}
      </Button>
    </form>
  );
}
