import { beforeAll, describe, expect, it } from "vitest";
import { createUser as createUserWithPassword } from "@/lib/users/manage-users";
import { createUser } from "../factories/portfolio";
import { databaseUrl, testDb } from "./test-db";

// The auth module reads its settings from the environment: point it at this run's database.
process.env.DATABASE_URL = databaseUrl;
process.env.BETTER_AUTH_SECRET = "integration-secret-0123456789abcdefghijklmnop";
process.env.BETTER_AUTH_URL = "http://localhost:3999";
process.env.SIGN_IN_RATE_LIMIT = "5";
const { auth } = await import("@/server/auth");

const PASSWORD = "Correct-horse-42";
let email: string;

function signIn(body: Record<string, unknown>, ip: string) {
  return auth().handler(
    new Request("http://localhost:3999/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3999", "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
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
});
