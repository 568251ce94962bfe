"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Panel } from "@/components/ui/panel";
import { useSubmit } from "@/components/ui/use-submit";
import { checkTone } from "@/lib/agreements/tone-check";
import { sendSummaryAction } from "@/server/actions/calls";
import type { SummaryDraft } from "@/lib/calls/call-queries";
import type { MessageKey } from "@/lib/i18n/translate";

type Recipient = { id: string; name: string; email: string };

/**
 * The written summary after a call: edit, see tone warnings (they never block), send. Messages
 * that were not delivered stay here with their status and an .eml download.
 */
export function SummaryEditor({ drafts, recipients, language, canSend }: { drafts: SummaryDraft[]; recipients: Recipient[]; language: "nl" | "en"; canSend: boolean }) {
  const { t } = useT();
  return (
    <Panel title={t("summary.title")} id="summary">
      <div className="divide-y divide-slate-100" data-testid="summary-drafts">
        {drafts.map((d) => (
          <SummaryItem key={d.id} draft={d} recipients={recipients} language={language} canSend={canSend} />
        ))}
      </div>
    </Panel>
  );
}

function SummaryItem({ draft, recipients, language, canSend }: { draft: SummaryDraft; recipients: Recipient[]; language: "nl" | "en"; canSend: boolean }) {
  const { t } = useT();
  const { pending, message, fieldErrors: errors, submit, setMessage } = useSubmit();
  const [contactId, setContactId] = useState(draft.contactId ?? recipients[0]?.id ?? "");
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const warnings = useMemo(() => checkTone(`${subject}\n${body}`, language), [subject, body, language]);
  const editable = draft.status === "draft" && canSend;
  const router = useRouter();
  // Queued or being sent: the worker sends it after the reply; follow its state for a while.
  const inFlight = draft.status === "pending" || draft.status === "sending";
  useEffect(() => {
    if (!inFlight) return;
    let polls = 0;
    const timer = setInterval(() => {
      if (++polls > 15) clearInterval(timer);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [inFlight, router]);
  const formRef = useRef<HTMLFormElement>(null);
  // Just after a call the summary is the next thing to do: bring it into view.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: "start" });
  }, []);

  function send() {
    submit(() => sendSummaryAction({ emailId: draft.id, contactId, subject, body }), {
      // A message that could not be sent is an answer too, but not a success.
      onSuccess: ({ status }) => {
        const to = recipients.find((r) => r.id === contactId)?.email ?? "";
        setMessage({ ok: status !== "failed", text: status === "sent" ? t("summary.sent", { to }) : status === "pending" ? t("summary.queued", { to }) : t(`summary.status.${status}` as MessageKey) });
      },
    });
  }

  if (!editable) {
    return (
      <div className="space-y-1 px-3 py-2 text-[13px]" data-testid="summary-status">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={draft.status === "failed" || draft.status === "not_configured" ? "red" : draft.status === "sent" ? "green" : "amber"}>{t(`summary.status.${draft.status}` as MessageKey)}</Badge>
          <span className="truncate">{draft.subject}</span>
        </div>
        <div className="text-[12px] text-slate-600">
          {t("summary.to")}: {draft.toName ? `${draft.toName} <${draft.toAddress}>` : draft.toAddress}
          {draft.lastError ? <span className="ml-2 text-red-700">{draft.lastError}</span> : null}
        </div>
        {draft.status === "failed" || draft.status === "not_configured" ? (
          <a href={`/api/emails/${draft.id}/eml`} className="text-[12px] text-blue-700 hover:underline" download>
            {t("summary.download")}
          </a>
        ) : null}
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      className="space-y-2 px-3 py-2 text-[13px]"
      data-testid="summary-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {recipients.length === 0 ? <p className="text-red-700">{t("summary.noRecipient")}</p> : null}
      <label className="block">
        <span className="mb-0.5 block text-[12px] font-medium text-slate-600">{t("summary.to")}</span>
        <select className="w-full rounded border border-slate-300 px-2 py-1" name="contactId" value={contactId} onChange={(e) => setContactId(e.target.value)}>
          {recipients.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} &lt;{r.email}&gt;
            </option>
          ))}
        </select>
        <FieldError messages={errors.contactId} />
      </label>
      <label className="block">
        <span className="mb-0.5 block text-[12px] font-medium text-slate-600">{t("summary.subject")}</span>
        <input className="w-full rounded border border-slate-300 px-2 py-1" name="subject" value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        <FieldError messages={errors.subject} />
      </label>
      <label className="block">
        <span className="mb-0.5 block text-[12px] font-medium text-slate-600">{t("summary.body")}</span>
        <textarea className="h-64 w-full rounded border border-slate-300 px-2 py-1 font-mono text-[12px]" name="body" value={body} maxLength={20_000} onChange={(e) => setBody(e.target.value)} />
        <FieldError messages={errors.body} />
      </label>
      {warnings.length ? (
        <ul className="space-y-0.5 rounded bg-amber-50 px-2 py-1 text-[12px] text-amber-900" data-testid="tone-warnings">
          {warnings.map((w) => (
            <li key={`${w.code}-${w.index}`}>{t(`summary.tone.${w.code}` as MessageKey, { match: w.match })}</li>
          ))}
        </ul>
      ) : null}
      {draft.awaitingApproval ? (
        <p className="rounded bg-violet-50 px-2 py-1 text-[12px] text-violet-900" data-testid="summary-held">
          {t("summary.heldForApproval")}
        </p>
      ) : null}
      <FormMessage message={message} className="text-[13px]" />
      <Button type="submit" variant="primary" disabled={pending || recipients.length === 0 || draft.awaitingApproval} data-testid="send-summary">
        {t("summary.send")}
      </Button>
    </form>
  );
}
