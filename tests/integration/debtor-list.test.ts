import { describe, expect, it } from "vitest";
import { listDebtors } from "@/lib/debtors/debtor-queries";
import { ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

const TODAY = "2026-11-23";

describe("debtors list filters behind the dashboard's figures", () => {
  it("segment, overdue and promise status, combined with the controller", async () => {
    const controller = await createUser(testDb, "controller");
    const ctx = { today: TODAY, userId: controller.id, provider };
    const b2bLate = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "b2b" });
    const consumerLate = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "consumer" });
    const notDue = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "b2b" });
    await createInvoice(testDb, b2bLate.id, { dueDate: "2026-10-01", amountCents: 10_000 });
    await createInvoice(testDb, consumerLate.id, { dueDate: "2026-11-01", amountCents: 5_000 });
    await createInvoice(testDb, notDue.id, { dueDate: "2026-12-31", amountCents: 7_000 });
    await recomputeDebtorBalances(testDb, [b2bLate.id, consumerLate.id, notDue.id]);
    await testDb.agreement.create({ data: { debtorId: b2bLate.id, kind: "promise", status: "broken", totalCents: 10_000n, createdById: controller.id, idempotencyKey: `t-${b2bLate.id}` } });

    const ids = async (params: Record<string, string>) => (await listDebtors(testDb, ListDebtorsInput.parse({ controller: "me", ...params }), ctx)).rows.map((r) => r.id).sort();
    expect(await ids({ overdue: "1" })).toEqual([b2bLate.id, consumerLate.id].sort());
    expect(await ids({ overdue: "1", kind: "consumer" })).toEqual([consumerLate.id]);
    expect(await ids({ promise: "broken" })).toEqual([b2bLate.id]);
    expect(await ids({ promise: "kept" })).toEqual([]);
    // A malformed value falls back to no filter instead of failing the page.
    expect(await ids({ kind: "robot" })).toHaveLength(3);
  });
});
