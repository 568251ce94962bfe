import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { createDebtor, createDispute, createInvoice } from "../factories/portfolio";
import { testDb } from "./test-db";

describe("debtor balances", () => {
  it("sums open invoices, finds the oldest open due date and counts open disputes", async () => {
    const debtor = await createDebtor(testDb);
    const other = await createDebtor(testDb);
    await createInvoice(testDb, debtor.id, { dueDate: "2026-09-01", amountCents: 100_00, openCents: 0 });
    const b = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: 250_00, openCents: 120_00 });
    await createInvoice(testDb, debtor.id, { dueDate: "2026-12-01", amountCents: 3_000_000_000_00 });
    await createInvoice(testDb, other.id, { dueDate: "2026-01-01", amountCents: 999 });
    await createDispute(testDb, b, 50_00);
    await createDispute(testDb, b, 10_00, "withdrawn");

    await recomputeDebtorBalances(testDb, [debtor.id]);

    const row = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
    expect(row.openCents).toBe(3_000_000_120_00n);
    expect(row.openInvoiceCount).toBe(2);
    expect(row.oldestOpenDueDate).toBe("2026-10-01");
    expect(row.openDisputeCount).toBe(1);
    const untouched = await testDb.debtor.findUniqueOrThrow({ where: { id: other.id } });
    expect(untouched.openCents).toBe(0n);
  });
});
