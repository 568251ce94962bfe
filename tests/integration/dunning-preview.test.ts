import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { previewDunning, type DunningPreviewRow } from "@/lib/dunning/preview-dunning";
import { runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { wikCosts } from "@/lib/dunning/wik-costs";
import { isDomainError } from "@/lib/errors/domain-error";
import { addDays } from "@/lib/format/calendar-date";
import { applyPayment } from "@/lib/payments/apply-payment";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * The manager's preview of today's run is a dry run of the run's own plan: it shows per debtor
 * the step, the channel and the amounts the run then takes, and it writes nothing. What changes
 * between preview and run (a payment) counts at run time. Dates in 2034: no other file runs then.
 */
const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };
const opts = (today: string): Omit<RunOptions, "triggeredBy"> => ({ today, timeZone: "Europe/Amsterdam", now: new Date(`${today}T06:00:00Z`), creditor, messageIdDomain: "test.local", smtpConfigured: true });
const actor = async (role: Role) => {
  const u = await createUser(testDb, role);
  return { id: u.id, role };
};

/** A business debtor with one invoice `daysLate` overdue on `today`, at a rung of the default ladder. */
async function debtorAt(today: string, daysLate: number, o: { level?: number; lastDunnedDaysAgo?: number; email?: boolean; euros?: number } = {}) {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  const contact = o.email === false ? null : await createContact(testDb, debtor.id, { email: `ap-${debtor.id}@example.test`, isPrimaryForPayments: true });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate: addDays(today, -daysLate), amountCents: (o.euros ?? 1_000) * 100 });
  if (o.level) await testDb.invoice.update({ where: { id: invoice.id }, data: { dunningLevel: o.level, lastDunnedOn: addDays(today, -(o.lastDunnedDaysAgo ?? 21)) } });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { debtor, invoice, contact };
}

/** Everything a run would write, over the whole database, and the rows of the given debtors. */
async function everything(debtorIds: string[], runDate: string) {
  const [runs, communications, emails, tasks, audit, events, policies, steps, invoices, debtors] = await Promise.all([
    testDb.dunningRun.findMany({ where: { runDate } }),
    testDb.dunningCommunication.count(),
    testDb.emailOutbox.count(),
    testDb.task.count(),
    testDb.auditLog.count(),
    testDb.domainEvent.count(),
    testDb.dunningPolicy.findMany({ orderBy: { id: "asc" } }),
    testDb.dunningStep.count(),
    testDb.invoice.findMany({ where: { debtorId: { in: debtorIds } }, orderBy: { id: "asc" } }),
    testDb.debtor.findMany({ where: { id: { in: debtorIds } }, orderBy: { id: "asc" } }),
  ]);
  return { runs, communications, emails, tasks, audit, events, policies, steps, invoices, debtors };
}

const rowOf = (rows: DunningPreviewRow[], debtorId: string) => rows.find((r) => r.debtorId === debtorId);

describe("the dunning run's preview", () => {
  it("shows per debtor the step, channel, address and amounts the run then takes, writes nothing, and the run decides again at run time", async () => {
    const TODAY = "2034-03-15";
    const reminder = await debtorAt(TODAY, 9);
    const noEmail = await debtorAt(TODAY, 9, { email: false });
    const formal = await debtorAt(TODAY, 35, { level: 3, euros: 2_500 });
    const call = await debtorAt(TODAY, 20, { level: 2, lastDunnedDaysAgo: 10 });
    const paysInBetween = await debtorAt(TODAY, 9);
    const mine = [reminder, noEmail, formal, call, paysInBetween];
    const ids = mine.map((d) => d.debtor.id);
    const manager = await actor("manager");

    const before = await everything(ids, TODAY);
    const preview = await previewDunning(testDb, manager, opts(TODAY));
    const again = await previewDunning(testDb, manager, opts(TODAY));
    // Read-only: no run row, message, e-mail, task, audit entry, event, policy or invoice change.
    expect(await everything(ids, TODAY)).toEqual(before);
    expect(again).toEqual(preview);

    expect(rowOf(preview.rows, reminder.debtor.id)).toMatchObject({ stepCode: "reminder", template: "reminder", channel: "email", emailTo: reminder.contact!.email, fallback: null, principalCents: "100000", costsCents: "0", hasTask: false, invoiceNumbers: [reminder.invoice.number] });
    expect(rowOf(preview.rows, noEmail.debtor.id)).toMatchObject({ stepCode: "reminder", channel: "letter", emailTo: null, fallback: "no_email" });
    const formalRow = rowOf(preview.rows, formal.debtor.id)!;
    expect(formalRow).toMatchObject({ stepCode: "formal_reminder", template: "formal_reminder", channel: "letter", principalCents: "250000", costsCents: wikCosts(250_000n).toString(), booksCharges: false });
    expect(BigInt(formalRow.interestCents)).toBeGreaterThan(0n);
    expect(rowOf(preview.rows, call.debtor.id)).toMatchObject({ stepCode: "call", channel: "call_task", hasTask: true, emailTo: null });

    // The totals are the run's own counts of the same rows.
    const t = preview.totals;
    expect(t.debtors).toBe(preview.rows.length);
    expect(t.messages).toBe(preview.rows.length);
    expect(t.emails).toBe(preview.rows.filter((r) => r.emailTo !== null).length);
    expect(t.letters).toBe(preview.rows.filter((r) => r.channel === "letter" || r.channel === "handover").length);
    expect(t.tasks).toBe(preview.rows.filter((r) => r.hasTask).length);
    const eur = t.money.find((m) => m.currency === "EUR")!;
    expect(BigInt(eur.costsCents)).toBe(preview.rows.filter((r) => r.currency === "EUR").reduce((s, r) => s + BigInt(r.costsCents), 0n));

    // A payment comes in between preview and run: the run does what is right then.
    await testDb.$transaction((tx) => applyPayment(tx, { debtorId: paysInBetween.debtor.id, amountCents: 100_000n, currency: "EUR", valueDate: TODAY, reference: null, method: "bank_transfer", source: "manual", actorId: null, today: TODAY, now: new Date() }));
    await recomputeDebtorBalances(testDb, [paysInBetween.debtor.id]);
    const result = await runDunning(testDb, { ...opts(TODAY), triggeredBy: manager.id });
    expect(await testDb.dunningCommunication.count({ where: { debtorId: paysInBetween.debtor.id } })).toBe(0);
    expect(result).toMatchObject({ messages: t.messages - 1, emails: t.emails - 1, letters: t.letters, tasks: t.tasks });

    // Everyone else got exactly what the preview showed.
    for (const d of [reminder, noEmail, formal, call]) {
      const row = rowOf(preview.rows, d.debtor.id)!;
      const sent = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: d.debtor.id, runDate: TODAY } });
      expect(sent).toMatchObject({ stepCode: row.stepCode, template: row.template, level: row.level, channel: row.channel === "handover" ? "letter" : row.channel, principalCents: BigInt(row.principalCents), costsCents: BigInt(row.costsCents), interestCents: BigInt(row.interestCents), payByDate: row.payByDate });
      expect(await testDb.emailOutbox.count({ where: { debtorId: d.debtor.id, kind: "dunning" } })).toBe(row.emailTo ? 1 : 0);
    }
    expect((await testDb.emailOutbox.findFirstOrThrow({ where: { debtorId: reminder.debtor.id, kind: "dunning" } })).toAddress).toBe(reminder.contact!.email);

    // After the run the preview of the same day has nothing left for these debtors.
    const after = await previewDunning(testDb, manager, opts(TODAY));
    expect(after.rows.filter((r) => ids.includes(r.debtorId))).toEqual([]);
    expect(after.skippedToday).toBeGreaterThanOrEqual(4);
  });

  it("is for those who may run it: managers and admins, not controllers or viewers", async () => {
    const TODAY = "2034-04-12";
    await debtorAt(TODAY, 9);
    for (const role of ["manager", "admin"] as const) await expect(previewDunning(testDb, await actor(role), opts(TODAY))).resolves.toMatchObject({ runDate: TODAY });
    for (const role of ["controller", "viewer"] as const) {
      const error = await previewDunning(testDb, await actor(role), opts(TODAY)).catch((e: unknown) => e);
      expect(isDomainError(error) ? error.code : error).toBe("forbidden");
    }
    expect(await testDb.dunningRun.count({ where: { runDate: TODAY } })).toBe(0);
  });
});
