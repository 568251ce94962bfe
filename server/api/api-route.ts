import { createHash } from "node:crypto";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import { db, type Db, type DbOrTx } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { DomainError } from "@/lib/errors/domain-error";
import { fieldErrorsOf } from "@/lib/i18n/field-errors";
import { localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locale";
import { authenticateApiToken, type ApiCaller, type TokenRefusal } from "@/lib/users/api-tokens";
import { clientAddress, requestOrigin, trustedProxies, type TrustedProxies } from "@/server/client-address";
import { mapError } from "@/server/errors";
import { API_HEADERS, ApiProblem, problemResponse } from "./problem";
import { fixedWindowLimiter, rateLimitHeaders, type RateLimiter } from "./rate-limit";

/**
 * The one wrapper every /api/v1 handler goes through. In order: the bearer token (401 with the
 * reason), the rate limit (429), the token's scope (403 insufficient_scope), the role's
 * permission (403; the use case checks again with the portfolio), the path, query and JSON body
 * against the operation's zod schemas (400 with per-field errors), the Idempotency-Key of a
 * write, then the handler. Every error is an RFC 9457 problem details document; nothing of a
 * stack trace or SQL reaches the client.
 */
export type ApiScope = "read" | "write";
export type ApiOperation<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  operationId: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. /debtors/{debtorId} (under /api/v1) */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  permission: Permission;
  query?: Q;
  params?: P;
  body?: B;
  /** a raw upload (a file) instead of a JSON body, at most this many bytes */
  rawBody?: { maxBytes: number; contentTypes: string[] };
  /**
   * Writes that create something take an Idempotency-Key: "transaction" runs the handler inside
   * one transaction with the stored answer (exactly once); "handler" means the use case itself
   * books once per key (payments), the answer is stored after.
   */
  idempotency?: "transaction" | "handler";
  /** the success answer, for the OpenAPI description */
  response: { status: 200 | 201 | 202; description: string; schema?: z.ZodType };
};

export type ApiContext<Q, P, B> = { caller: ApiCaller; db: DbOrTx; query: Q; params: P; body: B; raw: Uint8Array | null; request: Request; now: Date; idempotencyKey: string | null };
export type ApiAnswer = { status?: number; body: unknown; headers?: Record<string, string> };
type Segments = { params: Promise<Record<string, string | string[]>> };

export const MAX_JSON_BYTES = 1_000_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

export type ApiDeps = { db: () => Db; now: () => Date; limiter: RateLimiter; limits: () => { reads: number; writes: number }; proxies: () => TrustedProxies };

const REFUSAL_DETAIL: Record<TokenRefusal, string> = {
  missing: "Send a personal access token: Authorization: Bearer dwb_…",
  malformed: "The Authorization header does not hold a Dunning Workbench token.",
  unknown: "This token is not known.",
  revoked: "This token was revoked.",
  expired: "This token has expired; create a new one in the settings.",
  user_inactive: "The token's user is disabled or must choose a new password first.",
};

export function apiRouteFactory(deps: ApiDeps) {
  return function apiRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(
    op: ApiOperation<Q, P, B>,
    handler: (ctx: ApiContext<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<ApiAnswer>,
  ): (request: Request, segments?: Segments) => Promise<Response> {
    return async (request, segments) => {
      const locale = localeOf(request);
      let limitHeaders: Record<string, string> = {};
      try {
        const now = deps.now();
        const database = deps.db();
        const address = clientAddress(requestOrigin(request, null), deps.proxies());
        const auth = await authenticateApiToken(database, bearer(request), now, address);
        if ("refused" in auth) {
          throw new ApiProblem(401, "unauthenticated", "Not authenticated", REFUSAL_DETAIL[auth.refused], { "www-authenticate": `Bearer realm="dunning-workbench"${auth.refused === "missing" ? "" : `, error="invalid_token"`}` });
        }
        const caller = auth.caller;
        const limits = deps.limits();
        const verdict = deps.limiter.take(`${caller.tokenId}:${op.scope}`, op.scope === "write" ? limits.writes : limits.reads, now.getTime());
        limitHeaders = rateLimitHeaders(verdict);
        if (!verdict.allowed) throw new ApiProblem(429, "rate_limited", "Too many requests", `At most ${verdict.limit} ${op.scope === "write" ? "writes" : "reads"} per minute per token; try again in ${verdict.resetSeconds} s.`);
        if (op.scope === "write" && caller.scope !== "write") {
          throw new ApiProblem(403, "insufficient_scope", "Token scope too narrow", "This is a write; the token is read-only.", { "www-authenticate": `Bearer realm="dunning-workbench", error="insufficient_scope", scope="write"` });
        }
        if (!can(caller.role, op.permission)) throw new DomainError("forbidden", `${caller.role} lacks ${op.permission}`);
        const params = parse(op.params, segments ? await segments.params : {}, locale, "path");
        const query = parse(op.query, Object.fromEntries(new URL(request.url).searchParams), locale, "query");
        const { body, raw, text } = await readBody(op, request, locale);
        const key = request.headers.get("idempotency-key");
        if (op.idempotency && (key === null || !IDEMPOTENCY_KEY.test(key))) {
          throw new ApiProblem(400, "idempotency_key_required", "Idempotency-Key required", "Send an Idempotency-Key header (8–200 printable characters, e.g. a UUID) with every create; a repeat with the same key is answered without doing it twice.");
        }
        const ctx = { caller, query, params, body: body as z.infer<B>, raw, request, now, idempotencyKey: op.idempotency ? key : null };
        let answer: ApiAnswer;
        let replayed = false;
        if (op.idempotency && key) {
          const requestHash = createHash("sha256").update(`${op.method} ${new URL(request.url).pathname}\n`).update(raw ?? text).digest("hex");
          const r = await idempotent(database, caller.id, key, requestHash, op.idempotency, (db) => handler({ ...ctx, db }));
          answer = r.answer;
          replayed = r.replayed;
        } else {
          answer = await handler({ ...ctx, db: database });
        }
        return Response.json(answer.body ?? null, { status: answer.status ?? op.response.status, headers: { ...API_HEADERS, ...limitHeaders, ...(answer.headers ?? {}), ...(replayed ? { "idempotent-replayed": "true" } : {}) } });
      } catch (e) {
        return apiProblem(e, locale, limitHeaders);
      }
    };
  };
}

function bearer(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : "";
}

/** English unless the client asks Dutch first: integrators read the API's messages. */
function localeOf(request: Request): Locale {
  return localeFromAcceptLanguage(request.headers.get("accept-language"), "en");
}

function parse<S extends z.ZodType>(schema: S | undefined, raw: unknown, locale: Locale, where: string): z.infer<S> {
  if (!schema) return raw as z.infer<S>;
  const r = schema.safeParse(raw);
  if (!r.success) throw new DomainError("invalid", `bad ${where}`, fieldErrorsOf(r.error, locale));
  return r.data;
}

async function readBody(op: ApiOperation, request: Request, locale: Locale): Promise<{ body: unknown; raw: Uint8Array | null; text: string }> {
  if (op.rawBody) {
    const raw = await readLimited(request, op.rawBody.maxBytes);
    if (raw.length === 0) throw new ApiProblem(400, "empty_body", "Empty upload", "Send the file as the request body.");
    return { body: parse(op.body, {}, locale, "body"), raw, text: "" };
  }
  if (!op.body) return { body: undefined, raw: null, text: "" };
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new ApiProblem(415, "unsupported_media_type", "JSON expected", "Send the body as application/json.");
  const bytes = await readLimited(request, MAX_JSON_BYTES);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiProblem(400, "malformed_json", "Malformed JSON", "The body is not valid JSON.");
  }
  return { body: parse(op.body, json, locale, "body"), raw: null, text };
}

/** The body, refused with 413 as soon as it passes the limit (also without a Content-Length). */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const tooLarge = (max: number) => new ApiProblem(413, "too_large", "Body too large", `At most ${max.toLocaleString("en")} bytes.`);

/**
 * Exactly once per (user, key): the stored answer of an earlier success is the answer; the same
 * key with another request is refused (422). In "transaction" mode the handler's writes and the
 * stored answer commit together, so a concurrent repeat fails on the unique key, rolls back its
 * writes and gets the first answer.
 */
async function idempotent(database: Db, userId: string, key: string, requestHash: string, mode: "transaction" | "handler", run: (db: DbOrTx) => Promise<ApiAnswer>): Promise<{ answer: ApiAnswer; replayed: boolean }> {
  const stored = await storedAnswer(database, userId, key, requestHash);
  if (stored) return { answer: stored, replayed: true };
  const record = (db: DbOrTx, a: ApiAnswer) => db.apiIdempotency.create({ data: { userId, key, requestHash, status: a.status ?? 200, body: JSON.stringify(a.body ?? null) } });
  try {
    if (mode === "transaction") {
      const answer = await database.$transaction(async (tx) => {
        const a = await run(tx);
        await record(tx, a);
        return a;
      });
      return { answer, replayed: false };
    }
    const answer = await run(database);
    await record(database, answer);
    return { answer, replayed: false };
  } catch (e) {
    // A concurrent repeat committed first: it fails here on its own unique keys (the record's, or
    // the customer or invoice number it was creating) after waiting for that commit; the first
    // answer is its answer.
    const again = await storedAnswer(database, userId, key, requestHash).catch(() => null);
    if (again) return { answer: again, replayed: true };
    throw e;
  }
}

async function storedAnswer(database: Db, userId: string, key: string, requestHash: string): Promise<ApiAnswer | null> {
  const row = await database.apiIdempotency.findUnique({ where: { userId_key: { userId, key } } });
  if (!row) return null;
  if (row.requestHash !== requestHash) throw new ApiProblem(422, "idempotency_key_reused", "Idempotency-Key reused", "This key was used for another request; use a new key for a new request.");
  return { status: row.status, body: JSON.parse(row.body) as unknown };
}

/** An error as RFC 9457 problem details. */
export function apiProblem(e: unknown, locale: Locale, extraHeaders: Record<string, string> = {}): Response {
  if (e instanceof ApiProblem) return problemResponse(e, extraHeaders);
  const m = mapError(e, locale);
  const body = { type: "about:blank", title: m.message, status: m.status, code: m.code, ...(m.fieldErrors ? { errors: m.fieldErrors } : {}), ...(m.ref ? { ref: m.ref } : {}) };
  return new Response(JSON.stringify(body), { status: m.status, headers: { ...API_HEADERS, ...extraHeaders, "content-type": "application/problem+json" } });
}

const limiter = fixedWindowLimiter();
let proxies: TrustedProxies | undefined;

/** The real wrapper: the app's database, the clock, one limiter per process, TRUSTED_PROXIES. */
export const apiRoute = apiRouteFactory({ db, now: () => new Date(), limiter, limits: () => settings().apiRateLimit, proxies: () => (proxies ??= trustedProxies(settings().trustedProxies)) });
