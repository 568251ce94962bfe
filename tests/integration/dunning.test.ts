import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { listLetters } from "@/lib/dunning/dunning-queries";
import { renderLettersPdf } from "@/lib/dunning/letter-pdf";
import { letterText } from "@/lib/dunning/letter-text";
import { parseLetter, runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { wikCosts } from "@/lib/dunning/wik-costs";
import { applyPayment } from "@/lib/payments/apply-payment";
import { createContact, createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };
const opts = (today: string, extra: Partial<RunOptions> = {}): RunOptions => ({ today, timeZone: "Europe/Amsterdam", now: new Date(`${today}T06:00:00Z`), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null, ...extra });

/** A debtor with one overdue invoice and an e-mail contact; everything else in the shared database is left alone. */
async function overdueDebtor(dueDate: string, euros = 1_000, kind = "b2b") {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id, kind });
  await createContact(testDb, debtor.id, { email: `ap-${debtor.id}@example.test`, isPrimaryForPayments: true });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate, amountCents: euros * 100 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { controller, debtor, invoice };
}

const stateOf = async (debtorId: string) => ({
  messages: await testDb.dunningCommunication.count({ where: { debtorId } }),
  emails: await testDb.emailOutbox.count({ where: { debtorId, kind: "dunning" } }),
  tasks: await testDb.task.count({ where: { debtorId } }),
  levels: (await testDb.invoice.findMany({ where: { debtorId }, select: { dunningLevel: true } })).map((i) => i.dunningLevel),
});

describe("the dunning run", () => {
  it("sends a reminder once: running it twice the same day sends nothing twice", async () => {
    const { debtor, invoice } = await overdueDebtor("2030-01-01");
    const first = await runDunning(testDb, opts("2030-01-10"));
    expect(first.messages).toBeGreaterThanOrEqual(1);
    expect(await stateOf(debtor.id)).toEqual({ messages: 1, emails: 1, tasks: 0, levels: [2] });
    const email = await testDb.emailOutbox.findFirstOrThrow({ where: { debtorId: debtor.id } });
    expect(email).toMatchObject({ status: "pending", toAddress: `ap-${debtor.id}@example.test` });
    expect(email.body).toContain(invoice.number);

    const second = await runDunning(testDb, opts("2030-01-10"));
    expect(second.messages).toBe(0);
    expect(await stateOf(debtor.id)).toEqual({ messages: 1, emails: 1, tasks: 0, levels: [2] });
    // Also the next day: the 7 days between rungs have not passed.
    await runDunning(testDb, opts("2030-01-11"));
    expect((await stateOf(debtor.id)).messages).toBe(1);
  });

  it("a crash halfway leaves no half-done step, and the rerun finishes the rest exactly once", async () => {
    const debtors = await Promise.all([overdueDebtor("2030-02-01"), overdueDebtor("2030-02-01"), overdueDebtor("2030-02-01"), overdueDebtor("2030-02-01")]);
    await expect(runDunning(testDb, opts("2030-02-10", { batchSize: 1, crashInBatch: 2 }))).rejects.toThrow("simulated crash");
    expect(await testDb.dunningRun.findUniqueOrThrow({ where: { runDate: "2030-02-10" } })).toMatchObject({ status: "failed" });
    const after = await Promise.all(debtors.map((d) => stateOf(d.debtor.id)));
    // Every debtor is either fully done (message, e-mail and level) or untouched.
    for (const s of after) expect([JSON.stringify({ messages: 1, emails: 1, tasks: 0, levels: [2] }), JSON.stringify({ messages: 0, emails: 0, tasks: 0, levels: [0] })]).toContain(JSON.stringify(s));
    expect(after.filter((s) => s.messages === 1).length).toBeLessThan(4);

    await runDunning(testDb, opts("2030-02-10"));
    for (const d of debtors) expect(await stateOf(d.debtor.id)).toEqual({ messages: 1, emails: 1, tasks: 0, levels: [2] });
    expect(await testDb.dunningRun.findUniqueOrThrow({ where: { runDate: "2030-02-10" } })).toMatchObject({ status: "done" });
  });

  it("two runs at the same moment: one runs, the other is refused, nothing is sent twice", async () => {
    const { debtor } = await overdueDebtor("2030-03-01");
    const results = await Promise.allSettled([runDunning(testDb, opts("2030-03-10")), runDunning(testDb, opts("2030-03-10"))]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect((await stateOf(debtor.id)).messages).toBe(1);
    expect((await stateOf(debtor.id)).emails).toBe(1);
  });

  it("skips disputed invoices, invoices under a promise and paused debtors", async () => {
    const disputed = await overdueDebtor("2030-04-01");
    await createDispute(testDb, disputed.invoice, 100_00);
    const promised = await overdueDebtor("2030-04-01");
    await testDb.agreement.create({ data: { debtorId: promised.debtor.id, kind: "promise", totalCents: 100_000n, createdById: promised.controller.id, idempotencyKey: `t-${promised.invoice.id}`, instalments: { create: [{ seq: 1, dueDate: "2030-04-20", amountCents: 100_000n }] }, invoices: { create: [{ invoiceId: promised.invoice.id }] } } });
    const paused = await overdueDebtor("2030-04-01");
    await testDb.debtor.update({ where: { id: paused.debtor.id }, data: { isDunningPaused: true, dunningPausedReason: "in overleg met directie" } });
    const normal = await overdueDebtor("2030-04-01");
    await runDunning(testDb, opts("2030-04-10"));
    expect((await stateOf(disputed.debtor.id)).messages).toBe(0);
    expect((await stateOf(promised.debtor.id)).messages).toBe(0);
    expect((await stateOf(paused.debtor.id)).messages).toBe(0);
    expect((await stateOf(normal.debtor.id)).messages).toBe(1);
  });

  it("sends one consolidated message per debtor at the highest rung, with every overdue invoice", async () => {
    const { debtor, invoice } = await overdueDebtor("2030-05-01");
    const second = await createInvoice(testDb, debtor.id, { dueDate: "2030-04-01", amountCents: 50_000 });
    await testDb.invoice.update({ where: { id: second.id }, data: { dunningLevel: 3, lastDunnedOn: "2030-04-20" } });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    await runDunning(testDb, opts("2030-05-10"));
    const comms = await testDb.dunningCommunication.findMany({ where: { debtorId: debtor.id } });
    expect(comms).toHaveLength(1);
    expect(comms[0]).toMatchObject({ stepCode: "formal_reminder", channel: "letter" });
    expect(comms[0]!.invoiceNumbers).toContain(invoice.number);
    expect(comms[0]!.invoiceNumbers).toContain(second.number);
    // B2B: commercial interest runs from the day after the due date; the letter states the WIK costs.
    expect(comms[0]!.interestCents).toBeGreaterThan(0n);
    expect(comms[0]!.costsCents).toBe(wikCosts(150_000n));
    const letters = await listLetters(testDb, { id: comms[0]!.id });
    const pdf = await renderLettersPdf(letters.map((l) => l.letter));
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
  });

  it("gives a consumer the 14-day letter with the exact costs, and books costs only after its period", async () => {
    const { debtor, invoice } = await overdueDebtor("2030-06-01", 1_000, "consumer");
    await testDb.invoice.update({ where: { id: invoice.id }, data: { dunningLevel: 4, lastDunnedOn: "2030-07-01" } });
    await runDunning(testDb, opts("2030-07-15"));
    const letter = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id } });
    expect(letter).toMatchObject({ stepCode: "fourteen_day_letter", costsCents: 150_00n, interestCents: 0n, payByDate: "2030-07-31" });
    expect(letter.content).toContain("fourteen_day_letter");

    // Within the period nothing happens; after it, the hand-over books the costs and the interest.
    await runDunning(testDb, opts("2030-07-31"));
    expect((await stateOf(debtor.id)).messages).toBe(1);
    await runDunning(testDb, opts("2030-08-10"));
    const handover = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id, stepCode: "handover" } });
    expect(handover.costsCents).toBe(150_00n);
    expect(handover.interestCents).toBeGreaterThan(0n);
    const charged = await testDb.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(charged).toMatchObject({ costsOpenCents: 150_00n, interestOpenCents: handover.interestCents, dunningLevel: 7 });
    expect(await testDb.task.count({ where: { debtorId: debtor.id, type: "handover", status: "open" } })).toBe(1);

    // A payment settles costs first, then interest, then principal (art. 6:44 BW).
    const paid = await testDb.$transaction((tx) => applyPayment(tx, { debtorId: debtor.id, amountCents: 200_00n, currency: "EUR", valueDate: "2030-08-11", reference: null, method: "bank_transfer", source: "manual", actorId: null, today: "2030-08-11", now: new Date() }));
    expect(paid.allocations.map((a) => a.kind)).toEqual(["costs", "interest", "principal"]);
    const after = await testDb.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(after.costsOpenCents).toBe(0n);
    expect(after.interestOpenCents).toBe(0n);
    expect(after.openCents).toBe(100_000n - (200_00n - 150_00n - handover.interestCents));
  });

  it("a consumer's formal reminder names no collection costs (only the 14-day letter may)", async () => {
    const { debtor, invoice } = await overdueDebtor("2030-10-01", 1_000, "consumer");
    await testDb.invoice.update({ where: { id: invoice.id }, data: { dunningLevel: 3, lastDunnedOn: "2030-10-20" } });
    await runDunning(testDb, opts("2030-11-01"));
    const letter = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id } });
    expect(letter).toMatchObject({ stepCode: "formal_reminder", costsCents: 0n, interestCents: 0n });
    const text = letterText(parseLetter(letter.content!));
    expect(text.subject).toContain("Aanmaning");
    expect(text.paragraphs.join(" ")).not.toContain("incassokosten");
  });

  it("a call step becomes a worklist task for the assigned controller", async () => {
    const { debtor, controller, invoice } = await overdueDebtor("2030-09-01");
    await testDb.invoice.update({ where: { id: invoice.id }, data: { dunningLevel: 2, lastDunnedOn: "2030-09-08" } });
    await runDunning(testDb, opts("2030-09-20"));
    expect(await testDb.task.findFirstOrThrow({ where: { debtorId: debtor.id } })).toMatchObject({ type: "dunning_call", assigneeId: controller.id, status: "open", note: "call" });
  });
});
