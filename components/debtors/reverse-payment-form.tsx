"use client";

import { useId, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { reverseManualPaymentAction } from "@/server/actions/payments";

/**
 * Undo a payment booked by hand (wrong debtor, wrong amount), with the reason. One key per
 * reversal: pressing again after a lost reply answers with the first reversal.
 */
export function ReversePaymentForm({ paymentId }: { paymentId: string }) {
  const { t } = useT();
  const { pending, message, fieldErrors, submit, clear } = useSubmit();
  const id = useId();
  const [key] = useState(() => crypto.randomUUID());
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!isOpen) {
    return (
      <Button type="button" variant="ghost" className="text-[12px]" onClick={() => setOpen(true)}>
        {t("payments.reverse")}
      </Button>
    );
  }
  const reasonError = fieldErrors.reason ?? fieldErrors.paymentId;
  return (
    <form
      className="flex w-full flex-wrap items-start gap-1.5 text-[12px]"
      data-testid="reverse-payment"
      onSubmit={(e) => {
        e.preventDefault();
        submit(() => reverseManualPaymentAction({ paymentId, reason: reason.trim(), idempotencyKey: key }), { success: t("payments.reverse.done") });
      }}
    >
      <div className="flex min-w-[14rem] flex-1 flex-col">
        <label htmlFor={`${id}-reason`}>{t("payments.reverse.reason")}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={200}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-error` : undefined}
          className="rounded border border-slate-300 px-1 py-0.5"
        />
        <FieldError messages={reasonError} id={`${id}-error`} />
      </div>
      <div className="flex items-center gap-1.5 self-end">
        <Button type="submit" variant="danger" disabled={pending}>
          {t("payments.reverse.confirm")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={pending}
          onClick={() => {
            clear();
            setOpen(false);
          }}
        >
          {t("common.cancel")}
        </Button>
      </div>
      <FormMessage message={message} className="w-full text-[12px]" />
    </form>
  );
}
