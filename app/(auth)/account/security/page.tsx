import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { db } from "@/lib/db/client";
import { catalogue, translate } from "@/lib/i18n/translate";
import { gatePage } from "@/lib/users/sign-in-gate";
import { twoFactorStatus } from "@/lib/users/two-factor";
import { securityContext } from "@/server/context";
import { getSessionState } from "@/server/session";
import { AccountGate } from "./account-gate";

export const metadata: Metadata = { title: "Secure your account" };

/**
 * Where a sign-in ends when something is due first: a password an admin reset (choose your own),
 * or the two-step sign-in the user's role requires. Nothing else of the app is reachable until then.
 */
export default async function AccountSecurityPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.gate === null) redirect("/settings#security");
  if (state.gate === "second-factor") redirect(gatePage(state.gate));
  const locale = state.user.locale;
  const status = await twoFactorStatus(db(), state.user, securityContext());
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-4 text-center">
          <div className="text-lg font-semibold text-slate-900">{translate(locale, "app.name")}</div>
          <div className="text-slate-500">{state.user.email}</div>
        </div>
        <I18nProvider locale={locale} messages={catalogue(locale)}>
          <AccountGate gate={state.gate} status={{ ...status, enabledAt: status.enabledAt?.toISOString() ?? null }} />
        </I18nProvider>
      </div>
    </main>
  );
}
