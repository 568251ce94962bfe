"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";

/** A GET form that also submits itself when a select or checkbox changes; works without JS too. */
export function AutoSubmitForm({ action, children, className, label }: { action: string; children: React.ReactNode; className?: string; label: string }) {
  const ref = useRef<HTMLFormElement>(null);
  const router = useRouter();
  function submit() {
    const form = ref.current;
    if (!form) return;
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && v !== "") params.set(k, v);
    router.push(`${action}?${params.toString()}`);
  }
  return (
    <form
      ref={ref}
      action={action}
      method="get"
      role="search"
      aria-label={label}
      className={className}
      onChange={(e) => {
        const t = e.target as HTMLElement;
        if (t.tagName === "SELECT" || (t as HTMLInputElement).type === "checkbox") submit();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {children}
    </form>
  );
}
