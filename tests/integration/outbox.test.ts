import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKOFF_MS, RETRY_FOR_MS, enqueueEmail, messageIdFor, processOutbox, smtpTransport, toEml } from "@/lib/email/outbox";
import { getDeliverableEmail } from "@/lib/email/email-queries";
import { parseSmtpConfig, type SmtpConfig } from "@/lib/env/settings";
import { createDebtor } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * A real local SMTP server whose answer each test chooses: accept, 421/451 (temporary), 550
 * (permanent). Messages it accepts are parsed and kept.
 */
let mode: "accept" | "421" | "451" | "550" = "accept";
const received: Array<{ to: string[]; messageId?: string; subject?: string; text?: string; attachments: Array<{ filename?: string; contentType: string; content: Buffer }> }> = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(_address, _session, cb) {
    if (mode === "550") return cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
    if (mode === "421" || mode === "451") return cb(Object.assign(new Error("try again later"), { responseCode: Number(mode) }));
    cb();
  },
  onData(stream, session, cb) {
    simpleParser(stream)
      .then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: mail.messageId, subject: mail.subject, text: mail.text, attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) });
        cb();
      })
      .catch(cb);
  },
});
let config: SmtpConfig;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  config = parseSmtpConfig({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SMTP_FROM: "debiteuren@test.local" })!;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function queued(subject: string) {
  const debtor = await createDebtor(testDb);
  const key = `test:${subject}:${Date.now()}:${Math.random()}`;
  return testDb.emailOutbox.create({
    data: { debtorId: debtor.id, toAddress: "klant@example.test", toName: "Jeroen\r\nBcc: evil@example.test", subject: `${subject}\r\nBcc: evil@example.test`, body: "Beste Jeroen,\n\nZoals besproken.", status: "pending", idempotencyKey: key, messageId: messageIdFor(key, "test.local") },
  });
}

describe("outbox worker against a local SMTP server", () => {
  it("sends a message's attachment as stored, also after a temporary refusal, and puts it in the .eml", async () => {
    const debtor = await createDebtor(testDb);
    // A few bytes that are not text, to see they arrive unchanged.
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, 0x80]);
    const key = `test:attachment:${Date.now()}`;
    const id = await enqueueEmail(testDb, { debtorId: debtor.id, to: { address: "klant@example.test", name: "Klant" }, subject: "Rekeningoverzicht", body: "In de bijlage.", kind: "document", state: "send", idempotencyKey: key, createdById: null, attachments: [{ filename: "rekeningoverzicht-010042.pdf", contentType: "application/pdf", content: pdf }] }, { messageIdDomain: "test.local", smtpConfigured: true });
    const transport = smtpTransport(config);
    mode = "451";
    expect((await processOutbox(testDb, transport, config.from, { ids: [id] })).retried).toBe(1);
    mode = "accept";
    await testDb.emailOutbox.update({ where: { id }, data: { nextAttemptAt: new Date(0) } });
    expect((await processOutbox(testDb, transport, config.from, { ids: [id] })).sent).toBe(1);
    const got = received.find((m) => m.messageId === messageIdFor(key, "test.local"))!;
    expect(got.text?.trim()).toBe("In de bijlage.");
    expect(got.attachments).toHaveLength(1);
    expect(got.attachments[0]!.filename).toBe("rekeningoverzicht-010042.pdf");
    expect(got.attachments[0]!.contentType).toBe("application/pdf");
    expect([...got.attachments[0]!.content]).toEqual([...pdf]);

    const row = (await getDeliverableEmail(testDb, id))!;
    const eml = (await toEml(row, config.from)).toString("latin1");
    expect(eml).toContain('filename=rekeningoverzicht-010042.pdf');
    expect(eml).toContain(Buffer.from(pdf).toString("base64"));
  });


  it("sends a pending message once, with its deterministic Message-ID and only the intended recipient", async () => {
    mode = "accept";
    const row = await queued("Bevestiging");
    const transport = smtpTransport(config);
    const first = await processOutbox(testDb, transport, config.from, { ids: [row.id] });
    const second = await processOutbox(testDb, transport, config.from, { ids: [row.id] });
    expect(first.sent).toBe(1);
    expect(second.sent).toBe(0);
    const mine = received.filter((m) => m.messageId === row.messageId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.to).toEqual(["klant@example.test"]);
    expect(mine[0]!.subject).toBe("Bevestiging Bcc: evil@example.test");
    expect(received.some((m) => m.to.includes("evil@example.test"))).toBe(false);
    expect((await testDb.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("sent");
  });

  it("retries a temporary refusal with backoff, then delivers", async () => {
    mode = "451";
    const row = await queued("Tijdelijk");
    const transport = smtpTransport(config);
    const now = new Date();
    expect(await processOutbox(testDb, transport, config.from, { ids: [row.id], now })).toMatchObject({ retried: 1 });
    const waiting = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + BACKOFF_MS[0]);
    expect(waiting.lastError).toContain("451");
    // Not due yet: nothing happens.
    expect(await processOutbox(testDb, transport, config.from, { ids: [row.id], now })).toMatchObject({ sent: 0, retried: 0 });
    mode = "accept";
    expect(await processOutbox(testDb, transport, config.from, { ids: [row.id], now: new Date(now.getTime() + BACKOFF_MS[0]) })).toMatchObject({ sent: 1 });
    expect(received.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
  });

  it("fails visibly on a permanent refusal, and after the last temporary attempt", async () => {
    mode = "550";
    const permanent = await queued("Permanent");
    const transport = smtpTransport(config);
    expect(await processOutbox(testDb, transport, config.from, { ids: [permanent.id] })).toMatchObject({ failed: 1 });
    expect(await testDb.emailOutbox.findUniqueOrThrow({ where: { id: permanent.id } })).toMatchObject({ status: "failed", attempts: 1 });

    mode = "421";
    const flaky = await queued("Blijft weigeren");
    // A server that keeps answering 421 for hours: still pending after 47 hours (retried every
    // few minutes, the next attempt on the row), failed only once two days have passed.
    const created = (await testDb.emailOutbox.findUniqueOrThrow({ where: { id: flaky.id } })).createdAt.getTime();
    for (const hours of [0, 1, 5, 24, 47]) {
      const now = new Date(created + hours * 3_600_000 + 1_000);
      await processOutbox(testDb, transport, config.from, { ids: [flaky.id], now });
      const pending = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: flaky.id } });
      expect(pending.status).toBe("pending");
      expect(pending.nextAttemptAt.getTime() - now.getTime()).toBeLessThanOrEqual(300_000);
    }
    await processOutbox(testDb, transport, config.from, { ids: [flaky.id], now: new Date(created + RETRY_FOR_MS + 1_000) });
    const row = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: flaky.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 6 });
    expect(row.lastError).toContain("421");
  });

  it("keeps messages when the server is down, and a row a crashed worker left in 'sending' is picked up again", async () => {
    const down = parseSmtpConfig({ SMTP_HOST: "127.0.0.1", SMTP_PORT: "1", SMTP_FROM: "debiteuren@test.local" })!;
    const row = await queued("Server uit");
    expect(await processOutbox(testDb, smtpTransport(down), down.from, { ids: [row.id] })).toMatchObject({ retried: 1 });
    expect(await testDb.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "pending", attempts: 1 });

    mode = "accept";
    const stuck = await queued("Vastgelopen");
    await testDb.emailOutbox.update({ where: { id: stuck.id }, data: { status: "sending" } });
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await processOutbox(testDb, smtpTransport(config), config.from, { ids: [stuck.id], now: later })).toMatchObject({ sent: 1 });
  });

  it("exports a message that could not be sent as an .eml file with the same Message-ID and recipient", async () => {
    const row = await queued("Handmatig versturen");
    const parsed = await simpleParser(await toEml(row, config.from));
    expect(parsed.messageId).toBe(row.messageId);
    expect(parsed.subject).toBe("Handmatig versturen Bcc: evil@example.test");
    expect(parsed.headers.get("bcc")).toBeUndefined();
    expect(parsed.text).toContain("Zoals besproken.");
  });

  it("refuses a malformed SMTP setting with the setting's name", () => {
    expect(() => parseSmtpConfig({ SMTP_HOST: "mail", SMTP_PORT: "abc" })).toThrow(/SMTP_PORT/);
    expect(() => parseSmtpConfig({ SMTP_HOST: "mail", SMTP_FROM: "not an address" })).toThrow(/SMTP_FROM/);
    expect(parseSmtpConfig({})).toBeNull();
  });
});
