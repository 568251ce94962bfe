import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { catalogue, translate } from "@/lib/i18n/translate";
import { gatePage } from "@/lib/users/sign-in-gate";
import { getSessionState } from "@/server/session";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Sign in: second step" };

/** The sign-in's second step, for a session whose password was right and whose code is still to come. */
export default async function SecondFactorPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.gate !== "second-factor") redirect(state.gate ? gatePage(state.gate) : "/worklist");
  const locale = state.user.locale;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-4 text-center">
          <div className="text-lg font-semibold text-slate-900">{translate(locale, "app.name")}</div>
          <div className="text-slate-500">{state.user.email}</div>
        </div>
        <I18nProvider locale={locale} messages={catalogue(locale)}>
          <SecondFactorForm />
        </I18nProvider>
      </div>
    </main>
  );
}
