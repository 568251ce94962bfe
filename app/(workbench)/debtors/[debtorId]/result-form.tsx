"use client";

import { useT } from "@/components/i18n/i18n-provider";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { MessageKey } from "@/lib/i18n/translate";
import { labelClass, type CallPanelInvoice, type FieldErrors, type NegotiationRoom } from "./call-form";
import { RESULT_KINDS, type ResultState, type ResultUpdate } from "./call-result";
import { CallbackFields } from "./callback-fields";
import { DisputeFields } from "./dispute-fields";
import { PlanFields } from "./plan-fields";
import { PromiseFields } from "./promise-fields";

/** What the call led to: nothing, a promise, a payment plan, a dispute or a call-back. */
export function ResultForm(props: {
  value: ResultState;
  update: ResultUpdate;
  errors: FieldErrors;
  invoices: CallPanelInvoice[];
  currency: string;
  room: NegotiationRoom;
  today: CalendarDate;
}) {
  const { t } = useT();
  const { value, update } = props;
  return (
    <>
      <fieldset>
        <legend className={labelClass}>{t("call.result")}</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {RESULT_KINDS.map((k) => (
            <label key={k} className="inline-flex items-center gap-1">
              <input type="radio" name="resultKind" value={k} checked={value.kind === k} onChange={() => update({ kind: k })} />
              {t(`call.result.${k}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>

      {value.kind === "promise" ? <PromiseFields {...props} /> : null}
      {value.kind === "plan" ? <PlanFields {...props} /> : null}
      {value.kind === "dispute" ? <DisputeFields {...props} /> : null}
      {value.kind === "callback" ? <CallbackFields {...props} /> : null}
    </>
  );
}
