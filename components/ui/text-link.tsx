import { Link } from "@/components/ui/link";
import type { AnchorHTMLAttributes, ComponentProps } from "react";

const LINK = "text-blue-700 hover:underline";

/** An in-app text link (client-side navigation). */
export function TextLink({ className = "", ...props }: ComponentProps<typeof Link>) {
  return <Link {...props} className={`${LINK} ${className}`} />;
}

/** The same look for what the browser must load itself: files from route handlers, tel:, mailto:. */
export function TextAnchor({ className = "", ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} className={`${LINK} ${className}`} />;
}
