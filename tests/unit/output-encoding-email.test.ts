import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildSummary } from "@/lib/agreements/summary";
import { letterText, plainTextBody, type LetterData, type LetterTemplate } from "@/lib/dunning/letter-text";
import { emailRow, toEml, type NewEmail } from "@/lib/email/outbox";
import { XSS_CORPUS } from "@/tests/factories/xss-corpus";

/**
 * The agreement summary and the dunning e-mails are plain text: a payload in a name, a number or
 * a signature arrives as the same text, and a CR/LF in what becomes a header never starts a
 * header of its own. Checked on the .eml exactly as it is downloaded (and sent).
 */
const TO = "debiteur@example.test";
const FROM_ADDRESS = "debiteuren@demo.example";
const EXPECTED_HEADERS = ["content-transfer-encoding", "content-type", "date", "from", "message-id", "mime-version", "subject", "to"];

/** Line breaks compared the way a mail reader shows them. */
const lf = (s: string) => s.replace(/\r\n?/g, "\n");
/** What a header line may keep of a text: no line breaks, runs of white space read as one. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

async function eml(e: Pick<NewEmail, "to" | "subject" | "body" | "kind">, fromName: string) {
  const r = emailRow({ ...e, debtorId: "d1", idempotencyKey: "k1", createdById: null, state: "send" }, { messageIdDomain: "demo.example", smtpConfigured: true });
  const raw = await toEml({ id: "e1", toAddress: r.toAddress, toName: r.toName ?? null, subject: r.subject, body: r.body, messageId: r.messageId, createdAt: new Date("2026-11-23T09:00:00Z") }, { name: fromName, address: FROM_ADDRESS });
  const text = raw.toString("latin1");
  const headerBlock = text.slice(0, text.indexOf("\r\n\r\n"));
  // Unfold (a continuation line starts with white space), then every line is one header.
  const headerLines = headerBlock.replace(/\r\n[ \t]/g, " ").split("\r\n");
  return { text, headerLines, parsed: await simpleParser(raw) };
}

async function expectInertMail(m: Awaited<ReturnType<typeof eml>>, expected: { subject: string; toName: string; bodyParts: string[] }) {
  const { parsed, headerLines, text } = m;
  // Exactly the headers the app writes, each once: nothing injected (no Bcc, Cc, Reply-To, second Subject).
  expect(headerLines.map((l) => l.slice(0, l.indexOf(":")).toLowerCase()).sort()).toEqual(EXPECTED_HEADERS);
  expect(parsed.headers.get("content-type")).toMatchObject({ value: "text/plain" });
  expect(parsed.html).toBe(false);
  expect(parsed.attachments).toEqual([]);
  const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
  expect(to.flatMap((a) => a?.value.map((v) => v.address) ?? [])).toEqual([TO]);
  expect(parsed.from?.value.map((v) => v.address)).toEqual([FROM_ADDRESS]);
  // A text that is itself an RFC 2047 encoded word ("=?UTF-8?Q?...?=") is shown decoded by readers
  // (even inside a quoted name); it stays the display name of this one address, as checked above.
  if (!expected.toName.includes("=?")) expect(oneLine(to[0]!.value[0]!.name)).toBe(oneLine(expected.toName));
  if (!expected.subject.includes("=?")) expect(oneLine(parsed.subject ?? "")).toBe(oneLine(expected.subject));
  expect(parsed.subject).not.toMatch(/[\r\n]/);
  // The body is the text, verbatim (line breaks as line breaks), never markup.
  for (const part of expected.bodyParts) expect(lf(parsed.text ?? "")).toContain(lf(part));
  // In the header section CR and LF come only as a pair (a lenient reader splits a header at a bare one).
  expect(text.slice(0, text.indexOf("\r\n\r\n")).replace(/\r\n/g, "").match(/[\r\n]/g) ?? []).toEqual([]);
}

describe.each(XSS_CORPUS)("output encoding of e-mails: $label", ({ text: payload }) => {
  it("keeps the payload as text in the agreement summary and its .eml", async () => {
    const summary = buildSummary({
      language: "nl",
      creditorName: payload,
      debtorName: payload,
      contactName: payload,
      calledAt: new Date("2026-11-23T09:15:00Z"),
      timeZone: "Europe/Amsterdam",
      currency: "EUR",
      controller: { name: payload, email: "sanne@demo.example", phone: payload, jobTitle: payload },
      result: { kind: "promise", amountCents: 12_345n, dueDate: "2026-12-01", method: payload, invoiceNumbers: [payload, "F2026-000102"] },
      consequence: "reminder",
    });
    expect(summary.subject).not.toMatch(/[\r\n]/);
    expect(summary.body).toContain(`Beste ${payload},`);
    expect(summary.body).toContain(`per ${payload}, voor de facturen ${payload} en F2026-000102.`);
    expect(summary.body).toContain(`${payload}\n${payload}\n${payload}\n${payload}\nsanne@demo.example`);

    const m = await eml({ to: { address: TO, name: payload }, subject: summary.subject, body: summary.body, kind: "agreement_summary" }, payload);
    await expectInertMail(m, { subject: summary.subject, toName: payload, bodyParts: [`Beste ${payload},`, `voor de facturen ${payload} en`] });
  });

  it.each<LetterTemplate>(["service_call", "reminder", "formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"])("keeps the payload as text in the %s e-mail and its .eml", async (template) => {
    const letter: LetterData = {
      template,
      language: "en",
      kind: "b2b",
      letterDate: "2026-11-23",
      creditor: { name: payload, address: payload, iban: "NL91ABNA0417164300", email: payload, phone: payload },
      debtor: { name: payload, customerNumber: payload, contactName: payload, street: payload, postalCode: payload, city: payload, country: payload },
      invoices: [{ number: payload, issueDate: "2026-09-01", dueDate: "2026-09-15", openCents: 10_000n, interestCents: 0n }],
      currency: "EUR",
      principalCents: 10_000n,
      interestCents: 0n,
      costsCents: 0n,
      interestKind: null,
      payByDate: "2026-12-02",
      senderName: payload,
    };
    const { subject } = letterText(letter);
    const body = plainTextBody(letter);
    expect(subject).toContain(payload);
    expect(body).toContain(`Dear ${payload},`);
    expect(body).toContain(`Kind regards,\n${payload}\n${payload}\n${payload} · ${payload}`);

    const m = await eml({ to: { address: TO, name: payload }, subject, body, kind: "dunning" }, "Demo");
    await expectInertMail(m, { subject, toName: payload, bodyParts: [`Dear ${payload},`, `${payload}\n${payload}\n${payload} · ${payload}`] });
  });
});
