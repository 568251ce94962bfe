"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/components/ui/use-submit";
import { formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { importStatementAction, resolveBankLineAction } from "@/server/actions/payments";
import type { ReviewLineRow } from "@/lib/payments/payment-queries";
import type { ResolveBankLineInput } from "@/lib/payments/payment-schemas";

/** Upload of a bank statement; a file that cannot be read names every bad line. */
export function ImportForm() {
  const { t } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const errors = fieldErrors.file ?? [];
  return (
    <form
      className="space-y-2 px-3 py-2 text-[13px]"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const fd = new FormData(form);
        submit(() => importStatementAction(fd), {
          success: (d) => t("payments.imported", { lines: d.lines, applied: d.applied, reversed: d.reversed, review: d.review, ignored: d.ignored, duplicates: d.duplicates, skipped: d.skipped, kept: d.kept, broken: d.broken }),
          onSuccess: () => form.reset(),
        });
      }}
    >
      <p className="text-slate-600">{t("payments.import.help")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <input name="file" type="file" accept=".csv,.txt,.xml,.053" required aria-label={t("payments.file")} className="text-[13px]" />
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? t("payments.importing") : t("payments.importButton")}
        </Button>
      </div>
      {message ? (
        <div data-testid="import-result">
          <FormMessage message={message} className="" />
        </div>
      ) : null}
      {errors.length ? (
        <ul className="max-h-48 list-disc overflow-auto pl-5 text-red-700" data-testid="import-errors">
          {errors.map((e) => (
            <li key={e}>{e.replace(/^#(\d+):/, `${t("payments.line")} $1:`)}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/** A statement line the import could not book by itself: book it to invoices, or ignore it. */
export function ReviewLine({ line, canWrite }: { line: ReviewLineRow; canWrite: boolean }) {
  const { t, locale } = useT();
  const { pending, message, submit } = useSubmit();
  const resolve = (input: ResolveBankLineInput) => submit(() => resolveBankLineAction(input), { inlineFieldErrors: true });
  return (
    <li className="grid gap-2 px-3 py-2 text-[13px] lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid="review-line">
      <div>
        <div className="flex gap-2">
          <span className="font-medium">{formatMoney(Number(line.amountCents), line.currency, locale)}</span>
          <span className="text-slate-600">{line.valueDate}</span>
          <span className="truncate">{line.counterpartyName}</span>
        </div>
        <div className="truncate text-slate-600" title={line.description}>
          {line.description || "–"}
        </div>
        <div className="text-[12px] text-slate-500">
          {line.statementFile} · {t("payments.line")} {line.lineNo}
          {line.counterpartyIban ? ` · ${line.counterpartyIban}` : ""} · {line.reason ? t(`payments.reason.${line.reason}` as MessageKey) : ""}
        </div>
      </div>
      {canWrite ? (
        <div className="flex flex-wrap items-start gap-2">
          <form
            className="flex flex-wrap items-start gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const fd = new FormData(e.currentTarget);
              const invoiceNumbers = String(fd.get("invoices") ?? "").split(/[\s,;]+/).filter(Boolean);
              resolve({ action: "apply", lineId: line.id, version: line.version, customerNumber: String(fd.get("customer") ?? "").trim(), invoiceNumbers });
            }}
          >
            <label className="text-[12px]">
              {t("payments.customerNumber")}
              <Input compact name="customer" defaultValue={line.suggestedCustomerNumber ?? ""} required className="ml-1 w-28" />
            </label>
            <label className="text-[12px]">
              {t("payments.invoiceNumbers")}
              <Input compact name="invoices" defaultValue={line.suggestedInvoiceNumbers.join(" ")} className="ml-1 w-44" />
            </label>
            <Button type="submit" variant="primary" disabled={pending}>
              {t("payments.book")}
            </Button>
          </form>
          <Button
            type="button"
            variant="ghost"
            disabled={pending}
            onClick={() => {
              const reason = window.prompt(t("payments.ignoreReason"));
              if (reason) resolve({ action: "ignore", lineId: line.id, version: line.version, reason });
            }}
          >
            {t("payments.ignore")}
          </Button>
          {line.suggestedDebtorName ? <span className="w-full text-[12px] text-slate-500">{t("payments.suggested", { name: line.suggestedDebtorName })}</span> : null}
          <FormMessage message={message} className="w-full text-[12px]" />
        </div>
      ) : null}
    </li>
  );
}
