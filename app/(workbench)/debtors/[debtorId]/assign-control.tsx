"use client";

import { useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { bulkDebtorsAction } from "@/server/actions/debtors";

/**
 * Who holds this debtor, changed from its own page (users with debtors:assign). The same use case
 * as the list's bulk bar with one id, so the rules (who may be chosen, which items move along)
 * are the same.
 */
export function AssignControl(props: { debtorId: string; controllerId: string | null; controllerName: string | null; controllers: { id: string; name: string }[] }) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  const current = props.controllerId ?? "none";
  const [choice, setChoice] = useState(current);
  // A retry of the same choice after an error sends the same key; a new choice a new one.
  const lastTry = useRef<{ choice: string; key: string } | null>(null);
  // The holder may be someone the list of colleagues does not offer (an admin): still shown.
  const options = [
    { value: "none", label: t("debtors.bulk.nobody") },
    ...props.controllers.map((c) => ({ value: c.id, label: c.name })),
    ...(props.controllerId && !props.controllers.some((c) => c.id === props.controllerId) ? [{ value: props.controllerId, label: props.controllerName ?? props.controllerId }] : []),
  ];

  return (
    <form
      className="flex flex-col items-end gap-1 text-[13px]"
      data-testid="assign-debtor"
      onSubmit={(e) => {
        e.preventDefault();
        if (lastTry.current?.choice !== choice) lastTry.current = { choice, key: crypto.randomUUID() };
        const idempotencyKey = lastTry.current.key;
        const name = options.find((o) => o.value === choice)?.label ?? "";
        submit(() => bulkDebtorsAction({ action: "assign", debtorIds: [props.debtorId], controllerId: choice, idempotencyKey }), {
          success: (r) => (r.changed === 0 ? t("debtor.assign.unchanged") : choice === "none" ? t("debtor.assign.doneNobody") : t("debtor.assign.done", { name })),
          onSuccess: () => {
            lastTry.current = null;
          },
          inlineFieldErrors: true,
        });
      }}
    >
      <span className="flex items-center gap-1.5">
        <label className="flex items-center gap-1.5">
          <span className="text-slate-600">{t("debtors.bulk.assignTo")}</span>
          <Select compact value={choice} onChange={(e) => setChoice(e.target.value)} options={options} title={t("debtor.assign.label")} />
        </label>
        <Button type="submit" disabled={pending || choice === current}>
          {t("debtor.assign.submit")}
        </Button>
      </span>
      <FormMessage message={message} />
    </form>
  );
}
