"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import type { ContactRow } from "@/lib/debtors/debtor-queries";
import { CONTACT_ROLES } from "@/lib/debtors/debtor-schemas";
import type { MessageKey } from "@/lib/i18n/translate";
import { editContactAction, removeContactAction } from "@/server/actions/contacts";

/** Edit or remove one contact, in place; each change only from the version shown. */
export function ContactEditor({ contact }: { contact: ContactRow }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ name: contact.name, jobTitle: contact.jobTitle ?? "", role: contact.role, phone: contact.phone ?? "", mobile: contact.mobile ?? "", email: contact.email ?? "", isPrimaryForPayments: contact.isPrimaryForPayments });
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const field = (name: "name" | "jobTitle" | "phone" | "mobile" | "email", label: MessageKey, type = "text") => (
    <label className="flex flex-col gap-0.5">
      <span className="text-[12px] text-slate-600">{t(label)}</span>
      <Input compact type={type} value={v[name]} maxLength={200} onChange={(e) => set({ [name]: e.target.value })} />
      <FieldError messages={fieldErrors[name]} />
    </label>
  );

  if (!open) {
    return (
      <div className="mt-1 flex gap-2 text-[12px]">
        <button type="button" className="text-blue-700 hover:underline" onClick={() => setOpen(true)} data-testid="contact-edit">
          {t("contacts.edit")}
        </button>
        <button
          type="button"
          className="text-red-700 hover:underline"
          disabled={pending}
          data-testid="contact-remove"
          onClick={() => {
            if (window.confirm(t("contacts.removeConfirm", { name: contact.name }))) submit(() => removeContactAction({ contactId: contact.id, version: contact.version }), { success: t("contacts.removed") });
          }}
        >
          {t("contacts.remove")}
        </button>
        <FormMessage message={message} className="text-[12px]" />
      </div>
    );
  }
  return (
    <form
      className="mt-1 space-y-1.5 rounded border border-slate-200 bg-slate-50 p-2 text-[13px]"
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(
          () =>
            editContactAction({
              contactId: contact.id,
              version: contact.version,
              name: v.name,
              jobTitle: v.jobTitle || null,
              role: v.role as (typeof CONTACT_ROLES)[number],
              phone: v.phone || null,
              mobile: v.mobile || null,
              email: v.email || null,
              isPrimaryForPayments: v.isPrimaryForPayments,
            }),
          { success: t("contacts.saved"), onSuccess: () => setOpen(false) },
        );
      }}
    >
      <div className="grid grid-cols-2 gap-2">
        {field("name", "contacts.name")}
        {field("jobTitle", "contacts.jobTitle")}
        {field("phone", "contacts.phone", "tel")}
        {field("mobile", "contacts.mobile", "tel")}
        {field("email", "contacts.email", "email")}
        <label className="flex flex-col gap-0.5">
          <span className="text-[12px] text-slate-600">{t("contacts.role")}</span>
          <Select compact value={v.role} onChange={(e) => set({ role: e.target.value })} options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`debtor.contact.role.${r}` as MessageKey) }))} />
        </label>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={v.isPrimaryForPayments} onChange={(e) => set({ isPrimaryForPayments: e.target.checked })} />
        {t("contacts.primary")}
      </label>
      <FormMessage message={message} className="text-[12px]" />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {t("contacts.save")}
        </Button>
        <Button type="button" onClick={() => setOpen(false)}>
          {t("contacts.cancel")}
        </Button>
      </div>
    </form>
  );
}
