"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import { DISPUTE_REASONS } from "@/lib/calls/call-schemas";
import { centsToInput, formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { AMOUNT_LOCALE, inputClass, labelClass, messagesFor, oneOf, type CallPanelInvoice, type FieldErrors } from "./call-form";
import type { ResultState, ResultUpdate } from "./call-result";

/** A dispute: why, and which invoices for how much (all that is open, unless changed). */
export function DisputeFields(props: { value: ResultState; update: ResultUpdate; errors: FieldErrors; invoices: CallPanelInvoice[]; currency: string }) {
  const { t, locale } = useT();
  const { value, update, errors } = props;
  const { disputed } = value;
  const toggle = (invoice: CallPanelInvoice) =>
    update((s) => {
      const next = { ...s.disputed };
      if (invoice.id in next) delete next[invoice.id];
      else next[invoice.id] = centsToInput(invoice.openCents, AMOUNT_LOCALE);
      return { disputed: next };
    });

  return (
    <div className="space-y-2 rounded border border-slate-200 p-2">
      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className={labelClass}>{t("call.dispute.reason")}</span>
          <select className={inputClass} value={value.disputeReason} onChange={(e) => update({ disputeReason: oneOf(DISPUTE_REASONS, e.target.value, value.disputeReason) })}>
            {DISPUTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`call.dispute.reason.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>{t("call.dispute.description")}</span>
          <input className={inputClass} name="disputeDescription" value={value.disputeText} maxLength={1000} onChange={(e) => update({ disputeText: e.target.value })} />
          <FieldError messages={messagesFor(errors, "result.description")} />
        </label>
      </div>
      {props.invoices.map((i) => (
        <div key={i.id} className="flex items-center gap-2">
          <input type="checkbox" aria-label={i.number} checked={i.id in disputed} onChange={() => toggle(i)} />
          <span className="font-mono text-[12px]">{i.number}</span>
          {i.id in disputed ? (
            <input
              className={`${inputClass} ml-auto w-28 text-right`}
              aria-label={`${t("call.dispute.amount")} ${i.number}`}
              value={disputed[i.id]}
              onChange={(e) => update({ disputed: { ...disputed, [i.id]: e.target.value } })}
            />
          ) : (
            <span className="ml-auto text-slate-600">{formatMoney(i.openCents, props.currency, locale)}</span>
          )}
        </div>
      ))}
      <FieldError messages={messagesFor(errors, "result.invoices")} />
    </div>
  );
}
