"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import type { CallDraft } from "@/lib/calls/call-queries";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { CallPanelContact, CallPanelInvoice, NegotiationRoom } from "./call-form";
import { CallDetailsFields } from "./call-details-fields";
import { buildResult, initialResultState, restoreResult, type ResultState, type ResultUpdate } from "./call-result";
import { CallTimer } from "./call-timer";
import { ContactPicker, EMPTY_LEARNED, EMPTY_NEW_CONTACT } from "./contact-picker";
import { ResultForm } from "./result-form";
import { NEW_CONTACT, useCallDraft } from "./use-call-draft";

type Props = {
  debtorId: string;
  debtorVersion: number;
  /** the debtor's currency: amounts are shown in it */
  currency: string;
  contacts: CallPanelContact[];
  invoices: CallPanelInvoice[];
  goal: { amountCents: number; payBy: CalendarDate; invoiceIds: string[] };
  room: NegotiationRoom;
  today: CalendarDate;
  draft: CallDraft | null;
};

/**
 * The call itself: start, note while talking (saved as a draft), record the result. What was
 * typed for the result stays for the next call on this page; the result kind and notes reset.
 */
export function CallPanel(props: Props) {
  const { t } = useT();
  const { call, fields, setField, errors, message, saveState, pending, start, finish, discard, otherTab, takeOver } = useCallDraft({ debtorId: props.debtorId, draft: props.draft, contacts: props.contacts });
  const [newContact, setNewContact] = useState(EMPTY_NEW_CONTACT);
  const [learned, setLearned] = useState(EMPTY_LEARNED);
  const [result, setResult] = useState<ResultState>(() => restoreResult(fields.result, initialResultState(props.goal, props.room, props.today)));
  const router = useRouter();
  const nextHref = `/worklist/next?after=${encodeURIComponent(props.debtorId)}`;
  const formRef = useRef<HTMLFormElement | null>(null);
  const callId = call?.id ?? null;
  // c starts a call and n goes to the next debtor on the worklist (not while typing, not during a call).
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      if (callId || e.metaKey || e.ctrlKey || e.altKey) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(el.tagName))) return;
      if (e.key === "c" && !pending) {
        e.preventDefault();
        start();
      } else if (e.key === "n") {
        e.preventDefault();
        router.push(nextHref);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
  // A call just started: the cursor goes to the form's first field.
  useEffect(() => {
    if (callId) formRef.current?.querySelector<HTMLElement>("select, input, textarea")?.focus();
  }, [callId]);
  const updateResult: ResultUpdate = (patch) => setResult((s) => ({ ...s, ...(typeof patch === "function" ? patch(s) : patch) }));
  // The result being recorded goes with the draft (autosaved), so a reload in the middle of a plan keeps its rows.
  const written = useRef("");
  useEffect(() => {
    written.current = JSON.stringify(result);
    setField("result", written.current);
  }, [result, setField]);
  // Text kept in the tab (a reload before the server confirmed it) comes back through the fields.
  useEffect(() => {
    if (fields.result && fields.result !== written.current) setResult((r) => restoreResult(fields.result, r));
  }, [fields.result]);

  if (!call) {
    return (
      <Panel title={t("call.title")} id="call">
        <div className="space-y-2 px-3 py-2">
          <FormMessage message={message} className="text-[13px]" />
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={start} disabled={pending} data-testid="start-call" aria-keyshortcuts="c" title="c">
              {t("call.start")}
            </Button>
            <TextLink href={nextHref} className="text-[13px]" data-testid="next-debtor" aria-keyshortcuts="n">
              {t("call.nextDebtor")}
            </TextLink>
          </div>
          <p className="text-[11px] text-slate-500">{t("call.keys")}</p>
        </div>
      </Panel>
    );
  }

  function submit() {
    const isNew = fields.contactId === NEW_CONTACT;
    finish(
      {
        debtorVersion: props.debtorVersion,
        ...(isNew ? { newContact: { ...newContact, jobTitle: newContact.jobTitle || undefined } } : {}),
        ...(!isNew && (learned.phone || learned.email) ? { contactUpdate: learned } : {}),
        result: buildResult(result),
      },
      () => updateResult({ kind: "none" }),
    );
  }

  return (
    <Panel title={t("call.running")} id="call" actions={<CallTimer startedAt={call.startedAt} label={t("call.timer")} />}>
      <form
        ref={formRef}
        className="space-y-2 px-3 py-2 text-[13px]"
        data-testid="call-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <ContactPicker
          contacts={props.contacts}
          contactId={fields.contactId}
          phoneUsed={fields.phoneUsed}
          setField={setField}
          newContact={newContact}
          onNewContact={setNewContact}
          learned={learned}
          onLearned={setLearned}
          errors={errors}
        />
        <CallDetailsFields fields={fields} setField={setField} saveState={saveState} errors={errors} />
        <ResultForm value={result} update={updateResult} errors={errors} invoices={props.invoices} currency={props.currency} room={props.room} today={props.today} />
        {otherTab ? (
          <div className="space-y-1 rounded border border-amber-300 bg-amber-50 px-2 py-1.5" role="alert" data-testid="other-tab">
            <p>{t("call.otherTab")}</p>
            <Button type="button" disabled={pending} onClick={takeOver} data-testid="take-over">
              {t("call.takeOver")}
            </Button>
          </div>
        ) : null}
        <FormMessage message={message} className="text-[13px]" />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={pending} data-testid="finish-call">
            {t("call.finish")}
          </Button>
          <Button
            type="button"
            disabled={pending}
            data-testid="discard-call"
            onClick={() => {
              if (window.confirm(t("call.discardConfirm"))) discard();
            }}
          >
            {t("call.discard")}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
