"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { DataTable, TableHead, Th } from "@/components/ui/data-table";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import { savePolicyAction } from "@/server/actions/dunning";
import { stepInput, toDraft, type StepDraft, type StepJson } from "./ladder-draft";
import { LadderStepRow } from "./ladder-step-row";

export type PolicyJson = { id: string; name: string; isDefault: boolean; remindAfterHandover: boolean; version: number; steps: StepJson[]; debtorCount: number };

function newStep(steps: StepDraft[]): StepDraft {
  const last = Number(steps.at(-1)?.offsetDays);
  return { level: steps.length + 1, code: "step", offsetDays: String((Number.isInteger(last) ? last : 0) + 7), channel: "email", template: "reminder", minAmount: "", onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: "7" };
}

/** Pick a dunning policy and edit its ladder of steps (read-only without policy rights). */
export function PolicyEditor({ policies, canEdit }: { policies: PolicyJson[]; canEdit: boolean }) {
  const { t, locale } = useT();
  const [selectedId, setSelectedId] = useState(policies[0]?.id ?? "");
  const selected = policies.find((p) => p.id === selectedId) ?? null;
  const [name, setName] = useState(selected?.name ?? "");
  const [remindAfterHandover, setRemindAfterHandover] = useState(selected?.remindAfterHandover ?? false);
  const [steps, setSteps] = useState<StepDraft[]>(() => (selected?.steps ?? []).map((s) => toDraft(s, locale)));
  const { pending, message, fieldErrors, submit, clear } = useSubmit();
  const pick = (id: string) => {
    const p = policies.find((x) => x.id === id);
    setSelectedId(id);
    setName(p ? p.name : "");
    setRemindAfterHandover(p ? p.remindAfterHandover : false);
    setSteps((p ? p.steps : (policies[0]?.steps ?? [])).map((s) => toDraft(s, locale)));
    clear();
  };
  const update = (i: number, patch: Partial<StepDraft>) => setSteps((s) => s.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: number) =>
    setSteps((s) => {
      const n = [...s];
      const [x] = n.splice(i, 1);
      n.splice(i + d, 0, x!);
      return n;
    });
  const save = () =>
    submit(
      () =>
        savePolicyAction({
          policyId: selected ? selected.id : null,
          version: selected ? selected.version : null,
          name,
          remindAfterHandover,
          steps: steps.map((s) => stepInput(s, locale)),
        }),
      { success: t("common.saved") },
    );

  return (
    <Panel title={t("dunning.policy")}>
      <div className="flex flex-wrap items-center gap-2 px-3 py-2 text-[13px]">
        <label>
          {t("dunning.policy.pick")}{" "}
          <Select compact value={selectedId} onChange={(e) => pick(e.target.value)} data-testid="policy-select">
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.isDefault ? ` (${t("dunning.policy.default")})` : ""} · {t("dunning.policy.debtors", { count: p.debtorCount })}
              </option>
            ))}
            {canEdit ? <option value="">{t("dunning.policy.new")}</option> : null}
          </Select>
        </label>
        {canEdit ? (
          <label>
            {t("dunning.policy.name")} <Input compact value={name} invalid={!!fieldErrors.name} onChange={(e) => setName(e.target.value)} maxLength={60} />
            <FieldError messages={fieldErrors.name} />
          </label>
        ) : null}
        <label className="inline-flex items-center gap-1" title={t("dunning.policy.remindAfterHandoverHelp")}>
          <input type="checkbox" checked={remindAfterHandover} disabled={!canEdit} onChange={(e) => setRemindAfterHandover(e.target.checked)} data-testid="remind-after-handover" />
          {t("dunning.policy.remindAfterHandover")}
        </label>
        <span className="text-slate-500">{t("dunning.policy.help")}</span>
      </div>
      <DataTable data-testid="ladder">
        <TableHead className="border-t">
          <Th>#</Th>
          <Th>{t("dunning.step.code")}</Th>
          <Th numeric>{t("dunning.step.offset")}</Th>
          <Th>{t("dunning.step.channel")}</Th>
          <Th>{t("dunning.step.template")}</Th>
          <Th>{t("dunning.step.conditions")}</Th>
          <Th numeric>{t("dunning.step.payWithin")}</Th>
          <Th>{t("dunning.step.costs")}</Th>
          {canEdit ? <Th /> : null}
        </TableHead>
        <tbody>
          {steps.map((s, i) => (
            <LadderStepRow
              key={i}
              step={s}
              index={i}
              isLast={i === steps.length - 1}
              canEdit={canEdit}
              errors={(field) => fieldErrors[`steps.${i}.${field}`]}
              onChange={(patch) => update(i, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => setSteps((x) => x.filter((_, k) => k !== i))}
            />
          ))}
        </tbody>
      </DataTable>
      {canEdit ? (
        <div className="flex items-center gap-2 px-3 py-2">
          <Button onClick={() => setSteps((s) => [...s, newStep(s)])}>{t("dunning.step.add")}</Button>
          <Button variant="primary" disabled={pending} onClick={save}>
            {t("common.save")}
          </Button>
          <FormMessage message={message} className="text-[13px]" />
          <FieldError messages={fieldErrors.steps} />
        </div>
      ) : null}
    </Panel>
  );
}
