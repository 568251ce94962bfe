import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/account/auth-frame";
import { getCurrentUser, getRequestLocale } from "@/server/session";
import { translate } from "@/lib/i18n/translate";
import { SignInForm } from "./sign-in-form";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("signIn.title");

export default async function SignInPage() {
  if (await getCurrentUser()) redirect("/worklist");
  const locale = await getRequestLocale();
  return (
    <AuthFrame locale={locale} subtitle={translate(locale, "app.tagline")}>
      <SignInForm />
    </AuthFrame>
  );
}
