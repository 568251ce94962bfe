"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { finishCallAction, saveCallDraftAction, startCallAction } from "@/server/actions/calls";
import type { CallDraft } from "@/lib/calls/call-queries";
import { CALL_OUTCOMES, CONTACT_ROLES, DISPUTE_REASONS, PAYMENT_METHODS, REASON_CATEGORIES } from "@/lib/calls/call-schemas";
import type { PlaybookEntry } from "@/lib/calls/excuse-playbook";
import { proposePlan } from "@/lib/agreements/plan-validation";
import { addDays } from "@/lib/format/calendar-date";
import type { MessageKey } from "@/lib/i18n/translate";

export type CallPanelContact = { id: string; name: string; phone: string | null; mobile: string | null; email: string | null };
export type CallPanelInvoice = { id: string; number: string; dueDate: string; openCents: number; disputedCents: number; daysOverdue: number };

type Props = {
  debtorId: string;
  debtorVersion: number;
  contacts: CallPanelContact[];
  invoices: CallPanelInvoice[];
  goal: { amountCents: number; payBy: string; invoiceIds: string[] };
  room: { maxInstalments: number; minDownPaymentPct: number };
  today: string;
  draft: CallDraft | null;
  playbook: PlaybookEntry[];
};

type ResultKind = "none" | "promise" | "plan" | "dispute" | "callback";
type Errors = Record<string, string[]>;

/** Cents -> "1234,56" for an input field (and back through the server's parser). */
const centsToInput = (c: number) => (c / 100).toFixed(2).replace(".", ",");
/** Loose client-side parse, only for the running sum; the server decides. */
const inputToCents = (s: string) => {
  const n = Number(s.trim().replace(/\./g, "").replace(",", "."));
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
};
const euro = (c: number, locale: string) => new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR" }).format(c / 100);

function FieldError({ errors, name }: { errors: Errors; name: string }) {
  const list = Object.entries(errors)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .flatMap(([, v]) => v);
  if (!list.length) return null;
  return (
    <p className="mt-0.5 text-[12px] text-red-700" role="alert">
      {[...new Set(list)].join(" ")}
    </p>
  );
}

const label = "mb-0.5 block text-[12px] font-medium text-slate-600";
const input = "w-full rounded border border-slate-300 px-2 py-1 text-[13px]";

export function CallPanel(props: Props) {
  const { t, locale } = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [call, setCall] = useState<{ id: string; version: number; startedAt: string } | null>(
    props.draft ? { id: props.draft.id, version: props.draft.version, startedAt: props.draft.startedAt } : null,
  );
  const d = props.draft;
  const [contactId, setContactId] = useState<string>(d?.contactId ?? props.contacts[0]?.id ?? "");
  const [newContact, setNewContact] = useState({ name: "", jobTitle: "", role: "accounts_payable", phone: "", email: "" });
  const [learned, setLearned] = useState({ phone: "", email: "" });
  const chosen = props.contacts.find((c) => c.id === contactId);
  const [phoneUsed, setPhoneUsed] = useState(d?.phoneUsed ?? chosen?.phone ?? chosen?.mobile ?? "");
  const [outcome, setOutcome] = useState<string>(d?.outcome ?? "");
  const [reasonCategory, setReasonCategory] = useState(d?.reasonCategory ?? "");
  const [reasonText, setReasonText] = useState(d?.reasonText ?? "");
  const [notes, setNotes] = useState(d?.notes ?? "");
  const [excuse, setExcuse] = useState(d?.excuseUsed ?? "");
  const [kind, setKind] = useState<ResultKind>("none");
  const [amount, setAmount] = useState(centsToInput(props.goal.amountCents));
  const [dueDate, setDueDate] = useState(props.goal.payBy);
  const [method, setMethod] = useState("bank_transfer");
  const [invoiceIds, setInvoiceIds] = useState<string[]>(props.goal.invoiceIds);
  const [plan, setPlan] = useState<Array<{ dueDate: string; amount: string }>>([]);
  const [planCount, setPlanCount] = useState(Math.min(3, Math.max(2, props.room.maxInstalments)));
  const [disputeReason, setDisputeReason] = useState("goods");
  const [disputeText, setDisputeText] = useState("");
  const [disputed, setDisputed] = useState<Record<string, string>>({});
  const [callbackAt, setCallbackAt] = useState(`${addDays(props.today, 1)}T10:00`);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saveState, setSaveState] = useState<{ state: "idle" | "saving" | "saved" | "error"; text?: string }>({ state: "idle" });
  const [elapsed, setElapsed] = useState(0);

  // Call timer.
  useEffect(() => {
    if (!call) return;
    const tick = () => setElapsed(Math.max(0, Math.floor((Date.now() - new Date(call.startedAt).getTime()) / 1000)));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [call]);

  // Autosave the draft a moment after typing stops (and when the tab is hidden or closed).
  const versionRef = useRef(call?.version ?? 0);
  const draftPayload = useCallback(
    () => ({
      callId: call?.id ?? "",
      version: versionRef.current,
      contactId: contactId && contactId !== "new" ? contactId : null,
      phoneUsed,
      outcome: outcome ? (outcome as (typeof CALL_OUTCOMES)[number]) : null,
      reasonCategory: reasonCategory ? (reasonCategory as (typeof REASON_CATEGORIES)[number]) : null,
      reasonText,
      notes,
      excuseUsed: excuse ? (excuse as PlaybookEntry["excuse"]) : null,
    }),
    [call, contactId, phoneUsed, outcome, reasonCategory, reasonText, notes, excuse],
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
  useEffect(() => {
    if (!call) return;
    dirty.current = true;
    const id = setTimeout(() => void saveDraft(), 700);
    return () => clearTimeout(id);
  }, [call, contactId, phoneUsed, outcome, reasonCategory, reasonText, notes, excuse, saveDraft]);
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden") void saveDraft();
    };
    document.addEventListener("visibilitychange", flush);
    return () => document.removeEventListener("visibilitychange", flush);
  }, [saveDraft]);

  function start() {
    startTransition(async () => {
      const res = await startCallAction({ debtorId: props.debtorId, idempotencyKey: crypto.randomUUID() });
      if (res.ok) {
        versionRef.current = res.data.version;
        setCall({ id: res.data.callId, version: res.data.version, startedAt: new Date().toISOString() });
        setMessage(null);
      } else setMessage({ ok: false, text: res.error });
    });
  }

  function buildResult() {
    switch (kind) {
      case "promise":
        return { kind, amount, dueDate, method, invoiceIds };
      case "plan":
        return { kind, total: amount, method, invoiceIds, instalments: plan };
      case "dispute":
        return { kind, reason: disputeReason, description: disputeText, invoices: Object.entries(disputed).map(([invoiceId, a]) => ({ invoiceId, amount: a })) };
      case "callback":
        return { kind, at: callbackAt };
      default:
        return { kind: "none" as const };
    }
  }

  function finish() {
    if (!call) return;
    startTransition(async () => {
      while (saving.current) await saving.current;
      dirty.current = false;
      const isNew = contactId === "new";
      const res = await finishCallAction({
        ...draftPayload(),
        outcome,
        debtorVersion: props.debtorVersion,
        ...(isNew ? { newContact: { ...newContact, jobTitle: newContact.jobTitle || undefined } } : {}),
        ...(!isNew && (learned.phone || learned.email) ? { contactUpdate: learned } : {}),
        result: buildResult(),
      } as Parameters<typeof finishCallAction>[0]);
      if (res.ok) {
        setErrors({});
        setCall(null);
        setNotes("");
        setKind("none");
        setMessage({ ok: true, text: res.data.needsApproval ? t("call.finished.approval") : t("call.finished") });
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setMessage({ ok: false, text: res.error });
      }
    });
  }

  const planSum = plan.reduce((s, p) => s + inputToCents(p.amount), 0);
  const toggleInvoice = (id: string) => setInvoiceIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const chosenExcuse = props.playbook.find((p) => p.excuse === excuse);
  const mmss = `${String(Math.floor(elapsed / 60)).padStart(2, "0")}:${String(elapsed % 60).padStart(2, "0")}`;

  if (!call) {
    return (
      <Panel title={t("call.title")} id="call">
        <div className="space-y-2 px-3 py-2">
          {message ? (
            <p role="status" className={`text-[13px] ${message.ok ? "text-green-800" : "text-red-700"}`}>
              {message.text}
            </p>
          ) : null}
          <Button variant="primary" onClick={start} disabled={pending} data-testid="start-call">
            {t("call.start")}
          </Button>
        </div>
      </Panel>
    );
  }

  return (
    <Panel
      title={t("call.running")}
      id="call"
      actions={
        <span className="font-mono text-[13px] text-slate-700" aria-label="timer" data-testid="call-timer">
          {mmss}
        </span>
      }
    >
      <form
        className="space-y-2 px-3 py-2 text-[13px]"
        data-testid="call-form"
        onSubmit={(e) => {
          e.preventDefault();
          finish();
        }}
      >
        <div className="grid grid-cols-2 gap-2">
          <label className="block">
            <span className={label}>{t("call.contact")}</span>
            <select
              className={input}
              name="contactId"
              value={contactId}
              onChange={(e) => {
                setContactId(e.target.value);
                const c = props.contacts.find((x) => x.id === e.target.value);
                if (c) setPhoneUsed(c.phone ?? c.mobile ?? "");
              }}
            >
              {props.contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value="new">{t("call.contact.new")}</option>
            </select>
          </label>
          <label className="block">
            <span className={label}>{t("call.phoneUsed")}</span>
            <input className={input} name="phoneUsed" value={phoneUsed} onChange={(e) => setPhoneUsed(e.target.value)} list="call-numbers" />
            <datalist id="call-numbers">
              {props.contacts.flatMap((c) => [c.phone, c.mobile]).filter(Boolean).map((p) => (
                <option key={p!} value={p!} />
              ))}
            </datalist>
            <FieldError errors={errors} name="phoneUsed" />
          </label>
        </div>

        {contactId === "new" ? (
          <fieldset className="grid grid-cols-2 gap-2 rounded border border-slate-200 p-2">
            <label className="block">
              <span className={label}>{t("call.contact.name")}</span>
              <input className={input} name="newContact.name" value={newContact.name} onChange={(e) => setNewContact({ ...newContact, name: e.target.value })} />
              <FieldError errors={errors} name="newContact.name" />
            </label>
            <label className="block">
              <span className={label}>{t("call.contact.role")}</span>
              <select className={input} value={newContact.role} onChange={(e) => setNewContact({ ...newContact, role: e.target.value })}>
                {CONTACT_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`debtor.contact.role.${r}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className={label}>{t("call.contact.phone")}</span>
              <input className={input} name="newContact.phone" value={newContact.phone} onChange={(e) => setNewContact({ ...newContact, phone: e.target.value })} />
              <FieldError errors={errors} name="newContact.phone" />
            </label>
            <label className="block">
              <span className={label}>{t("call.contact.email")}</span>
              <input className={input} name="newContact.email" type="email" value={newContact.email} onChange={(e) => setNewContact({ ...newContact, email: e.target.value })} />
              <FieldError errors={errors} name="newContact.email" />
            </label>
          </fieldset>
        ) : (
          <details>
            <summary className="cursor-pointer text-[12px] text-slate-600">{t("call.contact.learned")}</summary>
            <div className="mt-1 grid grid-cols-2 gap-2">
              <input className={input} aria-label={t("call.contact.phone")} placeholder={t("call.contact.phone")} value={learned.phone} onChange={(e) => setLearned({ ...learned, phone: e.target.value })} />
              <input className={input} aria-label={t("call.contact.email")} placeholder={t("call.contact.email")} type="email" value={learned.email} onChange={(e) => setLearned({ ...learned, email: e.target.value })} />
            </div>
            <FieldError errors={errors} name="contactUpdate" />
          </details>
        )}

        <fieldset>
          <legend className={label}>{t("call.outcome")}</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {CALL_OUTCOMES.map((o) => (
              <label key={o} className="inline-flex items-center gap-1">
                <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                {t(`call.outcome.${o}` as MessageKey)}
              </label>
            ))}
          </div>
          <FieldError errors={errors} name="outcome" />
        </fieldset>

        <div className="grid grid-cols-2 gap-2">
          <label className="block">
            <span className={label}>{t("call.reason")}</span>
            <select className={input} name="reasonCategory" value={reasonCategory} onChange={(e) => setReasonCategory(e.target.value)}>
              <option value="">{t("call.reason.none")}</option>
              {REASON_CATEGORIES.map((r) => (
                <option key={r} value={r}>
                  {t(`call.reason.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className={label}>{t("call.excuse")}</span>
            <select className={input} name="excuseUsed" value={excuse} onChange={(e) => setExcuse(e.target.value)} data-testid="excuse-select">
              <option value="">{t("call.reason.none")}</option>
              {props.playbook.map((p) => (
                <option key={p.excuse} value={p.excuse}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {chosenExcuse ? (
          <div className="rounded bg-blue-50 px-2 py-1.5 text-[12px] text-blue-950" data-testid="excuse-response">
            <p>{chosenExcuse.response}</p>
            <p className="mt-0.5 text-blue-800">
              {t("playbook.pinDown")}: {chosenExcuse.pinDown.join(" · ")}
            </p>
          </div>
        ) : null}
        <label className="block">
          <span className={label}>{t("call.reasonText")}</span>
          <input className={input} name="reasonText" value={reasonText} maxLength={500} onChange={(e) => setReasonText(e.target.value)} />
          <FieldError errors={errors} name="reasonText" />
        </label>
        <label className="block">
          <span className={label}>{t("call.notes")}</span>
          <textarea className={`${input} h-24`} name="notes" value={notes} maxLength={10_000} onChange={(e) => setNotes(e.target.value)} data-testid="call-notes" />
          <FieldError errors={errors} name="notes" />
          <span className="text-[11px] text-slate-500" role="status" data-testid="draft-status">
            {saveState.state === "saving" ? t("call.saving") : saveState.state === "saved" ? t("call.saved", { time: saveState.text ?? "" }) : saveState.state === "error" ? t("call.saveFailed", { error: saveState.text ?? "" }) : ""}
          </span>
        </label>

        <fieldset>
          <legend className={label}>{t("call.result")}</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {(["none", "promise", "plan", "dispute", "callback"] as const).map((k) => (
              <label key={k} className="inline-flex items-center gap-1">
                <input type="radio" name="resultKind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {t(`call.result.${k}` as MessageKey)}
              </label>
            ))}
          </div>
        </fieldset>

        {kind === "promise" || kind === "plan" ? (
          <div className="space-y-2 rounded border border-slate-200 p-2">
            <div className="grid grid-cols-3 gap-2">
              <label className="block">
                <span className={label}>{kind === "plan" ? t("call.total") : t("call.amount")}</span>
                <input className={`${input} text-right`} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
                <FieldError errors={errors} name={kind === "plan" ? "result.total" : "result.amount"} />
              </label>
              {kind === "promise" ? (
                <label className="block">
                  <span className={label}>{t("call.dueDate")}</span>
                  <input className={input} type="date" name="dueDate" min={props.today} value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
                  <FieldError errors={errors} name="result.dueDate" />
                </label>
              ) : (
                <label className="block">
                  <span className={label}>{t("call.plan.count")}</span>
                  <input className={input} type="number" min={1} max={24} value={planCount} onChange={(e) => setPlanCount(Number(e.target.value))} />
                </label>
              )}
              <label className="block">
                <span className={label}>{t("call.method")}</span>
                <select className={input} name="method" value={method} onChange={(e) => setMethod(e.target.value)}>
                  {PAYMENT_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`call.method.${m}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {kind === "plan" ? (
              <div className="space-y-1" data-testid="plan-editor">
                <div className="flex items-center gap-2">
                  <Button
                    type="button"
                    onClick={() =>
                      setPlan(
                        proposePlan(BigInt(inputToCents(amount)), Math.max(1, planCount), dueDate, 30, props.room.minDownPaymentPct || undefined).map((i) => ({
                          dueDate: i.dueDate,
                          amount: centsToInput(Number(i.amountCents)),
                        })),
                      )
                    }
                  >
                    {t("call.plan.propose")}
                  </Button>
                  <span className="text-[12px] text-slate-600">{t("call.plan.room", { count: props.room.maxInstalments, pct: props.room.minDownPaymentPct })}</span>
                </div>
                <table className="w-full text-[13px]">
                  <tbody>
                    {plan.map((p, i) => (
                      <tr key={i}>
                        <td className="w-6 text-slate-500">{i + 1}.</td>
                        <td className="pr-1">
                          <input
                            className={input}
                            type="date"
                            aria-label={`${t("call.dueDate")} ${i + 1}`}
                            value={p.dueDate}
                            onChange={(e) => setPlan(plan.map((x, k) => (k === i ? { ...x, dueDate: e.target.value } : x)))}
                          />
                        </td>
                        <td className="pr-1">
                          <input
                            className={`${input} text-right`}
                            inputMode="decimal"
                            aria-label={`${t("call.amount")} ${i + 1}`}
                            value={p.amount}
                            onChange={(e) => setPlan(plan.map((x, k) => (k === i ? { ...x, amount: e.target.value } : x)))}
                          />
                        </td>
                        <td>
                          <Button type="button" variant="ghost" onClick={() => setPlan(plan.filter((_, k) => k !== i))} aria-label={`${t("call.plan.remove")} ${i + 1}`}>
                            ×
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="flex items-center justify-between">
                  <Button type="button" variant="ghost" onClick={() => setPlan([...plan, { dueDate: addDays(plan.at(-1)?.dueDate ?? dueDate, 30), amount: "" }])}>
                    + {t("call.plan.add")}
                  </Button>
                  <span className={`text-[12px] ${planSum === inputToCents(amount) ? "text-green-800" : "text-red-700"}`} data-testid="plan-sum">
                    {t("call.plan.sum", { sum: euro(planSum, locale), total: euro(inputToCents(amount), locale) })}
                  </span>
                </div>
                <FieldError errors={errors} name="result.instalments" />
                <FieldError errors={errors} name="result._form" />
              </div>
            ) : null}
            <fieldset>
              <legend className={label}>{t("call.invoices")}</legend>
              <div className="max-h-32 overflow-y-auto">
                {props.invoices.map((i) => (
                  <label key={i.id} className="flex items-center gap-2">
                    <input type="checkbox" checked={invoiceIds.includes(i.id)} onChange={() => toggleInvoice(i.id)} />
                    <span className="font-mono text-[12px]">{i.number}</span>
                    <span className="ml-auto text-slate-600">{euro(i.openCents, locale)}</span>
                  </label>
                ))}
              </div>
              <FieldError errors={errors} name="result.invoiceIds" />
            </fieldset>
          </div>
        ) : null}

        {kind === "dispute" ? (
          <div className="space-y-2 rounded border border-slate-200 p-2">
            <div className="grid grid-cols-2 gap-2">
              <label className="block">
                <span className={label}>{t("call.dispute.reason")}</span>
                <select className={input} value={disputeReason} onChange={(e) => setDisputeReason(e.target.value)}>
                  {DISPUTE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`call.dispute.reason.${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block">
                <span className={label}>{t("call.dispute.description")}</span>
                <input className={input} name="disputeDescription" value={disputeText} maxLength={1000} onChange={(e) => setDisputeText(e.target.value)} />
                <FieldError errors={errors} name="result.description" />
              </label>
            </div>
            {props.invoices.map((i) => (
              <div key={i.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  aria-label={i.number}
                  checked={i.id in disputed}
                  onChange={() =>
                    setDisputed((cur) => {
                      const next = { ...cur };
                      if (i.id in next) delete next[i.id];
                      else next[i.id] = centsToInput(i.openCents);
                      return next;
                    })
                  }
                />
                <span className="font-mono text-[12px]">{i.number}</span>
                {i.id in disputed ? (
                  <input
                    className={`${input} ml-auto w-28 text-right`}
                    aria-label={`${t("call.dispute.amount")} ${i.number}`}
                    value={disputed[i.id]}
                    onChange={(e) => setDisputed({ ...disputed, [i.id]: e.target.value })}
                  />
                ) : (
                  <span className="ml-auto text-slate-600">{euro(i.openCents, locale)}</span>
                )}
              </div>
            ))}
            <FieldError errors={errors} name="result.invoices" />
          </div>
        ) : null}

        {kind === "callback" ? (
          <label className="block">
            <span className={label}>{t("call.callbackAt")}</span>
            <input className={input} type="datetime-local" name="callbackAt" value={callbackAt} onChange={(e) => setCallbackAt(e.target.value)} />
            <FieldError errors={errors} name="result.at" />
          </label>
        ) : null}

        {message ? (
          <p role="alert" className={`text-[13px] ${message.ok ? "text-green-800" : "text-red-700"}`}>
            {message.text}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={pending} data-testid="finish-call">
          {t("call.finish")}
        </Button>
      </form>
    </Panel>
  );
}
