import type { ButtonHTMLAttributes } from "react";

/** The look of each variant is in app/globals.css (.btn-*): one short class on every button. */
type Variant = "primary" | "secondary" | "ghost" | "danger";

export function Button({ variant = "secondary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button {...props} className={className ? `btn btn-${variant} ${className}` : `btn btn-${variant}`} />;
}
