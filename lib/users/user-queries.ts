import type { DbOrTx } from "@/lib/db/client";

export type UserRow = { id: string; name: string; email: string; role: string; locale: string; active: boolean; twoFactor: boolean; mustChangePassword: boolean };

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  const rows = await db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, locale: true, active: true, twoFactorEnabledAt: true, mustChangePassword: true },
  });
  return rows.map(({ twoFactorEnabledAt, ...u }) => ({ ...u, twoFactor: twoFactorEnabledAt !== null }));
}
