import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/guards";
import { isRole, type Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { isLocale, type Locale } from "@/lib/i18n/locale";

/**
 * Personal access tokens for the REST API. A token acts as its user (the same role and portfolio
 * checks, because the API calls the same use cases), narrowed to its scope: "read" tokens only
 * read, "write" tokens also write. The token is shown once; the database keeps its SHA-256 (a
 * 256-bit random value needs no slow hash: it cannot be guessed, only stolen, and the hash makes
 * a copy of the database useless). Tokens expire (at most a year) and can be revoked.
 */
export const API_TOKEN_SCOPES = ["read", "write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const TOKEN_PREFIX = "dwb_";
export const MAX_TOKEN_DAYS = 366;
export const MAX_ACTIVE_TOKENS = 20;
/** lastUsedAt is written at most this often per token, so reads do not each cost a write. */
export const LAST_USED_EVERY_MS = 60_000;
const TOKEN_SHAPE = /^dwb_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newTokenValue(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export type ApiTokenRow = { id: string; name: string; scope: ApiTokenScope; prefix: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null; lastUsedIp: string | null };
export type CreatedApiToken = { token: string; row: ApiTokenRow };

/** A new token of the acting user; the plain value is returned once and never stored. */
export async function createApiToken(db: Db, actor: Actor, input: { name: string; scope: ApiTokenScope; expiresInDays: number }, now: Date): Promise<CreatedApiToken> {
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_TOKEN_DAYS) throw new DomainError("invalid", "expiry", { expiresInDays: ["apiTokens.errors.expiry"] });
  const name = input.name.trim();
  if (!name) throw new DomainError("invalid", "name", { name: ["validation.required"] });
  const token = newTokenValue();
  return db.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null, expiresAt: { gt: now } } });
    if (active >= MAX_ACTIVE_TOKENS) throw new DomainError("invalid", "too many tokens", { name: ["apiTokens.errors.tooMany"] });
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name, scope: input.scope, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000), createdAt: now },
      select: ROW,
    });
    await audit(tx, { actorId: actor.id, action: "api_token.created", entity: "ApiToken", entityId: row.id, data: { name, scope: input.scope, expiresAt: row.expiresAt.toISOString() } });
    return { token, row: row as ApiTokenRow };
  });
}

const ROW = { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, lastUsedIp: true } as const;

/** The user's tokens, newest first (revoked and expired ones too, for the record). */
export async function listApiTokens(db: DbOrTx, userId: string): Promise<ApiTokenRow[]> {
  return (await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: ROW, take: 100 })) as ApiTokenRow[];
}

/** Revokes a token: one's own, or anyone's for an admin. Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, actor: Actor, tokenId: string, now: Date): Promise<{ revoked: boolean }> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, userId: true, revokedAt: true } });
    if (!token) throw new DomainError("not_found");
    if (token.userId !== actor.id && actor.role !== "admin") throw new DomainError("forbidden", "someone else's token");
    if (token.revokedAt) return { revoked: false };
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now, revokedById: actor.id } });
    await audit(tx, { actorId: actor.id, action: "api_token.revoked", entity: "ApiToken", entityId: token.id, data: { ownerId: token.userId } });
    return { revoked: true };
  });
}

/** Every token of a user revoked at once (an admin's password reset or a disabled account). */
export async function revokeAllApiTokens(tx: DbOrTx, userId: string, byId: string | null, now: Date): Promise<number> {
  return (await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedById: byId } })).count;
}

export type ApiCaller = { id: string; name: string; email: string; role: Role; locale: Locale; tokenId: string; scope: ApiTokenScope };
/** Why a bearer token was refused: said in the problem details, so an integrator knows what to fix. */
export type TokenRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired" | "user_inactive";

/**
 * The caller behind a bearer token, or why not. A disabled user, or one an admin forced to choose
 * a new password (a suspected leak), has no working tokens.
 */
export async function authenticateApiToken(db: Db, token: string | null, now: Date, address: string | null): Promise<{ caller: ApiCaller } | { refused: TokenRefusal }> {
  if (!token) return { refused: "missing" };
  if (!TOKEN_SHAPE.test(token)) return { refused: "malformed" };
  const hash = hashToken(token);
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, tokenHash: true, scope: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true, email: true, role: true, locale: true, active: true, mustChangePassword: true } } },
  });
  // The index found it by hash; the constant-time compare is belt and braces.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return { refused: "unknown" };
  if (row.revokedAt) return { refused: "revoked" };
  if (row.expiresAt <= now) return { refused: "expired" };
  const u = row.user;
  if (!u.active || u.mustChangePassword || !isRole(u.role)) return { refused: "user_inactive" };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedIp: address } });
  }
  return { caller: { id: u.id, name: u.name, email: u.email, role: u.role, locale: isLocale(u.locale) ? u.locale : "nl", tokenId: row.id, scope: row.scope === "write" ? "write" : "read" } };
}
