import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDebtorHistory, HISTORY_MAX, HISTORY_STEP, historyTake } from "@/lib/debtors/debtor-workbench";
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

  it("shows the newest entries on the debtor page and the older ones a step at a time", async () => {
    const me = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: me.id });
    // 25 notes, one a day in November: note 25 is the newest.
    await testDb.callLog.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({ debtorId: debtor.id, authorId: me.id, channel: "note", status: "final", notes: `Notitie ${i + 1}`, startedAt: new Date(Date.UTC(2026, 10, i + 1, 9)), idempotencyKey: randomUUID() })),
    });
    const notes = (h: { entries: { kind: string }[] }) => h.entries.map((e) => (e.kind === "call" && "notes" in e ? e.notes : ""));

    const first = await getDebtorHistory(testDb, { id: me.id, role: "controller" }, debtor.id);
    expect(first.entries).toHaveLength(HISTORY_STEP);
    expect(first).toMatchObject({ take: HISTORY_STEP, more: true });
    expect(notes(first).slice(0, 2)).toEqual(["Notitie 25", "Notitie 24"]);
    expect(notes(first).at(-1)).toBe("Notitie 6");

    const all = await getDebtorHistory(testDb, { id: me.id, role: "controller" }, debtor.id, { take: historyTake("40") });
    expect(all).toMatchObject({ take: 40, more: false });
    expect(notes(all)).toEqual(Array.from({ length: 25 }, (_, i) => `Notitie ${25 - i}`));
    // The filter on a kind applies before the step: no payments, nothing more to show.
    expect(await getDebtorHistory(testDb, { id: me.id, role: "controller" }, debtor.id, { timelineKind: "payment" })).toEqual({ entries: [], take: HISTORY_STEP, more: false });
  });

  it("reads what the page asks for as whole steps, within bounds", () => {
    expect([historyTake(undefined), historyTake("abc"), historyTake("-5"), historyTake("0"), historyTake("20"), historyTake("21"), historyTake("40"), historyTake("1e9")]).toEqual([
      HISTORY_STEP, HISTORY_STEP, HISTORY_STEP, HISTORY_STEP, 20, 40, 40, HISTORY_MAX,
    ]);
  });

  it("is empty for a debtor without history", async () => {
    const debtor = await createDebtor(testDb, {});
    expect(await listTimeline(testDb, debtor.id)).toEqual([]);
  });
});
