import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { readSession } from "@/server/session-read";
import { settings } from "@/lib/env/settings";
import { can, isRole, type Permission, type Role } from "@/lib/auth/roles";
import { isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locale";
import { gatePage, signInGate, type SignInGate } from "@/lib/users/sign-in-gate";

export type CurrentUser = { id: string; name: string; email: string; role: Role; locale: Locale; sessionId: string };
/** A valid session, and what (if anything) still stands between it and the app. */
export type SessionState = { user: CurrentUser; gate: SignInGate | null };

/** The session of this request with its user and gate, or null. Read once per request. */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  // The user's fields come with the session (read on every request; no cookie cache), so a
  // disabled user, a new role or a password reset counts at the next request.
  const session = await readSession(await headers());
  if (!session) return null;
  const user = session.user;
  if (!user.active || !isRole(user.role)) return null;
  const gate = signInGate({ twoFactorPending: session.twoFactorPending }, { role: user.role, mustChangePassword: user.mustChangePassword, twoFactorEnabledAt: user.twoFactorEnabledAt }, settings().twoFactorRequiredFor);
  return {
    user: { id: user.id, name: user.name, email: user.email, role: user.role, locale: isLocale(user.locale) ? user.locale : "nl", sessionId: session.sessionId },
    gate,
  };
});

/** The signed-in, active user of this request with nothing left to do at sign-in, or null. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const state = await getSessionState();
  return state && state.gate === null ? state.user : null;
});

/**
 * The user on the account security page: signed in with every factor, though perhaps still due
 * to choose a new password or to set up two-step sign-in (the page that clears those gates).
 */
export async function getAccountUser(): Promise<CurrentUser | null> {
  const state = await getSessionState();
  return state && state.gate !== "second-factor" ? state.user : null;
}

/** For pages: signed in, or off to the sign-in page (or the step of it still to do); lacking the permission, a 403 page. */
export async function requirePageUser(permission?: Permission): Promise<CurrentUser> {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.gate) redirect(gatePage(state.gate));
  if (permission && !can(state.user.role, permission)) forbidden();
  return state.user;
}

/** The signed-in user's language, else the browser's preference (Dutch unless it asks English). */
export async function getRequestLocale(): Promise<Locale> {
  const state = await getSessionState().catch(() => null);
  if (state) return state.user.locale;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}
