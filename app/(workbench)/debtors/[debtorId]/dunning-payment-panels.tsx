"use client";

import { useId, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { setDebtorDunningAction } from "@/server/actions/dunning";
import { recordPaymentAction } from "@/server/actions/payments";
import type { MessageKey } from "@/lib/i18n/translate";

// The dunning form has no slot per field: its field messages join the form's message (inlineFieldErrors).
const input = "rounded border border-slate-300 px-1 py-0.5";

export function DunningSettingsForm(props: { debtorId: string; version: number; isPaused: boolean; reason: string | null; policyId: string | null; policies: { id: string; name: string; isDefault: boolean }[] }) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  const [paused, setPaused] = useState(props.isPaused);
  return (
    <form
      className="space-y-1.5 px-3 py-2 text-[13px]"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const policyId = String(fd.get("policyId") ?? "");
        submit(() => setDebtorDunningAction({ debtorId: props.debtorId, version: props.version, isPaused: paused, reason: paused ? String(fd.get("reason") ?? "").trim() : null, policyId: policyId || null }), { success: t("common.saved"), inlineFieldErrors: true });
      }}
    >
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} data-testid="dunning-pause" /> {t("debtor.dunning.pause")}
      </label>
      {paused ? <input name="reason" defaultValue={props.reason ?? ""} placeholder={t("debtor.dunning.reason")} aria-label={t("debtor.dunning.reason")} maxLength={200} className={`${input} w-full`} /> : null}
      <label className="block">
        {t("debtor.dunning.policy")}{" "}
        <select name="policyId" defaultValue={props.policyId ?? ""} className={input}>
          <option value="">{t("debtor.dunning.defaultPolicy")}</option>
          {props.policies.filter((p) => !p.isDefault).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" disabled={pending}>
        {t("common.save")}
      </Button>
      <FormMessage message={message} />
    </form>
  );
}

export function PaymentForm(props: { debtorId: string; today: string; invoices: { id: string; number: string }[] }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const id = useId();
  // One key per payment: a second click or a retry after a lost reply sends the same key and the
  // server answers with the first booking; a new key only after this payment was recorded.
  const [paymentKey, setPaymentKey] = useState(() => crypto.randomUUID());
  // A value date before the invoice date is refused until confirmed; the box shows after that refusal.
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const slot = (field: string) => ({ messages: fieldErrors[field], id: `${id}-${field}-error` });
  const described = (field: string) => (fieldErrors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  // Messages on fields without a slot of their own (none expected) join the form's message.
  const others = Object.entries(fieldErrors).flatMap(([field, messages]) => (PAYMENT_FIELD_SLOTS.includes(field) ? [] : messages));
  return (
    <form
      className="grid grid-cols-2 gap-1.5 px-3 py-2 text-[13px]"
      data-testid="payment-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const fd = new FormData(form);
        const invoiceId = String(fd.get("invoiceId") ?? "");
        const input = { debtorId: props.debtorId, amount: String(fd.get("amount") ?? ""), valueDate: String(fd.get("valueDate") ?? ""), reference: String(fd.get("reference") ?? "").trim() || null, method: String(fd.get("method") ?? "bank_transfer"), invoiceIds: invoiceId ? [invoiceId] : [], idempotencyKey: paymentKey, confirmEarlyValueDate: needsConfirm && confirmed };
        submit(
          async () => {
            const r = await recordPaymentAction(input);
            if (!r.ok && r.fieldErrors?.confirmEarlyValueDate) setNeedsConfirm(true);
            return r;
          },
          {
            success: t("debtor.payment.recorded"),
            onSuccess: () => {
              // The next payment is a new one: an empty form, a fresh key, no confirmation carried over.
              setPaymentKey(crypto.randomUUID());
              setNeedsConfirm(false);
              setConfirmed(false);
              form.reset();
            },
          },
        );
      }}
    >
      <div>
        <label htmlFor={`${id}-amount`}>{t("debtor.payment.amount")}</label>
        <input id={`${id}-amount`} name="amount" required inputMode="decimal" placeholder="1.234,56" className={`${input} w-full`} {...described("amount")} />
        <FieldError {...slot("amount")} />
      </div>
      <div>
        <label htmlFor={`${id}-valueDate`}>{t("debtor.payment.date")}</label>
        <input id={`${id}-valueDate`} name="valueDate" type="date" required defaultValue={props.today} max={props.today} className={`${input} w-full`} {...described("valueDate")} />
        <FieldError {...slot("valueDate")} />
      </div>
      <div>
        <label htmlFor={`${id}-invoiceId`}>{t("debtor.payment.invoice")}</label>
        <select id={`${id}-invoiceId`} name="invoiceId" className={`${input} w-full`} {...described("invoiceIds")}>
          <option value="">{t("debtor.payment.oldestFirst")}</option>
          {props.invoices.map((i) => (
            <option key={i.id} value={i.id}>
              {i.number}
            </option>
          ))}
        </select>
        <FieldError {...slot("invoiceIds")} />
      </div>
      <div>
        <label htmlFor={`${id}-method`}>{t("debtor.payment.method")}</label>
        <select id={`${id}-method`} name="method" className={`${input} w-full`} {...described("method")}>
          {(["bank_transfer", "direct_debit", "ideal", "other"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`call.method.${m}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError {...slot("method")} />
      </div>
      <div className="col-span-2">
        <label htmlFor={`${id}-reference`}>{t("debtor.payment.reference")}</label>
        <input id={`${id}-reference`} name="reference" maxLength={140} className={`${input} w-full`} {...described("reference")} />
        <FieldError {...slot("reference")} />
      </div>
      {needsConfirm ? (
        <label className="col-span-2 flex items-center gap-1">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="payment-confirm-early" /> {t("payments.confirmEarlyValueDate")}
        </label>
      ) : null}
      <div className="col-span-2 flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {t("debtor.payment.record")}
        </Button>
        <FormMessage message={message && !message.ok && others.length ? { ok: false, text: [message.text, ...others].join(" ") } : message} />
      </div>
    </form>
  );
}

/** The payment form's fields that show their own messages (the confirmation's is the date's). */
const PAYMENT_FIELD_SLOTS = ["amount", "valueDate", "invoiceIds", "method", "reference", "confirmEarlyValueDate"];
