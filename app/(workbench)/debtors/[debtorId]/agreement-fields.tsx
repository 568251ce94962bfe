"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import { PAYMENT_METHODS } from "@/lib/calls/call-schemas";
import { formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { inputClass, labelClass, messagesFor, oneOf, type CallPanelInvoice, type FieldErrors } from "./call-form";
import type { ResultState, ResultUpdate } from "./call-result";

/** The fields a promise and a payment plan share: amount, payment method and the invoices covered. */
type Props = { value: ResultState; update: ResultUpdate; errors: FieldErrors };

export function AmountField({ value, update, errors, label, errorPath }: Props & { label: string; errorPath: string }) {
  return (
    <label className="block">
      <span className={labelClass}>{label}</span>
      <input className={`${inputClass} text-right`} name="amount" inputMode="decimal" value={value.amount} onChange={(e) => update({ amount: e.target.value })} />
      <FieldError messages={messagesFor(errors, errorPath)} />
    </label>
  );
}

export function MethodField({ value, update }: Omit<Props, "errors">) {
  const { t } = useT();
  return (
    <label className="block">
      <span className={labelClass}>{t("call.method")}</span>
      <select className={inputClass} name="method" value={value.method} onChange={(e) => update({ method: oneOf(PAYMENT_METHODS, e.target.value, value.method) })}>
        {PAYMENT_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`call.method.${m}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function InvoiceChoice({ value, update, errors, invoices, currency }: Props & { invoices: CallPanelInvoice[]; currency: string }) {
  const { t, locale } = useT();
  const toggle = (id: string) => update((s) => ({ invoiceIds: s.invoiceIds.includes(id) ? s.invoiceIds.filter((x) => x !== id) : [...s.invoiceIds, id] }));
  return (
    <fieldset>
      <legend className={labelClass}>{t("call.invoices")}</legend>
      <div className="max-h-32 overflow-y-auto">
        {invoices.map((i) => (
          <label key={i.id} className="flex items-center gap-2">
            <input type="checkbox" checked={value.invoiceIds.includes(i.id)} onChange={() => toggle(i.id)} />
            <span className="font-mono text-[12px]">{i.number}</span>
            {i.hasOpenPromise ? <span className="text-[11px] text-blue-700">{t("agreementStatus.open")}</span> : null}
            <span className="ml-auto text-slate-600">{formatMoney(i.openCents, currency, locale)}</span>
          </label>
        ))}
      </div>
      <FieldError messages={messagesFor(errors, "result.invoiceIds")} />
      {invoices.some((i) => i.hasOpenPromise && value.invoiceIds.includes(i.id)) ? (
        <label className="mt-1 flex items-center gap-2 text-amber-900">
          <input type="checkbox" checked={value.supersedes} onChange={(e) => update({ supersedes: e.target.checked })} data-testid="supersedes" />
          {t("call.supersedes")}
        </label>
      ) : null}
      <FieldError messages={messagesFor(errors, "result.supersedes")} />
    </fieldset>
  );
}
