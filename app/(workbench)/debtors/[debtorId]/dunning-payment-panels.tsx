"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { setDebtorDunningAction } from "@/server/actions/dunning";
import { recordPaymentAction } from "@/server/actions/payments";
import type { MessageKey } from "@/lib/i18n/translate";

// These small forms have no slot per field: field messages join the form's message (inlineFieldErrors).
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
  const { pending, message, submit } = useSubmit();
  // One key per payment: a second click or a retry after a lost reply sends the same key and the
  // server answers with the first booking; a new key only after this payment was recorded.
  const [paymentKey, setPaymentKey] = useState(() => crypto.randomUUID());
  return (
    <form
      className="grid grid-cols-2 gap-1.5 px-3 py-2 text-[13px]"
      data-testid="payment-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const fd = new FormData(form);
        const invoiceId = String(fd.get("invoiceId") ?? "");
        submit(
          () => recordPaymentAction({ debtorId: props.debtorId, amount: String(fd.get("amount") ?? ""), valueDate: String(fd.get("valueDate") ?? ""), reference: String(fd.get("reference") ?? "").trim() || null, method: String(fd.get("method") ?? "bank_transfer"), invoiceIds: invoiceId ? [invoiceId] : [], idempotencyKey: paymentKey }),
          {
            success: t("debtor.payment.recorded"),
            inlineFieldErrors: true,
            onSuccess: () => {
              setPaymentKey(crypto.randomUUID());
              form.reset();
            },
          },
        );
      }}
    >
      <label>
        {t("debtor.payment.amount")}
        <input name="amount" required inputMode="decimal" placeholder="1.234,56" className={`${input} w-full`} />
      </label>
      <label>
        {t("debtor.payment.date")}
        <input name="valueDate" type="date" required defaultValue={props.today} max={props.today} className={`${input} w-full`} />
      </label>
      <label>
        {t("debtor.payment.invoice")}
        <select name="invoiceId" className={`${input} w-full`}>
          <option value="">{t("debtor.payment.oldestFirst")}</option>
          {props.invoices.map((i) => (
            <option key={i.id} value={i.id}>
              {i.number}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("debtor.payment.method")}
        <select name="method" className={`${input} w-full`}>
          {(["bank_transfer", "direct_debit", "ideal", "other"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`call.method.${m}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="col-span-2">
        {t("debtor.payment.reference")}
        <input name="reference" maxLength={140} className={`${input} w-full`} />
      </label>
      <div className="col-span-2 flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {t("debtor.payment.record")}
        </Button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}
