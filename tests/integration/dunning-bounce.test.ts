import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { fallBackFailedDunningEmails } from "@/lib/dunning/email-fallback";
import { listLetters, listRuns } from "@/lib/dunning/dunning-queries";
import { runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { processOutbox } from "@/lib/email/outbox";
import { resendEmail } from "@/lib/email/resend-email";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * A dunning e-mail the mail server refuses for good is not a step done: the same message goes out
 * as a letter, the controller gets it on the worklist, the run page counts it, and the e-mail can
 * be sent again to a corrected address from the debtor page.
 */
const TODAY = "2033-03-15";
const creditor = { name: "Test B.V.", address: null, iban: null, email: null, phone: null };
const opts = (today: string): RunOptions => ({ today, timeZone: "Europe/Amsterdam", now: new Date(`${today}T06:00:00Z`), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
const mail = { messageIdDomain: "test.local", smtpConfigured: true };
const refusing = { sendMail: async () => Promise.reject(Object.assign(new Error("550 5.1.1 <ap@gone.example>: Recipient address rejected"), { responseCode: 550 })) };

describe("a dunning e-mail that bounces", () => {
  it("goes out as a letter instead, lands on the controller's worklist once, and shows on the run", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
    await createContact(testDb, debtor.id, { email: "ap@gone.example", isPrimaryForPayments: true });
    const better = await createContact(testDb, debtor.id, { email: "crediteuren@still-here.example", isPrimaryForPayments: false, name: "Crediteuren" });
    await createInvoice(testDb, debtor.id, { dueDate: "2033-03-01", amountCents: 80_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);

    await runDunning(testDb, opts(TODAY));
    const email = await testDb.emailOutbox.findFirstOrThrow({ where: { debtorId: debtor.id, kind: "dunning" } });
    expect(await processOutbox(testDb, refusing, { name: "Test", address: "debiteuren@test.local" }, { ids: [email.id], now: new Date(`${TODAY}T07:00:00Z`) })).toMatchObject({ failed: 1 });

    expect(await fallBackFailedDunningEmails(testDb, { today: TODAY, timeZone: "Europe/Amsterdam" })).toMatchObject({ fallenBack: 1 });
    const step = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id } });
    expect(step.channel).toBe("letter");
    expect((await listLetters(testDb, { id: step.id })).map((l) => l.letter.debtor.customerNumber)).toEqual([debtor.customerNumber]);
    const task = await testDb.task.findFirstOrThrow({ where: { debtorId: debtor.id, type: "email_failed" } });
    expect(task).toMatchObject({ status: "open", assigneeId: controller.id });
    expect(task.note).toContain("ap@gone.example");
    expect(task.note).toContain("550");
    expect((await listRuns(testDb, 50)).find((r) => r.runDate === TODAY)?.failedEmails).toBeGreaterThanOrEqual(1);
    // Once: a second pass changes nothing.
    await fallBackFailedDunningEmails(testDb, { today: TODAY, timeZone: "Europe/Amsterdam" });
    expect(await testDb.task.count({ where: { debtorId: debtor.id, type: "email_failed" } })).toBe(1);

    // Sent again to the contact that is still there; a second click sends nothing more; a viewer may not.
    const actor = { id: controller.id, role: "controller" as const };
    const key = crypto.randomUUID();
    const again = await resendEmail(testDb, actor, { emailId: email.id, contactId: better.id, idempotencyKey: key }, mail);
    expect(await resendEmail(testDb, actor, { emailId: email.id, contactId: better.id, idempotencyKey: key }, mail)).toMatchObject({ emailId: again.emailId });
    const copy = await testDb.emailOutbox.findUniqueOrThrow({ where: { id: again.emailId } });
    expect(copy).toMatchObject({ status: "pending", toAddress: "crediteuren@still-here.example", subject: email.subject, body: email.body });
    const viewer = await createUser(testDb, "viewer");
    await expect(resendEmail(testDb, { id: viewer.id, role: "viewer" }, { emailId: email.id, contactId: better.id, idempotencyKey: crypto.randomUUID() }, mail)).rejects.toMatchObject({ code: "forbidden" });
  });
});
