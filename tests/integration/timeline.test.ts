import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listTimeline } from "@/lib/timeline/timeline-queries";
import { createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * The shared history with its names, invoice numbers and attachments (read in a second round, each
 * only when an entry needs it): who wrote a call and who made an agreement, which invoice a
 * dispute is on and in which currency, and an e-mail's files in the order they were added.
 */
describe("the debtor's timeline", () => {
  it("names the authors, the disputed invoice and each e-mail's own attachments", async () => {
    const anna = await createUser(testDb, "controller", { name: "Anna de Vries" });
    const bram = await createUser(testDb, "controller", { name: "Bram Jansen" });
    const debtor = await createDebtor(testDb, { assignedControllerId: anna.id });
    const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: 75_000 });
    await createDispute(testDb, invoice, 25_000);
    await testDb.callLog.create({ data: { debtorId: debtor.id, authorId: anna.id, status: "final", notes: "Belt terug", startedAt: new Date("2026-11-02T09:00:00Z"), idempotencyKey: randomUUID() } });
    await testDb.agreement.create({ data: { debtorId: debtor.id, kind: "promise", totalCents: 75_000n, createdById: bram.id, idempotencyKey: randomUUID(), createdAt: new Date("2026-11-03T09:00:00Z") } });
    const email = (subject: string, at: string) =>
      testDb.emailOutbox.create({ data: { debtorId: debtor.id, toAddress: "ap@example.nl", subject, body: "…", status: "sent", idempotencyKey: randomUUID(), messageId: `<${randomUUID()}@test>`, createdAt: new Date(at) } });
    const withFiles = await email("Overzicht", "2026-11-04T09:00:00Z");
    await email("Zonder bijlage", "2026-11-05T09:00:00Z");
    for (const [filename, at] of [["overzicht.pdf", "2026-11-04T09:00:01Z"], ["facturen.pdf", "2026-11-04T09:00:02Z"]] as const) {
      await testDb.emailAttachment.create({ data: { emailId: withFiles.id, filename, contentType: "application/pdf", content: Buffer.from("%PDF-1.4"), createdAt: new Date(at) } });
    }

    const entries = await listTimeline(testDb, debtor.id);

    const call = entries.find((e) => e.kind === "call");
    const agreement = entries.find((e) => e.kind === "agreement");
    const dispute = entries.find((e) => e.kind === "dispute");
    const mails = entries.filter((e) => e.kind === "email");
    expect(call && call.kind === "call" ? call.author : null).toBe("Anna de Vries");
    expect(agreement && agreement.kind === "agreement" ? agreement.author : null).toBe("Bram Jansen");
    expect(dispute && dispute.kind === "dispute" ? [dispute.invoiceNumber, dispute.currency, dispute.disputedCents] : null).toEqual([invoice.number, "EUR", 25_000]);
    expect(mails.map((m) => (m.kind === "email" ? [m.subject, m.attachments] : null))).toEqual([
      ["Zonder bijlage", []],
      ["Overzicht", ["overzicht.pdf", "facturen.pdf"]],
    ]);
  });

  it("is empty for a debtor without history", async () => {
    const debtor = await createDebtor(testDb, {});
    expect(await listTimeline(testDb, debtor.id)).toEqual([]);
  });
});
