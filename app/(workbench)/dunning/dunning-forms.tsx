"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import type { DunningPreview } from "@/lib/dunning/preview-dunning";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";
import { addRateAction, previewDunningAction, runDunningAction } from "@/server/actions/dunning";

/**
 * "Run now" first shows what today's run would do (a dry run of the run's own plan); "Uitvoeren"
 * then runs it. The run decides again when it starts, so its own result is what is shown after.
 */
export function RunNowButton() {
  const { t } = useT();
  const router = useRouter();
  const previewing = useSubmit();
  const running = useSubmit();
  const [preview, setPreview] = useState<DunningPreview | null>(null);
  const open = () => {
    running.clear();
    previewing.submit(() => previewDunningAction({}), { refresh: false, onSuccess: (p) => setPreview(p) });
  };
  const run = () =>
    running.submit(
      async () => {
        const r = await runDunningAction({});
        // A run that failed is recorded as failed: show it in the list of runs too.
        if (!r.ok) router.refresh();
        return r;
      },
      {
        success: (d) => {
          const done = t("dunning.run.done", { messages: d.messages, emails: d.emails, letters: d.letters, tasks: d.tasks });
          return preview && !sameCounts(preview, d) ? `${done} ${t("dunning.preview.changed")}` : done;
        },
        onSuccess: () => setPreview(null),
      },
    );
  const busy = previewing.pending || running.pending;
  return (
    <>
      <div className="flex items-center gap-2">
        <Button variant="primary" disabled={busy} onClick={open}>
          {previewing.pending ? t("dunning.preview.loading") : t("dunning.run")}
        </Button>
        <FormMessage message={previewing.message} className="text-[13px]" />
        {running.message ? (
          <div data-testid="run-result">
            <FormMessage message={running.message} className="text-[13px]" />
          </div>
        ) : null}
      </div>
      {preview ? <RunPreview preview={preview} pending={running.pending} onRun={run} onCancel={() => setPreview(null)} /> : null}
    </>
  );
}

function sameCounts(p: DunningPreview, r: { messages: number; emails: number; letters: number; tasks: number }): boolean {
  return p.totals.messages === r.messages && p.totals.emails === r.emails && p.totals.letters === r.letters && p.totals.tasks === r.tasks;
}

/** The dry run: totals first, then per debtor the step, the channel and the amounts. */
function RunPreview({ preview: p, pending, onRun, onCancel }: { preview: DunningPreview; pending: boolean; onRun: () => void; onCancel: () => void }) {
  const { t, locale } = useT();
  const money = (cents: string, currency: string) => formatMoney(Number(cents), currency, locale);
  const sums = (key: "costsCents" | "interestCents") => (p.totals.money.length ? p.totals.money.map((m) => money(m[key], m.currency)).join(" + ") : money("0", "EUR"));
  const figures: Array<[string, string, string]> = [
    ["preview-debtors", t("dunning.preview.debtors"), String(p.totals.debtors)],
    ["preview-letters", t("dunning.preview.letters"), String(p.totals.letters)],
    ["preview-emails", t("dunning.preview.emails"), String(p.totals.emails)],
    ["preview-tasks", t("dunning.preview.tasks"), String(p.totals.tasks)],
    ["preview-costs", t("dunning.preview.costs"), sums("costsCents")],
    ["preview-interest", t("dunning.preview.interest"), sums("interestCents")],
  ];
  return (
    <section data-testid="dunning-preview" aria-labelledby="dunning-preview-title" className="basis-full rounded-md border border-blue-200 bg-white text-[13px]">
      <div className="border-b border-slate-200 px-3 py-2">
        <h2 id="dunning-preview-title" className="font-semibold">
          {t("dunning.preview.title", { date: formatCalendarDate(p.runDate, locale) })}
        </h2>
        <p className="text-slate-600">{t("dunning.preview.intro")}</p>
      </div>
      <dl data-testid="preview-totals" className="flex flex-wrap gap-x-6 gap-y-1 px-3 py-2">
        {figures.map(([id, label, value]) => (
          <div key={id}>
            <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
            <dd data-testid={id} className="num font-semibold">
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {p.skippedToday > 0 ? <p className="px-3 pb-1 text-slate-600">{t("dunning.preview.skipped", { count: p.skippedToday })}</p> : null}
      {p.missingRates.length ? (
        <p role="alert" className="px-3 pb-1 text-amber-800">
          {t("dunning.preview.missingRates", { periods: p.missingRates.join(", ") })}
        </p>
      ) : null}
      {p.rows.length === 0 ? (
        <p className="px-3 py-2 text-slate-600">{t("dunning.preview.empty")}</p>
      ) : (
        <div className="max-h-[28rem] overflow-auto border-t border-slate-200">
          <DataTable data-testid="preview-rows">
            <TableHead>
              <Th>{t("dunning.preview.col.debtor")}</Th>
              <Th>{t("dunning.preview.col.step")}</Th>
              <Th>{t("dunning.preview.col.channel")}</Th>
              <Th numeric>{t("dunning.preview.col.invoices")}</Th>
              <Th numeric>{t("dunning.preview.col.principal")}</Th>
              <Th numeric>{t("dunning.preview.col.costs")}</Th>
              <Th numeric>{t("dunning.preview.col.interest")}</Th>
              <Th>{t("dunning.preview.col.payBy")}</Th>
            </TableHead>
            <tbody>
              {p.rows.map((r) => (
                <Tr key={r.debtorId} data-testid="preview-row" data-debtor-id={r.debtorId}>
                  <Td>
                    <span className="font-medium">{r.name}</span> <span className="font-mono text-[11px] text-slate-500">{r.customerNumber}</span>
                  </Td>
                  <Td>
                    {t(`dunning.template.${r.template}` as MessageKey)} <span className="text-[11px] text-slate-500">({r.stepCode})</span>
                  </Td>
                  <Td data-testid="preview-channel">
                    {t(`dunning.channel.${r.channel}` as MessageKey)}
                    {r.emailTo ? <span className="block text-[11px] text-slate-600">{t("dunning.preview.emailTo", { address: r.emailTo })}</span> : null}
                    {r.fallback === "no_email" ? <span className="block text-[11px] text-amber-800">{t("dunning.preview.noEmail")}</span> : null}
                    {r.channel === "handover" ? <span className="block text-[11px] text-slate-600">{t("dunning.preview.handover")}</span> : null}
                  </Td>
                  <Td numeric title={r.invoiceNumbers.join(", ")}>
                    {r.invoiceNumbers.length}
                  </Td>
                  <Td numeric>{money(r.principalCents, r.currency)}</Td>
                  <Td numeric>
                    {money(r.costsCents, r.currency)}
                    {r.booksCharges ? <span className="block text-[11px] text-slate-500">{t("dunning.preview.booked")}</span> : null}
                  </Td>
                  <Td numeric>{money(r.interestCents, r.currency)}</Td>
                  <Td>{formatCalendarDate(r.payByDate, locale)}</Td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
      <div className="flex items-center gap-2 border-t border-slate-200 px-3 py-2">
        <Button variant="primary" disabled={pending} onClick={onRun}>
          {pending ? t("dunning.run.running") : t("dunning.preview.run")}
        </Button>
        <Button disabled={pending} onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </section>
  );
}

/** Adds a published interest rate (commercial or statutory) from a date. */
export function RateForm() {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-3 py-2 text-[12px]"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const input = { kind: String(fd.get("kind")), validFrom: String(fd.get("validFrom")), ratePercent: String(fd.get("ratePercent")), source: String(fd.get("source")) };
        submit(() => addRateAction(input), { success: t("common.saved"), inlineFieldErrors: true });
      }}
    >
      <label>
        {t("dunning.rates.kind")}{" "}
        <Select compact name="kind">
          <option value="commercial">{t("dunning.rates.commercial")}</option>
          <option value="statutory">{t("dunning.rates.statutory")}</option>
        </Select>
      </label>
      <label>
        {t("dunning.rates.from")} <Input compact name="validFrom" placeholder="2026-07-01" required className="w-24" />
      </label>
      <label>
        {t("dunning.rates.rate")} <Input compact name="ratePercent" placeholder="10,15" required className="w-16" />
      </label>
      <label>
        {t("dunning.rates.source")} <Input compact name="source" required maxLength={200} className="w-48" />
      </label>
      <Button type="submit" disabled={pending}>
        {t("dunning.rates.add")}
      </Button>
      <FormMessage message={message} />
    </form>
  );
}
