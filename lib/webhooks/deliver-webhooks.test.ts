import { describe, expect, it } from "vitest";
import { isWebhookExhausted, WEBHOOK_RETRY_FOR_MS, webhookBody, webhookRetryDelayMs } from "./deliver-webhooks";

describe("webhook retry schedule", () => {
  it("backs off 30 s, 1, 5, 15 minutes, 1 hour, then hourly", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(webhookRetryDelayMs)).toEqual([30_000, 60_000, 300_000, 900_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it("gives up once the attempts span three days, not before", () => {
    let span = 0;
    let attempts = 1;
    while (!isWebhookExhausted(attempts)) span += webhookRetryDelayMs(attempts++);
    expect(span).toBeGreaterThanOrEqual(WEBHOOK_RETRY_FOR_MS);
    expect(span - webhookRetryDelayMs(attempts - 1)).toBeLessThan(WEBHOOK_RETRY_FOR_MS);
    // 30 s + 1 + 5 + 15 min + 1 h, then 71 hourly gaps: the 77th attempt is the last.
    expect(attempts).toBe(77);
  });

  it("builds the same body from the same stored event, with the payload as stored", () => {
    const event = { id: "e1", type: "payment.booked", occurredAt: new Date("2026-12-02T10:00:00.123Z"), debtorId: null, payload: '{"amountCents":"100","b":[1,2]}' };
    const body = webhookBody(event);
    expect(body).toBe(webhookBody({ ...event }));
    expect(JSON.parse(body)).toEqual({ id: "e1", type: "payment.booked", occurredAt: "2026-12-02T10:00:00.123Z", debtorId: null, data: { amountCents: "100", b: [1, 2] } });
  });
});
