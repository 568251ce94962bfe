"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/form-message";
import { monthlyDueDates, proposeMonthlyPlan } from "@/lib/agreements/plan-validation";
import { centsToInput, formatMoney, parseAmount } from "@/lib/format/money";
import { AMOUNT_LOCALE, inputClass, labelClass, messagesFor, type CallPanelInvoice, type FieldErrors, type NegotiationRoom } from "./call-form";
import type { ResultState, ResultUpdate } from "./call-result";
import { AmountField, InvoiceChoice, MethodField } from "./agreement-fields";

/** A payment plan: a total in instalments, proposed within the negotiation room and then edited. */
export function PlanFields(props: { value: ResultState; update: ResultUpdate; errors: FieldErrors; invoices: CallPanelInvoice[]; currency: string; room: NegotiationRoom }) {
  const { t, locale } = useT();
  const { value, update, errors, room } = props;
  const { plan } = value;
  // Only a running hint for the controller; the server reads the amounts and decides.
  const cents = (text: string) => parseAmount(text, AMOUNT_LOCALE) ?? 0n;
  const total = cents(value.amount);
  const sum = plan.reduce((s, p) => s + cents(p.amount), 0n);
  const money = (c: bigint) => formatMoney(Number(c), props.currency, locale);
  const propose = () =>
    update({
      plan: proposeMonthlyPlan(total, Math.max(1, value.planCount), value.dueDate, room.minDownPaymentPct || undefined).map((i) => ({
        dueDate: i.dueDate,
        amount: centsToInput(i.amountCents, AMOUNT_LOCALE),
      })),
    });
  const edit = (index: number, patch: Partial<ResultState["plan"][number]>) => update({ plan: plan.map((x, k) => (k === index ? { ...x, ...patch } : x)) });

  return (
    <div className="space-y-2 rounded border border-slate-200 p-2">
      <div className="grid grid-cols-3 gap-2">
        <AmountField value={value} update={update} errors={errors} label={t("call.total")} errorPath="result.total" />
        <label className="block">
          <span className={labelClass}>{t("call.plan.count")}</span>
          <input className={inputClass} type="number" min={1} max={24} value={value.planCount} onChange={(e) => update({ planCount: Number(e.target.value) })} />
        </label>
        <MethodField value={value} update={update} />
      </div>
      <div className="space-y-1" data-testid="plan-editor">
        <div className="flex items-center gap-2">
          <Button type="button" onClick={propose}>
            {t("call.plan.propose")}
          </Button>
          <span className="text-[12px] text-slate-600">{t("call.plan.room", { count: room.maxInstalments, pct: room.minDownPaymentPct })}</span>
        </div>
        <table className="w-full text-[13px]">
          <tbody>
            {plan.map((p, i) => (
              <tr key={i}>
                <td className="w-6 text-slate-500">{i + 1}.</td>
                <td className="pr-1">
                  <input className={inputClass} type="date" aria-label={`${t("call.dueDate")} ${i + 1}`} value={p.dueDate} onChange={(e) => edit(i, { dueDate: e.target.value })} />
                </td>
                <td className="pr-1">
                  <input className={`${inputClass} text-right`} inputMode="decimal" aria-label={`${t("call.amount")} ${i + 1}`} value={p.amount} onChange={(e) => edit(i, { amount: e.target.value })} />
                </td>
                <td>
                  <Button type="button" variant="ghost" onClick={() => update({ plan: plan.filter((_, k) => k !== i) })} aria-label={`${t("call.plan.remove")} ${i + 1}`}>
                    ×
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex items-center justify-between">
          <Button type="button" variant="ghost" onClick={() => update({ plan: [...plan, { dueDate: monthlyDueDates(plan.at(-1)?.dueDate ?? value.dueDate, 2)[1]!, amount: "" }] })}>
            + {t("call.plan.add")}
          </Button>
          <span className={`text-[12px] ${sum === total ? "text-green-800" : "text-red-700"}`} data-testid="plan-sum">
            {t("call.plan.sum", { sum: money(sum), total: money(total) })}
          </span>
        </div>
        <FieldError messages={messagesFor(errors, "result.instalments")} />
        <FieldError messages={messagesFor(errors, "result._form")} />
      </div>
      <InvoiceChoice value={value} update={update} errors={errors} invoices={props.invoices} currency={props.currency} />
    </div>
  );
}
