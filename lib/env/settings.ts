import { z } from "zod";

/**
 * Every setting the README lists, validated in one place. `settings()` is read by the doors
 * (server/, scripts); domain code gets the values it needs passed in. A bad configuration stops
 * the start with one message naming every bad setting, not only the first.
 */

/** The default embedded database: a fresh clone runs with no server. */
export const DEFAULT_DATABASE_URL = "file:./data/dunning.db";

export class ConfigError extends Error {
  constructor(public readonly problems: { setting: string; message: string }[]) {
    super(problems.map((p) => `${p.setting}: ${p.message}`).join("; "));
    this.name = "ConfigError";
  }
}

export type SmtpConfig = {
  host: string;
  port: number;
  /** implicit TLS (port 465); otherwise STARTTLS is used when the server offers it */
  secure: boolean;
  /** refuse to send without TLS */
  requireTls: boolean;
  user?: string;
  password?: string;
  from: { name: string; address: string };
  /** the domain of generated Message-IDs */
  messageIdDomain: string;
};

/** The creditor as it appears on letters and e-mails. */
export type CreditorSettings = { name: string; address: string | null; iban: string | null; email: string | null; phone: string | null };

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

function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

const int = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `must be a whole number (${what})` }).int({ error: `must be a whole number (${what})` }).min(min, { error: `must be between ${min} and ${max}` }).max(max, { error: `must be between ${min} and ${max}` });
const bool = z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).transform((v) => v === "true" || v === "1");
/**
 * TRUSTED_PROXIES: IP addresses and CIDR ranges, separated by commas. A range of everything
 * (`/0`) is refused: it would make every forwarded hop "trusted", so the client's own
 * left-most claim would win.
 */
const trustedProxyEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const trustedProxies = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s.length > 0))
  .superRefine((entries, ctx) => {
    const bad = entries.filter((e) => !trustedProxyEntry.safeParse(e).success || /\/0+$/.test(e));
    if (bad.length > 0) {
      ctx.addIssue({ code: "custom", message: `must be IP addresses or CIDR ranges of your reverse proxies, separated by commas (e.g. 127.0.0.1, 10.0.0.0/24); not: ${bad.join(", ")}` });
    }
  });
/** TWO_FACTOR_REQUIRED_FOR: roles that must sign in with a second factor, or "none". */
const TWO_FACTOR_ROLES = ["admin", "manager", "controller", "viewer"] as const;
const twoFactorRoles = z
  .string()
  .transform((v) => (v.trim().toLowerCase() === "none" ? [] : v.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0)))
  .refine((roles) => roles.every((r) => (TWO_FACTOR_ROLES as readonly string[]).includes(r)), {
    message: 'must be roles separated by commas (admin, manager, controller, viewer) or "none"',
  })
  .transform((roles) => roles as Array<(typeof TWO_FACTOR_ROLES)[number]>);
const optionalText = (max: number) => z.string().trim().max(max, { error: `must be at most ${max} characters` }).optional();

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^file:.+/.test(v) || isPostgresUrl(v), { message: "must be file:<path> (SQLite) or postgres://user@host:port/database (PostgreSQL)" })
    .refine((v) => !isPostgresUrl(v) || canParseUrl(v), { message: "is not a valid PostgreSQL URL" })
    .default(DEFAULT_DATABASE_URL),
  BETTER_AUTH_SECRET: z
    .string({ error: "is not set: put a random string of 32 or more characters in .env (npm start creates one)" })
    .min(32, { error: "must be at least 32 characters long" }),
  BETTER_AUTH_URL: z.url({ error: "must be the URL users open, e.g. http://localhost:3000" }).default("http://localhost:3000"),
  ADMIN_EMAIL: z.email({ error: "must be an e-mail address" }).optional(),
  ADMIN_PASSWORD: z.string().min(10, { error: "must be at least 10 characters long" }).max(128).optional(),
  ADMIN_NAME: optionalText(100),
  APP_TIME_ZONE: z.string().refine(isTimeZone, { message: "must be an IANA time zone, e.g. Europe/Amsterdam" }).default("Europe/Amsterdam"),
  SIGN_IN_RATE_LIMIT: int(1, 1000, "attempts per minute").default(5),
  API_READS_PER_MINUTE: int(1, 100_000, "requests per minute").default(600),
  API_WRITES_PER_MINUTE: int(1, 100_000, "requests per minute").default(120),
  TRUSTED_PROXIES: trustedProxies.default([]),
  TWO_FACTOR_REQUIRED_FOR: twoFactorRoles.default(["manager", "admin"]),
  DATABASE_POOL_SIZE: int(1, 100, "connections").default(4),
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  MAX_REQUESTS_IN_FLIGHT: int(0, 10_000, "requests (0: never turn any away)").default(32),
  PROMISE_GRACE_DAYS: int(0, 30, "days").default(2),
  COLLECTION_COSTS_VAT_PERCENT: int(0, 30, "percent").default(0),
  CREDITOR_NAME: optionalText(100),
  CREDITOR_ADDRESS: optionalText(300),
  CREDITOR_IBAN: z
    .string()
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .refine((v) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v), { message: "must be an IBAN, e.g. NL91ABNA0417164300" })
    .optional(),
  CREDITOR_EMAIL: z.email({ error: "must be an e-mail address" }).optional(),
  CREDITOR_PHONE: optionalText(40),
  DUNNING_RUN_AT: z
    .string()
    .trim()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, { message: 'must be a time HH:MM (e.g. 07:00) or "off"' })
    .transform((v) => (v === "off" ? null : { h: Number(v.slice(0, 2)), m: Number(v.slice(3, 5)) }))
    .default({ h: 7, m: 0 }),
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  BACKGROUND_JOBS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  SMTP_HOST: z.string().trim().optional(),
  SMTP_PORT: int(1, 65535, "a port number").default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_REQUIRE_TLS: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.email({ error: "must be an e-mail address, e.g. debiteuren@example.nl" }).default("debiteuren@localhost"),
  SMTP_FROM_NAME: z.string().max(100, { error: "must be at most 100 characters" }).default("Debiteurenbeheer"),
});

type Raw = z.infer<typeof schema>;
export type Settings = {
  databaseUrl: string;
  authSecret: string;
  authUrl: string;
  /** the first admin, created at start-up when no admin exists */
  admin: { email: string; password: string; name: string } | null;
  timeZone: string;
  signInRateLimit: number;
  /** REST API requests per token and minute (per server process) */
  apiRateLimit: { reads: number; writes: number };
  /**
   * reverse proxies (IPs, CIDR ranges) whose X-Forwarded-For / X-Real-IP is believed; empty: no
   * forwarded header is believed (see server/client-address.ts)
   */
  trustedProxies: string[];
  /** roles that must sign in with a second factor (TOTP); others may choose to */
  twoFactorRequiredFor: Array<"admin" | "manager" | "controller" | "viewer">;
  databasePoolSize: number;
  /** PostgreSQL: statements prepared once per connection (off behind a pooler that cannot keep them) */
  databasePreparedStatements: boolean;
  /** requests one web process works on at once before it turns page views away with 503 (0: never; server/load-shedding.ts) */
  maxRequestsInFlight: number;
  promiseGraceDays: number;
  /** VAT added to collection costs, for a creditor who cannot deduct VAT (0: none) */
  collectionCostsVatPercent: number;
  creditor: CreditorSettings;
  /** this process offers to run the background jobs (the multi-process start turns it off in the web processes) */
  backgroundJobs: boolean;
  /** local time of the daily dunning run, or null when it is off */
  dunningRunAt: { h: number; m: number } | null;
  /** null: no mail server; messages stay in the app as not delivered */
  smtp: SmtpConfig | null;
  /** webhooks may go to plain http addresses on other machines (otherwise https, or http to this machine only) */
  webhookAllowHttp: boolean;
};

/** Parses the environment; throws one ConfigError naming every bad setting. */
export function parseSettings(source: Record<string, string | undefined>): Settings {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k in schema.shape && v !== undefined && v.trim() !== ""));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const seen = new Set<string>();
    const problems = r.error.issues
      .map((i) => ({ setting: String(i.path[0] ?? "environment"), message: i.message }))
      .filter((p) => !seen.has(p.setting) && seen.add(p.setting));
    throw new ConfigError(problems);
  }
  const c = r.data;
  if ((c.ADMIN_EMAIL === undefined) !== (c.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError([{ setting: c.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL", message: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither" }]);
  }
  return toSettings(c, "SMTP_FROM" in cleaned);
}

/** The creditor's name when CREDITOR_NAME is not set: a fresh install that has not said who it is. */
export const DEFAULT_CREDITOR_NAME = "Dunning Workbench";

function toSettings(c: Raw, hasSmtpFrom: boolean): Settings {
  const creditorName = c.CREDITOR_NAME || DEFAULT_CREDITOR_NAME;
  return {
    databaseUrl: c.DATABASE_URL,
    authSecret: c.BETTER_AUTH_SECRET,
    authUrl: c.BETTER_AUTH_URL,
    admin: c.ADMIN_EMAIL && c.ADMIN_PASSWORD ? { email: c.ADMIN_EMAIL.toLowerCase(), password: c.ADMIN_PASSWORD, name: c.ADMIN_NAME || "Administrator" } : null,
    timeZone: c.APP_TIME_ZONE,
    signInRateLimit: c.SIGN_IN_RATE_LIMIT,
    apiRateLimit: { reads: c.API_READS_PER_MINUTE, writes: c.API_WRITES_PER_MINUTE },
    trustedProxies: c.TRUSTED_PROXIES,
    twoFactorRequiredFor: c.TWO_FACTOR_REQUIRED_FOR,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    databasePreparedStatements: c.DATABASE_PREPARED_STATEMENTS === "on",
    maxRequestsInFlight: c.MAX_REQUESTS_IN_FLIGHT,
    promiseGraceDays: c.PROMISE_GRACE_DAYS,
    collectionCostsVatPercent: c.COLLECTION_COSTS_VAT_PERCENT,
    creditor: { name: creditorName, address: c.CREDITOR_ADDRESS || null, iban: c.CREDITOR_IBAN ?? null, email: c.CREDITOR_EMAIL ?? (hasSmtpFrom ? c.SMTP_FROM : null), phone: c.CREDITOR_PHONE || null },
    backgroundJobs: c.BACKGROUND_JOBS === "on",
    dunningRunAt: c.DUNNING_RUN_AT,
    webhookAllowHttp: c.WEBHOOK_ALLOW_HTTP,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          secure: c.SMTP_SECURE,
          requireTls: c.SMTP_REQUIRE_TLS,
          user: c.SMTP_USER,
          password: c.SMTP_PASSWORD,
          from: { name: c.SMTP_FROM_NAME.replace(/[\r\n]/g, " "), address: c.SMTP_FROM },
          messageIdDomain: c.SMTP_FROM.split("@")[1] ?? "localhost",
        }
      : null,
  };
}

/** Only the SMTP part (tests and tools that talk to a mail server). */
export function parseSmtpConfig(source: Record<string, string | undefined>): SmtpConfig | null {
  const smtpOnly = Object.fromEntries(Object.entries(source).filter(([k]) => k.startsWith("SMTP_")));
  return parseSettings({ BETTER_AUTH_SECRET: "x".repeat(32), ...smtpOnly }).smtp;
}

let cached: Settings | undefined;
/** The process's settings, parsed once. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
