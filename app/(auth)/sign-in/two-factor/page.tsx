import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/account/auth-frame";
import { gatePage } from "@/lib/users/sign-in-gate";
import { getSessionState } from "@/server/session";
import { SecondFactorForm } from "./second-factor-form";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("signIn.twoFactor.title");

/** The sign-in's second step, for a session whose password was right and whose code is still to come. */
export default async function SecondFactorPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.gate !== "second-factor") redirect(state.gate ? gatePage(state.gate) : "/worklist");
  return (
    <AuthFrame locale={state.user.locale} subtitle={state.user.email}>
      <SecondFactorForm />
    </AuthFrame>
  );
}
