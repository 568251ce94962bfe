"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Panel } from "@/components/ui/panel";
import type { CallDraft } from "@/lib/calls/call-queries";
import type { PlaybookEntry } from "@/lib/calls/excuse-playbook";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { CallPanelContact, CallPanelInvoice, NegotiationRoom } from "./call-form";
import { CallDetailsFields } from "./call-details-fields";
import { buildResult, initialResultState, type ResultState, type ResultUpdate } from "./call-result";
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
  playbook: PlaybookEntry[];
};

/**
 * The call itself: start, note while talking (saved as a draft), record the result. What was
 * typed for the result stays for the next call on this page; the result kind and notes reset.
 */
export function CallPanel(props: Props) {
  const { t } = useT();
  const { call, fields, setField, errors, message, saveState, pending, start, finish, discard } = useCallDraft({ debtorId: props.debtorId, draft: props.draft, contacts: props.contacts });
  const [newContact, setNewContact] = useState(EMPTY_NEW_CONTACT);
  const [learned, setLearned] = useState(EMPTY_LEARNED);
  const [result, setResult] = useState<ResultState>(() => initialResultState(props.goal, props.room, props.today));
  const updateResult: ResultUpdate = (patch) => setResult((s) => ({ ...s, ...(typeof patch === "function" ? patch(s) : patch) }));

  if (!call) {
    return (
      <Panel title={t("call.title")} id="call">
        <div className="space-y-2 px-3 py-2">
          <FormMessage message={message} className="text-[13px]" />
          <Button variant="primary" onClick={start} disabled={pending} data-testid="start-call">
            {t("call.start")}
          </Button>
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
    <Panel title={t("call.running")} id="call" actions={<CallTimer startedAt={call.startedAt} />}>
      <form
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
        <CallDetailsFields fields={fields} setField={setField} playbook={props.playbook} saveState={saveState} errors={errors} />
        <ResultForm value={result} update={updateResult} errors={errors} invoices={props.invoices} currency={props.currency} room={props.room} today={props.today} />
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
