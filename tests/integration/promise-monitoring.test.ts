import { describe, expect, it } from "vitest";
import { monitorPromises } from "@/lib/agreements/promise-monitoring";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";

async function promiseOn(dueDate: string, euros: number) {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: euros * 100 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  const agreement = await testDb.agreement.create({
    data: {
      debtorId: debtor.id,
      kind: "promise",
      totalCents: BigInt(euros * 100),
      createdById: controller.id,
      idempotencyKey: `test-${invoice.id}`,
      createdAt: new Date("2026-11-20T10:00:00Z"),
      instalments: { create: [{ seq: 1, dueDate, amountCents: BigInt(euros * 100) }] },
      invoices: { create: [{ invoiceId: invoice.id }] },
      tasks: { create: [{ debtorId: debtor.id, type: "check_payment", dueAt: new Date(`${dueDate}T08:00:00Z`), assigneeId: controller.id }] },
    },
  });
  return { controller, debtor, invoice, agreement };
}

async function pay(invoiceId: string, debtorId: string, valueDate: string, cents: bigint) {
  await testDb.payment.create({ data: { debtorId, amountCents: cents, valueDate, allocations: { create: { invoiceId, amountCents: cents } } } });
}

describe("promise monitoring", () => {
  it("a paid promise turns kept and its check-payment task is done; an unpaid one turns broken with one callback for the controller", async () => {
    const paid = await promiseOn("2026-11-27", 500);
    const unpaid = await promiseOn("2026-11-27", 800);
    await pay(paid.invoice.id, paid.debtor.id, "2026-11-28", 500_00n);

    // Within the grace days nothing is judged.
    // (The test database is shared with other files: assert on this test's agreements only.)
    await monitorPromises(testDb, { today: "2026-11-29", graceDays: 2, timeZone: TZ });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: unpaid.agreement.id } })).toMatchObject({ status: "open" });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: paid.agreement.id } })).toMatchObject({ status: "open" });

    await monitorPromises(testDb, { today: "2026-11-30", graceDays: 2, timeZone: TZ });
    const kept = await testDb.agreement.findUniqueOrThrow({ where: { id: paid.agreement.id }, include: { instalments: true, tasks: true } });
    expect(kept.status).toBe("kept");
    expect(kept.instalments[0]).toMatchObject({ status: "kept", paidCents: 500_00n });
    expect(kept.tasks.map((t) => [t.type, t.status])).toEqual([["check_payment", "done"]]);

    const broken = await testDb.agreement.findUniqueOrThrow({ where: { id: unpaid.agreement.id }, include: { tasks: true } });
    expect(broken.status).toBe("broken");
    const callbacks = broken.tasks.filter((t) => t.type === "callback");
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ status: "open", assigneeId: unpaid.controller.id, note: "broken_promise" });
    expect(broken.tasks.find((t) => t.type === "check_payment")?.status).toBe("cancelled");

    // Running again (or twice at once) changes nothing and makes no second callback.
    await Promise.all([monitorPromises(testDb, { today: "2026-12-01", graceDays: 2, timeZone: TZ }), monitorPromises(testDb, { today: "2026-12-01", graceDays: 2, timeZone: TZ })]);
    expect(await testDb.task.count({ where: { agreementId: unpaid.agreement.id, type: "callback" } })).toBe(1);
  });

  it("money received before the promise was made does not count", async () => {
    const p = await promiseOn("2026-11-25", 100);
    await pay(p.invoice.id, p.debtor.id, "2026-11-19", 100_00n);
    await monitorPromises(testDb, { today: "2026-12-01", graceDays: 2, timeZone: TZ });
    expect((await testDb.agreement.findUniqueOrThrow({ where: { id: p.agreement.id } })).status).toBe("broken");
  });
});
