import type { DbOrTx } from "@/lib/db/client";

export type UserRow = { id: string; name: string; email: string; role: string; locale: string; active: boolean };

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, locale: true, active: true },
  });
}
