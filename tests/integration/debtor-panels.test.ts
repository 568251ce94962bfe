import { describe, expect, it } from "vitest";
import { listOpenAgreements } from "@/lib/agreements/agreement-queries";
import { listHoldingDisputes } from "@/lib/disputes/dispute-queries";
import { createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * The debtor page's agreement and dispute panels read their parts in steps (the parts only when
 * there is something to show them for): each agreement keeps its own instalments and invoices.
 */
describe("the debtor page's open agreements and disputes", () => {
  it("each open agreement with its own instalments in order and its own invoice numbers; closed ones and other debtors' stay out", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
    const other = await createDebtor(testDb, { assignedControllerId: controller.id });
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => createInvoice(testDb, debtor.id, { dueDate: "2033-01-0" + n, amountCents: 10_000 * n })));
    const elsewhere = await createInvoice(testDb, other.id, { dueDate: "2033-01-01", amountCents: 5_000 });
    const agreement = (debtorId: string, kind: string, status: string, createdAt: string, invoices: string[], instalments: [string, number][]) =>
      testDb.agreement.create({
        data: {
          debtorId, kind, status, totalCents: BigInt(instalments.reduce((s, [, x]) => s + x, 0)), createdById: controller.id, idempotencyKey: crypto.randomUUID(), createdAt: new Date(createdAt),
          instalments: { create: instalments.map(([dueDate, cents], i) => ({ seq: i + 1, dueDate, amountCents: BigInt(cents) })).reverse() },
          invoices: { create: invoices.map((invoiceId) => ({ invoiceId })) },
        },
      });
    const plan = await agreement(debtor.id, "plan", "open", "2033-02-01T10:00:00Z", [a!.id, b!.id], [["2033-03-01", 10_000], ["2033-04-01", 10_000], ["2033-05-01", 10_000]]);
    const promise = await agreement(debtor.id, "promise", "open", "2033-02-02T10:00:00Z", [c!.id], [["2033-02-15", 30_000]]);
    await agreement(debtor.id, "promise", "broken", "2033-01-15T10:00:00Z", [a!.id], [["2033-01-20", 10_000]]);
    await agreement(other.id, "promise", "open", "2033-02-01T09:00:00Z", [elsewhere.id], [["2033-02-20", 5_000]]);

    const rows = await listOpenAgreements(testDb, debtor.id);
    expect(rows.map((r) => [r.id, r.kind, r.totalCents])).toEqual([[plan.id, "plan", 30_000], [promise.id, "promise", 30_000]]);
    expect(rows[0]!.instalments.map((i) => [i.seq, i.dueDate, i.amountCents])).toEqual([[1, "2033-03-01", 10_000], [2, "2033-04-01", 10_000], [3, "2033-05-01", 10_000]]);
    expect([...rows[0]!.invoiceNumbers].sort()).toEqual([a!.number, b!.number].sort());
    expect(rows[1]!.instalments.map((i) => i.dueDate)).toEqual(["2033-02-15"]);
    expect(rows[1]!.invoiceNumbers).toEqual([c!.number]);
    expect(await listOpenAgreements(testDb, (await createDebtor(testDb, {})).id)).toEqual([]);
  });

  it("each holding dispute with its own invoice's number; none: an empty list", async () => {
    const debtor = await createDebtor(testDb, {});
    const [a, b] = await Promise.all([1, 2].map((n) => createInvoice(testDb, debtor.id, { dueDate: "2033-01-0" + n, amountCents: 10_000 * n })));
    const first = await createDispute(testDb, a!, 1_000);
    const second = await createDispute(testDb, b!, 2_000);
    const rows = await listHoldingDisputes(testDb, debtor.id);
    expect(rows.map((r) => [r.id, r.invoiceId, r.invoiceNumber, r.disputedCents]).sort()).toEqual([[first.id, a!.id, a!.number, 1_000], [second.id, b!.id, b!.number, 2_000]].sort());
    expect(await listHoldingDisputes(testDb, (await createDebtor(testDb, {})).id)).toEqual([]);
  });
});
