"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";

/**
 * Posts to better-auth's own endpoint (not a server action): that path is the one its
 * database-backed rate limiter guards. Every failure but the rate limit reads the same, so the
 * form never tells whether an address has an account.
 */
export function SignInForm() {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") }),
      });
      if (res.ok) {
        // A full page load, so the server renders the shell with the new session cookie and the
        // browser starts with a fresh router (a soft replace + refresh left server actions queued
        // behind it: a click right after sign-in did nothing).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: the root layout re-renders for the signed-in user
        window.location.assign("/worklist");
        return;
      }
      setError(res.status === 429 ? t("signIn.rateLimited") : res.status >= 500 ? t("signIn.unavailable") : t("signIn.failed"));
    } catch {
      setError(t("signIn.unavailable"));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-slate-200 bg-white p-5 shadow-sm" noValidate>
      <h1 className="text-base font-semibold">{t("signIn.title")}</h1>
      <label className="block">
        <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("signIn.email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus className="w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="block">
        <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("signIn.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required className="w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="w-full rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:bg-blue-300">
        {busy ? t("signIn.busy") : t("signIn.submit")}
      </button>
    </form>
  );
}
