"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Td, Tr } from "@/components/ui/data-table";
import { FieldError } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CHANNELS, SEGMENTS, TEMPLATES } from "@/lib/dunning/dunning-ladder";
import type { MessageKey } from "@/lib/i18n/translate";
import type { StepDraft } from "./ladder-draft";

export type { StepJson } from "./ladder-draft";

/** One step of the dunning ladder, editable in place. */
export function LadderStepRow(props: {
  step: StepDraft;
  index: number;
  isLast: boolean;
  canEdit: boolean;
  errors: (field: string) => string[] | undefined;
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useT();
  const { step: s, index: i, canEdit, errors, onChange } = props;
  const choices = (values: readonly string[], key: string) => values.map((v) => ({ value: v, label: t(`dunning.${key}.${v}` as MessageKey) }));
  return (
    <Tr className="align-top">
      <Td className="text-slate-500">{i + 1}</Td>
      <Td>
        <Input compact aria-label={t("dunning.step.code")} disabled={!canEdit} invalid={!!errors("code")} value={s.code} onChange={(e) => onChange({ code: e.target.value })} className="w-36" />
        <FieldError messages={errors("code")} />
      </Td>
      <Td numeric>
        <Input compact aria-label={t("dunning.step.offset")} disabled={!canEdit} invalid={!!errors("offsetDays")} type="number" step={1} min={-60} max={365} value={s.offsetDays} onChange={(e) => onChange({ offsetDays: e.target.value })} className="w-16 text-right" />
        <FieldError messages={errors("offsetDays")} />
      </Td>
      <Td>
        <Select compact aria-label={t("dunning.step.channel")} disabled={!canEdit} value={s.channel} onChange={(e) => onChange({ channel: e.target.value })} options={choices(CHANNELS, "channel")} />
        <FieldError messages={errors("channel")} />
      </Td>
      <Td>
        <Select compact aria-label={t("dunning.step.template")} disabled={!canEdit} value={s.template} onChange={(e) => onChange({ template: e.target.value })} options={choices(TEMPLATES, "template")} />
        <FieldError messages={errors("template")} />
      </Td>
      <Td>
        <div className="flex flex-wrap items-center gap-1">
          <Select compact aria-label={t("dunning.step.segment")} disabled={!canEdit} value={s.segment} onChange={(e) => onChange({ segment: e.target.value })} options={choices(SEGMENTS, "segment")} />
          <label className="whitespace-nowrap">
            ≥ €{" "}
            <Input
              compact
              aria-label={t("dunning.step.minAmount")}
              disabled={!canEdit}
              invalid={!!errors("minAmountCents")}
              inputMode="decimal"
              value={s.minAmount}
              onChange={(e) => onChange({ minAmount: e.target.value })}
              className="w-20 text-right"
            />
          </label>
          <label className="whitespace-nowrap">
            <input type="checkbox" disabled={!canEdit} checked={s.onlyNewCustomers} onChange={(e) => onChange({ onlyNewCustomers: e.target.checked })} /> {t("dunning.step.newCustomers")}
          </label>
        </div>
        <FieldError messages={errors("minAmountCents")} />
        <FieldError messages={errors("segment")} />
      </Td>
      <Td numeric>
        <Input compact aria-label={t("dunning.step.payWithin")} disabled={!canEdit} invalid={!!errors("payWithinDays")} type="number" step={1} min={0} max={90} value={s.payWithinDays} onChange={(e) => onChange({ payWithinDays: e.target.value })} className="w-14 text-right" />
        <FieldError messages={errors("payWithinDays")} />
      </Td>
      <Td>
        <input type="checkbox" aria-label={t("dunning.step.costs")} disabled={!canEdit} checked={s.chargesCosts} onChange={(e) => onChange({ chargesCosts: e.target.checked })} />
      </Td>
      {canEdit ? (
        <Td className="whitespace-nowrap text-right">
          <Button variant="ghost" disabled={i === 0} onClick={() => props.onMove(-1)} aria-label={t("dunning.step.up")}>
            ↑
          </Button>
          <Button variant="ghost" disabled={props.isLast} onClick={() => props.onMove(1)} aria-label={t("dunning.step.down")}>
            ↓
          </Button>
          <Button variant="ghost" onClick={props.onRemove} aria-label={t("dunning.step.remove")}>
            ×
          </Button>
        </Td>
      ) : null}
    </Tr>
  );
}
