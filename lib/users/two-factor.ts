import { createHash, randomInt } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db, DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { assertCurrentPassword } from "./passwords";
import { openSecret, sealSecret } from "./secret-box";
import type { SecurityContext } from "./security-context";
import { newTotpSecret, otpauthUri, verifyTotp } from "./totp";
import type { ConfirmTwoFactorInput, DisableTwoFactorInput, RegenerateRecoveryCodesInput, ResetUserTwoFactorInput } from "./user-schemas";

/**
 * Two-step sign-in with an authenticator app (TOTP) and single-use recovery codes. A session made
 * with the password of a user who has it on starts "pending" (server/auth.ts) and counts as signed
 * in only after `verifySecondFactor`; five wrong codes end that session.
 */
const SEAL_PURPOSE = "totp-secret";
export const RECOVERY_CODE_COUNT = 10;
export const MAX_SECOND_FACTOR_FAILURES = 5;
const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}
function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}
function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** Replaces the user's recovery codes; returns the new ones (shown once, stored hashed). */
async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  await tx.twoFactorRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

function secretOf(sealed: string | null, ctx: SecurityContext): string | null {
  return sealed ? openSecret(ctx.appSecret, SEAL_PURPOSE, sealed) : null;
}

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; required: boolean; recoveryCodesLeft: number };

export async function twoFactorStatus(db: Db, actor: Actor, ctx: Pick<SecurityContext, "twoFactorRequiredFor">): Promise<TwoFactorStatus> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { twoFactorEnabledAt: true } });
  const left = user?.twoFactorEnabledAt ? await db.twoFactorRecoveryCode.count({ where: { userId: actor.id, usedAt: null } }) : 0;
  return { enabled: Boolean(user?.twoFactorEnabledAt), enabledAt: user?.twoFactorEnabledAt ?? null, required: ctx.twoFactorRequiredFor.includes(actor.role), recoveryCodesLeft: left };
}

/** Step 1 of setting it up: a new secret for the app to scan; nothing changes for sign-in yet. */
export async function beginTwoFactorEnrolment(db: Db, actor: Actor, ctx: SecurityContext): Promise<{ secret: string; uri: string }> {
  assertCan(actor, "profile:write");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { email: true, twoFactorEnabledAt: true } });
  if (!user) throw new DomainError("not_found");
  if (user.twoFactorEnabledAt) throw new DomainError("conflict", "two-factor already on");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: actor.id }, data: { twoFactorSecret: sealSecret(ctx.appSecret, SEAL_PURPOSE, secret), twoFactorLastStep: null } });
  return { secret, uri: otpauthUri(secret, user.email, ctx.issuer) };
}

/**
 * Step 2: the first code from the app proves it holds the secret. Turns two-step sign-in on,
 * returns the recovery codes (shown once) and ends the user's other sessions, which were opened
 * without the second factor.
 */
export async function confirmTwoFactorEnrolment(db: Db, actor: Actor, input: ConfirmTwoFactorInput, ctx: SecurityContext & { keepSessionId: string }): Promise<{ recoveryCodes: string[] }> {
  assertCan(actor, "profile:write");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { twoFactorSecret: true, twoFactorEnabledAt: true } });
  if (!user) throw new DomainError("not_found");
  if (user.twoFactorEnabledAt) throw new DomainError("conflict", "two-factor already on");
  const secret = secretOf(user.twoFactorSecret, ctx);
  if (!secret) throw new DomainError("conflict", "no enrolment started");
  const step = verifyTotp(secret, input.code, ctx.now, null);
  if (step === null) throw new DomainError("invalid", "wrong code", { code: ["twoFactor.wrongCode"] });
  return db.$transaction(async (tx) => {
    const on = await tx.user.updateMany({ where: { id: actor.id, twoFactorEnabledAt: null }, data: { twoFactorEnabledAt: ctx.now, twoFactorLastStep: step } });
    if (on.count !== 1) throw new DomainError("conflict", "two-factor already on");
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.id);
    const ended = await tx.session.deleteMany({ where: { userId: actor.id, id: { not: ctx.keepSessionId } } });
    await audit(tx, { actorId: actor.id, action: "user.two-factor-on", entity: "user", entityId: actor.id, data: { otherSessionsEnded: ended.count } });
    return { recoveryCodes };
  });
}

/** New recovery codes (the old ones stop working), against a current code from the app. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, input: RegenerateRecoveryCodesInput, ctx: SecurityContext): Promise<{ recoveryCodes: string[] }> {
  assertCan(actor, "profile:write");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { twoFactorSecret: true, twoFactorEnabledAt: true, twoFactorLastStep: true } });
  const secret = user?.twoFactorEnabledAt ? secretOf(user.twoFactorSecret, ctx) : null;
  if (!user || !secret) throw new DomainError("conflict", "two-factor is off");
  const step = verifyTotp(secret, input.code, ctx.now, user.twoFactorLastStep);
  if (step === null) throw new DomainError("invalid", "wrong code", { code: ["twoFactor.wrongCode"] });
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { twoFactorLastStep: step } });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.id);
    await audit(tx, { actorId: actor.id, action: "user.recovery-codes-renewed", entity: "user", entityId: actor.id });
    return { recoveryCodes };
  });
}

function clearTwoFactor(tx: DbOrTx, userId: string) {
  return Promise.all([
    tx.user.update({ where: { id: userId }, data: { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null } }),
    tx.twoFactorRecoveryCode.deleteMany({ where: { userId } }),
  ]);
}

/** A user turns it off (with their password), unless their role requires it. */
export async function disableTwoFactor(db: Db, actor: Actor, input: DisableTwoFactorInput, ctx: SecurityContext): Promise<void> {
  assertCan(actor, "profile:write");
  if (ctx.twoFactorRequiredFor.includes(actor.role)) throw new DomainError("forbidden", "two-factor required for the role");
  await assertCurrentPassword(db, actor.id, input.password, "password");
  await db.$transaction(async (tx) => {
    await clearTwoFactor(tx, actor.id);
    await audit(tx, { actorId: actor.id, action: "user.two-factor-off", entity: "user", entityId: actor.id });
  });
}

/**
 * An admin turns it off for someone who lost their phone and their codes: their sessions end; a
 * role that requires it sets it up again at the next sign-in.
 */
export async function resetUserTwoFactor(db: Db, actor: Actor, input: ResetUserTwoFactorInput): Promise<void> {
  assertCan(actor, "users:manage");
  if (input.userId === actor.id) throw new DomainError("forbidden", "own two-factor");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new DomainError("not_found");
    await clearTwoFactor(tx, input.userId);
    const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
    await audit(tx, { actorId: actor.id, action: "user.two-factor-reset", entity: "user", entityId: input.userId, data: { sessionsEnded: ended.count } });
  });
}

export type SecondFactorResult = { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number } | { ok: false; reason: "wrong_code" | "too_many_attempts" | "no_pending_sign_in" };

/**
 * The second step of a sign-in: a code from the app (accepted once) or an unused recovery code.
 * Runs before the user is signed in, so it checks the session it was given itself.
 */
export async function verifySecondFactor(db: Db, sessionId: string, code: string, ctx: SecurityContext): Promise<SecondFactorResult> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { id: true, userId: true, expiresAt: true, twoFactorPending: true, user: { select: { twoFactorSecret: true, twoFactorEnabledAt: true, twoFactorLastStep: true } } },
  });
  if (!session || !session.twoFactorPending || session.expiresAt <= ctx.now) return { ok: false, reason: "no_pending_sign_in" };
  const userId = session.userId;
  const typed = code.trim();
  if (/^\d[\d\s]{5,8}$/.test(typed)) {
    const secret = session.user.twoFactorEnabledAt ? secretOf(session.user.twoFactorSecret, ctx) : null;
    const step = secret ? verifyTotp(secret, typed, ctx.now, session.user.twoFactorLastStep) : null;
    if (step !== null) {
      const passed = await db.$transaction(async (tx) => {
        // Conditional on the last step: of two requests with one code, one signs in.
        const accepted = await tx.user.updateMany({ where: { id: userId, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] }, data: { twoFactorLastStep: step } });
        if (accepted.count !== 1) return false;
        await tx.session.update({ where: { id: sessionId }, data: { twoFactorPending: false, twoFactorFailures: 0 } });
        await audit(tx, { actorId: userId, action: "auth.two-factor-passed", entity: "user", entityId: userId, data: { method: "app" } });
        return true;
      });
      if (passed) return { ok: true, usedRecoveryCode: false, recoveryCodesLeft: await db.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } }) };
    }
  } else if (normaliseRecoveryCode(typed).length === 10) {
    const passed = await db.$transaction(async (tx) => {
      const used = await tx.twoFactorRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(typed), usedAt: null }, data: { usedAt: ctx.now } });
      if (used.count !== 1) return false;
      await tx.session.update({ where: { id: sessionId }, data: { twoFactorPending: false, twoFactorFailures: 0 } });
      const left = await tx.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
      await audit(tx, { actorId: userId, action: "auth.two-factor-passed", entity: "user", entityId: userId, data: { method: "recovery-code", recoveryCodesLeft: left } });
      return true;
    });
    if (passed) return { ok: true, usedRecoveryCode: true, recoveryCodesLeft: await db.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } }) };
  }
  const failed = await db.session.updateManyAndReturn({ where: { id: sessionId, twoFactorPending: true }, data: { twoFactorFailures: { increment: 1 } }, select: { twoFactorFailures: true } });
  const failures = failed[0]?.twoFactorFailures ?? MAX_SECOND_FACTOR_FAILURES;
  if (failures < MAX_SECOND_FACTOR_FAILURES) return { ok: false, reason: "wrong_code" };
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: sessionId } });
    await audit(tx, { actorId: null, action: "auth.two-factor-locked", entity: "user", entityId: userId, data: { failures } });
  });
  return { ok: false, reason: "too_many_attempts" };
}
