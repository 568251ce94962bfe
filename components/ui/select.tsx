import type { SelectHTMLAttributes } from "react";

export type SelectOption = { value: string; label: string; disabled?: boolean };

/**
 * A native select with the house border; `compact` inside table rows and inline forms.
 * Choices come as `options` (after any `children`, such as an "all" choice).
 */
export function Select({ compact, options = [], children, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & { compact?: boolean; options?: readonly SelectOption[] }) {
  return (
    <select {...props} className={`rounded border border-slate-300 ${compact ? "px-1 py-0.5" : "px-2 py-1"} ${className}`}>
      {children}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
