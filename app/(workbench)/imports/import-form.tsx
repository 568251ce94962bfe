"use client";

import { useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { localeTag, numberFormat } from "@/lib/format/intl";
import type { MessageKey } from "@/lib/i18n/translate";
import { renderProblem } from "@/lib/imports/import-problem";
import { previewImportAction, runImportAction } from "@/server/actions/imports";

type Outcome = Awaited<ReturnType<typeof previewImportAction>> extends infer R ? (R extends { ok: true; data: infer D } ? D : never) : never;
type FieldInfo = { field: string; required: boolean };

/**
 * Upload -> the proposed mapping and a dry run (what would be created, changed, closed, with every
 * bad row) -> correct the mapping (the dry run runs again) -> import. Nothing is written before
 * "Import"; the same file twice changes nothing.
 */
export function ImportForm({ defaultSource, today, fields }: { defaultSource: string; today: string; fields: Record<string, FieldInfo[]> }) {
  const { t, locale } = useT();
  const count = (n: number) => numberFormat(localeTag(locale)).format(n);
  const euros = (cents: string) => numberFormat(localeTag(locale), { style: "currency", currency: "EUR" }).format(Number(cents) / 100);
  const form = useRef<HTMLFormElement>(null);
  const { pending, message, fieldErrors, submit, setMessage } = useSubmit();
  const [kind, setKind] = useState("open_items");
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);

  const data = (withMapping: Record<string, string> | null) => {
    const fd = new FormData(form.current!);
    if (withMapping) fd.set("mapping", JSON.stringify(withMapping));
    return fd;
  };
  const dryRun = (withMapping: Record<string, string> | null) =>
    submit(() => previewImportAction(data(withMapping)), {
      onSuccess: (r) => {
        setPreview(r);
        setMapping(r.mapping);
        setMessage(r.status === "refused" ? { ok: false, text: t("imports.refused", { n: r.errorCount }) } : null);
      },
    });
  const apply = () =>
    submit(() => runImportAction(data(mapping)), {
      onSuccess: (r) => {
        setPreview(r);
        const created = r.invoices.created + r.debtors.created + r.contacts.created + r.payments.created;
        const updated = r.invoices.updated + r.debtors.updated + r.contacts.updated;
        setMessage(r.status === "applied" ? { ok: true, text: t("imports.done", { created, updated, closed: r.invoices.closed }) } : { ok: false, text: t("imports.refused", { n: r.errorCount }) });
      },
    });
  const reset = () => {
    setPreview(null);
    setMapping(null);
  };

  return (
    <div className="space-y-3 px-3 py-2">
      <form
        ref={form}
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          dryRun(null);
        }}
      >
        <label className="flex flex-col">
          <span className="mb-1 text-[13px] font-medium text-slate-700">{t("imports.file")}</span>
          <input name="file" type="file" accept=".csv,.txt,.xlsx,.xml,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/xml,application/zip" required onChange={reset} className="text-[13px]" aria-describedby="import-file-hint" />
          <FieldError messages={fieldErrors.file} />
        </label>
        <label className="flex flex-col">
          <span className="mb-1 text-[13px] font-medium text-slate-700">{t("imports.source")}</span>
          <Input name="source" defaultValue={defaultSource} placeholder="exact" required pattern="[a-z0-9][a-z0-9._\-]{0,39}" onChange={reset} invalid={Boolean(fieldErrors.source)} className="w-36" />
          <FieldError messages={fieldErrors.source} />
        </label>
        <label className="flex flex-col">
          <span className="mb-1 text-[13px] font-medium text-slate-700">{t("imports.kindLabel")}</span>
          <Select
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              reset();
            }}
            options={Object.keys(fields).map((k) => ({ value: k, label: t(`imports.kind.${k}` as MessageKey) }))}
          />
        </label>
        <label className="flex flex-col">
          <span className="mb-1 text-[13px] font-medium text-slate-700">{t("imports.fileDate")}</span>
          <Input name="fileDate" type="date" defaultValue={today} max={today} onChange={reset} />
        </label>
        <Button type="submit" variant={preview ? "secondary" : "primary"} disabled={pending}>
          {t("imports.dryRun")}
        </Button>
      </form>
      <p id="import-file-hint" className="text-[12px] text-slate-500">
        {t("imports.hint")}
        {kind === "contacts" || kind === "payments" ? ` ${t(`imports.hint.${kind}` as MessageKey)}` : null}
      </p>
      <FormMessage message={message} className="text-[13px]" />

      {preview && mapping ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_1fr]" data-testid="import-preview">
          <section aria-labelledby="mapping-heading" hidden={(fields[kind] ?? []).length === 0}>
            <h2 id="mapping-heading" className="mb-1 font-medium">
              {t("imports.mapping")}
            </h2>
            <table className="w-full text-[13px]">
              <tbody>
                {(fields[kind] ?? []).map((f) => (
                  <tr key={f.field} className="border-b border-slate-100">
                    <td className="py-1 pr-2 text-slate-700">
                      {t(`imports.field.${f.field}` as MessageKey)}
                      {f.required ? <span className="text-red-700"> *</span> : null}
                    </td>
                    <td className="py-1">
                      <Select
                        compact
                        aria-label={t(`imports.field.${f.field}` as MessageKey)}
                        value={mapping[f.field] ?? ""}
                        onChange={(e) => {
                          const next = { ...mapping, [f.field]: e.target.value };
                          if (!e.target.value) delete next[f.field];
                          setMapping(next);
                          dryRun(next);
                        }}
                        options={[{ value: "", label: "—" }, ...preview.headers.map((h) => ({ value: h, label: h }))]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="plan-heading" className="space-y-2">
            <h2 id="plan-heading" className="font-medium">
              {preview.status === "applied" ? t("imports.result") : t("imports.plan")}
            </h2>
            <p className="text-[13px]" data-testid="import-plan">
              {kind === "contacts"
                ? t("imports.planLine.contacts", { rows: preview.rows, created: preview.contacts.created, updated: preview.contacts.updated, unchanged: preview.contacts.unchanged })
                : kind === "payments"
                  ? t(preview.status === "applied" ? "imports.planLine.paymentsDone" : "imports.planLine.payments", {
                      rows: preview.rows,
                      created: preview.payments.created,
                      unchanged: preview.payments.unchanged,
                      amount: euros(preview.payments.bookedCents),
                      invoicesChanged: preview.invoices.updated,
                      invoicesClosed: preview.invoices.closed,
                    })
                  : t("imports.planLine", {
                      rows: preview.rows,
                      debtorsNew: preview.debtors.created,
                      debtorsChanged: preview.debtors.updated,
                      invoicesNew: preview.invoices.created,
                      invoicesChanged: preview.invoices.updated,
                      invoicesClosed: preview.invoices.closed,
                    })}
            </p>
            {preview.errors.length ? (
              <ul className="max-h-64 overflow-auto rounded border border-red-200 bg-red-50 px-2 py-1 text-[13px] text-red-800" data-testid="import-errors">
                {preview.errors.map((e, i) => {
                  const message = renderProblem(e.problem, t, count);
                  return <li key={i}>{e.row > 0 ? t("imports.rowError", { row: e.row, message }) : message}</li>;
                })}
              </ul>
            ) : null}
            {preview.status === "dry_run" ? (
              <Button variant="primary" disabled={pending} onClick={apply}>
                {t("imports.apply")}
              </Button>
            ) : null}
          </section>
        </div>
      ) : null}
    </div>
  );
}
