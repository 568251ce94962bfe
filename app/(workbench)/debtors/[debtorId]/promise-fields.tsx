"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { inputClass, labelClass, messagesFor, type CallPanelInvoice, type FieldErrors } from "./call-form";
import type { ResultState, ResultUpdate } from "./call-result";
import { AmountField, InvoiceChoice, MethodField } from "./agreement-fields";

/** A promise to pay: one amount by one date. */
export function PromiseFields(props: { value: ResultState; update: ResultUpdate; errors: FieldErrors; invoices: CallPanelInvoice[]; currency: string; today: CalendarDate }) {
  const { t } = useT();
  const { value, update, errors } = props;
  return (
    <div className="space-y-2 rounded border border-slate-200 p-2">
      <div className="grid grid-cols-3 gap-2">
        <AmountField value={value} update={update} errors={errors} label={t("call.amount")} errorPath="result.amount" />
        <label className="block">
          <span className={labelClass}>{t("call.dueDate")}</span>
          <input className={inputClass} type="date" name="dueDate" min={props.today} value={value.dueDate} onChange={(e) => update({ dueDate: e.target.value })} />
          <FieldError messages={messagesFor(errors, "result.dueDate")} />
        </label>
        <MethodField value={value} update={update} />
      </div>
      <InvoiceChoice value={value} update={update} errors={errors} invoices={props.invoices} currency={props.currency} />
    </div>
  );
}
