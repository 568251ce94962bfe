"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import type { ActionResult } from "@/server/action-result";

export type FormMessage = { ok: boolean; text: string };

type SubmitOptions<T> = {
  /** The confirmation shown on success (a text, or made from the action's data). */
  success?: string | ((data: T) => string);
  /** Called with the action's data on success, before the page is refreshed. */
  onSuccess?: (data: T) => void;
  /** Refresh the server-rendered page on success (default true). */
  refresh?: boolean;
  /** Put the field messages into the general message too (forms without per-field slots). */
  inlineFieldErrors?: boolean;
};

/**
 * The one way a client form calls a server action: one request at a time, the action's
 * message shown as a status (success) or an alert (failure), field messages kept per field,
 * and the page refreshed after a success so server-rendered figures follow.
 */
export function useSubmit() {
  const router = useRouter();
  const { t } = useT();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function submit<T>(call: () => Promise<ActionResult<T>>, opts: SubmitOptions<T> = {}): void {
    start(async () => {
      let r: ActionResult<T>;
      try {
        r = await call();
      } catch {
        // The request or its reply was lost (network, server restart). What was typed stays in
        // the form; a repeat is safe because repeatable writes carry their idempotency key.
        setMessage({ ok: false, text: t("errors.network") });
        return;
      }
      if (r.ok) {
        setFieldErrors({});
        const text = typeof opts.success === "function" ? opts.success(r.data) : opts.success;
        setMessage(text ? { ok: true, text } : null);
        opts.onSuccess?.(r.data);
        if (opts.refresh !== false) router.refresh();
        return;
      }
      const fields = r.fieldErrors ?? {};
      setFieldErrors(fields);
      setMessage({ ok: false, text: opts.inlineFieldErrors ? [r.error, ...Object.values(fields).flat()].join(" ") : r.error });
    });
  }

  function clear() {
    setMessage(null);
    setFieldErrors({});
  }

  return { pending, message, fieldErrors, submit, clear, setMessage };
}
