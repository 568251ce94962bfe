"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { addRateAction, runDunningAction } from "@/server/actions/dunning";

export function RunNowButton() {
  const { t } = useT();
  const router = useRouter();
  const { pending, message, submit } = useSubmit();
  const run = () =>
    submit(
      async () => {
        const r = await runDunningAction({});
        // A run that failed is recorded as failed: show it in the list of runs too.
        if (!r.ok) router.refresh();
        return r;
      },
      { success: (d) => t("dunning.run.done", { messages: d.messages, emails: d.emails, letters: d.letters, tasks: d.tasks }) },
    );
  return (
    <div className="flex items-center gap-2">
      <Button variant="primary" disabled={pending} onClick={run}>
        {pending ? t("dunning.run.running") : t("dunning.run")}
      </Button>
      {message ? (
        <div data-testid="run-result">
          <FormMessage message={message} className="text-[13px]" />
        </div>
      ) : null}
    </div>
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
