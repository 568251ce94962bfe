import type { ComponentProps } from "react";
import { Select } from "@/components/ui/select";

/** A filter control with its small caption above it; the caption labels the control. */
export function FilterField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col">
      <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</span>
      {children}
    </label>
  );
}

/**
 * A labelled filter select for a GET search form (`name` is the query parameter). With
 * `allLabel`, the first choice is that label with an empty value: no filter.
 */
export function FilterSelect({ label, allLabel, children, ...props }: ComponentProps<typeof Select> & { label: string; name: string; allLabel?: string }) {
  return (
    <FilterField label={label}>
      <Select {...props}>
        {allLabel === undefined ? null : <option value="">{allLabel}</option>}
        {children}
      </Select>
    </FilterField>
  );
}
