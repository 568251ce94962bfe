import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { officeClockAt } from "@/lib/clock/office-clock";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { getDebtorWorkbench } from "@/lib/debtors/debtor-workbench";
import { listSettledSince } from "@/lib/calls/call-queries";
import { applyPayment } from "@/lib/payments/apply-payment";
import { ensureDefaultPolicy } from "@/lib/dunning/dunning-policy";
import { createContact, createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

// Monday 23 November 2026, 11:00 in Amsterdam: a Monday morning, so not a good time to call.
const clock = officeClockAt(new Date("2026-11-23T10:00:00Z"), "Europe/Amsterdam");

/**
 * A credit-insured b2b debtor of `controllerId`: € 1.000 due 1 October (reminded once, € 200 of it
 * disputed), € 500 due 20 October, € 300 not yet due; a € 1.500 credit limit.
 */
async function insuredDebtor(controllerId: string) {
  const debtor = await createDebtor(testDb, { assignedControllerId: controllerId });
  const oldest = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: 100_000 });
  const second = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-20", amountCents: 50_000 });
  const notDue = await createInvoice(testDb, debtor.id, { dueDate: "2026-12-15", amountCents: 30_000 });
  await testDb.invoice.update({ where: { id: oldest.id }, data: { dunningLevel: 1 } });
  // A level on an invoice that is not overdue yet does not count for the ladder.
  await testDb.invoice.update({ where: { id: notDue.id }, data: { dunningLevel: 3 } });
  await createDispute(testDb, oldest, 20_000);
  await createContact(testDb, debtor.id);
  await testDb.debtor.update({
    where: { id: debtor.id },
    data: { isCreditInsured: true, insurer: "Atradius", insurerNotifyDays: 60, creditLimitCents: 150_000n },
  });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { debtor, invoices: { oldest, second, notDue } };
}

describe("the debtor workbench", () => {
  it("gives a controller their own debtor with the call goal, consequence, insurer deadline and credit use", async () => {
    const me = await createUser(testDb, "controller");
    const { debtor, invoices } = await insuredDebtor(me.id);
    await ensureDefaultPolicy(testDb);

    const wb = await getDebtorWorkbench(testDb, { id: me.id, role: "controller" }, debtor.id, clock);

    expect(wb).not.toBeNull();
    expect(wb!.debtor.id).toBe(debtor.id);
    expect(wb!.today).toBe("2026-11-23");
    expect(wb!.position.openCents).toBe(180_000);
    expect(wb!.contacts).toHaveLength(1);
    // Overdue € 1.500 minus the € 200 in dispute, within 7 days (b2b), oldest first.
    expect(wb!.goal.amountCents).toBe(130_000n);
    expect(wb!.goal.payBy).toBe("2026-11-30");
    expect(wb!.goal.invoiceIds).toEqual([invoices.oldest.id, invoices.second.id]);
    expect(wb!.consequence).toBe("formal_reminder");
    // Oldest overdue item due 1 October + 60 days.
    expect(wb!.insurer).toEqual({ insurer: "Atradius", date: "2026-11-30", daysLeft: 7 });
    expect(wb!.creditUsePct).toBe(120);
    expect(wb!.callTime.localTime).toBe("11:00");
    expect(wb!.callTime.warnings).toContain("monday_morning");
    expect(wb!.canWrite).toBe(true);
    expect(wb!.canRecordPayment).toBe(true);
    expect(wb!.policies.length).toBeGreaterThan(0);
  });

  it("lets a controller read another controller's debtor but not write to it", async () => {
    const owner = await createUser(testDb, "controller");
    const other = await createUser(testDb, "controller");
    const { debtor } = await insuredDebtor(owner.id);

    const wb = await getDebtorWorkbench(testDb, { id: other.id, role: "controller" }, debtor.id, clock);

    expect(wb).not.toBeNull();
    // The same rules, whoever looks.
    expect(wb!.goal.amountCents).toBe(130_000n);
    expect(wb!.insurer?.daysLeft).toBe(7);
    expect(wb!.creditUsePct).toBe(120);
    expect(wb!.canWrite).toBe(false);
    expect(wb!.canRecordPayment).toBe(false);
    expect(wb!.callDraft).toBeNull();
    expect(wb!.policies).toEqual([]);
  });

  it("resumes the user's own draft call", async () => {
    const me = await createUser(testDb, "controller");
    const { debtor } = await insuredDebtor(me.id);
    const call = await testDb.callLog.create({
      data: { debtorId: debtor.id, authorId: me.id, status: "draft", notes: "Half way", startedAt: clock.now, idempotencyKey: randomUUID() },
    });

    const wb = await getDebtorWorkbench(testDb, { id: me.id, role: "controller" }, debtor.id, clock);

    expect(wb!.callDraft).toMatchObject({ id: call.id, notes: "Half way" });
  });

  it("sets a consumer two weeks and leaves out the insurer when nothing is overdue", async () => {
    const me = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: me.id, kind: "consumer" });
    await createInvoice(testDb, debtor.id, { dueDate: "2026-12-01", amountCents: 40_000 });
    await testDb.debtor.update({ where: { id: debtor.id }, data: { isCreditInsured: true, insurer: "Atradius", insurerNotifyDays: 60 } });

    const wb = await getDebtorWorkbench(testDb, { id: me.id, role: "controller" }, debtor.id, clock);

    expect(wb!.goal.amountCents).toBe(0n);
    expect(wb!.goal.payBy).toBe("2026-12-07");
    expect(wb!.consequence).toBe("reminder");
    expect(wb!.insurer).toBeNull();
    expect(wb!.creditUsePct).toBeNull();
  });

  it("reads how the debtor paid: invoices settled in the last year, on the day of their last payment", async () => {
    const me = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: me.id });
    const pay = (valueDate: string, cents: bigint, invoiceId: string) =>
      testDb.$transaction((tx) => applyPayment(tx, { debtorId: debtor.id, amountCents: cents, currency: "EUR", valueDate, reference: null, method: "bank_transfer", source: "manual", actorId: null, today: valueDate, now: new Date(`${valueDate}T10:00:00Z`), preferredInvoiceIds: [invoiceId] }));
    // Today 23 Nov 2026, so the year runs from 23 Nov 2025.
    const before = await createInvoice(testDb, debtor.id, { dueDate: "2025-10-01", amountCents: 50_000 }); // paid 1 Nov 2025: before the year
    const across = await createInvoice(testDb, debtor.id, { dueDate: "2025-11-10", amountCents: 30_000 }); // € 100 on 20 Nov 2025, the rest on 1 Dec 2025
    const inTwo = await createInvoice(testDb, debtor.id, { dueDate: "2026-09-01", amountCents: 100_000 }); // € 400 on 5 Sep, € 600 on 21 Sep 2026
    const stillOpen = await createInvoice(testDb, debtor.id, { dueDate: "2026-09-15", amountCents: 20_000 }); // € 50 on 1 Oct 2026, the rest open
    await pay("2025-11-01", 50_000n, before.id);
    await pay("2025-11-20", 10_000n, across.id);
    await pay("2025-12-01", 20_000n, across.id);
    await pay("2026-09-05", 40_000n, inTwo.id);
    await pay("2026-09-21", 60_000n, inTwo.id);
    await pay("2026-10-01", 5_000n, stillOpen.id);

    // The first invoice's last payment fell before the year; the one paid across its start counts,
    // on its last payment; the invoice still open does not.
    expect(await listSettledSince(testDb, debtor.id, "2025-11-23")).toEqual([
      { dueDate: "2025-11-10", paidOn: "2025-12-01", amountCents: 30_000n },
      { dueDate: "2026-09-01", paidOn: "2026-09-21", amountCents: 100_000n },
    ]);
    const wb = await getDebtorWorkbench(testDb, { id: me.id, role: "controller" }, debtor.id, clock);
    // 21 days late on € 300 and 20 on € 1.000: (300 × 21 + 1000 × 20) / 1300 = 20.23 → 20.2.
    // The last 90 days hold only the € 1.000 (20.0), the rest of the year the € 300 (21.0): stable.
    expect(wb!.behaviour).toMatchObject({ avgDaysLate: 20.2, recentAvgDaysLate: 20, trend: "stable", lastPayment: { date: "2026-10-01", amountCents: 5_000n } });
  });

  it("is null for a debtor that does not exist", async () => {
    const me = await createUser(testDb, "manager");
    expect(await getDebtorWorkbench(testDb, { id: me.id, role: "manager" }, "no-such-debtor", clock)).toBeNull();
    expect(await getDebtorWorkbench(testDb, { id: me.id, role: "manager" }, "x".repeat(65), clock)).toBeNull();
  });
});
