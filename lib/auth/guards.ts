import type { DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { can, canWriteDebtor, type Permission, type Role } from "./roles";

/**
 * The checks every use case runs on the acting user itself, whichever door it came through
 * (server action, route, script, API, portal): the role's permission, and for a write on a
 * debtor, the portfolio. A door may refuse earlier for speed; it never replaces these.
 */
export type Actor = { id: string; role: Role };

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new DomainError("forbidden", `${actor.role} lacks ${permission}`);
}

/** The role's permission and the portfolio rule (`canWriteDebtor`) on an already loaded debtor. */
export function assertCanWriteDebtor(actor: Actor, debtor: { id?: string; assignedControllerId: string | null }, permission: Permission = "debtors:write"): void {
  assertCan(actor, permission);
  if (!canWriteDebtor(actor, debtor)) throw new DomainError("forbidden", `debtor ${debtor.id ?? "?"} is not in ${actor.id}'s portfolio`);
}

/** Loads the debtor (not found when unknown) and checks the actor may write on it. */
export async function writableDebtor(db: DbOrTx, actor: Actor, debtorId: string, permission: Permission = "debtors:write") {
  assertCan(actor, permission);
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, select: { id: true, assignedControllerId: true, currency: true, version: true } });
  if (!debtor) throw new DomainError("not_found");
  assertCanWriteDebtor(actor, debtor, permission);
  return debtor;
}
