import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "better-auth/crypto";
import type { Actor } from "@/lib/auth/guards";
import { DomainError } from "@/lib/errors/domain-error";
import { createUser as createAccount } from "@/lib/users/manage-users";
import { changeOwnPassword, resetUserPassword } from "@/lib/users/passwords";
import { passwordProblem } from "@/lib/users/password-policy";
import type { SecurityContext } from "@/lib/users/security-context";
import { totpAt } from "@/lib/users/totp";
import { beginTwoFactorEnrolment, confirmTwoFactorEnrolment, disableTwoFactor, MAX_SECOND_FACTOR_FAILURES, regenerateRecoveryCodes, resetUserTwoFactor, verifySecondFactor } from "@/lib/users/two-factor";
import { createUser } from "../factories/portfolio";
import { databaseUrl, testDb } from "./test-db";

process.env.DATABASE_URL = databaseUrl;
process.env.BETTER_AUTH_SECRET = "integration-secret-0123456789abcdefghijklmnop";
process.env.BETTER_AUTH_URL = "http://localhost:3999";
const { handleAuthRequest } = await import("@/server/auth");

const PASSWORD = "Zeilboot-op-het-IJ-77";
const NOW = new Date("2026-12-02T09:00:00Z");
const ctx = (now = NOW, required: SecurityContext["twoFactorRequiredFor"] = ["manager", "admin"]): SecurityContext => ({ now, appSecret: process.env.BETTER_AUTH_SECRET!, issuer: "Dunning Workbench", twoFactorRequiredFor: required });

let admin: Actor;

async function account(role: "controller" | "manager" | "viewer" = "controller") {
  const email = `acc-${randomUUID().slice(0, 8)}@example.test`;
  const { id } = await createAccount(testDb, admin, { name: "Kees Jansen", email, role, locale: "nl", password: PASSWORD });
  return { id, role, email } as Actor & { email: string };
}

async function session(userId: string, opts: { pending?: boolean } = {}) {
  return testDb.session.create({ data: { id: randomUUID(), token: randomUUID(), userId, expiresAt: new Date(NOW.getTime() + 3_600_000), twoFactorPending: opts.pending ?? false } });
}

async function storedHash(userId: string) {
  return (await testDb.account.findFirstOrThrow({ where: { userId, providerId: "credential" } })).password!;
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

beforeAll(async () => {
  admin = await createUser(testDb, "admin");
});

describe("passwords", () => {
  it("refuses a weak password for a new user, and a new user chooses their own at the first sign-in", async () => {
    const weak = await refusal(createAccount(testDb, admin, { name: "Piet", email: `weak-${randomUUID().slice(0, 6)}@example.test`, role: "viewer", locale: "nl", password: "Welkom2026!!" }));
    expect(weak.fieldErrors).toEqual({ password: ["password.common"] });
    const u = await account();
    expect((await testDb.user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(true);
  });

  it("changes one's own password against the current one, ends the other sessions and keeps this one", async () => {
    const u = await account();
    const [mine, laptop, phone] = [await session(u.id), await session(u.id), await session(u.id)];
    const before = await storedHash(u.id);

    const wrong = await refusal(changeOwnPassword(testDb, u, { currentPassword: "not-my-password", newPassword: "Nieuwe-zin-met-woorden" }, { keepSessionId: mine.id, now: NOW }));
    expect(wrong.fieldErrors).toEqual({ currentPassword: ["password.wrongCurrent"] });
    const weak = await refusal(changeOwnPassword(testDb, u, { currentPassword: PASSWORD, newPassword: "password12345" }, { keepSessionId: mine.id, now: NOW }));
    expect(weak.fieldErrors).toEqual({ newPassword: ["password.common"] });
    const personal = await refusal(changeOwnPassword(testDb, u, { currentPassword: PASSWORD, newPassword: "KeesJansen2026" }, { keepSessionId: mine.id, now: NOW }));
    expect(personal.fieldErrors).toEqual({ newPassword: ["password.personal"] });
    // Refusals changed nothing.
    expect(await storedHash(u.id)).toBe(before);
    expect(await testDb.session.count({ where: { userId: u.id } })).toBe(3);

    const r = await changeOwnPassword(testDb, u, { currentPassword: PASSWORD, newPassword: "Nieuwe-zin-met-woorden" }, { keepSessionId: mine.id, now: NOW });
    expect(r.otherSessionsEnded).toBe(2);
    expect((await testDb.session.findMany({ where: { userId: u.id } })).map((s) => s.id)).toEqual([mine.id]);
    expect(await testDb.session.count({ where: { id: { in: [laptop.id, phone.id] } } })).toBe(0);
    expect(await verifyPassword({ hash: await storedHash(u.id), password: "Nieuwe-zin-met-woorden" })).toBe(true);
    const user = await testDb.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(user.mustChangePassword).toBe(false);
    expect(user.passwordChangedAt).toEqual(NOW);
    expect(await testDb.auditLog.count({ where: { entityId: u.id, action: "user.password-changed" } })).toBe(1);
  });

  it("lets an admin reset a password: a strong temporary one shown once, every session ended, a change forced", async () => {
    const u = await account();
    await testDb.user.update({ where: { id: u.id }, data: { mustChangePassword: false } });
    await session(u.id);
    await session(u.id);
    const { temporaryPassword } = await resetUserPassword(testDb, admin, { userId: u.id }, { now: NOW });
    expect(passwordProblem(temporaryPassword)).toBeNull();
    expect(await verifyPassword({ hash: await storedHash(u.id), password: temporaryPassword })).toBe(true);
    expect(await testDb.session.count({ where: { userId: u.id } })).toBe(0);
    expect((await testDb.user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(true);
    expect(await testDb.auditLog.count({ where: { entityId: u.id, action: "user.password-reset", actorId: admin.id } })).toBe(1);
    // Nobody else may, and an admin changes their own in the settings.
    const manager = await createUser(testDb, "manager");
    expect((await refusal(resetUserPassword(testDb, manager, { userId: u.id }, { now: NOW }))).code).toBe("forbidden");
    expect((await refusal(resetUserPassword(testDb, admin, { userId: admin.id }, { now: NOW }))).code).toBe("forbidden");
  });
});

describe("two-step sign-in", () => {
  async function enrolled(role: "controller" | "manager" = "controller") {
    const u = await account(role);
    const keep = await session(u.id);
    const { secret } = await beginTwoFactorEnrolment(testDb, u, ctx());
    const { recoveryCodes } = await confirmTwoFactorEnrolment(testDb, u, { code: totpAt(secret, NOW) }, { ...ctx(), keepSessionId: keep.id });
    return { u, secret, recoveryCodes, keep };
  }

  it("is set up with a first code from the app; the secret is stored sealed; other sessions end", async () => {
    const u = await account();
    const keep = await session(u.id);
    const other = await session(u.id);
    const { secret, uri } = await beginTwoFactorEnrolment(testDb, u, ctx());
    expect(uri).toContain(`secret=${secret}`);
    const row = await testDb.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.twoFactorSecret).not.toContain(secret);
    expect(row.twoFactorEnabledAt).toBeNull();

    const wrong = await refusal(confirmTwoFactorEnrolment(testDb, u, { code: "000000" === totpAt(secret, NOW) ? "111111" : "000000" }, { ...ctx(), keepSessionId: keep.id }));
    expect(wrong.fieldErrors).toEqual({ code: ["twoFactor.wrongCode"] });
    expect((await testDb.user.findUniqueOrThrow({ where: { id: u.id } })).twoFactorEnabledAt).toBeNull();

    const { recoveryCodes } = await confirmTwoFactorEnrolment(testDb, u, { code: totpAt(secret, NOW) }, { ...ctx(), keepSessionId: keep.id });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await testDb.user.findUniqueOrThrow({ where: { id: u.id } })).twoFactorEnabledAt).toEqual(NOW);
    expect(await testDb.session.findUnique({ where: { id: other.id } })).toBeNull();
    expect(await testDb.session.findUnique({ where: { id: keep.id } })).not.toBeNull();
    // Codes are stored hashed.
    const stored = await testDb.twoFactorRecoveryCode.findMany({ where: { userId: u.id } });
    expect(stored.some((c) => recoveryCodes.includes(c.codeHash))).toBe(false);
  });

  it("makes a password sign-in of an enrolled user a pending session, and an ordinary one otherwise", async () => {
    const { u } = await enrolled();
    const plain = await account();
    for (const [who, pending] of [[u, true], [plain, false]] as const) {
      const res = await handleAuthRequest(
        new Request("http://localhost:3999/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3999" }, body: JSON.stringify({ email: who.email, password: PASSWORD }) }),
        { peer: "10.9.0.1" },
      );
      expect(res.status).toBe(200);
      const newest = await testDb.session.findFirstOrThrow({ where: { userId: who.id }, orderBy: { createdAt: "desc" } });
      expect(newest.twoFactorPending).toBe(pending);
    }
  });

  it("lets a pending sign-in through with the app's code once, and not with the same code again", async () => {
    const { u, secret } = await enrolled();
    const later = new Date(NOW.getTime() + 90_000);
    const first = await session(u.id, { pending: true });
    const second = await session(u.id, { pending: true });
    const code = totpAt(secret, later);
    expect(await verifySecondFactor(testDb, first.id, code, ctx(later))).toMatchObject({ ok: true, usedRecoveryCode: false, recoveryCodesLeft: 10 });
    expect((await testDb.session.findUniqueOrThrow({ where: { id: first.id } })).twoFactorPending).toBe(false);
    // The same code on another sign-in: refused (seen over a shoulder, replayed).
    expect(await verifySecondFactor(testDb, second.id, code, ctx(later))).toEqual({ ok: false, reason: "wrong_code" });
    // A session that is not pending has nothing to verify.
    expect(await verifySecondFactor(testDb, first.id, code, ctx(later))).toEqual({ ok: false, reason: "no_pending_sign_in" });
  });

  it("takes each recovery code once, in any case and with or without the dash", async () => {
    const { u, recoveryCodes } = await enrolled();
    const a = await session(u.id, { pending: true });
    const b = await session(u.id, { pending: true });
    const typed = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    expect(await verifySecondFactor(testDb, a.id, typed, ctx())).toEqual({ ok: true, usedRecoveryCode: true, recoveryCodesLeft: 9 });
    expect(await verifySecondFactor(testDb, b.id, recoveryCodes[3]!, ctx())).toEqual({ ok: false, reason: "wrong_code" });
    expect(await testDb.auditLog.count({ where: { entityId: u.id, action: "auth.two-factor-passed" } })).toBe(1);
  });

  it("ends the sign-in after five wrong codes", async () => {
    const { u, secret } = await enrolled();
    const s = await session(u.id, { pending: true });
    const right = totpAt(secret, NOW);
    const wrong = right === "123456" ? "654321" : "123456";
    for (let i = 1; i < MAX_SECOND_FACTOR_FAILURES; i++) expect(await verifySecondFactor(testDb, s.id, wrong, ctx())).toEqual({ ok: false, reason: "wrong_code" });
    expect(await verifySecondFactor(testDb, s.id, "aaaaa-bbbbb", ctx())).toEqual({ ok: false, reason: "too_many_attempts" });
    expect(await testDb.session.findUnique({ where: { id: s.id } })).toBeNull();
    expect(await testDb.auditLog.count({ where: { entityId: u.id, action: "auth.two-factor-locked" } })).toBe(1);
  });

  it("renews recovery codes against a current code; the old ones stop working", async () => {
    const { u, secret, recoveryCodes } = await enrolled();
    const later = new Date(NOW.getTime() + 60_000);
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(testDb, u, { code: totpAt(secret, later) }, ctx(later));
    const s = await session(u.id, { pending: true });
    expect(await verifySecondFactor(testDb, s.id, recoveryCodes[0]!, ctx())).toEqual({ ok: false, reason: "wrong_code" });
    expect((await verifySecondFactor(testDb, s.id, fresh[0]!, ctx())).ok).toBe(true);
  });

  it("can be turned off with the password, except by a role that requires it; an admin can reset it", async () => {
    const { u } = await enrolled("controller");
    expect((await refusal(disableTwoFactor(testDb, u, { password: "wrong-password!" }, ctx()))).fieldErrors).toEqual({ password: ["password.wrongCurrent"] });
    await disableTwoFactor(testDb, u, { password: PASSWORD }, ctx());
    expect((await testDb.user.findUniqueOrThrow({ where: { id: u.id } })).twoFactorSecret).toBeNull();
    expect(await testDb.twoFactorRecoveryCode.count({ where: { userId: u.id } })).toBe(0);

    const { u: manager } = await enrolled("manager");
    expect((await refusal(disableTwoFactor(testDb, manager, { password: PASSWORD }, ctx()))).code).toBe("forbidden");
    await session(manager.id);
    expect((await refusal(resetUserTwoFactor(testDb, manager, { userId: u.id }))).code).toBe("forbidden");
    await resetUserTwoFactor(testDb, admin, { userId: manager.id });
    const row = await testDb.user.findUniqueOrThrow({ where: { id: manager.id } });
    expect(row.twoFactorEnabledAt).toBeNull();
    expect(await testDb.session.count({ where: { userId: manager.id } })).toBe(0);
  });
});
