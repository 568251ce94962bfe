import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, verifyWebhookSignature, webhookHeaders } from "./webhook-signature";

// A fixed secret: "whsec_" + base64 of the 32 bytes 0x00..0x1f.
const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const secret = `whsec_${key.toString("base64")}`;
const id = "3f6d6c1e-8d1b-4a7e-9c55-0f2f5a8c1b2d";
const body = '{"id":"3f6d6c1e-8d1b-4a7e-9c55-0f2f5a8c1b2d","type":"payment.booked","data":{"amountCents":"12100"}}';
const now = new Date("2026-12-02T10:00:00Z");
const ts = Math.floor(now.getTime() / 1000);

describe("webhook signatures (Standard Webhooks)", () => {
  it("signs HMAC-SHA256 over id.timestamp.body with the decoded secret, as a known vector", () => {
    const expected = `v1,${createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64")}`;
    expect(signWebhook(secret, id, ts, body)).toBe(expected);
    expect(webhookHeaders(secret, id, now, body)).toEqual({ "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": expected });
    // The key is the decoded bytes, not the text of the secret.
    expect(signWebhook(secret, id, ts, body)).not.toBe(`v1,${createHmac("sha256", secret).update(`${id}.${ts}.${body}`).digest("base64")}`);
  });

  it("verifies its own headers, from a plain record, node's lower-case headers or a fetch Headers object", () => {
    const headers = webhookHeaders(secret, id, now, body);
    expect(verifyWebhookSignature(secret, headers, body, now)).toBe(true);
    expect(verifyWebhookSignature(secret, new Headers(headers), Buffer.from(body), now)).toBe(true);
    expect(verifyWebhookSignature(secret, { "Webhook-Id": id, "Webhook-Timestamp": headers["webhook-timestamp"], "Webhook-Signature": headers["webhook-signature"] }, body, now)).toBe(true);
    // Several signatures (during a key change at the receiver): one match suffices.
    expect(verifyWebhookSignature(secret, { ...headers, "webhook-signature": `v1,AAAA ${headers["webhook-signature"]}` }, body, now)).toBe(true);
  });

  it("refuses a tampered body, another id, another secret and a missing header", () => {
    const headers = webhookHeaders(secret, id, now, body);
    expect(verifyWebhookSignature(secret, headers, body.replace("12100", "12101"), now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, "webhook-id": "another" }, body, now)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), headers, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { "webhook-id": id, "webhook-timestamp": headers["webhook-timestamp"] }, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, "webhook-signature": "v2," + headers["webhook-signature"].slice(3) }, body, now)).toBe(false);
  });

  it("refuses a timestamp outside the tolerance (a replayed capture), before or after", () => {
    const old = webhookHeaders(secret, id, new Date(now.getTime() - 301_000), body);
    expect(verifyWebhookSignature(secret, old, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, old, body, now, 600)).toBe(true);
    const early = webhookHeaders(secret, id, new Date(now.getTime() + 301_000), body);
    expect(verifyWebhookSignature(secret, early, body, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...webhookHeaders(secret, id, now, body), "webhook-timestamp": "1e9" }, body, now)).toBe(false);
  });

  it("makes secrets of 32 random bytes with the whsec_ prefix", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
