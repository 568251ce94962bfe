"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { signOutAction, verifySecondFactorAction } from "@/server/actions/auth";

/** Six digits from the app, or a recovery code; after five wrong tries the sign-in starts over. */
export function SecondFactorForm() {
  const { t } = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const code = String(new FormData(form).get("code") ?? "");
    setError(null);
    start(async () => {
      try {
        const r = await verifySecondFactorAction({ code });
        if (!r.ok) {
          setError(r.error);
          if (r.error === t("twoFactor.tooMany") || r.error === t("errors.signedOut")) {
            setTimeout(() => router.replace("/sign-in"), 2500);
          } else form.reset();
          return;
        }
        if (r.data.usedRecoveryCode) {
          setNotice(t("signIn.twoFactor.recoveryUsed", { n: r.data.recoveryCodesLeft }));
          setTimeout(() => router.replace(r.data.next), 2500);
          return;
        }
        // A full page load into the app (see the sign-in form).
        window.location.assign(r.data.next);
      } catch {
        setError(t("signIn.unavailable"));
      }
    });
  }

  return (
    <div className="space-y-2">
      <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-slate-200 bg-white p-5 shadow-sm" noValidate>
        <h1 className="text-base font-semibold">{t("signIn.twoFactor.title")}</h1>
        <p className="text-[13px] text-slate-600" id="second-factor-help">
          {t("signIn.twoFactor.text")}
        </p>
        <label className="block">
          <span className="mb-1 block text-[13px] font-medium text-slate-700">{t("signIn.twoFactor.code")}</span>
          <input
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            required
            autoFocus
            maxLength={40}
            aria-describedby="second-factor-help"
            aria-invalid={error ? true : undefined}
            className="w-full rounded border border-slate-300 px-2 py-1.5 font-mono tracking-wider"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-[13px] text-red-700">
            {error}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="rounded bg-amber-50 px-2 py-1.5 text-[13px] text-amber-900">
            {notice}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:bg-blue-300">
          {pending ? t("signIn.busy") : t("signIn.twoFactor.submit")}
        </button>
      </form>
      <form action={signOutAction} className="text-center">
        <button type="submit" className="text-[13px] text-slate-600 underline hover:text-slate-900">
          {t("signIn.twoFactor.cancel")}
        </button>
      </form>
    </div>
  );
}
