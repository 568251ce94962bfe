import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures as in the Standard Webhooks specification (standardwebhooks.com), so a
 * receiver can use any of its libraries or the few lines of `verifyWebhookSignature`:
 *
 *   webhook-id:        the event id (the same on every retry: de-duplicate on it)
 *   webhook-timestamp: unix seconds of this attempt
 *   webhook-signature: "v1," + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))
 *
 * The secret reads "whsec_" + base64 of 32 random bytes; the HMAC key is those bytes. The body is
 * signed byte for byte as sent: a receiver must verify the raw body, before parsing it.
 */
export const SECRET_PREFIX = "whsec_";
/** The purpose the secrets are sealed under at rest (lib/users/secret-box.ts). */
export const WEBHOOK_SECRET_PURPOSE = "webhook-secret";

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

function hmac(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest("base64");
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${hmac(secret, id, timestamp, body)}`;
}

/** The three signature headers of one attempt. */
export function webhookHeaders(secret: string, id: string, now: Date, body: string): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signWebhook(secret, id, timestamp, body) };
}

/** Node's request headers, a fetch Headers object, or a plain record. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : record[key];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * For receivers (and the tests): true when the signature matches the raw body and the timestamp
 * lies within `toleranceSeconds` of `now` (a captured request cannot be replayed later). The
 * signature header may carry several space-separated "v1,<sig>" entries; one match suffices.
 */
export function verifyWebhookSignature(secret: string, headers: HeaderSource, body: string | Uint8Array, now: Date, toleranceSeconds = 300): boolean {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, id, Number(timestamp), body), "base64");
  return signatures.split(" ").some((entry) => {
    const [version, sig] = entry.split(",", 2);
    if (version !== "v1" || !sig) return false;
    const given = Buffer.from(sig, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
