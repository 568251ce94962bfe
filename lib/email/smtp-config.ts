import { z } from "zod";
import { ConfigError } from "@/lib/env/env";

/**
 * SMTP settings from the environment. Without SMTP_HOST the app keeps messages in the outbox as
 * "not delivered" (downloadable as .eml) instead of sending them.
 */
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

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1, { error: "must be a port number" }).max(65535, { error: "must be a port number" }).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_REQUIRE_TLS: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.email({ error: "must be an e-mail address, e.g. debiteuren@example.nl" }).default("debiteuren@localhost"),
  SMTP_FROM_NAME: z.string().max(100).default("Debiteurenbeheer"),
});

export function parseSmtpConfig(source: Record<string, string | undefined>): SmtpConfig | null {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k.startsWith("SMTP_") && v !== undefined && v !== ""));
  if (!cleaned.SMTP_HOST) return null;
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "SMTP"), issue.message);
  }
  const c = r.data;
  return {
    host: c.SMTP_HOST,
    port: c.SMTP_PORT,
    secure: c.SMTP_SECURE,
    requireTls: c.SMTP_REQUIRE_TLS,
    user: c.SMTP_USER,
    password: c.SMTP_PASSWORD,
    from: { name: c.SMTP_FROM_NAME.replace(/[\r\n]/g, " "), address: c.SMTP_FROM },
    messageIdDomain: c.SMTP_FROM.split("@")[1] ?? "localhost",
  };
}

let cached: { config: SmtpConfig | null } | undefined;
export function smtpConfig(): SmtpConfig | null {
  cached ??= { config: parseSmtpConfig(process.env) };
  return cached.config;
}
