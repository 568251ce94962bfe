import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { officeClockAt } from "@/lib/clock/office-clock";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { getDebtorWorkbench } from "@/lib/debtors/debtor-workbench";
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

  it("is null for a debtor that does not exist", async () => {
    const me = await createUser(testDb, "manager");
    expect(await getDebtorWorkbench(testDb, { id: me.id, role: "manager" }, "no-such-debtor", clock)).toBeNull();
    expect(await getDebtorWorkbench(testDb, { id: me.id, role: "manager" }, "x".repeat(65), clock)).toBeNull();
  });
});
