import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser as createUserWithPassword } from "@/lib/users/manage-users";
import { createUser } from "../factories/portfolio";
import { databaseUrl, testDb } from "./test-db";

// The auth module reads its settings from the environment: point it at this run's database.
process.env.DATABASE_URL = databaseUrl;
process.env.BETTER_AUTH_SECRET = "integration-secret-0123456789abcdefghijklmnop";
process.env.BETTER_AUTH_URL = "http://localhost:3999";
process.env.SIGN_IN_RATE_LIMIT = "5";
// The default: no reverse proxy is trusted.
delete process.env.TRUSTED_PROXIES;
const { auth, handleAuthRequest, ACCOUNT_MAX_ATTEMPTS, OPEN_AUTH_ENDPOINTS } = await import("@/server/auth");
const { trustedProxies } = await import("@/server/client-address");
const { readSession, cookieValue, verifiedToken } = await import("@/server/session-read");
// The production door, exactly as Next.js calls it (it knows no peer address).
const route = await import("@/app/api/auth/[...all]/route");

const PASSWORD = "Correct-horse-42";
let email: string;

function authRequest(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(`http://localhost:3999/api/auth${path}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3999", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/**
 * Signs in over a connection from `ip` (the peer a custom server or a trusted proxy setup would
 * see). The client also claims another address in X-Forwarded-For, which must change nothing.
 */
function signIn(body: Record<string, unknown>, ip: string) {
  return handleAuthRequest(authRequest("/sign-in/email", { body, headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" } }), { peer: ip });
}

/** Signs in through the Next.js route handler, claiming `forwardedFor` as the client's address. */
function signInThroughRoute(body: Record<string, unknown>, forwardedFor: string, extraHeaders: Record<string, string> = {}) {
  return route.POST(authRequest("/sign-in/email", { body, headers: { "x-forwarded-for": forwardedFor, ...extraHeaders } }));
}

/** Everything a client can see of an answer, but the date. */
async function answer(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== "date");
  return { status: res.status, statusText: res.statusText, headers, body: await res.text() };
}

async function newAccount(role: "controller" | "viewer" = "controller") {
  const address = `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const admin = await createUser(testDb, "admin");
  await createUserWithPassword(testDb, admin, { name: "Auth Test", email: address, role, locale: "nl", password: PASSWORD });
  return testDb.user.findUniqueOrThrow({ where: { email: address } });
}

function sessionCookie(res: Response): string {
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

describe("sign-in with e-mail and password", () => {
  beforeAll(async () => {
    email = `ctrl-${Date.now()}@example.test`;
    const admin = await createUser(testDb, "admin");
    await createUserWithPassword(testDb, admin, { name: "Auth Test", email, role: "controller", locale: "nl", password: PASSWORD });
  });

  it("starts a session stored in the database, with an HttpOnly SameSite cookie", async () => {
    const res = await signIn({ email, password: PASSWORD }, "10.0.0.1");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await testDb.user.findUniqueOrThrow({ where: { email } });
    expect(await testDb.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);
  });

  it("answers a wrong password and an unknown address the same way", async () => {
    const wrong = await signIn({ email, password: "wrong-password-1" }, "10.0.0.2");
    const unknown = await signIn({ email: "nobody-here@example.test", password: "wrong-password-1" }, "10.0.0.3");
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("refuses a disabled user", async () => {
    const user = await testDb.user.findUniqueOrThrow({ where: { email } });
    await testDb.user.update({ where: { id: user.id }, data: { active: false } });
    const res = await signIn({ email, password: PASSWORD }, "10.0.0.4");
    expect(res.ok).toBe(false);
    await testDb.user.update({ where: { id: user.id }, data: { active: true } });
  });

  it("rate-limits sign-in per address, with the counter kept in the database", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn({ email, password: "wrong-password-1" }, "10.0.0.99")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(await testDb.rateLimit.count({ where: { key: { contains: "10.0.0.99" } } })).toBe(1);
    // Another address is not affected.
    expect((await signIn({ email, password: PASSWORD }, "10.0.0.100")).status).toBe(200);
  });

  it("does not let anyone sign themselves up", async () => {
    const res = await auth().handler(
      new Request("http://localhost:3999/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3999", "x-forwarded-for": "10.0.1.1" },
        body: JSON.stringify({ email: "intruder@example.test", password: "Intruder-password-1", name: "X", role: "admin" }),
      }),
    );
    expect(res.ok).toBe(false);
    expect(await testDb.user.count({ where: { email: "intruder@example.test" } })).toBe(0);
  });

  it("ignores a role sent to the update-user endpoint", async () => {
    const login = await signIn({ email, password: PASSWORD }, "10.0.0.5");
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const res = await auth().handler(
      new Request("http://localhost:3999/api/auth/update-user", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3999", cookie, "x-forwarded-for": "10.0.0.5" },
        body: JSON.stringify({ role: "admin", active: true, name: "Still Controller" }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    const user = await testDb.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("controller");
  });

  it("keeps the per-address count for the address the connection came from, not the one the client claims", async () => {
    expect(await testDb.rateLimit.count({ where: { key: { contains: "6.6.6.6" } } })).toBe(0);
    expect(await testDb.rateLimit.count({ where: { key: { contains: "6.6.6.7" } } })).toBe(0);
  });
});

describe("sign-in limits that client-sent headers cannot escape", () => {
  it("does not let a rotating X-Forwarded-For escape the limit when no proxy is trusted", async () => {
    const user = await newAccount();
    const answers: Awaited<ReturnType<typeof answer>>[] = [];
    for (let i = 1; i <= 20; i++) {
      const res = await signInThroughRoute({ email: user.email, password: `wrong-password-${i}` }, `198.51.100.${i}`, { "x-real-ip": `198.51.101.${i}`, "x-dunning-client-address": `198.51.102.${i}` });
      answers.push(await answer(res));
    }
    // Every answer is the wrong-password answer: nothing says the account is now locked...
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(401);
    // ...but it is: even the right password, from yet another claimed address, gets no session.
    const right = await signInThroughRoute({ email: user.email, password: PASSWORD }, "198.51.100.250");
    expect(await answer(right)).toEqual(answers[0]);
    expect(await testDb.session.count({ where: { userId: user.id } })).toBe(0);
    // No client-chosen value became a rate-limit key, and there is no shared "unknown" bucket that
    // one attacker could fill for everyone.
    expect(await testDb.rateLimit.count({ where: { key: { contains: "198.51.10" } } })).toBe(0);
    expect(await testDb.rateLimit.count({ where: { key: { in: ["127.0.0.1|/sign-in/email", "no-trusted-ip|/sign-in/email"] } } })).toBe(0);
    const lock = await testDb.auditLog.findMany({ where: { entity: "user", entityId: user.id, action: "auth.sign-in-locked" } });
    expect(lock).toHaveLength(1);
  }, 120_000);

  it("limits the forwarded client address when the proxy in front is trusted, whatever the client puts to its left", async () => {
    const behindProxy = trustedProxies(["127.0.0.1", "10.9.0.0/16"]);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const req = authRequest("/sign-in/email", { body: { email: `nobody-${i}@example.test`, password: "wrong-password-1" }, headers: { "x-forwarded-for": `192.0.2.${i}, 203.0.113.9, 10.9.1.1` } });
      statuses.push((await handleAuthRequest(req, { peer: "127.0.0.1" }, behindProxy)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await testDb.rateLimit.count({ where: { key: "203.0.113.9|/sign-in/email" } })).toBe(1);
    expect(await testDb.rateLimit.count({ where: { key: { contains: "192.0.2." } } })).toBe(0);
    // A client that reaches the app directly is not believed, even with a trusted proxy configured.
    const direct = authRequest("/sign-in/email", { body: { email: "nobody@example.test", password: "wrong-password-1" }, headers: { "x-forwarded-for": "203.0.113.10" } });
    expect((await handleAuthRequest(direct, { peer: "192.0.2.200" }, behindProxy)).status).toBe(401);
    expect(await testDb.rateLimit.count({ where: { key: { contains: "203.0.113.10" } } })).toBe(0);
    expect(await testDb.rateLimit.count({ where: { key: "192.0.2.200|/sign-in/email" } })).toBe(1);
  });

  it(`locks an account after ${ACCOUNT_MAX_ATTEMPTS} failed attempts from any addresses, answering exactly like a wrong password`, async () => {
    const user = await newAccount();
    const wrong: Awaited<ReturnType<typeof answer>>[] = [];
    for (let i = 1; i <= ACCOUNT_MAX_ATTEMPTS; i++) wrong.push(await answer(await signIn({ email: user.email, password: "wrong-password-1" }, `10.2.0.${i}`)));
    expect(wrong.every((a) => a.status === 401)).toBe(true);
    expect(JSON.parse(wrong[0]!.body)).toEqual({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    const lockedWrong = await answer(await signIn({ email: user.email, password: "wrong-password-1" }, "10.2.1.1"));
    const lockedRight = await answer(await signIn({ email: user.email.toUpperCase(), password: PASSWORD }, "10.2.1.2"));
    expect(lockedWrong).toEqual(wrong[0]);
    expect(lockedRight).toEqual(wrong[0]);
    expect(await testDb.session.count({ where: { userId: user.id } })).toBe(0);
    // The lock is the account's, not the addresses': another account signs in from the same address.
    const other = await newAccount();
    expect((await signIn({ email: other.email, password: PASSWORD }, "10.2.1.2")).status).toBe(200);
    const [lock] = await testDb.auditLog.findMany({ where: { entity: "user", entityId: user.id, action: "auth.sign-in-locked" } });
    expect(JSON.parse(lock!.data!)).toMatchObject({ address: "10.2.1.1", attempts: ACCOUNT_MAX_ATTEMPTS });
  }, 120_000);

  it("clears an account's failed attempts when its owner signs in", async () => {
    const user = await newAccount();
    for (let i = 1; i < ACCOUNT_MAX_ATTEMPTS; i++) expect((await signIn({ email: user.email, password: "wrong-password-1" }, `10.3.0.${i}`)).status).toBe(401);
    const ok = await signIn({ email: user.email, password: PASSWORD }, "10.3.1.1");
    expect(ok.status).toBe(200);
    const audited = await testDb.auditLog.findMany({ where: { entity: "user", entityId: user.id, action: "auth.signed-in" } });
    expect(audited.map((a) => [a.actorId, JSON.parse(a.data!).address])).toEqual([[user.id, "10.3.1.1"]]);
    for (let i = 1; i < ACCOUNT_MAX_ATTEMPTS; i++) expect((await signIn({ email: user.email, password: "wrong-password-1" }, `10.3.2.${i}`)).status).toBe(401);
    expect((await signIn({ email: user.email, password: PASSWORD }, "10.3.3.1")).status).toBe(200);
  }, 120_000);

  it("answers a disabled account exactly like a wrong password, and an unknown address", async () => {
    const user = await newAccount();
    await testDb.user.update({ where: { id: user.id }, data: { active: false } });
    const right = await answer(await signIn({ email: user.email, password: PASSWORD }, "10.4.0.1"));
    const wrong = await answer(await signIn({ email: user.email, password: "wrong-password-1" }, "10.4.0.2"));
    const unknown = await answer(await signIn({ email: "nobody-disabled@example.test", password: "wrong-password-1" }, "10.4.0.3"));
    expect(right).toEqual(wrong);
    expect(unknown).toEqual(wrong);
    expect(wrong.status).toBe(401);
    expect(await testDb.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await testDb.auditLog.count({ where: { entity: "user", entityId: user.id, action: "auth.sign-in-refused" } })).toBe(1);
  });

  it("accepts only the fields the sign-in form sends, within length caps", async () => {
    const user = await newAccount();
    for (const body of [
      { email: user.email, password: PASSWORD, callbackURL: "https://evil.example/" },
      { email: user.email, password: PASSWORD, rememberMe: false },
      { email: `${"a".repeat(250)}@example.test`, password: PASSWORD },
      { email: user.email, password: "p".repeat(129) },
      { email: user.email },
    ]) {
      const res = await signIn(body, "10.5.0.1");
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await testDb.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("auth endpoints the app does not use", () => {
  it("refuses a viewer's rename through update-user with 404 and leaves the name as it was", async () => {
    const viewer = await newAccount("viewer");
    const login = await signIn({ email: viewer.email, password: PASSWORD }, "10.6.0.1");
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    for (const name of ["<img src=x onerror=alert(1)>", "Evil\r\nBcc: x@example.test", "x".repeat(200_000)]) {
      const viaRoute = await route.POST(authRequest("/update-user", { body: { name }, headers: { cookie } }));
      expect(viaRoute.status).toBe(404);
      // Closed in better-auth itself too, for any caller that skips the route.
      const direct = await auth().handler(authRequest("/update-user", { body: { name }, headers: { cookie } }));
      expect(direct.status).toBe(404);
    }
    expect((await testDb.user.findUniqueOrThrow({ where: { id: viewer.id } })).name).toBe(viewer.name);
  });

  it("answers 404 to sign-up and every other endpoint outside the allowlist", async () => {
    const admin = await newAccount();
    const cookie = sessionCookie(await signIn({ email: admin.email, password: PASSWORD }, "10.6.0.2"));
    const signUp = await route.POST(authRequest("/sign-up/email", { body: { email: "intruder2@example.test", password: "Intruder-password-1", name: "X" } }));
    expect(signUp.status).toBe(404);
    expect(await testDb.user.count({ where: { email: "intruder2@example.test" } })).toBe(0);
    const closed: [string, string][] = [
      ["POST", "/change-email"], ["POST", "/change-password"], ["POST", "/delete-user"], ["GET", "/delete-user/callback"], ["GET", "/list-sessions"],
      ["POST", "/revoke-sessions"], ["POST", "/revoke-other-sessions"], ["POST", "/request-password-reset"], ["POST", "/forget-password"], ["POST", "/reset-password"],
      ["GET", "/reset-password/some-token"], ["POST", "/set-password"], ["POST", "/update-session"], ["POST", "/verify-password"], ["GET", "/list-accounts"],
      ["POST", "/sign-in/social"], ["GET", "/callback/github"], ["GET", "/ok"], ["GET", "/error"], ["GET", "/sign-in/email"], ["POST", "/get-session"],
      ["POST", "/sign-in/email/"], ["POST", "/Sign-In/Email"], ["POST", "/sign-in%2Femail"],
    ];
    for (const [method, path] of closed) {
      const req = authRequest(path, { method, headers: { cookie }, body: method === "POST" ? { newEmail: "x@example.test", password: PASSWORD, newPassword: "New-password-123", currentPassword: PASSWORD } : undefined });
      const res = method === "GET" ? await route.GET(req) : await route.POST(req);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await testDb.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ email: admin.email, active: true });
    expect(await testDb.session.count({ where: { userId: admin.id } })).toBe(1);
  });

  it("closes in better-auth itself every endpoint it has but the allowlist (an upgrade's new endpoint shows up here)", async () => {
    const paths = new Set(Object.values(auth().api).map((endpoint) => (endpoint as { path?: unknown }).path).filter((p): p is string => typeof p === "string" && !p.includes(":")));
    expect(paths.size).toBeGreaterThan(20);
    for (const path of paths) {
      if (OPEN_AUTH_ENDPOINTS.has(path)) continue;
      for (const method of ["GET", "POST"]) {
        const res = await auth().handler(authRequest(path, { method, body: method === "POST" ? {} : undefined }));
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
  });

  it("keeps get-session and sign-out open for the caller's own session", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.6.0.3"));
    const session = await route.GET(authRequest("/get-session", { method: "GET", headers: { cookie } }));
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { id: string } }).user.id).toBe(user.id);
    expect((await route.POST(authRequest("/sign-out", { body: {}, headers: { cookie } }))).status).toBe(200);
    expect(await testDb.session.count({ where: { userId: user.id } })).toBe(0);
    const after = await route.GET(authRequest("/get-session", { method: "GET", headers: { cookie } }));
    expect(await after.json()).toBeNull();
  });
});

describe("reading the session on every request (server/session-read.ts)", () => {
  const SECRET = process.env.BETTER_AUTH_SECRET!;
  const HOUR = 3_600_000;
  const headersOf = (cookie: string) => new Headers({ cookie });
  const tokenOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;
  /** What `read` answers, and how many times it called better-auth's getSession. */
  async function withLibraryCalls<T>(read: () => Promise<T>): Promise<{ value: T; calls: number }> {
    const spy = vi.spyOn(auth().api, "getSession");
    try {
      const value = await read();
      return { value, calls: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }
  /** What the app sees, from better-auth's own getSession: the answer readSession must give. */
  async function libraryAnswer(cookie: string) {
    const s = await auth().api.getSession({ headers: headersOf(cookie) });
    return s && { sessionId: s.session.id, userId: s.user.id, email: s.user.email, role: (s.user as { role?: string }).role };
  }

  it("reads a fresh session in one statement, with the same answer as better-auth and without calling it", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.1"));
    const expected = await libraryAnswer(cookie);
    const { value: read, calls } = await withLibraryCalls(() => readSession(headersOf(`theme=dark; ${cookie}; other=1`)));
    expect(read && { sessionId: read.sessionId, userId: read.user.id, email: read.user.email, role: read.user.role }).toEqual(expected);
    // An account an admin made chooses its own password at its first sign-in.
    expect(read).toMatchObject({ twoFactorPending: false, user: { name: "Auth Test", locale: "nl", active: true, mustChangePassword: true, twoFactorEnabledAt: null } });
    expect(calls).toBe(0);
  });

  it("answers null to no cookie, a forged signature, a token signed with another secret, and a signed token of no session", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.2"));
    const [name] = cookie.split("=");
    const token = tokenOf(cookie);
    const signed = (t: string, secret: string) => `${name}=${encodeURIComponent(`${t}.${createHmac("sha256", secret).update(t).digest("base64")}`)}`;
    expect(await readSession(new Headers())).toBeNull();
    expect(await readSession(headersOf(`${name}=${token}`))).toBeNull();
    expect(await readSession(headersOf(`${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`))).toBeNull();
    expect(await readSession(headersOf(signed(token, "another-secret-0123456789abcdefghijklmnop")))).toBeNull();
    expect(await readSession(headersOf(signed("no-such-session-token", SECRET)))).toBeNull();
    // The signing here is better-auth's: the real token signed with the real secret is the session.
    expect((await readSession(headersOf(signed(token, SECRET))))?.user.id).toBe(user.id);
  });

  it("gives a signed-out session and a disabled user's session no access at the next request", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.3"));
    await testDb.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await readSession(headersOf(cookie)))?.user.active).toBe(false); // server/session.ts turns this into no session
    await testDb.user.update({ where: { id: user.id }, data: { active: true, role: "viewer" } });
    expect((await readSession(headersOf(cookie)))?.user.role).toBe("viewer");
    await testDb.session.deleteMany({ where: { userId: user.id } });
    expect(await readSession(headersOf(cookie))).toBeNull();
  });

  it("leaves an expired session to better-auth, which deletes it", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.4"));
    await testDb.session.updateMany({ where: { token: tokenOf(cookie) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await readSession(headersOf(cookie))).toBeNull();
    expect(await testDb.session.count({ where: { token: tokenOf(cookie) } })).toBe(0);
  });

  it("leaves a session due for its hourly refresh to better-auth, which extends it to 12 hours from now", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.5"));
    // Last refreshed 61 minutes ago: 10 h 59 min left of 12 h.
    const stale = new Date(Date.now() + 12 * HOUR - 61 * 60_000);
    await testDb.session.updateMany({ where: { token: tokenOf(cookie) }, data: { expiresAt: stale } });
    const due = await withLibraryCalls(() => readSession(headersOf(cookie)));
    expect([due.value?.user.id, due.calls]).toEqual([user.id, 1]);
    const after = await testDb.session.findFirstOrThrow({ where: { token: tokenOf(cookie) } });
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + 12 * HOUR - 60_000);
    // Refreshed just now: the next request reads it in one statement again.
    const next = await withLibraryCalls(() => readSession(headersOf(cookie)));
    expect([next.value?.user.id, next.calls]).toEqual([user.id, 0]);
  });

  it("carries the pending second factor and the password change due", async () => {
    const user = await newAccount();
    const cookie = sessionCookie(await signIn({ email: user.email, password: PASSWORD }, "10.7.0.6"));
    await testDb.session.updateMany({ where: { token: tokenOf(cookie) }, data: { twoFactorPending: true } });
    const at = new Date("2026-11-30T08:00:00.000Z");
    await testDb.user.update({ where: { id: user.id }, data: { mustChangePassword: true, twoFactorEnabledAt: at } });
    expect(await readSession(headersOf(cookie))).toMatchObject({ twoFactorPending: true, user: { mustChangePassword: true, twoFactorEnabledAt: at } });
  });

  it("parses the Cookie header as better-auth does", () => {
    expect(cookieValue("a=1; b=2", "b")).toBe("2");
    expect(cookieValue("b=first; b=second", "b")).toBe("first");
    expect(cookieValue(' b = "x%2Fy" ', "b")).toBe("x/y");
    expect(cookieValue("b=%E0%A4%A", "b")).toBe("%E0%A4%A");
    expect(cookieValue("ab=1", "b")).toBeNull();
    expect(verifiedToken("tok", SECRET)).toBeNull();
    expect(verifiedToken(`tok.${createHmac("sha256", SECRET).update("tok").digest("base64")}`, SECRET)).toBe("tok");
  });
});
