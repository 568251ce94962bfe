"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import type { MessageKey } from "@/lib/i18n/translate";
import { SNOOZE_REASONS } from "@/lib/worklist/worklist-schemas";

export type SnoozeValues = { until: string; reason: string; note: string | null };

/** Puts an item off until a later day, with a reason; the earliest day is tomorrow. */
export function SnoozeForm(props: {
  today: CalendarDate;
  pending: boolean;
  errors: string[];
  onSnooze: (values: SnoozeValues) => void;
  onCancel: () => void;
  onKeyDown: (e: React.KeyboardEvent) => void;
}) {
  const { t } = useT();
  const tomorrow = addDays(props.today, 1);
  return (
    <form
      data-testid="snooze-form"
      className="flex flex-wrap items-end gap-2"
      onKeyDown={props.onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        props.onSnooze({ until: String(fd.get("until")), reason: String(fd.get("reason")), note: String(fd.get("note") ?? "").trim() || null });
      }}
    >
      <label className="text-[12px]">
        {t("worklist.snoozeUntil")}
        <Input compact name="until" type="date" autoFocus defaultValue={tomorrow} min={tomorrow} className="ml-1" />
      </label>
      <label className="text-[12px]">
        {t("worklist.snoozeReason")}
        <Select compact name="reason" className="ml-1" options={SNOOZE_REASONS.map((r) => ({ value: r, label: t(`worklist.snoozeReason.${r}` as MessageKey) }))} />
      </label>
      <label className="text-[12px]">
        {t("worklist.snoozeNote")}
        <Input compact name="note" maxLength={200} className="ml-1 w-64" />
      </label>
      <Button type="submit" variant="primary" disabled={props.pending}>
        {t("worklist.snooze")}
      </Button>
      <Button type="button" variant="ghost" onClick={props.onCancel}>
        {t("common.cancel")}
      </Button>
      <FieldError messages={props.errors} />
    </form>
  );
}
