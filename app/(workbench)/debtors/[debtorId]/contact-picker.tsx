"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { FieldError } from "@/components/ui/form-message";
import { CONTACT_ROLES } from "@/lib/calls/call-schemas";
import type { MessageKey } from "@/lib/i18n/translate";
import { inputClass, labelClass, messagesFor, oneOf, type CallPanelContact, type FieldErrors } from "./call-form";
import { NEW_CONTACT, type DraftFields } from "./use-call-draft";

/** A person not known yet, as typed during the call. */
export type NewContactDraft = { name: string; jobTitle: string; role: (typeof CONTACT_ROLES)[number]; phone: string; email: string };
/** A direct number or e-mail learned for a known contact. */
export type LearnedDetails = { phone: string; email: string };

export const EMPTY_NEW_CONTACT: NewContactDraft = { name: "", jobTitle: "", role: "accounts_payable", phone: "", email: "" };
export const EMPTY_LEARNED: LearnedDetails = { phone: "", email: "" };

/** Who was spoken to and on which number: a known contact (with anything learned) or a new one. */
export function ContactPicker(props: {
  contacts: CallPanelContact[];
  contactId: string;
  phoneUsed: string;
  setField: <K extends keyof DraftFields>(key: K, value: DraftFields[K]) => void;
  newContact: NewContactDraft;
  onNewContact: (value: NewContactDraft) => void;
  learned: LearnedDetails;
  onLearned: (value: LearnedDetails) => void;
  errors: FieldErrors;
}) {
  const { t } = useT();
  const { contacts, newContact, learned, errors } = props;
  const numbers = contacts.flatMap((c) => [c.phone, c.mobile]).filter((p): p is string => Boolean(p));
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className={labelClass}>{t("call.contact")}</span>
          <select
            className={inputClass}
            name="contactId"
            value={props.contactId}
            onChange={(e) => {
              props.setField("contactId", e.target.value);
              const c = contacts.find((x) => x.id === e.target.value);
              if (c) props.setField("phoneUsed", c.phone ?? c.mobile ?? "");
            }}
          >
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_CONTACT}>{t("call.contact.new")}</option>
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>{t("call.phoneUsed")}</span>
          <input className={inputClass} name="phoneUsed" value={props.phoneUsed} onChange={(e) => props.setField("phoneUsed", e.target.value)} list="call-numbers" />
          <datalist id="call-numbers">
            {numbers.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <FieldError messages={messagesFor(errors, "phoneUsed")} />
        </label>
      </div>

      {props.contactId === NEW_CONTACT ? (
        <fieldset className="grid grid-cols-2 gap-2 rounded border border-slate-200 p-2">
          <label className="block">
            <span className={labelClass}>{t("call.contact.name")}</span>
            <input className={inputClass} name="newContact.name" value={newContact.name} onChange={(e) => props.onNewContact({ ...newContact, name: e.target.value })} />
            <FieldError messages={messagesFor(errors, "newContact.name")} />
          </label>
          <label className="block">
            <span className={labelClass}>{t("call.contact.role")}</span>
            <select className={inputClass} value={newContact.role} onChange={(e) => props.onNewContact({ ...newContact, role: oneOf(CONTACT_ROLES, e.target.value, newContact.role) })}>
              {CONTACT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`debtor.contact.role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className={labelClass}>{t("call.contact.phone")}</span>
            <input className={inputClass} name="newContact.phone" value={newContact.phone} onChange={(e) => props.onNewContact({ ...newContact, phone: e.target.value })} />
            <FieldError messages={messagesFor(errors, "newContact.phone")} />
          </label>
          <label className="block">
            <span className={labelClass}>{t("call.contact.email")}</span>
            <input className={inputClass} name="newContact.email" type="email" value={newContact.email} onChange={(e) => props.onNewContact({ ...newContact, email: e.target.value })} />
            <FieldError messages={messagesFor(errors, "newContact.email")} />
          </label>
        </fieldset>
      ) : (
        <details>
          <summary className="cursor-pointer text-[12px] text-slate-600">{t("call.contact.learned")}</summary>
          <div className="mt-1 grid grid-cols-2 gap-2">
            <input className={inputClass} aria-label={t("call.contact.phone")} placeholder={t("call.contact.phone")} value={learned.phone} onChange={(e) => props.onLearned({ ...learned, phone: e.target.value })} />
            <input className={inputClass} aria-label={t("call.contact.email")} placeholder={t("call.contact.email")} type="email" value={learned.email} onChange={(e) => props.onLearned({ ...learned, email: e.target.value })} />
          </div>
          <FieldError messages={messagesFor(errors, "contactUpdate")} />
        </details>
      )}
    </>
  );
}
