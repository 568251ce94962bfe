import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sendDocument } from "@/lib/documents/send-document";
import { drawnText } from "../factories/pdf-text";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * E-mailing a statement of account or a copy invoice: the PDF goes into the outbox with the
 * message, once per key, only to one of the debtor's own contacts, only by someone who may work
 * the debtor.
 */
const TODAY = "2026-12-02";
const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567", bic: null, cocNumber: null, vatNumber: null };
const ctx = { today: TODAY, creditor, logo: null, mail: { messageIdDomain: "test.local", smtpConfigured: true } };

type User = Awaited<ReturnType<typeof createUser>>;
let controller: User, colleague: User, viewer: User;
let debtor: Awaited<ReturnType<typeof createDebtor>>;
let contact: Awaited<ReturnType<typeof createContact>>;
let invoiceId: string, otherInvoiceId: string;

beforeAll(async () => {
  controller = await createUser(testDb, "controller");
  colleague = await createUser(testDb, "controller");
  viewer = await createUser(testDb, "viewer");
  debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  contact = await createContact(testDb, debtor.id, { name: "Joyce Boekhouding" });
  // € 1.210,00 due 1 November 2026: 31 days overdue on 2 December.
  invoiceId = (await createInvoice(testDb, debtor.id, { dueDate: "2026-11-01", issueDate: "2026-10-02", amountCents: 121_000 })).id;
  const other = await createDebtor(testDb, { assignedControllerId: controller.id });
  otherInvoiceId = (await createInvoice(testDb, other.id, { dueDate: "2026-11-01", amountCents: 5_000 })).id;
});

const send = (actor: User, input: Partial<Parameters<typeof sendDocument>[2]> = {}) =>
  sendDocument(testDb, actor, { document: "statement", debtorId: debtor.id, contactId: contact.id, idempotencyKey: randomUUID(), ...input }, ctx);

describe("e-mailing a document to a debtor", () => {
  it("queues the statement for the contact with the PDF attached, and audits it", async () => {
    const r = await send(controller);
    expect(r.status).toBe("pending");
    const row = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId }, include: { attachments: true } });
    expect(row).toMatchObject({ debtorId: debtor.id, toAddress: contact.email, toName: "Joyce Boekhouding", kind: "document", status: "pending" });
    expect(row.subject).toContain("Rekeningoverzicht");
    expect(row.attachments).toHaveLength(1);
    expect(row.attachments[0]!.filename).toBe(r.filename);
    expect(r.filename).toMatch(/^rekeningoverzicht-.*\.pdf$/);
    expect(row.attachments[0]!.contentType).toBe("application/pdf");
    const text = drawnText(new Uint8Array(row.attachments[0]!.content));
    expect(text).toContain("1.210,00");
    expect(await testDb.auditLog.count({ where: { action: "email.document", entityId: debtor.id } })).toBeGreaterThanOrEqual(1);
  });

  it("sends one message for one key: a repeat, or two copies at once, answer with the same message", async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([send(controller, { idempotencyKey: key }), send(controller, { idempotencyKey: key })]);
    const c = await send(controller, { idempotencyKey: key });
    expect(new Set([a.emailId, b.emailId, c.emailId]).size).toBe(1);
    expect(await testDb.emailOutbox.count({ where: { idempotencyKey: `document:${key}` } })).toBe(1);
    expect(await testDb.emailAttachment.count({ where: { emailId: a.emailId } })).toBe(1);
  });

  it("sends a copy of an invoice of this debtor, and refuses one of another debtor", async () => {
    const r = await send(controller, { document: "invoice_copy", invoiceId });
    const row = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId }, include: { attachments: true } });
    expect(row.attachments[0]!.filename).toMatch(/^kopiefactuur-TF-.*\.pdf$/);
    expect(drawnText(new Uint8Array(row.attachments[0]!.content))).toContain("Kopiefactuur");
    const before = await testDb.emailOutbox.count();
    await expect(send(controller, { document: "invoice_copy", invoiceId: otherInvoiceId })).rejects.toMatchObject({ code: "not_found" });
    expect(await testDb.emailOutbox.count()).toBe(before);
  });

  it("writes nothing for a contact of another debtor, a contact without e-mail, a colleague's debtor or a viewer", async () => {
    const stranger = await createContact(testDb, (await createDebtor(testDb)).id);
    const noEmail = await createContact(testDb, debtor.id, { email: null });
    const before = await testDb.emailOutbox.count();
    await expect(send(controller, { contactId: stranger.id })).rejects.toMatchObject({ code: "invalid", fieldErrors: { contactId: ["documents.errors.contact"] } });
    await expect(send(controller, { contactId: noEmail.id })).rejects.toMatchObject({ code: "invalid", fieldErrors: { contactId: ["validation.contactNoEmail"] } });
    await expect(send(colleague)).rejects.toMatchObject({ code: "forbidden" });
    await expect(send(viewer)).rejects.toMatchObject({ code: "forbidden" });
    expect(await testDb.emailOutbox.count()).toBe(before);
  });

  it("keeps the message as not delivered when no mail server is set up", async () => {
    const r = await sendDocument(testDb, controller, { document: "statement", debtorId: debtor.id, contactId: contact.id, idempotencyKey: randomUUID() }, { ...ctx, mail: { messageIdDomain: "test.local", smtpConfigured: false } });
    expect(r.status).toBe("not_configured");
    expect((await testDb.emailOutbox.findUniqueOrThrow({ where: { id: r.emailId } })).status).toBe("not_configured");
  });
});
