"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import { inputClass, labelClass, messagesFor, type FieldErrors } from "./call-form";
import type { ResultState, ResultUpdate } from "./call-result";

/** A call-back: when, in the office's time zone. */
export function CallbackFields({ value, update, errors }: { value: ResultState; update: ResultUpdate; errors: FieldErrors }) {
  const { t } = useT();
  return (
    <label className="block">
      <span className={labelClass}>{t("call.callbackAt")}</span>
      <input className={inputClass} type="datetime-local" name="callbackAt" value={value.callbackAt} onChange={(e) => update({ callbackAt: e.target.value })} />
      <FieldError messages={messagesFor(errors, "result.at")} />
    </label>
  );
}
