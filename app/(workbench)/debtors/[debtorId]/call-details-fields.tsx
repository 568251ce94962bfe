"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import { CALL_OUTCOMES, REASON_CATEGORIES } from "@/lib/calls/call-schemas";
import { EXCUSES, playbook } from "@/lib/calls/excuse-playbook";
import type { MessageKey } from "@/lib/i18n/translate";
import { inputClass, labelClass, messagesFor, oneOf, type FieldErrors } from "./call-form";
import type { DraftFields, SaveState } from "./use-call-draft";

/** What happened on the call: outcome, the reason given, the playbook's answer, and the notes. */
export function CallDetailsFields(props: {
  fields: DraftFields;
  setField: <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;
  saveState: SaveState;
  errors: FieldErrors;
}) {
  const { t, locale } = useT();
  const { fields, setField, errors, saveState } = props;
  // The playbook is text of the app (in the page's JavaScript, like the catalogues), not page data:
  // the server does not send it again with every debtor page.
  const answers = playbook(locale);
  const chosenExcuse = answers.find((p) => p.excuse === fields.excuseUsed);
  return (
    <>
      <fieldset>
        <legend className={labelClass}>{t("call.outcome")}</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {CALL_OUTCOMES.map((o) => (
            <label key={o} className="inline-flex items-center gap-1">
              <input type="radio" name="outcome" value={o} checked={fields.outcome === o} onChange={() => setField("outcome", o)} />
              {t(`call.outcome.${o}` as MessageKey)}
            </label>
          ))}
        </div>
        <FieldError messages={messagesFor(errors, "outcome")} />
      </fieldset>

      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className={labelClass}>{t("call.reason")}</span>
          <select className={inputClass} name="reasonCategory" value={fields.reasonCategory} onChange={(e) => setField("reasonCategory", oneOf(REASON_CATEGORIES, e.target.value, ""))}>
            <option value="">{t("call.reason.none")}</option>
            {REASON_CATEGORIES.map((r) => (
              <option key={r} value={r}>
                {t(`call.reason.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>{t("call.excuse")}</span>
          <select className={inputClass} name="excuseUsed" value={fields.excuseUsed} onChange={(e) => setField("excuseUsed", oneOf(EXCUSES, e.target.value, ""))} data-testid="excuse-select">
            <option value="">{t("call.reason.none")}</option>
            {answers.map((p) => (
              <option key={p.excuse} value={p.excuse}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chosenExcuse ? (
        <div className="rounded bg-blue-50 px-2 py-1.5 text-[12px] text-blue-950" data-testid="excuse-response">
          <p>{chosenExcuse.response}</p>
          <p className="mt-0.5 text-blue-800">
            {t("playbook.pinDown")}: {chosenExcuse.pinDown.join(" · ")}
          </p>
        </div>
      ) : null}
      <label className="block">
        <span className={labelClass}>{t("call.reasonText")}</span>
        <input className={inputClass} name="reasonText" value={fields.reasonText} maxLength={500} onChange={(e) => setField("reasonText", e.target.value)} />
        <FieldError messages={messagesFor(errors, "reasonText")} />
      </label>
      <label className="block">
        <span className={labelClass}>{t("call.notes")}</span>
        <textarea className={`${inputClass} h-24`} name="notes" value={fields.notes} maxLength={10_000} onChange={(e) => setField("notes", e.target.value)} data-testid="call-notes" />
        <FieldError messages={messagesFor(errors, "notes")} />
        <span className="text-[11px] text-slate-500" role="status" data-testid="draft-status">
          {saveState.state === "saving"
            ? t("call.saving")
            : saveState.state === "saved"
              ? t("call.saved", { time: saveState.text ?? "" })
              : saveState.state === "error"
                ? t("call.saveFailed", { error: saveState.text ?? "" })
                : ""}
        </span>
      </label>
    </>
  );
}
