"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { useSubmit } from "@/components/ui/use-submit";
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/server/actions/account";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";

export type TwoFactorView = { enabled: boolean; enabledAt: string | null; required: boolean; recoveryCodesLeft: number };

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useT();
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="recovery-codes">
      <p className="mb-1 text-[13px] text-amber-900">{t("twoFactor.recoveryIntro")}</p>
      <ul className="grid grid-cols-2 gap-x-4 font-mono text-[13px]">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** Two-step sign-in: its state, setting it up (key, link, QR, first code), recovery codes, turning it off. */
export function TwoFactorPanel({ status, onEnabled }: { status: TwoFactorView; onEnabled?: () => void }) {
  const { t, locale } = useT();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const readCode = (form: HTMLFormElement) => String(new FormData(form).get("code") ?? "");

  if (codes) {
    return (
      <div className="max-w-md space-y-2">
        <FormMessage message={message} />
        <RecoveryCodes codes={codes} />
        {onEnabled ? (
          <Button variant="primary" onClick={onEnabled}>
            {t("account.continue")}
          </Button>
        ) : null}
      </div>
    );
  }

  if (status.enabled) {
    const since = status.enabledAt ? dateTimeFormat(localeTag(locale), { dateStyle: "medium" }).format(new Date(status.enabledAt)) : "";
    return (
      <div className="max-w-md space-y-2" data-testid="two-factor-on">
        <p className="text-slate-700">{t("twoFactor.onSince", { date: since, n: status.recoveryCodesLeft })}</p>
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit(() => regenerateRecoveryCodesAction({ code: readCode(e.currentTarget) }), { onSuccess: (r) => setCodes(r.recoveryCodes), refresh: false });
          }}
        >
          <label className="flex flex-col">
            <Input name="code" inputMode="numeric" autoComplete="one-time-code" placeholder={t("twoFactor.code")} aria-label={t("twoFactor.code")} invalid={Boolean(fieldErrors.code)} className="w-32" />
            <FieldError messages={fieldErrors.code} />
          </label>
          <Button type="submit" disabled={pending}>
            {t("twoFactor.regenerate")}
          </Button>
        </form>
        {status.required ? (
          <p className="text-[12px] text-slate-500">{t("twoFactor.required")}</p>
        ) : (
          <form
            className="flex flex-wrap items-start gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const password = String(new FormData(e.currentTarget).get("password") ?? "");
              submit(() => disableTwoFactorAction({ password }), { success: t("twoFactor.disabled") });
            }}
          >
            <label className="flex flex-col">
              <Input name="password" type="password" autoComplete="current-password" placeholder={t("twoFactor.disablePassword")} aria-label={t("twoFactor.disablePassword")} invalid={Boolean(fieldErrors.password)} />
              <FieldError messages={fieldErrors.password} />
            </label>
            <Button type="submit" variant="danger" disabled={pending}>
              {t("twoFactor.disable")}
            </Button>
          </form>
        )}
        <FormMessage message={message} />
      </div>
    );
  }

  return (
    <div className="max-w-md space-y-2" data-testid="two-factor-off">
      <p className="text-slate-700">{t("twoFactor.off")}</p>
      {status.required ? <p className="text-[12px] font-medium text-amber-800">{t("twoFactor.required")}</p> : null}
      {enrolment ? (
        <div className="space-y-2">
          <p className="text-[13px] text-slate-700">{t("twoFactor.scan")}</p>
          <div className="flex flex-wrap items-start gap-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
            <img src={enrolment.qr} alt={t("twoFactor.openApp")} width={148} height={148} className="rounded border border-slate-200 bg-white" />
            <div className="space-y-1">
              <div className="text-[12px] text-slate-500">{t("twoFactor.secret")}</div>
              <code className="block font-mono text-[13px] tracking-wide break-all" data-testid="two-factor-secret">
                {enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}
              </code>
              <a href={enrolment.uri} className="text-[13px] text-blue-700 underline">
                {t("twoFactor.openApp")}
              </a>
            </div>
          </div>
          <form
            className="flex flex-wrap items-start gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              submit(() => confirmTwoFactorAction({ code: readCode(e.currentTarget) }), { success: t("twoFactor.enabled"), onSuccess: (r) => setCodes(r.recoveryCodes), refresh: false });
            }}
          >
            <label className="flex flex-col">
              <Input name="code" inputMode="numeric" autoComplete="one-time-code" placeholder="123 456" aria-label={t("twoFactor.code")} invalid={Boolean(fieldErrors.code)} className="w-32" autoFocus />
              <FieldError messages={fieldErrors.code} />
            </label>
            <Button type="submit" variant="primary" disabled={pending}>
              {t("twoFactor.confirm")}
            </Button>
          </form>
        </div>
      ) : (
        <Button variant="primary" disabled={pending} onClick={() => submit(() => beginTwoFactorAction({}), { onSuccess: (r) => setEnrolment(r), refresh: false })}>
          {t("twoFactor.start")}
        </Button>
      )}
      <FormMessage message={message} />
    </div>
  );
}
