import { createHmac, randomUUID } from "node:crypto";
import { betterAuth, APIError, BASE_ERROR_CODES } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { z } from "zod";
import { db, dbProvider, type Db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { audit } from "@/lib/audit/audit";
import { clientAddress, requestOrigin, trustedProxies, type TrustedProxies } from "@/server/client-address";

/**
 * The one request header better-auth reads the client's address from. Only handleAuthRequest sets
 * it, after removing whatever a client sent under that name; X-Forwarded-For and X-Real-IP never
 * reach better-auth (see server/client-address.ts for what is believed).
 */
export const CLIENT_ADDRESS_HEADER = "x-dunning-client-address";

/**
 * The auth endpoints the app uses over HTTP; every other one answers 404. The sign-in form posts
 * to /sign-in/email. Sign-out and the session are read on the server through `auth().api`
 * (server/actions/auth.ts, server/session.ts), which does not pass through here; their HTTP forms
 * stay open for a client that wants them, and change nothing but the caller's own session.
 * Everything else (update-user, change-email, change-password, delete-user, list-sessions,
 * revoke-*, sign-up, password reset, social sign-in, ...) is closed: accounts, names, roles and
 * passwords are managed by an admin inside the app, with its own checks and audit.
 */
export const OPEN_AUTH_ENDPOINTS: ReadonlyMap<string, "GET" | "POST"> = new Map([
  ["/sign-in/email", "POST"],
  ["/sign-out", "POST"],
  ["/get-session", "GET"],
]);
const AUTH_BASE_PATH = "/api/auth";

/**
 * better-auth 1.7's own endpoints, closed in better-auth itself as well (`disabledPaths`, exact
 * paths) for any caller of `auth().handler` that bypasses handleAuthRequest. The allowlist in
 * handleAuthRequest is the real gate: it also closes the parametrised paths and any endpoint a
 * later version adds.
 */
const CLOSED_AUTH_PATHS = [
  "/account-info", "/change-email", "/change-password", "/delete-user", "/delete-user/callback", "/error",
  "/get-access-token", "/link-social", "/list-accounts", "/list-sessions", "/ok", "/refresh-token", "/request-password-reset",
  "/reset-password", "/revoke-other-sessions", "/revoke-session", "/revoke-sessions", "/send-verification-email", "/sign-in/social",
  "/sign-up/email", "/unlink-account", "/update-session", "/update-user", "/verify-email", "/verify-password",
];

/**
 * Per account: at most ACCOUNT_MAX_ATTEMPTS sign-in attempts per ACCOUNT_WINDOW_MS for one e-mail
 * address, from any address, counted in the database (better-auth's `rateLimit` table) so the
 * limit holds across server processes. Attempts are counted before the password is checked (so
 * parallel guesses cannot all slip through) and the count is cleared by a successful sign-in.
 * Over the limit the answer is the wrong-password answer, after the same password-hashing work.
 */
export const ACCOUNT_MAX_ATTEMPTS = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
/** Never an IP address, so it cannot meet better-auth's own `<ip>|<path>` keys. */
const ACCOUNT_KEY_PREFIX = "sign-in-account|";

/** What sign-in accepts: exactly what the sign-in form sends, with length caps. */
const SignInBody = z
  .object({
    email: z.string().max(254),
    password: z.string().max(128),
  })
  .strict();

function invalidCredentials(): APIError {
  return APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD);
}

/** The account's counter key: a keyed hash, so the table holds no e-mail addresses. */
function accountKey(secret: string, email: string): string {
  const normalised = email.trim().toLowerCase();
  return ACCOUNT_KEY_PREFIX + createHmac("sha256", secret).update(normalised).digest("base64url");
}

/**
 * Counts one attempt against the account and returns the attempts in its current window, this one
 * included. A row's `lastRequest` holds the end of its window (not the last request), so
 * better-auth's pruning of its own old rows never drops a live account counter.
 */
async function countAccountAttempt(prisma: Db, key: string): Promise<number> {
  for (let tries = 0; tries < 5; tries++) {
    const now = BigInt(Date.now());
    const ends = now + BigInt(ACCOUNT_WINDOW_MS);
    const [open] = await prisma.rateLimit.updateManyAndReturn({
      where: { key, lastRequest: { gt: now } },
      data: { count: { increment: 1 } },
      select: { count: true },
    });
    if (open) return open.count;
    // The window has ended: start a new one (of concurrent requests one wins, the rest count on).
    const [restarted] = await prisma.rateLimit.updateManyAndReturn({
      where: { key, lastRequest: { lte: now } },
      data: { count: 1, lastRequest: ends },
      select: { count: true },
    });
    if (restarted) return 1;
    try {
      await prisma.rateLimit.create({ data: { id: randomUUID(), key, count: 1, lastRequest: ends } });
      await prisma.rateLimit.deleteMany({ where: { key: { startsWith: ACCOUNT_KEY_PREFIX }, lastRequest: { lt: now } } });
      return 1;
    } catch (error) {
      // Another request created the row first: count on it.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }
  // Could not count (extreme contention): refuse, as a locked account would be.
  return Number.MAX_SAFE_INTEGER;
}

function createAuth() {
  const e = settings();
  const prisma = db();
  /** Per address, but only when the address is known: see server/client-address.ts. */
  const perAddress =
    (rule: { window: number; max: number }) =>
    (request: Request): false | { window: number; max: number } =>
      request.headers.get(CLIENT_ADDRESS_HEADER) ? rule : false;
  const addressOf = (ctx: { request?: Request; headers?: Headers }) => (ctx.request?.headers ?? ctx.headers)?.get(CLIENT_ADDRESS_HEADER) ?? null;

  return betterAuth({
    secret: e.authSecret,
    baseURL: e.authUrl,
    basePath: AUTH_BASE_PATH,
    database: prismaAdapter(prisma, { provider: dbProvider() }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made by an admin (or the seed); nobody signs themselves up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      // No cookie cache: every request reads the session row, so sign-out and disabling a user
      // take effect at once.
      cookieCache: { enabled: false },
      additionalFields: {
        // Set when the password was right for a user with two-step sign-in: the session counts
        // only after the second factor (lib/users/two-factor.ts, server/session.ts).
        twoFactorPending: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    user: {
      // Users change nothing about themselves through the auth library (the endpoints are closed
      // as well): e-mail, name and deletion are an admin's business inside the app.
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
      additionalFields: {
        // input: false: a user can never set their own role or state through the auth API.
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        locale: { type: "string", required: false, defaultValue: "nl", input: false },
        active: { type: "boolean", required: false, defaultValue: true, input: false },
        // Read with the session (one query instead of a second read of the user on every page):
        // what still stands between the session and the app (server/session.ts).
        mustChangePassword: { type: "boolean", required: false, defaultValue: false, input: false },
        twoFactorEnabledAt: { type: "date", required: false, input: false },
      },
    },
    disabledPaths: CLOSED_AUTH_PATHS,
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      // Keyed on the address handleAuthRequest computed. With no known address there is no
      // per-address limit (better-auth would otherwise put every such request in one shared
      // bucket, and one attacker could lock everyone out); the per-account limit still holds.
      customRules: {
        "/sign-in/email": perAddress({ window: 60, max: e.signInRateLimit }),
        "/sign-out": perAddress({ window: 60, max: 100 }),
        "/get-session": perAddress({ window: 60, max: 100 }),
      },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { active: true, twoFactorEnabledAt: true } });
            if (!user?.active) return false;
            return { data: { ...session, twoFactorPending: user.twoFactorEnabledAt !== null } };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const body = SignInBody.safeParse(ctx.body);
        if (!body.success) throw new APIError("BAD_REQUEST", { code: "INVALID_SIGN_IN_REQUEST", message: "Invalid sign-in request" });
        const attempts = await countAccountAttempt(prisma, accountKey(e.authSecret, body.data.email));
        if (attempts <= ACCOUNT_MAX_ATTEMPTS) return;
        // Locked: the same hashing work and the same answer as a wrong password.
        await ctx.context.password.hash(body.data.password);
        if (attempts === ACCOUNT_MAX_ATTEMPTS + 1) {
          const user = await prisma.user.findUnique({ where: { email: body.data.email.trim().toLowerCase() }, select: { id: true } });
          if (user) {
            await audit(prisma, { actorId: null, action: "auth.sign-in-locked", entity: "user", entityId: user.id, data: { address: addressOf(ctx), attempts: ACCOUNT_MAX_ATTEMPTS, windowMinutes: ACCOUNT_WINDOW_MS / 60_000 } });
          }
        }
        throw invalidCredentials();
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned: unknown = ctx.context.returned;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
        if (isAPIError(returned)) {
          // The right password for a disabled account: the session hook above refused the session.
          // Answer exactly like a wrong password.
          if (returned.body?.code === BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION.code) {
            const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
            if (user) await audit(prisma, { actorId: null, action: "auth.sign-in-refused", entity: "user", entityId: user.id, data: { reason: "disabled", address: addressOf(ctx) } });
            throw invalidCredentials();
          }
          return;
        }
        const signedIn = ctx.context.newSession;
        if (!signedIn) return;
        await prisma.rateLimit.deleteMany({ where: { key: accountKey(e.authSecret, email) } });
        await audit(prisma, { actorId: signedIn.user.id, action: "auth.signed-in", entity: "user", entityId: signedIn.user.id, data: { address: addressOf(ctx) } });
      }),
    },
    advanced: {
      useSecureCookies: e.authUrl.startsWith("https://"),
      // Only the header handleAuthRequest sets; client-sent X-Forwarded-For / X-Real-IP are never read.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __dunningAuth?: Auth; __dunningTrustedProxies?: TrustedProxies };

export function auth(): Auth {
  globalForAuth.__dunningAuth ??= createAuth();
  return globalForAuth.__dunningAuth;
}

function configuredProxies(): TrustedProxies {
  globalForAuth.__dunningTrustedProxies ??= trustedProxies(settings().trustedProxies);
  return globalForAuth.__dunningTrustedProxies;
}

/**
 * The HTTP door to better-auth (app/api/auth/[...all]/route.ts): closes every endpoint the app
 * does not use, and hands better-auth the client address computed here instead of the
 * client-sent headers.
 *
 * @param connection.peer the connection's peer address; null when the server does not expose it
 *   (Next.js 16 route handlers: see server/client-address.ts)
 * @param trusted the reverse proxies to believe; TRUSTED_PROXIES by default
 */
export async function handleAuthRequest(request: Request, connection: { peer: string | null }, trusted: TrustedProxies = configuredProxies()): Promise<Response> {
  const { pathname } = new URL(request.url);
  const path = pathname.startsWith(`${AUTH_BASE_PATH}/`) ? pathname.slice(AUTH_BASE_PATH.length) : null;
  if (path === null || OPEN_AUTH_ENDPOINTS.get(path) !== request.method) {
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const address = clientAddress(requestOrigin(request, connection.peer), trusted);
  const headers = new Headers(request.headers);
  headers.delete("x-forwarded-for");
  headers.delete("x-real-ip");
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (address !== null) headers.set(CLIENT_ADDRESS_HEADER, address);
  // Built from its parts: on Node.js 24 \`new Request(request)\` throws on Next's request
  // object ("Cannot read private member #state"), so every sign-in failed with HTTP 500.
  const body = request.method === "GET" ? undefined : await request.arrayBuffer();
  return auth().handler(new Request(request.url, { method: request.method, headers, body }));
}
