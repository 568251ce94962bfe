import { z } from "zod";

/** The default embedded database: a fresh clone runs with no server. */
export const DEFAULT_DATABASE_URL = "file:./data/dunning.db";

export class ConfigError extends Error {
  constructor(public readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = "ConfigError";
  }
}

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^file:.+/.test(v) || isPostgresUrl(v), {
    message: "must be file:<path> (SQLite) or postgres://user@host:port/database (PostgreSQL)",
  })
  .refine((v) => !isPostgresUrl(v) || canParseUrl(v), { message: "is not a valid PostgreSQL URL" });

const envSchema = z.object({
  DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
  BETTER_AUTH_SECRET: z
    .string({ error: "is not set: put a random string of 32 or more characters in .env (npm start creates one)" })
    .min(32, { error: "must be at least 32 characters long" }),
  BETTER_AUTH_URL: z.url({ error: "must be the URL users open, e.g. http://localhost:3000" }).default("http://localhost:3000"),
  APP_TIME_ZONE: z.string().default("Europe/Amsterdam"),
});

export type Env = z.infer<typeof envSchema>;

export function isPostgresUrl(url: string | undefined): boolean {
  return /^postgres(ql)?:\/\//.test(url ?? "");
}

function canParseUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.hostname.length > 0 && u.pathname.length > 1;
  } catch {
    return false;
  }
}

/** Parses the environment; throws one ConfigError naming the first bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const setting = String(issue.path[0] ?? "environment");
    throw new ConfigError(setting, issue.message);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
