import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/account/auth-frame";
import { db } from "@/lib/db/client";
import { gatePage } from "@/lib/users/sign-in-gate";
import { twoFactorStatus } from "@/lib/users/two-factor";
import { securityContext } from "@/server/context";
import { getSessionState } from "@/server/session";
import { AccountGate } from "./account-gate";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("account.security");

/**
 * Where a sign-in ends when something is due first: a password an admin reset (choose your own),
 * or the two-step sign-in the user's role requires. Nothing else of the app is reachable until then.
 */
export default async function AccountSecurityPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.gate === null) redirect("/settings#security");
  if (state.gate === "second-factor") redirect(gatePage(state.gate));
  const status = await twoFactorStatus(db(), state.user, securityContext());
  return (
    <AuthFrame locale={state.user.locale} subtitle={state.user.email} wide>
      <AccountGate gate={state.gate} status={{ ...status, enabledAt: status.enabledAt?.toISOString() ?? null }} />
    </AuthFrame>
  );
}
