import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { getCurrentUser, getRequestLocale } from "@/server/session";
import { catalogue, translate } from "@/lib/i18n/translate";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getCurrentUser()) redirect("/worklist");
  const locale = await getRequestLocale();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-4 text-center">
          <div className="text-lg font-semibold text-slate-900">{translate(locale, "app.name")}</div>
          <div className="text-slate-500">{translate(locale, "app.tagline")}</div>
        </div>
        <I18nProvider locale={locale} messages={catalogue(locale)}>
          <SignInForm />
        </I18nProvider>
      </div>
    </main>
  );
}
