import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { Locale } from "@/lib/i18n/locale";
import { assertAcceptablePassword } from "./passwords";
import type { ChangeUserRoleInput, CreateUserInput, SetUserActiveInput } from "./user-schemas";

/** An admin creates an account with a role; nobody can sign themselves up. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  assertCan(actor, "users:manage");
  assertAcceptablePassword(input.password, "password", input);
  // The admin knows this password: the new user chooses their own at the first sign-in.
  return insertUser(db, actor.id, input, { mustChangePassword: true });
}

async function insertUser(db: Db, actorId: string | null, input: CreateUserInput, opts: { mustChangePassword: boolean }): Promise<{ id: string }> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new DomainError("duplicate", "e-mail in use", { email: ["validation.emailInUse"] });
  const id = randomUUID();
  const password = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.create({ data: { id, name: input.name, email: input.email, role: input.role, locale: input.locale, emailVerified: true, mustChangePassword: opts.mustChangePassword } });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password } });
    await audit(tx, { actorId, action: "user.create", entity: "user", entityId: id, data: { role: input.role } });
  });
  return { id };
}

export async function changeUserRole(db: Db, actor: Actor, input: ChangeUserRoleInput): Promise<void> {
  assertCan(actor, "users:manage");
  // An admin cannot demote themselves: there must always be someone who can undo a mistake.
  if (input.userId === actor.id) throw new DomainError("forbidden", "own role");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true } });
    if (!user) throw new DomainError("not_found");
    await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
    await audit(tx, { actorId: actor.id, action: "user.role", entity: "user", entityId: input.userId, data: { from: user.role, to: input.role } });
  });
}

/** Disabling a user ends their open sessions at once. */
export async function setUserActive(db: Db, actor: Actor, input: SetUserActiveInput): Promise<void> {
  assertCan(actor, "users:manage");
  if (input.userId === actor.id) throw new DomainError("forbidden", "own status");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new DomainError("not_found");
    await tx.user.update({ where: { id: input.userId }, data: { active: input.active } });
    if (!input.active) await tx.session.deleteMany({ where: { userId: input.userId } });
    await audit(tx, { actorId: actor.id, action: input.active ? "user.enable" : "user.disable", entity: "user", entityId: input.userId });
  });
}

export async function updateLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
  assertCan(actor, "profile:write");
  await db.user.update({ where: { id: actor.id }, data: { locale } });
}

/**
 * The first admin (ADMIN_EMAIL / ADMIN_PASSWORD), when no admin exists yet: start-up's bootstrap,
 * the one write without an acting user, so a production install needs no seed.
 */
export async function ensureFirstAdmin(db: Db, admin: { email: string; password: string; name: string }): Promise<string | null> {
  if (await db.user.count({ where: { role: "admin" } })) return null;
  // The password came from a settings file: the admin replaces it with their own at the first sign-in.
  const { id } = await insertUser(db, null, { name: admin.name, email: admin.email, role: "admin", locale: "nl", password: admin.password }, { mustChangePassword: true });
  return id;
}
