"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { resendEmailAction } from "@/server/actions/emails";

/** Send a message the mail server refused again, to one of the debtor's contacts. */
export function ResendEmailForm({ emailId, contacts }: { emailId: string; contacts: { id: string; name: string; email: string }[] }) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  const [key] = useState(() => crypto.randomUUID());
  const [contactId, setContactId] = useState(contacts[0]?.id ?? "");
  if (contacts.length === 0) return <span className="text-[12px] text-slate-500">{t("debtor.history.resendNoContact")}</span>;
  return (
    <span className="inline-flex max-w-full flex-wrap items-center gap-1 text-[12px]" data-testid="resend-email">
      <label className="min-w-0 max-w-full">
        <span className="sr-only">{t("debtor.history.resendTo")}</span>
        <select value={contactId} onChange={(e) => setContactId(e.target.value)} className="max-w-full rounded border border-slate-300 px-1 py-0.5">
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} &lt;{c.email}&gt;
            </option>
          ))}
        </select>
      </label>
      <Button disabled={pending} onClick={() => submit(() => resendEmailAction({ emailId, contactId, idempotencyKey: key }), { success: t("debtor.history.resent") })}>
        {t("debtor.history.resend")}
      </Button>
      <FormMessage message={message} />
    </span>
  );
}
