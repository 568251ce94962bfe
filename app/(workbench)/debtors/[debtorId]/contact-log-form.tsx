"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { CONTACT_KINDS, REASON_CATEGORIES } from "@/lib/calls/call-schemas";
import type { MessageKey } from "@/lib/i18n/translate";
import { logContactAction } from "@/server/actions/calls";

const OTHER = "__other__";
const EMPTY = { kind: "note", contactId: "", spokeWith: "", reasonCategory: "", text: "" };

/**
 * A note or a contact outside a call (the debtor called or wrote in, an e-mail went out): who,
 * about what, what was said. Logged once per entry (the key changes only after a success), so a
 * press again after a lost reply does not log it twice; what was typed stays until it is logged.
 */
export function ContactLogForm({ debtorId, contacts }: { debtorId: string; contacts: { id: string; name: string }[] }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [v, setV] = useState(EMPTY);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const set = (patch: Partial<typeof EMPTY>) => setV((x) => ({ ...x, ...patch }));
  const isNote = v.kind === "note";

  return (
    <form
      className="space-y-2 px-3 py-2 text-[13px]"
      data-testid="contact-log-form"
      onSubmit={(e) => {
        e.preventDefault();
        const contactId = isNote || !v.contactId || v.contactId === OTHER ? null : v.contactId;
        submit(
          () =>
            logContactAction({
              debtorId,
              kind: v.kind as (typeof CONTACT_KINDS)[number],
              contactId,
              spokeWith: !isNote && v.contactId === OTHER ? v.spokeWith : undefined,
              reasonCategory: v.reasonCategory ? (v.reasonCategory as (typeof REASON_CATEGORIES)[number]) : null,
              text: v.text,
              idempotencyKey: key,
            }),
          {
            success: t("contactLog.saved"),
            onSuccess: () => {
              setV(EMPTY);
              setKey(crypto.randomUUID());
            },
          },
        );
      }}
    >
      <div className="flex flex-wrap gap-2">
        <label className="flex flex-col gap-0.5">
          <span className="text-[12px] text-slate-600">{t("contactLog.kind")}</span>
          <Select compact value={v.kind} onChange={(e) => set({ kind: e.target.value })} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contactLog.kind.${k}` as MessageKey) }))} />
        </label>
        {!isNote ? (
          <label className="flex flex-col gap-0.5">
            <span className="text-[12px] text-slate-600">{t("contactLog.who")}</span>
            <Select
              compact
              value={v.contactId}
              onChange={(e) => set({ contactId: e.target.value })}
              options={[{ value: "", label: t("contactLog.whoUnknown") }, ...contacts.map((c) => ({ value: c.id, label: c.name })), { value: OTHER, label: t("contactLog.whoOther") }]}
            />
          </label>
        ) : null}
        {!isNote && v.contactId === OTHER ? (
          <label className="flex flex-col gap-0.5">
            <span className="text-[12px] text-slate-600">{t("contactLog.name")}</span>
            <Input value={v.spokeWith} maxLength={120} onChange={(e) => set({ spokeWith: e.target.value })} />
          </label>
        ) : null}
        <label className="flex flex-col gap-0.5">
          <span className="text-[12px] text-slate-600">{t("contactLog.about")}</span>
          <Select
            compact
            value={v.reasonCategory}
            onChange={(e) => set({ reasonCategory: e.target.value })}
            options={[{ value: "", label: "–" }, ...REASON_CATEGORIES.map((r) => ({ value: r, label: t(`call.reason.${r}` as MessageKey) }))]}
          />
        </label>
      </div>
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-slate-600">{t(isNote ? "contactLog.textNote" : "contactLog.text")}</span>
        <textarea
          className="min-h-16 w-full rounded border border-slate-300 px-2 py-1 text-[13px] focus:border-blue-500 focus:outline-none"
          value={v.text}
          maxLength={10_000}
          onChange={(e) => set({ text: e.target.value })}
          data-testid="contact-log-text"
        />
        <FieldError messages={fieldErrors.text} />
      </label>
      <FormMessage message={message} className="text-[13px]" />
      <Button type="submit" disabled={pending} data-testid="contact-log-save">
        {t("contactLog.save")}
      </Button>
    </form>
  );
}
