import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { db } from "@/lib/db/client";
import { can, isRole, type Permission, type Role } from "@/lib/auth/roles";
import { isLocale, type Locale } from "@/lib/i18n/locale";

export type CurrentUser = { id: string; name: string; email: string; role: Role; locale: Locale };

/** The signed-in, active user of this request, or null. Read once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const user = await db().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, name: true, email: true, role: true, locale: true, active: true },
  });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, locale: isLocale(user.locale) ? user.locale : "nl" };
});

/** For pages: signed in, or off to the sign-in page; lacking the permission, a 403 page. */
export async function requirePageUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}

/** The signed-in user's language, else the browser's preference (Dutch unless it asks English). */
export async function getRequestLocale(): Promise<Locale> {
  const user = await getCurrentUser().catch(() => null);
  if (user) return user.locale;
  const accept = (await headers()).get("accept-language") ?? "";
  const first = accept.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "nl";
}
