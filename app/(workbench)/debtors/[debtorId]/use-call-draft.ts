"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import type { FormMessage } from "@/components/ui/use-submit";
import { isMessageKey } from "@/lib/i18n/translate";
import type { CallDraft } from "@/lib/calls/call-queries";
import { CALL_OUTCOMES, REASON_CATEGORIES, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { EXCUSES } from "@/lib/calls/excuse-playbook";
import { discardCallAction, finishCallAction, saveCallDraftAction, startCallAction } from "@/server/actions/calls";
import { oneOf, type CallPanelContact, type FieldErrors, type FinishCallSubmission, type SaveDraftRequest } from "./call-form";
import { readDraftBackup, writeDraftBackup } from "./draft-backup";
import { DraftSaver, type SaveStatus } from "./draft-saver";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";
import type { Locale } from "@/lib/i18n/locale";

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
  /** the result being recorded (call-result.ts's state as JSON), so a reload keeps it */
  result: string;
};

/** What the indicator shows (call-details-fields.tsx): "saving" only while a request is in flight. */
export type SaveState = { state: "idle" | "saving" | "saved" | "error"; text?: string };

/** What finishing adds to the draft: the agreement or follow-up, and contact details learned. */
export type FinishExtras = Omit<FinishCallSubmission, keyof SaveDraftRequest>;

const DRAFT_KEYS = ["contactId", "phoneUsed", "outcome", "reasonCategory", "reasonText", "notes", "excuseUsed", "result"] as const satisfies readonly (keyof DraftFields)[];
/** A draft just started: what the server holds. */
const EMPTY_FIELDS: DraftFields = { contactId: "", phoneUsed: "", outcome: "", reasonCategory: "", reasonText: "", notes: "", excuseUsed: "", result: "" };
const fieldsKey = (f: DraftFields) => JSON.stringify(DRAFT_KEYS.map((k) => f[k]));

/** Fields read back from the tab's storage, if they are fields. */
function parseFields(v: unknown): DraftFields | null {
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const text = (k: keyof DraftFields) => (typeof o[k] === "string" ? o[k] : null);
  const [contactId, phoneUsed, reasonText, notes] = [text("contactId"), text("phoneUsed"), text("reasonText"), text("notes")];
  if (contactId === null || phoneUsed === null || reasonText === null || notes === null) return null;
  return {
    contactId,
    phoneUsed,
    outcome: oneOf(CALL_OUTCOMES, text("outcome"), ""),
    reasonCategory: oneOf(REASON_CATEGORIES, text("reasonCategory"), ""),
    reasonText,
    notes,
    excuseUsed: oneOf(EXCUSES, text("excuseUsed"), ""),
    result: text("result") ?? "",
  };
}

const FIELD_SCHEMAS = SaveCallDraftInput.shape;
type DraftFieldName = "contactId" | "phoneUsed" | "outcome" | "reasonCategory" | "reasonText" | "notes" | "excuseUsed" | "draftResult";

/** The fields as the server reads them. */
function draftValues(f: DraftFields): Record<DraftFieldName, string | null> {
  return {
    contactId: f.contactId && f.contactId !== NEW_CONTACT ? f.contactId : null,
    phoneUsed: f.phoneUsed,
    outcome: f.outcome || null,
    reasonCategory: f.reasonCategory || null,
    reasonText: f.reasonText,
    notes: f.notes,
    excuseUsed: f.excuseUsed || null,
    draftResult: f.result || null,
  };
}

/** Fields the server would refuse, each with its message key: they stay out of the autosave until put right. */
export function draftProblems(f: DraftFields): FieldErrors {
  const problems: FieldErrors = {};
  for (const [name, value] of Object.entries(draftValues(f)) as [DraftFieldName, string | null][]) {
    const r = FIELD_SCHEMAS[name].safeParse(value);
    if (!r.success) problems[name] = r.error.issues.map((i) => i.message);
  }
  return problems;
}

/** The draft as the server reads it; a field that would be refused is left out (one bad field does not stop the others). */
function draftRequest(callId: string, f: DraftFields, version: number, writeId: string): SaveDraftRequest {
  const values = draftValues(f);
  const problems = draftProblems(f);
  const valid = Object.fromEntries(Object.entries(values).filter(([name]) => !problems[name]));
  return { callId, version, writeId, ...valid };
}

type SaverCallbacks = { onStatus: (s: SaveStatus) => void; onRestore: (f: DraftFields) => void };

function createSaver(callId: string, version: number, content: DraftFields, { onStatus, onRestore }: SaverCallbacks) {
  return new DraftSaver<DraftFields>(version, content, {
    send: (f, v, writeId) => saveCallDraftAction(draftRequest(callId, f, v, writeId)),
    key: fieldsKey,
    newWriteId: () => crypto.randomUUID(),
    onStatus,
    persist: (snapshot) => writeDraftBackup(callId, snapshot),
    load: () => readDraftBackup(callId, parseFields),
    onRestore,
  });
}

/** The saver's status in the indicator's words; a lost reply is "not saved", with the last confirmed time. */
function indicator(status: SaveStatus, t: ReturnType<typeof useT>["t"], locale: Locale): SaveState {
  const time = (iso: string) => dateTimeFormat(localeTag(locale), { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  switch (status.state) {
    case "saving":
      return { state: "saving" };
    case "saved":
      return { state: "saved", text: time(status.savedAt) };
    case "retrying":
      return { state: "error", text: status.lastSavedAt ? t("call.saveRetrying", { time: time(status.lastSavedAt) }) : t("call.saveRetrying.none") };
    case "error":
      return { state: "error", text: status.error };
    default:
      return { state: "idle" };
  }
}

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
    result: draft?.draftResult ?? "",
  };
}

/**
 * One call from start to finish. While it runs, the draft is saved a moment after typing stops
 * and when the tab is hidden or closed, through one DraftSaver (draft-saver.ts: one save at a
 * time, a lost reply repeated with the same write id before anything newer); text the server has
 * not confirmed is also kept in the tab, so a reload or a crash resumes it. Finishing first
 * settles an unanswered save, then finishes from the version it learned.
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
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const onStatus = useCallback((s: SaveStatus) => {
    setStatus(s);
    if (s.state === "error" && s.fieldErrors) setErrors(s.fieldErrors);
  }, []);
  const callbacks: SaverCallbacks = { onStatus, onRestore: setFields };
  const [saver, setSaver] = useState<DraftSaver<DraftFields> | null>(() =>
    opts.draft ? createSaver(opts.draft.id, opts.draft.version, initialFields(opts.draft, opts.contacts), callbacks) : null,
  );
  /** The running finish's write id, kept until it is answered: a repeat after a lost reply is the same finish. */
  const finishWriteId = useRef<string | null>(null);

  /** Sets one field; an unchanged value changes nothing (and saves nothing). */
  const setField = useCallback(<K extends keyof DraftFields>(key: K, value: DraftFields[K]) => {
    setFields((f) => (f[key] === value ? f : { ...f, [key]: value }));
  }, []);

  // The saver works while the call is on screen. Starting, it brings back text typed before a
  // reload that the server never confirmed (after mount: the server render cannot see the tab).
  useEffect(() => {
    if (!saver) return;
    saver.start();
    return () => saver.stop();
  }, [saver]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!saver) return;
    saver.update(fields);
    const id = setTimeout(() => void saver.save(), 700);
    return () => clearTimeout(id);
  }, [saver, fields]);

  // Hidden or closed tab, or back online: save now, the timer may never fire. What is unsent is
  // already kept in the tab (saver.update), so even a save cut off by the unload loses nothing.
  useEffect(() => {
    if (!saver) return;
    const flush = () => void saver.save({ now: true });
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", flush);
    window.addEventListener("online", flush);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", flush);
      window.removeEventListener("online", flush);
    };
  }, [saver]);

  function start() {
    startTransition(async () => {
      const res = await startCallAction({ debtorId: opts.debtorId, idempotencyKey: crypto.randomUUID() });
      if (res.ok) {
        setSaver(createSaver(res.data.callId, res.data.version, EMPTY_FIELDS, callbacks));
        setCall({ id: res.data.callId, version: res.data.version, startedAt: new Date().toISOString() });
        setMessage(null);
      } else setMessage({ ok: false, text: res.error });
    });
  }

  /** Before finishing or discarding: the unanswered save settled, its version; null (and why, on screen) when not. */
  async function settleDraft(s: DraftSaver<DraftFields>): Promise<{ version: number } | null> {
    const settled = await s.settleForFinish();
    if (settled.ok) return settled;
    setMessage({ ok: false, text: settled.isLost ? t("call.finish.unsaved") : settled.error });
    return null;
  }

  /** The call is over (finished or discarded): the form is free for the next one. */
  function endCall(s: DraftSaver<DraftFields>) {
    s.finished();
    setSaver(null);
    setStatus({ state: "idle" });
    setErrors({});
    setCall(null);
  }

  /** Records the call with `extras`; `onFinished` resets what the caller keeps for the next call. */
  function finish(extras: FinishExtras, onFinished: () => void) {
    if (!call || !saver) return;
    startTransition(async () => {
      const settled = await settleDraft(saver);
      if (!settled) return;
      finishWriteId.current ??= crypto.randomUUID();
      const submission: FinishCallSubmission = { ...draftRequest(call.id, fields, settled.version, finishWriteId.current), outcome: fields.outcome, ...extras };
      let res: Awaited<ReturnType<typeof finishCallAction>>;
      try {
        res = await finishCallAction(submission);
      } catch {
        // Autosaves stay held: the next click repeats this finish, which the server records once.
        setMessage({ ok: false, text: t("call.finish.noReply") });
        return;
      }
      if (res.ok) {
        finishWriteId.current = null;
        endCall(saver);
        setField("notes", "");
        onFinished();
        setMessage({ ok: true, text: res.data.needsApproval ? t("call.finished.approval") : t("call.finished") });
        router.refresh();
      } else {
        saver.release();
        setErrors(res.fieldErrors ?? {});
        setMessage({ ok: false, text: res.error });
      }
    });
  }

  /**
   * The author's other tab saved this call meanwhile: keep this tab's text (it is saved over the
   * draft, the saver continues from the version that produced). The other tab keeps its own text
   * on screen and is told the same when it saves.
   */
  function takeOver() {
    if (!call || !saver) return;
    startTransition(async () => {
      let res: Awaited<ReturnType<typeof saveCallDraftAction>>;
      try {
        res = await saveCallDraftAction({ ...draftRequest(call.id, fields, saver.confirmedVersion, crypto.randomUUID()), takeOver: true });
      } catch {
        setMessage({ ok: false, text: t("errors.network") });
        return;
      }
      if (!res.ok) {
        setMessage({ ok: false, text: res.error });
        return;
      }
      saver.stop();
      setSaver(createSaver(call.id, res.data.version, fields, callbacks));
      setStatus({ state: "saved", savedAt: res.data.savedAt });
      setErrors({});
      setMessage(null);
    });
  }

  /** Throws away a call started by mistake (after the author confirmed): nothing is logged. */
  function discard() {
    if (!call || !saver) return;
    startTransition(async () => {
      const settled = await settleDraft(saver);
      if (!settled) return;
      let res: Awaited<ReturnType<typeof discardCallAction>>;
      try {
        res = await discardCallAction({ callId: call.id, version: settled.version });
      } catch {
        saver.release();
        setMessage({ ok: false, text: t("errors.network") });
        return;
      }
      if (res.ok) {
        endCall(saver);
        setFields(EMPTY_FIELDS);
        setMessage({ ok: true, text: t("call.discarded") });
        router.refresh();
      } else {
        saver.release();
        setMessage({ ok: false, text: res.error });
      }
    });
  }

  // What the server refused last, with the fields' own problems as they stand now (those fields
  // are not sent until put right; the rest autosaves).
  const problems = draftProblems(fields);
  const { draft: _otherTab, ...serverErrors } = errors;
  const shownErrors = { ...serverErrors, ...Object.fromEntries(Object.entries(problems).map(([k, v]) => [k === "draftResult" ? "result" : k, v.map((m) => (isMessageKey(m) ? t(m) : m))])) };
  const otherTab = status.state === "error" && !!status.fieldErrors?.draft;
  return { call, fields, setField, errors: shownErrors, message, saveState: indicator(status, t, locale), pending, start, finish, discard, otherTab, takeOver };
}
