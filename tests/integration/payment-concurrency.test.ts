import { describe, expect, it } from "vitest";
import { findBalanceDrift, recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * Money booked by people at the same moment: the same payment submitted many times books once,
 * and two payments on one debtor at once leave its cached totals right — on SQLite and on
 * PostgreSQL's read-committed isolation, where a lost update showed in 17 of 20 paired trials.
 */
const TODAY = "2031-09-15";
const ctx = { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), timeZone: "Europe/Amsterdam", graceDays: 2 };

async function debtorWith(...euros: number[]) {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  const invoices = [];
  for (const e of euros) invoices.push(await createInvoice(testDb, debtor.id, { dueDate: "2031-08-01", amountCents: e * 100 }));
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { controller, debtor, invoices };
}

const pay = (d: Awaited<ReturnType<typeof debtorWith>>, euros: number, key: string, invoiceIds: string[] = []) =>
  recordPayment(testDb, d.controller, { debtorId: d.debtor.id, amount: BigInt(euros * 100), valueDate: TODAY, reference: null, method: "bank_transfer", invoiceIds, idempotencyKey: key }, ctx);

describe(`payments booked at once (${provider})`, () => {
  it("the same payment submitted 20 times at once (a double click, retries after a lost reply) is booked once; every submit gets the first booking", async () => {
    const d = await debtorWith(500);
    const key = crypto.randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => pay(d, 120, key)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const ids = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.paymentId : "")));
    expect(ids.size).toBe(1);
    expect(await testDb.payment.count({ where: { debtorId: d.debtor.id } })).toBe(1);
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: d.debtor.id } })).toMatchObject({ openCents: 38_000n });
    // The same key for a different amount is not the same payment: refused, nothing booked.
    await expect(pay(d, 99, key)).rejects.toMatchObject({ code: "conflict" });
    expect(await testDb.payment.count({ where: { debtorId: d.debtor.id } })).toBe(1);
  });

  it("two payments on one debtor at once, 20 trials: the cached open balance always equals the invoices", async () => {
    const trials = await Promise.all(Array.from({ length: 20 }, () => debtorWith(300, 200)));
    for (const d of trials) {
      await Promise.all([pay(d, 100, crypto.randomUUID(), [d.invoices[0]!.id]), pay(d, 50, crypto.randomUUID(), [d.invoices[1]!.id])]);
    }
    for (const d of trials) {
      const debtor = await testDb.debtor.findUniqueOrThrow({ where: { id: d.debtor.id } });
      const invoices = await testDb.invoice.findMany({ where: { debtorId: d.debtor.id } });
      expect(debtor.openCents).toBe(invoices.reduce((s, i) => s + i.openCents, 0n));
      expect(debtor.openCents).toBe(35_000n);
    }
    const drift = await findBalanceDrift(testDb);
    expect(drift.filter((x) => trials.some((d) => d.debtor.id === x.debtorId))).toEqual([]);
  });
});
