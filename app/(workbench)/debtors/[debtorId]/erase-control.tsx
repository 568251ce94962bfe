"use client";

import { useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/components/ui/use-submit";
import type { MessageKey } from "@/lib/i18n/translate";
import { confirmsName } from "@/lib/privacy/erasure-rules";
import { eraseConsumerDebtorAction, eraseContactAction } from "@/server/actions/privacy";

type Subject = { type: "contact" | "consumer_debtor"; id: string; name: string; isErased: boolean; blockers: MessageKey[] };

/**
 * "Erase…" for one person: a modal that says why erasure must wait while the claim is open, and
 * otherwise asks for the reason and the name typed as confirmation. The server checks both again.
 */
export function EraseControl({ subject }: { subject: Subject }) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const { pending, message, fieldErrors, submit, clear } = useSubmit();
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const refused = subject.blockers.length > 0;
  const ready = !refused && reason.trim().length >= 5 && confirmsName(typed, subject.name);

  const close = () => dialog.current?.close();
  const erase = () => {
    const input = { reason, confirmName: typed };
    submit(() => (subject.type === "contact" ? eraseContactAction({ contactId: subject.id, ...input }) : eraseConsumerDebtorAction({ debtorId: subject.id, ...input })), {
      success: (r) => t(r.status === "erased" ? "privacy.erase.done" : "privacy.erase.already", { pseudonym: r.pseudonym }),
      onSuccess: () => {
        close();
        setReason("");
        setTyped("");
      },
    });
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {subject.isErased ? (
        <Badge tone="neutral">{t("privacy.panel.erased")}</Badge>
      ) : (
        <Button
          variant="danger"
          onClick={() => {
            clear();
            dialog.current?.showModal();
          }}
          data-testid="privacy-erase-open"
        >
          {t("privacy.erase.open")}
        </Button>
      )}
      {message?.ok ? <FormMessage message={message} /> : null}
      <dialog ref={dialog} aria-labelledby={`erase-title-${subject.id}`} className="w-[min(32rem,calc(100vw-2rem))] rounded-md border border-slate-300 p-0 shadow-lg backdrop:bg-slate-900/30" data-testid="privacy-erase-dialog">
        <form
          method="dialog"
          className="space-y-2 p-4 text-[13px]"
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) erase();
          }}
        >
          <h2 id={`erase-title-${subject.id}`} className="text-[14px] font-semibold">
            {t("privacy.erase.title", { name: subject.name })}
          </h2>
          <p className="text-slate-600">{t("privacy.erase.explain")}</p>
          {refused || fieldErrors.claim?.length ? (
            <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-amber-900" data-testid="privacy-erase-refused">
              <p className="font-medium">{t("privacy.erase.refusedTitle")}</p>
              <ul className="list-disc pl-5">
                {(fieldErrors.claim?.length ? fieldErrors.claim : subject.blockers.map((k) => t(k))).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {refused ? null : (
            <>
              <label className="block">
                <span className="block text-[12px] text-slate-600">{t("privacy.erase.reason")}</span>
                <textarea
                  className={`h-16 w-full rounded border px-2 py-1 ${fieldErrors.reason ? "border-red-500" : "border-slate-300"}`}
                  name="reason"
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="privacy-erase-reason"
                />
                <FieldError messages={fieldErrors.reason} />
              </label>
              <label className="block">
                <span className="block text-[12px] text-slate-600">{t("privacy.erase.confirm", { name: subject.name })}</span>
                <Input className="w-full" name="confirmName" value={typed} autoComplete="off" maxLength={200} invalid={Boolean(fieldErrors.confirmName)} onChange={(e) => setTyped(e.target.value)} data-testid="privacy-erase-confirm" />
                <FieldError messages={fieldErrors.confirmName} />
              </label>
            </>
          )}
          {message && !message.ok ? <FormMessage message={message} /> : null}
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" onClick={close}>
              {t("privacy.erase.cancel")}
            </Button>
            {refused ? null : (
              <Button type="submit" variant="danger" disabled={!ready || pending} data-testid="privacy-erase-submit">
                {t("privacy.erase.submit")}
              </Button>
            )}
          </div>
        </form>
      </dialog>
    </span>
  );
}
