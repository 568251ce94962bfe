import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db, dbProvider } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";

function createAuth() {
  const e = settings();
  const prisma = db();
  return betterAuth({
    secret: e.authSecret,
    baseURL: e.authUrl,
    database: prismaAdapter(prisma, { provider: dbProvider() }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made by an admin (or the seed); nobody signs themselves up.
      disableSignUp: true,
      minPasswordLength: 10,
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      // No cookie cache: every request reads the session row, so sign-out and disabling a user
      // take effect at once.
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: {
        // input: false: a user can never set their own role or state through the auth API.
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        locale: { type: "string", required: false, defaultValue: "nl", input: false },
        active: { type: "boolean", required: false, defaultValue: true, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: e.signInRateLimit },
      },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { active: true } });
            return user?.active ? { data: session } : false;
          },
        },
      },
    },
    advanced: {
      useSecureCookies: e.authUrl.startsWith("https://"),
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __dunningAuth?: Auth };

export function auth(): Auth {
  globalForAuth.__dunningAuth ??= createAuth();
  return globalForAuth.__dunningAuth;
}
