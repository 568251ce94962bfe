"use client";

import { useMemo, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import type { MessageTemplateRow } from "@/lib/creditor/creditor-queries";
import { MESSAGE_KINDS, placeholdersOf, wordingProblems, type MessageKind, type MessageLanguage, type Wording, type WordingPart } from "@/lib/creditor/message-templates";
import { resetMessageTemplateAction, saveMessageTemplateAction } from "@/server/actions/creditor";
import { builtInWording, previewMessage, type PreviewCreditor, type PreviewEmployee } from "./template-preview";

type Props = { templates: MessageTemplateRow[]; creditor: PreviewCreditor; employee: PreviewEmployee };

/** Pick a message and a language; edit its subject, opening and closing; see it with sample data as you type. */
export function TemplatesEditor({ templates, creditor, employee }: Props) {
  const { t, locale } = useT();
  const [kind, setKind] = useState<MessageKind>("summary");
  const [language, setLanguage] = useState<MessageLanguage>(locale);
  const saved = templates.find((x) => x.kind === kind && x.language === language) ?? null;
  return (
    <div className="space-y-2 px-3 py-2">
      <p className="max-w-3xl text-[13px] text-slate-600">{t("settings.templates.intro")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-0.5">
          <label htmlFor="template-kind" className="font-medium">
            {t("settings.templates.kind")}
          </label>
          <Select id="template-kind" value={kind} onChange={(e) => setKind(e.target.value as MessageKind)} options={MESSAGE_KINDS.map((k) => ({ value: k, label: t(`settings.templates.kind.${k}`) }))} />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="template-language" className="font-medium">
            {t("settings.templates.language")}
          </label>
          <Select
            id="template-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value as MessageLanguage)}
            options={[
              { value: "nl", label: t("settings.templates.language.nl") },
              { value: "en", label: t("settings.templates.language.en") },
            ]}
          />
        </div>
        <span className="pb-1 text-[12px] text-slate-600" data-testid="template-state">
          {saved ? t("settings.templates.custom", { version: saved.version }) : t("settings.templates.builtIn")}
        </span>
      </div>
      {/* Not keyed on the version: after a save the text stays as typed and the confirmation stays shown. */}
      <TemplateForm key={`${kind}-${language}`} kind={kind} language={language} saved={saved} creditor={creditor} employee={employee} />
    </div>
  );
}

function TemplateForm({ kind, language, saved, creditor, employee }: { kind: MessageKind; language: MessageLanguage; saved: MessageTemplateRow | null; creditor: PreviewCreditor; employee: PreviewEmployee }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [wording, setWording] = useState<Wording>(() => (saved ? { subject: saved.subject, opening: saved.opening, closing: saved.closing } : builtInWording(kind, language)));
  const problems = wordingProblems(wording, kind, language);
  const unknown = [...new Set(Object.values(problems).flat())];
  const preview = useMemo(() => previewMessage(kind, language, wording, creditor, employee), [kind, language, wording, creditor, employee]);
  const set = (part: WordingPart) => (e: { target: { value: string } }) => setWording((w) => ({ ...w, [part]: e.target.value }));
  const textarea = "w-full rounded border px-2 py-1 text-[13px]";

  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit(() => saveMessageTemplateAction({ kind, language, version: saved?.version ?? 0, ...wording }), { success: t("settings.templates.saved") });
        }}
      >
        <div className="flex flex-col gap-0.5">
          <label htmlFor="template-subject" className="font-medium">
            {t("settings.templates.subject")}
          </label>
          <Input id="template-subject" value={wording.subject} onChange={set("subject")} maxLength={200} invalid={Boolean(fieldErrors.subject || problems.subject)} />
          <FieldError messages={fieldErrors.subject} />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="template-opening" className="font-medium">
            {t("settings.templates.opening")}
          </label>
          <textarea id="template-opening" className={`${textarea} h-24 ${fieldErrors.opening || problems.opening ? "border-red-500" : "border-slate-300"}`} value={wording.opening} onChange={set("opening")} maxLength={2000} aria-invalid={fieldErrors.opening || problems.opening ? true : undefined} />
          <FieldError messages={fieldErrors.opening} />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor="template-closing" className="font-medium">
            {t("settings.templates.closing")}
          </label>
          <textarea id="template-closing" className={`${textarea} h-20 ${fieldErrors.closing || problems.closing ? "border-red-500" : "border-slate-300"}`} value={wording.closing} onChange={set("closing")} maxLength={2000} aria-invalid={fieldErrors.closing || problems.closing ? true : undefined} />
          <FieldError messages={fieldErrors.closing} />
        </div>
        <p className="text-[12px] text-slate-600">{t("settings.templates.emptyHelp")}</p>
        {unknown.length > 0 ? (
          <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-[12px] text-amber-900" data-testid="template-unknown">
            {t("settings.templates.unknown", { names: unknown.join(", ") })}
          </p>
        ) : null}
        <div>
          <h3 className="font-medium">{t("settings.templates.placeholders")}</h3>
          <ul className="grid grid-cols-1 gap-x-3 text-[12px] sm:grid-cols-2" data-testid="template-placeholders">
            {placeholdersOf(kind, language).map((p) => (
              <li key={p.name}>
                <code className="rounded bg-slate-100 px-1">{`{${p.name}}`}</code> {t(`settings.templates.placeholder.${p.field}`)}
              </li>
            ))}
          </ul>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {t("settings.templates.save")}
          </Button>
          {saved ? (
            <Button
              type="button"
              disabled={pending}
              onClick={() => {
                if (window.confirm(t("settings.templates.resetConfirm"))) submit(() => resetMessageTemplateAction({ kind, language, version: saved.version }), { success: t("settings.templates.resetDone"), onSuccess: () => setWording(builtInWording(kind, language)) });
              }}
            >
              {t("settings.templates.reset")}
            </Button>
          ) : null}
          <FormMessage message={message} className="text-[13px]" />
        </div>
      </form>
      <section aria-labelledby="template-preview-title" className="rounded border border-slate-200 bg-slate-50" data-testid="template-preview">
        <h3 id="template-preview-title" className="border-b border-slate-200 px-2 py-1 font-medium">
          {t("settings.templates.preview")} <span className="font-normal text-slate-600">· {t("settings.templates.previewHelp")}</span>
        </h3>
        <p className="px-2 pt-1 text-[13px]">
          <span className="text-slate-600">{t("settings.templates.subject")}:</span> <strong data-testid="template-preview-subject">{preview.subject}</strong>
        </p>
        <pre className="max-h-[28rem] overflow-auto whitespace-pre-wrap px-2 py-1 font-sans text-[13px]" data-testid="template-preview-body">
          {preview.body}
        </pre>
      </section>
    </div>
  );
}
