"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import type { DocumentKind } from "@/lib/documents/document-schemas";
import { sendDocumentAction } from "@/server/actions/documents";

type Recipient = { id: string; name: string; email: string };

/**
 * A document for the debtor (a statement of account, a copy invoice): view it as PDF, and e-mail
 * it to one of the debtor's contacts. One key per intended message: a repeated click or a retry
 * after a lost reply sends once; after a success the next click is a new message.
 */
export function SendDocumentForm(props: { document: DocumentKind; debtorId: string; invoiceId?: string; pdfHref: string; recipients: Recipient[]; canSend: boolean }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [contactId, setContactId] = useState(props.recipients[0]?.id ?? "");
  const label = props.document === "statement" ? t("documents.statement") : t("documents.invoiceCopy");
  function send() {
    const to = props.recipients.find((r) => r.id === contactId);
    submit(() => sendDocumentAction({ document: props.document, debtorId: props.debtorId, ...(props.invoiceId ? { invoiceId: props.invoiceId } : {}), contactId, idempotencyKey: key }), {
      success: (d) => t(d.status === "not_configured" ? "documents.notSent" : "documents.sent", { name: to?.name ?? "", file: d.filename }),
      onSuccess: () => setKey(crypto.randomUUID()),
    });
  }
  return (
    <div className="space-y-1.5 text-[13px]" data-testid={`document-${props.document}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{label}</span>
        <a href={props.pdfHref} className="text-blue-700 hover:underline" data-testid="document-pdf" download>
          {t("documents.download")}
        </a>
      </div>
      <p className="text-[12px] text-slate-500">{props.document === "statement" ? t("documents.statementHelp") : t("documents.invoiceCopyHelp")}</p>
      {props.canSend ? (
        props.recipients.length === 0 ? (
          <p className="text-[12px] text-slate-500">{t("documents.noRecipient")}</p>
        ) : (
          <div className="flex flex-wrap items-center gap-1.5">
            <label className="flex min-w-0 max-w-full flex-wrap items-center gap-1.5">
              <span className="whitespace-nowrap text-slate-600">{t("documents.sendTo")}</span>
              <select value={contactId} onChange={(e) => setContactId(e.target.value)} className="w-full min-w-0 max-w-full rounded border border-slate-300 px-1 py-0.5 sm:w-auto" aria-invalid={fieldErrors.contactId ? true : undefined}>
                {props.recipients.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} &lt;{r.email}&gt;
                  </option>
                ))}
              </select>
            </label>
            <Button disabled={pending || !contactId} onClick={send} data-testid="document-send">
              {t("documents.send")}
            </Button>
          </div>
        )
      ) : null}
      <FormMessage message={message} />
    </div>
  );
}
