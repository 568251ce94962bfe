import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { toDraftEml, toEml } from "./outbox";

const row = {
  id: "e1",
  toAddress: "jan@bakkerij.example",
  toName: "Jan de Vries",
  subject: "Bevestiging betalingsafspraak – Bakkerij Jansen B.V. met een onderwerp dat zo lang is dat de regel wordt gevouwen",
  body: "Beste Jan de Vries,\n\nZoals besproken.\n",
  messageId: "<abc123@dunning.test>",
  createdAt: new Date("2026-11-23T09:00:00Z"),
};
const from = { name: "Debiteuren", address: "debiteuren@dunning.test" };
const headerNames = (eml: Buffer) => {
  const text = eml.toString("latin1");
  return text.slice(0, text.indexOf("\r\n\r\n")).replace(/\r\n[ \t]/g, " ").split("\r\n").map((l) => l.slice(0, l.indexOf(":")).toLowerCase());
};

describe("the .eml download", () => {
  it("opens as a draft: X-Unsent: 1, and no Date or Message-ID that marks it as sent", async () => {
    const eml = await toDraftEml(row, from);
    expect(eml.toString("latin1").startsWith("X-Unsent: 1\r\n")).toBe(true);
    expect(headerNames(eml)).not.toContain("date");
    expect(headerNames(eml)).not.toContain("message-id");
    const parsed = await simpleParser(eml);
    expect(parsed.headers.get("x-unsent")).toBe("1");
    expect(parsed.date).toBeUndefined();
    expect(parsed.messageId).toBeUndefined();
    expect(parsed.subject).toBe(row.subject);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe("jan@bakkerij.example");
    expect(parsed.from?.value[0]?.address).toBe("debiteuren@dunning.test");
    expect(parsed.text).toContain("Zoals besproken.");
  });

  it("keeps the sent form (Date, Message-ID) for sending, and puts the creditor's reply address in Reply-To", async () => {
    const sent = await toEml(row, { ...from, replyTo: "info@crediteur.example" });
    expect(headerNames(sent)).toEqual(expect.arrayContaining(["date", "message-id", "reply-to"]));
    expect(headerNames(sent)).not.toContain("x-unsent");
    expect((await simpleParser(sent)).replyTo?.value[0]?.address).toBe("info@crediteur.example");
    expect(headerNames(await toEml(row, { ...from, replyTo: from.address }))).not.toContain("reply-to");
    expect(headerNames(await toEml(row, from))).not.toContain("reply-to");
  });
});
