import type { Role } from "@/lib/auth/roles";

/**
 * What stands between a valid session and the app. In this order: the second factor of this
 * sign-in; a password an admin reset (the user chooses a new one); the two-factor set-up the
 * user's role requires. While a gate stands, the user reaches only the page that clears it.
 */
export type SignInGate = "second-factor" | "change-password" | "enrol-two-factor";

export function signInGate(
  session: { twoFactorPending: boolean },
  user: { role: Role; mustChangePassword: boolean; twoFactorEnabledAt: Date | null },
  twoFactorRequiredFor: readonly Role[],
): SignInGate | null {
  if (session.twoFactorPending) return "second-factor";
  if (user.mustChangePassword) return "change-password";
  if (!user.twoFactorEnabledAt && twoFactorRequiredFor.includes(user.role)) return "enrol-two-factor";
  return null;
}

/** The page that clears a gate. */
export function gatePage(gate: SignInGate): string {
  return gate === "second-factor" ? "/sign-in/two-factor" : "/account/security";
}
