import type { InputHTMLAttributes } from "react";

/** A text-like input with the house border; `compact` inside table rows and inline forms, `invalid` marks a field with an error. */
export function Input({ compact, invalid, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & { compact?: boolean; invalid?: boolean }) {
  return (
    <input
      aria-invalid={invalid ? true : undefined}
      {...props}
      className={`rounded border ${invalid ? "border-red-500" : "border-slate-300"} ${compact ? "px-1 py-0.5" : "px-2 py-1"} ${className}`}
    />
  );
}
