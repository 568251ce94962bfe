import { randomUUID } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitorPromises } from "@/lib/agreements/promise-monitoring";
import { startCall, type Actor as CallActor, type CallContext } from "@/lib/calls/call-drafts";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { createDb } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { runDunning } from "@/lib/dunning/run-dunning";
import { isDomainError } from "@/lib/errors/domain-error";
import { recordEvent, recordEvents, type EventType } from "@/lib/events/domain-events";
import { listEvents, SETTLE_MS } from "@/lib/events/event-feed";
import { addDays, calendarDateIn } from "@/lib/format/calendar-date";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { deliverDueWebhooks, WEBHOOK_BACKOFF_MS, type DeliverOptions } from "@/lib/webhooks/deliver-webhooks";
import { createWebhookSubscription, retryWebhookDelivery, updateWebhookSubscription, type WebhookContext } from "@/lib/webhooks/manage-webhooks";
import { listWebhookDeliveries, listWebhookSubscriptions } from "@/lib/webhooks/webhook-queries";
import { CreateWebhookSubscriptionInput } from "@/lib/webhooks/webhook-schemas";
import { verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { databaseUrl, provider, testDb } from "./test-db";

/**
 * Webhooks against a real local HTTP receiver (node:http on a random port) that each test makes
 * down, slow, failing or fine; events from the real use cases; the polling feed's paging. The
 * database is shared with the other files: every assertion is scoped to this test's subscribers,
 * events or debtors, and the worker is pointed at this test's subscribers only.
 */
const APP_SECRET = "webhook-test-secret-0123456789abcdefghij";
const TZ = "Europe/Amsterdam";

type Received = { headers: IncomingHttpHeaders; body: string; at: Date };
type Handler = (r: Received) => Promise<number> | number;

/** A receiver whose answer the test chooses; keeps every request it got, answered or not. */
class Receiver {
  received: Received[] = [];
  handler: Handler = () => 200;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: new Date() };
      this.received.push(r);
      Promise.resolve(this.handler(r))
        .then((status) => {
          if (!res.destroyed) res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
        })
        .catch(() => res.destroy());
    });
  });
  port = 0;

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  of(eventId: string): Received[] {
    return this.received.filter((r) => r.headers["webhook-id"] === eventId);
  }
}

/** A port nothing listens on (for now): connection refused. */
async function closedPort(): Promise<number> {
  const r = await new Receiver().listen();
  const port = r.port;
  await r.close();
  return port;
}

let admin: { id: string; role: "admin" };
const receivers: Receiver[] = [];
const subscriptionIds: string[] = [];

beforeAll(async () => {
  const u = await createUser(testDb, "admin");
  admin = { id: u.id, role: "admin" };
});
afterAll(async () => {
  // Later files record events too: leave no active subscriber of this file behind.
  await testDb.webhookSubscription.updateMany({ where: { id: { in: subscriptionIds } }, data: { active: false } });
  await Promise.all(receivers.map((r) => r.close().catch(() => {})));
});

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().listen();
  receivers.push(r);
  return r;
}

const ctx = (extra: Partial<WebhookContext> = {}): WebhookContext => ({ appSecret: APP_SECRET, allowHttp: false, now: new Date(), ...extra });

async function subscribe(url: string, events: readonly EventType[] = ["payment.booked"], name = `Test ${randomUUID().slice(0, 8)}`) {
  const input = CreateWebhookSubscriptionInput.parse({ name, url, events, idempotencyKey: randomUUID() });
  const r = await createWebhookSubscription(testDb, admin, input, ctx());
  subscriptionIds.push(r.id);
  return { id: r.id, secret: r.secret };
}

async function event(type: EventType = "payment.booked", debtorId: string | null = null): Promise<string> {
  return testDb.$transaction((tx) => recordEvent(tx, { type, debtorId, data: { amountCents: 12_100n, note: "é ü 😀", list: ["a", "b"] } }));
}

const deliver = (subscriptionId: string, extra: Partial<DeliverOptions> = {}) => deliverDueWebhooks(testDb, { appSecret: APP_SECRET, subscriptionIds: [subscriptionId], ...extra });
const deliveryOf = (subscriptionId: string, eventId: string) => testDb.webhookDelivery.findUniqueOrThrow({ where: { subscriptionId_eventId: { subscriptionId, eventId } } });
const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

function expectSigned(r: Received, secret: string) {
  expect(r.headers["content-type"]).toBe("application/json");
  const attemptAt = new Date(Number(r.headers["webhook-timestamp"]) * 1000);
  expect(verifyWebhookSignature(secret, r.headers, r.body, attemptAt)).toBe(true);
  expect(verifyWebhookSignature(secret, r.headers, r.body.replace(/}$/, ',"x":1}'), attemptAt)).toBe(false);
}

describe("webhook delivery against a local receiver", () => {
  it("receiver down (connection refused), then up: retried, then delivered exactly once", async () => {
    const port = await closedPort();
    const sub = await subscribe(`http://127.0.0.1:${port}/hooks`);
    const id = await event();
    const t0 = new Date();
    expect(await deliver(sub.id, { now: t0 })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const waiting = await deliveryOf(sub.id, id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "connection refused", lastStatusCode: null, leaseUntil: null });
    expect(waiting.nextAttemptAt.getTime()).toBe(t0.getTime() + WEBHOOK_BACKOFF_MS[0]);
    // Not due yet: nothing is sent.
    expect(await deliver(sub.id, { now: t0 })).toEqual({ delivered: 0, retried: 0, failed: 0 });

    const up = new Receiver();
    receivers.push(up);
    await up.listen(port);
    expect(await deliver(sub.id, { now: later(WEBHOOK_BACKOFF_MS[0], t0) })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliver(sub.id, { now: later(3_600_000, t0) })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(up.of(id)).toHaveLength(1);
    expectSigned(up.of(id)[0]!, sub.secret);
    const done = await deliveryOf(sub.id, id);
    expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(done.deliveredAt).not.toBeNull();
  });

  it("slow receiver beyond the time-out: retried with the same bytes, not lost", async () => {
    const r = await receiver();
    let slow = true;
    r.handler = async () => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 1_500));
      return 200;
    };
    const sub = await subscribe(r.url);
    const id = await event();
    const t0 = new Date();
    expect(await deliver(sub.id, { now: t0, timeoutMs: 300 })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const waiting = await deliveryOf(sub.id, id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "no answer within 300 ms" });
    expect(waiting.lastDurationMs).toBeGreaterThanOrEqual(250);
    slow = false;
    expect(await deliver(sub.id, { now: later(WEBHOOK_BACKOFF_MS[0], t0), timeoutMs: 300 })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    // The slow receiver got the first attempt too (its answer came too late): both carry the same
    // webhook-id and body, so the receiver drops the repeat.
    const got = r.of(id);
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(got[0]!.body);
    for (const g of got) expectSigned(g, sub.secret);
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
  });

  it("500 then 200: delivered once, the signature verifies, the body is byte-identical", async () => {
    const r = await receiver();
    const seen = new Set<string>();
    r.handler = (req) => {
      const first = !seen.has(String(req.headers["webhook-id"]));
      seen.add(String(req.headers["webhook-id"]));
      return first ? 500 : 200;
    };
    const sub = await subscribe(r.url);
    const id = await event();
    const t0 = new Date();
    expect(await deliver(sub.id, { now: t0 })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "pending", lastStatusCode: 500, lastError: "HTTP 500" });
    expect(await deliver(sub.id, { now: later(WEBHOOK_BACKOFF_MS[0], t0) })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliver(sub.id, { now: later(86_400_000, t0) })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const got = r.of(id);
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(got[0]!.body);
    for (const g of got) expectSigned(g, sub.secret);
    const body = JSON.parse(got[1]!.body) as Record<string, unknown>;
    expect(body).toEqual({ id, type: "payment.booked", occurredAt: expect.any(String), debtorId: null, data: { amountCents: "12100", note: "é ü 😀", list: ["a", "b"] } });
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
  });

  it("two workers (two database clients) racing on the same due deliveries: each event received once", async () => {
    const r = await receiver();
    r.handler = async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return 200;
    };
    const sub = await subscribe(r.url);
    const ids = await testDb.$transaction((tx) => recordEvents(tx, Array.from({ length: 30 }, (_, i) => ({ type: "payment.booked" as const, debtorId: null, data: { n: i } }))));
    const other = createDb(databaseUrl);
    try {
      const now = new Date();
      const results = await Promise.all([
        deliverDueWebhooks(testDb, { appSecret: APP_SECRET, subscriptionIds: [sub.id], now }),
        deliverDueWebhooks(other, { appSecret: APP_SECRET, subscriptionIds: [sub.id], now }),
        deliverDueWebhooks(testDb, { appSecret: APP_SECRET, subscriptionIds: [sub.id], now, concurrency: 2 }),
        deliverDueWebhooks(other, { appSecret: APP_SECRET, subscriptionIds: [sub.id], now, concurrency: 8 }),
      ]);
      expect(results.reduce((s, x) => s + x.delivered, 0)).toBe(30);
      expect(results.reduce((s, x) => s + x.retried + x.failed, 0)).toBe(0);
    } finally {
      await other.$disconnect();
    }
    for (const id of ids) expect(r.of(id), id).toHaveLength(1);
    expect(await testDb.webhookDelivery.count({ where: { subscriptionId: sub.id, status: "delivered", attempts: 1 } })).toBe(30);
  });

  it("a worker killed mid-send: its lease runs out and the next pass delivers", async () => {
    const r = await receiver();
    const sub = await subscribe(r.url);
    const id = await event();
    const t0 = new Date();
    // As a worker leaves it when killed after claiming.
    await testDb.webhookDelivery.update({ where: { subscriptionId_eventId: { subscriptionId: sub.id, eventId: id } }, data: { status: "sending", attempts: 1, leaseUntil: later(60_000, t0) } });
    expect(await deliver(sub.id, { now: t0 })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(await deliver(sub.id, { now: later(61_000, t0) })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(r.of(id)).toHaveLength(1);
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("gives up after three days of refusals, visibly; a person's retry delivers it", async () => {
    const r = await receiver();
    let accept = false;
    r.handler = () => (accept ? 204 : 503);
    const sub = await subscribe(r.url);
    const id = await event();
    const t0 = new Date();
    // Three days of refusals on the schedule: the 77th attempt is the last.
    await testDb.webhookDelivery.update({ where: { subscriptionId_eventId: { subscriptionId: sub.id, eventId: id } }, data: { attempts: 75 } });
    expect(await deliver(sub.id, { now: t0 })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await deliver(sub.id, { now: later(3_600_000, t0) })).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "failed", attempts: 77, lastStatusCode: 503, lastError: "HTTP 503" });
    // Failed stays failed.
    expect(await deliver(sub.id, { now: later(30 * 86_400_000, t0) })).toEqual({ delivered: 0, retried: 0, failed: 0 });

    const log = await listWebhookDeliveries(testDb, admin, { subscriptionId: sub.id });
    expect(log[0]).toMatchObject({ eventId: id, eventType: "payment.booked", status: "failed", attempts: 77, lastStatusCode: 503, lastError: "HTTP 503" });
    expect(log[0]!.lastDurationMs).toEqual(expect.any(Number));

    const manager = await createUser(testDb, "manager");
    await expect(retryWebhookDelivery(testDb, { id: manager.id, role: "manager" }, { deliveryId: log[0]!.id }, ctx())).rejects.toMatchObject({ code: "forbidden" });
    const t1 = new Date();
    expect(await retryWebhookDelivery(testDb, admin, { deliveryId: log[0]!.id }, ctx({ now: t1 }))).toEqual({ requeued: true });
    // A double click: already queued, nothing changes.
    expect(await retryWebhookDelivery(testDb, admin, { deliveryId: log[0]!.id }, ctx({ now: t1 }))).toEqual({ requeued: false });
    accept = true;
    expect(await deliver(sub.id, { now: t1 })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliveryOf(sub.id, id)).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    expect(r.of(id).filter((g) => g.at >= t1)).toHaveLength(1);
    await expect(retryWebhookDelivery(testDb, admin, { deliveryId: log[0]!.id }, ctx())).rejects.toMatchObject({ code: "invalid" });
    expect(await testDb.auditLog.count({ where: { action: "webhook.retry", entityId: log[0]!.id } })).toBe(1);
  });
});

describe("subscribers", () => {
  it("a subscriber gets only the types it subscribed to; a switched-off one gets nothing, also not later", async () => {
    const r = await receiver();
    const payments = await subscribe(r.url, ["payment.booked"]);
    const disputes = await subscribe(r.url, ["dispute.opened", "promise.broken"]);
    const off = await subscribe(r.url, ["payment.booked", "dispute.opened"]);
    await updateWebhookSubscription(testDb, admin, { subscriptionId: off.id, active: false }, ctx());
    const paid = await event("payment.booked");
    const disputed = await event("dispute.opened");
    const kept = await event("promise.kept");
    const deliveries = await testDb.webhookDelivery.findMany({ where: { eventId: { in: [paid, disputed, kept] } }, select: { subscriptionId: true, eventId: true } });
    const mine = (subscriptionId: string) => deliveries.filter((d) => d.subscriptionId === subscriptionId).map((d) => d.eventId);
    expect(mine(payments.id)).toEqual([paid]);
    expect(mine(disputes.id)).toEqual([disputed]);
    expect(mine(off.id)).toEqual([]);
    await deliver(payments.id);
    await deliver(disputes.id);
    await deliver(off.id);
    expect(r.received.filter((g) => [paid, disputed, kept].includes(String(g.headers["webhook-id"]))).map((g) => g.headers["webhook-id"]).sort()).toEqual([paid, disputed].sort());

    const listed = await listWebhookSubscriptions(testDb, admin);
    expect(listed.find((s) => s.id === off.id)).toMatchObject({ active: false, counts: { pending: 0, delivered: 0, failed: 0 } });
    expect(listed.find((s) => s.id === payments.id)).toMatchObject({ active: true, events: ["payment.booked"], counts: { delivered: 1 } });
    expect(JSON.stringify(listed)).not.toContain("whsec_");
  });

  it("https only (http to this machine, or with the setting); the secret is sealed, shown once, and a replay of the submit gets the same one", async () => {
    const input = (url: string, key = randomUUID()) => CreateWebhookSubscriptionInput.parse({ name: "ERP", url, events: ["payment.booked"], idempotencyKey: key });
    const refused = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        if (isDomainError(e)) return e.fieldErrors;
      }
      throw new Error("expected a refusal");
    };
    expect(await refused(createWebhookSubscription(testDb, admin, input("http://erp.example.test/hooks"), ctx()))).toEqual({ url: ["webhooks.errors.https"] });
    expect(await refused(createWebhookSubscription(testDb, admin, input("https://user:pw@erp.example.test/hooks"), ctx()))).toEqual({ url: ["webhooks.errors.credentials"] });
    expect(CreateWebhookSubscriptionInput.safeParse({ name: "x", url: "ftp://erp.example.test", events: ["payment.booked"], idempotencyKey: randomUUID() }).success).toBe(false);
    expect(CreateWebhookSubscriptionInput.safeParse({ name: "x", url: "https://erp.example.test", events: [], idempotencyKey: randomUUID() }).success).toBe(false);
    const viaSetting = await createWebhookSubscription(testDb, admin, input("http://erp.example.test/hooks"), ctx({ allowHttp: true }));
    subscriptionIds.push(viaSetting.id);
    await testDb.webhookSubscription.update({ where: { id: viaSetting.id }, data: { active: false } });

    const key = randomUUID();
    const [a, b] = await Promise.all([createWebhookSubscription(testDb, admin, input("https://erp.example.test/hooks", key), ctx()), createWebhookSubscription(testDb, admin, input("https://erp.example.test/hooks", key), ctx())]);
    subscriptionIds.push(a.id);
    await updateWebhookSubscription(testDb, admin, { subscriptionId: a.id, active: false }, ctx());
    expect(b.id).toBe(a.id);
    expect(b.secret).toBe(a.secret);
    expect(a.secret).toMatch(/^whsec_/);
    expect(await testDb.webhookSubscription.count({ where: { id: key } })).toBe(1);
    const row = await testDb.webhookSubscription.findUniqueOrThrow({ where: { id: key } });
    expect(row.secretSealed).not.toContain(a.secret.slice(6, 20));
    // The same key from another admin, or for another address, is not the same submit.
    const other = await createUser(testDb, "admin");
    await expect(createWebhookSubscription(testDb, { id: other.id, role: "admin" }, input("https://erp.example.test/hooks", key), ctx())).rejects.toMatchObject({ code: "conflict" });
    await expect(createWebhookSubscription(testDb, admin, input("https://other.example.test/hooks", key), ctx())).rejects.toMatchObject({ code: "conflict" });
    // Only admins manage subscribers.
    const manager = await createUser(testDb, "manager");
    await expect(createWebhookSubscription(testDb, { id: manager.id, role: "manager" }, input("https://erp.example.test/hooks"), ctx())).rejects.toMatchObject({ code: "forbidden" });
    await expect(listWebhookSubscriptions(testDb, { id: manager.id, role: "manager" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("events from the use cases", () => {
  it("each of the six event types is emitted by its use case, in its transaction, and fanned out", async () => {
    const r = await receiver();
    const all = await subscribe(r.url, ["agreement.made", "promise.kept", "promise.broken", "dispute.opened", "payment.booked", "dunning.step_sent"]);
    const now = new Date();
    const today = calendarDateIn(now, TZ);
    const callCtx: CallContext = { now, today, timeZone: TZ, creditorName: "Testcrediteur B.V.", messageIdDomain: "test.local", smtpConfigured: false };
    const u = await createUser(testDb, "controller");
    const actor: CallActor = { id: u.id, role: "controller", name: u.name, email: u.email };
    const debtorWith = async (euros: number[]) => {
      const debtor = await createDebtor(testDb, { assignedControllerId: actor.id });
      const invoices = [];
      for (const e of euros) invoices.push(await createInvoice(testDb, debtor.id, { dueDate: addDays(today, -40), amountCents: e * 100 }));
      await recomputeDebtorBalances(testDb, [debtor.id]);
      await createContact(testDb, debtor.id);
      return { debtor: await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } }), invoices };
    };
    const finish = async (debtorId: string, result: Record<string, unknown>) => {
      const call = await startCall(testDb, actor, { debtorId, idempotencyKey: randomUUID() });
      const debtor = await testDb.debtor.findUniqueOrThrow({ where: { id: debtorId } });
      return finishCall(testDb, actor, FinishCallInput.parse({ callId: call.callId, version: call.version, debtorVersion: debtor.version, outcome: "reached", result }), callCtx);
    };
    const eventsOf = (debtorId: string) => testDb.domainEvent.findMany({ where: { debtorId }, orderBy: { seq: "asc" } });
    const data = (e: { payload: string }) => JSON.parse(e.payload) as Record<string, unknown>;

    // agreement.made, then payment.booked and promise.kept when it is paid in full.
    const kept = await debtorWith([500]);
    const agreed = await finish(kept.debtor.id, { kind: "promise", amount: "500", dueDate: addDays(today, 7), method: "bank_transfer", invoiceIds: [kept.invoices[0]!.id] });
    await recordPayment(testDb, actor, { debtorId: kept.debtor.id, amount: 50_000n, valueDate: today, reference: "betaling", method: "bank_transfer", invoiceIds: [], idempotencyKey: randomUUID() }, { now, today, timeZone: TZ, graceDays: 2 });
    const keptEvents = await eventsOf(kept.debtor.id);
    expect(keptEvents.map((e) => e.type)).toEqual(["agreement.made", "payment.booked", "promise.kept"]);
    expect(data(keptEvents[0]!)).toMatchObject({ agreementId: agreed.agreementId, kind: "promise", totalCents: "50000", currency: "EUR", needsApproval: false, instalments: [{ dueDate: addDays(today, 7), amountCents: "50000" }], invoiceIds: [kept.invoices[0]!.id] });
    expect(data(keptEvents[1]!)).toMatchObject({ amountCents: "50000", currency: "EUR", valueDate: today, source: "manual", allocations: [{ invoiceId: kept.invoices[0]!.id, kind: "principal", amountCents: "50000" }], unallocatedCents: "0" });
    expect(data(keptEvents[2]!)).toMatchObject({ agreementId: agreed.agreementId, kind: "promise", paidCents: "50000", instalments: [{ seq: 1, status: "kept", paidCents: "50000" }] });

    // promise.broken: the date plus the grace days passed without money.
    const broken = await debtorWith([300]);
    const promised = await finish(broken.debtor.id, { kind: "promise", amount: "300", dueDate: addDays(today, 3), method: "bank_transfer", invoiceIds: [broken.invoices[0]!.id] });
    await monitorPromises(testDb, { today: addDays(today, 10), graceDays: 2, timeZone: TZ, debtorIds: [broken.debtor.id] });
    const brokenEvents = await eventsOf(broken.debtor.id);
    expect(brokenEvents.map((e) => e.type)).toEqual(["agreement.made", "promise.broken"]);
    expect(data(brokenEvents[1]!)).toMatchObject({ agreementId: promised.agreementId, paidCents: "0", instalments: [{ seq: 1, status: "broken" }] });
    // A rerun changes nothing and records nothing.
    await monitorPromises(testDb, { today: addDays(today, 11), graceDays: 2, timeZone: TZ, debtorIds: [broken.debtor.id] });
    expect(await testDb.domainEvent.count({ where: { debtorId: broken.debtor.id } })).toBe(2);

    // dispute.opened: one per disputed invoice.
    const disputed = await debtorWith([400, 200]);
    await finish(disputed.debtor.id, { kind: "dispute", reason: "goods", description: "Kapot geleverd", invoices: disputed.invoices.map((i) => ({ invoiceId: i.id, amount: "100" })) });
    const disputeEvents = await eventsOf(disputed.debtor.id);
    expect(disputeEvents.map((e) => e.type)).toEqual(["dispute.opened", "dispute.opened"]);
    const disputes = await testDb.dispute.findMany({ where: { debtorId: disputed.debtor.id }, select: { id: true } });
    expect(disputeEvents.map((e) => data(e).disputeId).sort()).toEqual(disputes.map((d) => d.id).sort());
    expect(data(disputeEvents[0]!)).toMatchObject({ reason: "goods", disputedCents: "10000", openedOn: today });

    // dunning.step_sent: one per communication of the run, written with the batch.
    const dunned = await debtorWith([900]);
    const runDate = "2034-05-10";
    await runDunning(testDb, { today: runDate, timeZone: TZ, now: new Date(`${runDate}T05:00:00Z`), creditor: { name: "Test B.V.", address: null, iban: null, email: null, phone: null }, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
    const communications = await testDb.dunningCommunication.findMany({ where: { debtorId: dunned.debtor.id } });
    expect(communications).toHaveLength(1);
    const stepEvents = await eventsOf(dunned.debtor.id);
    expect(stepEvents.map((e) => e.type)).toEqual(["dunning.step_sent"]);
    const c = communications[0]!;
    expect(data(stepEvents[0]!)).toEqual({
      communicationId: c.id, level: c.level, stepCode: c.stepCode, template: c.template, channel: c.channel, runDate, invoiceNumbers: [dunned.invoices[0]!.number], currency: "EUR",
      principalCents: c.principalCents.toString(), interestCents: c.interestCents.toString(), costsCents: c.costsCents.toString(), payByDate: c.payByDate,
    });

    // Every one of these events has exactly one delivery for the subscriber of all types, and goes out signed.
    const ids = [...keptEvents, ...brokenEvents, ...disputeEvents, ...stepEvents].map((e) => e.id);
    expect(new Set((await testDb.domainEvent.findMany({ where: { id: { in: ids } }, select: { type: true } })).map((e) => e.type)).size).toBe(6);
    expect(await testDb.webhookDelivery.count({ where: { subscriptionId: all.id, eventId: { in: ids } } })).toBe(ids.length);
    // (The run dunned the other files' debtors too: their steps are queued for this subscriber as well.)
    for (let i = 0; i < 50 && (await testDb.webhookDelivery.count({ where: { subscriptionId: all.id, status: "pending" } })) > 0; i++) await deliver(all.id, { limit: 200, concurrency: 10 });
    for (const id of ids) {
      expect(r.of(id), id).toHaveLength(1);
      expectSigned(r.of(id)[0]!, all.secret);
    }
  });

  it("an event and its deliveries exist only when the change committed", async () => {
    const r = await receiver();
    const sub = await subscribe(r.url, ["payment.booked"]);
    const debtorId = `rollback-${randomUUID()}`;
    let id = "";
    await expect(
      testDb.$transaction(async (tx) => {
        id = await recordEvent(tx, { type: "payment.booked", debtorId, data: {} });
        expect(await tx.webhookDelivery.count({ where: { subscriptionId: sub.id, eventId: id } })).toBe(1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await testDb.domainEvent.count({ where: { debtorId } })).toBe(0);
    expect(await testDb.webhookDelivery.count({ where: { eventId: id } })).toBe(0);
  });
});

describe("the polling feed", () => {
  it("pages by cursor without gaps or repeats, filtered by debtor and type", async () => {
    const debtorId = `feed-${randomUUID()}`;
    const types: EventType[] = ["payment.booked", "dispute.opened", "promise.kept"];
    const written: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      written.push(...(await testDb.$transaction((tx) => recordEvents(tx, Array.from({ length: 5 }, (_, i) => ({ type: types[(batch * 5 + i) % 3]!, debtorId, data: { n: batch * 5 + i } }))))));
    }
    const now = later(SETTLE_MS + 1_000);
    const page = async (after: number | undefined, limit: number, only?: EventType[]) => listEvents(testDb, { after, limit, debtorId, types: only, now, provider });
    const seen: string[] = [];
    let cursor: number | undefined;
    for (let i = 0; i < 10; i++) {
      const p = await page(cursor, 7);
      seen.push(...p.events.map((e) => e.id));
      if (p.events.length === 0) {
        expect(p.nextCursor).toBe(cursor ?? null);
        break;
      }
      expect(p.events.map((e) => e.seq)).toEqual([...p.events.map((e) => e.seq)].sort((a, b) => a - b));
      cursor = p.nextCursor!;
    }
    expect(seen).toEqual(written);
    const first = await page(undefined, 500);
    expect(first.events[0]).toMatchObject({ id: written[0], type: "payment.booked", debtorId, data: { n: 0 } });
    expect(first.events.every((e) => typeof e.occurredAt === "string")).toBe(true);

    const onlyDisputes: string[] = [];
    cursor = undefined;
    for (let p = await page(cursor, 2, ["dispute.opened"]); p.events.length; p = await page(cursor, 2, ["dispute.opened"])) {
      onlyDisputes.push(...p.events.map((e) => e.id));
      cursor = p.nextCursor!;
    }
    expect(onlyDisputes).toEqual(written.filter((_, i) => i % 3 === 1));
  });

  it("on PostgreSQL hands out only settled events, and never one beyond a younger one", async () => {
    const debtorId = `feed-${randomUUID()}`;
    const t0 = new Date();
    const [a] = await testDb.$transaction((tx) => recordEvents(tx, [{ type: "payment.booked", debtorId, data: {} }], t0));
    const q = (now: Date, p: "sqlite" | "postgresql") => listEvents(testDb, { debtorId, limit: 10, now, provider: p });
    expect((await q(t0, "postgresql")).events).toEqual([]);
    expect((await q(t0, "postgresql")).nextCursor).toBeNull();
    expect((await q(later(SETTLE_MS + 1_000, t0), "postgresql")).events.map((e) => e.id)).toEqual([a]);
    // SQLite commits in order: no wait.
    expect((await q(t0, "sqlite")).events.map((e) => e.id)).toEqual([a]);
    // An event dated ahead (a clock that jumped) holds back the ones after it: no gap behind the cursor.
    const [ahead] = await testDb.$transaction((tx) => recordEvents(tx, [{ type: "payment.booked", debtorId, data: {} }]));
    const [b] = await testDb.$transaction((tx) => recordEvents(tx, [{ type: "payment.booked", debtorId, data: {} }]));
    const dated = await testDb.domainEvent.update({ where: { id: ahead }, data: { occurredAt: later(3_600_000, t0) } });
    try {
      expect((await q(later(SETTLE_MS + 1_000), "postgresql")).events.map((e) => e.id)).toEqual([a]);
      expect((await q(later(3_600_000 + SETTLE_MS + 1_000, t0), "postgresql")).events.map((e) => e.id)).toEqual([a, ahead, b]);
    } finally {
      // The database is shared: do not hold back other files' feeds.
      await testDb.domainEvent.update({ where: { id: ahead }, data: { occurredAt: new Date(dated.occurredAt.getTime() - 3_600_000 - 60_000) } });
    }
  });

  it.runIf(provider === "postgresql")("a lower number committed after a higher one is not skipped (PostgreSQL, two open transactions)", async () => {
    const debtorId = `feed-${randomUUID()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const lowerTaken = new Promise<void>((resolve) => (recorded = resolve));
    // Transaction 1 takes the lower number and stays open; transaction 2 takes the next and commits.
    const slow = testDb.$transaction(async (tx) => {
      const [id] = await recordEvents(tx, [{ type: "payment.booked", debtorId, data: { tx: 1 } }]);
      recorded();
      await held;
      return id!;
    });
    await lowerTaken;
    const [fast] = await testDb.$transaction((tx) => recordEvents(tx, [{ type: "payment.booked", debtorId, data: { tx: 2 } }]));
    const visibleNow = await listEvents(testDb, { debtorId, limit: 10, now: new Date(), provider: "postgresql" });
    expect(visibleNow.events).toEqual([]);
    // The naive read (no settling) would hand out the higher number alone and move past the lower one.
    expect((await listEvents(testDb, { debtorId, limit: 10, now: new Date(), provider: "sqlite" })).events.map((e) => e.id)).toEqual([fast]);
    release();
    const lower = await slow;
    const settled = await listEvents(testDb, { debtorId, limit: 10, now: later(SETTLE_MS + 1_000), provider: "postgresql" });
    expect(settled.events.map((e) => e.id)).toEqual([lower, fast]);
  });
});
