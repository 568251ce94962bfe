"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import type { FormMessage } from "@/components/ui/use-submit";
import type { CallDraft } from "@/lib/calls/call-queries";
import { CALL_OUTCOMES, REASON_CATEGORIES } from "@/lib/calls/call-schemas";
import { EXCUSES } from "@/lib/calls/excuse-playbook";
import { finishCallAction, saveCallDraftAction, startCallAction } from "@/server/actions/calls";
import { oneOf, type CallPanelContact, type FieldErrors, type FinishCallSubmission, type SaveDraftRequest } from "./call-form";

/** The contact choice that stands for "someone not known yet". */
export const NEW_CONTACT = "new";

export type RunningCall = { id: string; version: number; startedAt: string };

/** The autosaved part of a call, as the form holds it ("" = nothing chosen). */
export type DraftFields = {
  contactId: string;
  phoneUsed: string;
  outcome: (typeof CALL_OUTCOMES)[number] | "";
  reasonCategory: (typeof REASON_CATEGORIES)[number] | "";
  reasonText: string;
  notes: string;
  excuseUsed: (typeof EXCUSES)[number] | "";
};

export type SaveState = { state: "idle" | "saving" | "saved" | "error"; text?: string };

/** What finishing adds to the draft: the agreement or follow-up, and contact details learned. */
export type FinishExtras = Omit<FinishCallSubmission, keyof SaveDraftRequest>;

function initialFields(draft: CallDraft | null, contacts: CallPanelContact[]): DraftFields {
  const contactId = draft?.contactId ?? contacts[0]?.id ?? "";
  const chosen = contacts.find((c) => c.id === contactId);
  return {
    contactId,
    phoneUsed: draft?.phoneUsed ?? chosen?.phone ?? chosen?.mobile ?? "",
    outcome: oneOf(CALL_OUTCOMES, draft?.outcome, ""),
    reasonCategory: oneOf(REASON_CATEGORIES, draft?.reasonCategory, ""),
    reasonText: draft?.reasonText ?? "",
    notes: draft?.notes ?? "",
    excuseUsed: oneOf(EXCUSES, draft?.excuseUsed, ""),
  };
}

/**
 * One call from start to finish. While it runs, the draft is saved a moment after typing stops
 * and when the tab is hidden or closed, so a reload or a crash resumes it. Saves form a chain:
 * one at a time, each carrying the version the previous one returned; finishing waits for it.
 */
export function useCallDraft(opts: { debtorId: string; draft: CallDraft | null; contacts: CallPanelContact[] }) {
  const { t, locale } = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [call, setCall] = useState<RunningCall | null>(
    opts.draft ? { id: opts.draft.id, version: opts.draft.version, startedAt: opts.draft.startedAt } : null,
  );
  const [fields, setFields] = useState<DraftFields>(() => initialFields(opts.draft, opts.contacts));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ state: "idle" });

  /** Sets one field; an unchanged value changes nothing (and saves nothing). */
  const setField = useCallback(<K extends keyof DraftFields>(key: K, value: DraftFields[K]) => {
    setFields((f) => (f[key] === value ? f : { ...f, [key]: value }));
  }, []);

  const versionRef = useRef(call?.version ?? 0);
  const draftPayload = useCallback(
    (): SaveDraftRequest => ({
      callId: call?.id ?? "",
      version: versionRef.current,
      contactId: fields.contactId && fields.contactId !== NEW_CONTACT ? fields.contactId : null,
      phoneUsed: fields.phoneUsed,
      outcome: fields.outcome || null,
      reasonCategory: fields.reasonCategory || null,
      reasonText: fields.reasonText,
      notes: fields.notes,
      excuseUsed: fields.excuseUsed || null,
    }),
    [call, fields],
  );
  const dirty = useRef(false);
  const saving = useRef<Promise<void> | null>(null);
  const saveDraft = useCallback(async () => {
    // One save at a time: each carries the version the previous one returned.
    while (saving.current) await saving.current;
    if (!call || !dirty.current) return;
    dirty.current = false;
    setSaveState({ state: "saving" });
    saving.current = (async () => {
      const res = await saveCallDraftAction(draftPayload());
      if (res.ok) {
        versionRef.current = res.data.version;
        setSaveState({ state: "saved", text: new Date(res.data.savedAt).toLocaleTimeString(locale === "nl" ? "nl-NL" : "en-GB") });
      } else {
        dirty.current = true;
        setErrors(res.fieldErrors ?? {});
        setSaveState({ state: "error", text: res.error });
      }
    })();
    try {
      await saving.current;
    } finally {
      saving.current = null;
    }
  }, [call, draftPayload, locale]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!call) return;
    dirty.current = true;
    const id = setTimeout(() => void saveDraft(), 700);
    return () => clearTimeout(id);
  }, [call, fields, saveDraft]);

  // Hidden or closed tab: save now, the timer may never fire.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden") void saveDraft();
    };
    document.addEventListener("visibilitychange", flush);
    return () => document.removeEventListener("visibilitychange", flush);
  }, [saveDraft]);

  function start() {
    startTransition(async () => {
      const res = await startCallAction({ debtorId: opts.debtorId, idempotencyKey: crypto.randomUUID() });
      if (res.ok) {
        versionRef.current = res.data.version;
        setCall({ id: res.data.callId, version: res.data.version, startedAt: new Date().toISOString() });
        setMessage(null);
      } else setMessage({ ok: false, text: res.error });
    });
  }

  /** Records the call with `extras`; `onFinished` resets what the caller keeps for the next call. */
  function finish(extras: FinishExtras, onFinished: () => void) {
    if (!call) return;
    startTransition(async () => {
      while (saving.current) await saving.current;
      dirty.current = false;
      const submission: FinishCallSubmission = { ...draftPayload(), outcome: fields.outcome, ...extras };
      const res = await finishCallAction(submission);
      if (res.ok) {
        setErrors({});
        setCall(null);
        setField("notes", "");
        onFinished();
        setMessage({ ok: true, text: res.data.needsApproval ? t("call.finished.approval") : t("call.finished") });
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setMessage({ ok: false, text: res.error });
      }
    });
  }

  return { call, fields, setField, errors, message, saveState, pending, start, finish };
}
