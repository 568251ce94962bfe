"use client";

import { ChangePasswordForm } from "@/components/account/change-password-form";
import { TwoFactorPanel, type TwoFactorView } from "@/components/account/two-factor-panel";
import { useT } from "@/components/i18n/i18n-provider";
import { signOutAction } from "@/server/actions/auth";

/** The one step due before the app opens; when it is done the server decides what comes next. */
export function AccountGate({ gate, status }: { gate: "change-password" | "enrol-two-factor"; status: TwoFactorView }) {
  const { t } = useT();
  // A full page load into the app (see the sign-in form).
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: the root layout re-renders for the signed-in user
  const next = () => window.location.assign("/worklist");
  return (
    <div className="space-y-2">
      <section className="space-y-3 rounded-md border border-slate-200 bg-white p-5 shadow-sm">
        {gate === "change-password" ? (
          <>
            <h1 className="text-base font-semibold">{t("account.mustChange.title")}</h1>
            <p className="text-[13px] text-slate-600">{t("account.mustChange.text")}</p>
            <ChangePasswordForm onChanged={next} />
          </>
        ) : (
          <>
            <h1 className="text-base font-semibold">{t("twoFactor.title")}</h1>
            <p className="text-[13px] text-slate-600">{t("account.enrol.text")}</p>
            <TwoFactorPanel status={status} onEnabled={next} />
          </>
        )}
      </section>
      <form action={signOutAction} className="text-center">
        <button type="submit" className="text-[13px] text-slate-600 underline hover:text-slate-900">
          {t("nav.signOut")}
        </button>
      </form>
    </div>
  );
}
