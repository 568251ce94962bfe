import { randomInt } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { revokeAllApiTokens } from "./api-tokens";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { passwordProblem } from "./password-policy";
import type { ChangeOwnPasswordInput, ResetUserPasswordInput } from "./user-schemas";

/** Refuses a password the policy refuses, naming the form field. */
export function assertAcceptablePassword(password: string, field: string, context: { email: string; name: string }): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new DomainError("invalid", `weak password: ${problem}`, { [field]: [problem] });
}

/** Refuses, on the named field, a password that is not the user's current one. */
export async function assertCurrentPassword(db: Db, userId: string, password: string, field: string): Promise<void> {
  const account = await credentialOf(db, userId);
  if (!(await verifyPassword({ hash: account.password!, password }))) throw new DomainError("invalid", "wrong current password", { [field]: ["password.wrongCurrent"] });
}

async function credentialOf(db: Db, userId: string) {
  const account = await db.account.findFirst({ where: { userId, providerId: "credential" }, select: { id: true, password: true } });
  if (!account?.password) throw new DomainError("not_found", "no password account");
  return account;
}

/**
 * A user changes their own password: the current one first (a session left open on a shared
 * computer cannot take over the account), the policy, and then every other session of the user
 * ends; the one in use stays.
 */
export async function changeOwnPassword(db: Db, actor: Actor, input: ChangeOwnPasswordInput, opts: { keepSessionId: string; now: Date }): Promise<{ otherSessionsEnded: number }> {
  assertCan(actor, "profile:write");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { email: true, name: true } });
  if (!user) throw new DomainError("not_found");
  await assertCurrentPassword(db, actor.id, input.currentPassword, "currentPassword");
  const account = await credentialOf(db, actor.id);
  if (input.newPassword === input.currentPassword) throw new DomainError("invalid", "same password", { newPassword: ["password.same"] });
  assertAcceptablePassword(input.newPassword, "newPassword", user);
  const hash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { password: hash } });
    await tx.user.update({ where: { id: actor.id }, data: { mustChangePassword: false, passwordChangedAt: opts.now } });
    const ended = await tx.session.deleteMany({ where: { userId: actor.id, id: { not: opts.keepSessionId } } });
    await audit(tx, { actorId: actor.id, action: "user.password-changed", entity: "user", entityId: actor.id, data: { otherSessionsEnded: ended.count } });
    return { otherSessionsEnded: ended.count };
  });
}

const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A temporary password: four groups of four from 31 unambiguous characters (~79 bits). */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

/**
 * An admin resets someone's password (forgotten, or the account may be compromised): a
 * temporary password, shown once to the admin; every session of the user ends; the next sign-in
 * leads only to "choose a new password".
 */
export async function resetUserPassword(db: Db, actor: Actor, input: ResetUserPasswordInput, opts: { now: Date }): Promise<{ temporaryPassword: string }> {
  assertCan(actor, "users:manage");
  if (input.userId === actor.id) throw new DomainError("forbidden", "own password: change it in the settings");
  const account = await credentialOf(db, input.userId);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { password: hash } });
    await tx.user.update({ where: { id: input.userId }, data: { mustChangePassword: true, passwordChangedAt: opts.now } });
    const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
    // A reset may mean a leak: the user's API tokens go too (they would work again once the new password is chosen).
    const tokensRevoked = await revokeAllApiTokens(tx, input.userId, actor.id, opts.now);
    await audit(tx, { actorId: actor.id, action: "user.password-reset", entity: "user", entityId: input.userId, data: { sessionsEnded: ended.count, tokensRevoked } });
  });
  return { temporaryPassword: password };
}
