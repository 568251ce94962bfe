import { beforeAll, describe, expect, it } from "vitest";
import { debtorsHref } from "@/app/(workbench)/dashboard/dashboard-view";
import { getDisputeFigures, getOverviewFigures, parseDashboardFilters, type DashboardFilters } from "@/lib/dashboard/dashboard-queries";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { debtorListTable } from "@/lib/debtors/debtor-exports";
import { listDebtors, type DebtorList } from "@/lib/debtors/debtor-queries";
import { parseListDebtorsParams } from "@/lib/debtors/debtor-schemas";
import { addDays } from "@/lib/format/calendar-date";
import { AGING_BUCKETS } from "@/lib/invoices/aging";
import { createDebtor, createDispute, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * Every figure of the dashboard opens the debtors list it counts, and that list's totals row
 * (over all matching debtors, not one page) adds up to the figure: open, overdue, each aging
 * bucket, disputes, and each row of the disputes table. On one controller's own portfolio, with
 * debtors whose items spread over several buckets, credit notes, a paid invoice, decided
 * disputes, a consumer and a debtor in another currency.
 */
const TODAY = "2034-06-15";
const ago = (days: number) => addDays(TODAY, -days);
let controllerId: string;

beforeAll(async () => {
  const controller = await createUser(testDb, "controller");
  controllerId = controller.id;
  const debtor = (kind = "b2b") => createDebtor(testDb, { assignedControllerId: controller.id, kind });
  const spread = await debtor();
  const invoices = await Promise.all([
    createInvoice(testDb, spread.id, { dueDate: addDays(TODAY, 10), amountCents: 40_000 }),
    createInvoice(testDb, spread.id, { dueDate: ago(5), amountCents: 12_345 }),
    createInvoice(testDb, spread.id, { dueDate: ago(45), amountCents: 70_000, openCents: 30_000 }),
    createInvoice(testDb, spread.id, { dueDate: ago(120), amountCents: 99_999 }),
    createInvoice(testDb, spread.id, { dueDate: ago(60), amountCents: 5_000, openCents: 0 }),
    createInvoice(testDb, spread.id, { dueDate: ago(20), amountCents: -8_000 }),
  ]);
  const oldOne = await debtor();
  const oldInvoices = await Promise.all([createInvoice(testDb, oldOne.id, { dueDate: ago(75), amountCents: 250_000 }), createInvoice(testDb, oldOne.id, { dueDate: ago(31), amountCents: 10_000 })]);
  const consumer = await debtor("consumer");
  const consumerInvoice = await createInvoice(testDb, consumer.id, { dueDate: ago(61), amountCents: 33_300 });
  const notDue = await debtor();
  await createInvoice(testDb, notDue.id, { dueDate: TODAY, amountCents: 21_000 });
  const paidUp = await debtor();
  await createInvoice(testDb, paidUp.id, { dueDate: ago(40), amountCents: 9_000, openCents: 0 });
  const dollars = await debtor();
  await testDb.debtor.update({ where: { id: dollars.id }, data: { currency: "USD" } });
  const usd = await createInvoice(testDb, dollars.id, { dueDate: ago(40), amountCents: 77_700 });
  await testDb.invoice.update({ where: { id: usd.id }, data: { currency: "USD" } });

  const dispute = async (invoice: { id: string; debtorId: string }, cents: number, status: string, reason: string, openedDaysAgo: number) => {
    const d = await createDispute(testDb, invoice, cents, status);
    await testDb.dispute.update({ where: { id: d.id }, data: { reason, openedOn: ago(openedDaysAgo) } });
  };
  await dispute(invoices[2]!, 10_000, "open", "goods", 10);
  await dispute(invoices[3]!, 20_000, "credit_expected", "price", 45);
  await dispute(oldInvoices[0]!, 50_000, "open", "goods", 70);
  await dispute(oldInvoices[1]!, 1_000, "resolved_rejected", "goods", 5);
  await dispute(consumerInvoice, 3_300, "open", "not_received", 31);
  await dispute(usd, 7_700, "open", "goods", 10);
  await recomputeDebtorBalances(testDb, [spread.id, oldOne.id, consumer.id, notDue.id, paidUp.id, dollars.id]);
});

/** The list behind a dashboard link, as the debtors page reads it, with its totals in the figure's currency. */
async function listBehind(f: DashboardFilters, extra: Record<string, string>): Promise<{ list: DebtorList; total: NonNullable<DebtorList["totals"]>[number] }> {
  const href = debtorsHref(f, extra);
  const input = parseListDebtorsParams(Object.fromEntries(new URL(href, "http://x").searchParams));
  const list = await listDebtors(testDb, input, { today: TODAY, userId: controllerId, provider }, { withTotals: true });
  expect(list.totals!.map((t) => t.currency)).toEqual([f.currency]);
  return { list, total: list.totals![0]! };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.each([
  ["the controller's portfolio", {}],
  ["its business debtors", { kind: "b2b" }],
  ["its consumers", { kind: "consumer" }],
])("the dashboard's drill-downs reconcile with the debtors list: %s", (_name, extra) => {
  const filters = () => parseDashboardFilters({ controller: controllerId, period: "90", ...extra });

  it("open and overdue: the totals row equals the figure, and the rows add up to the totals", async () => {
    const f = filters();
    const o = await getOverviewFigures(testDb, TODAY, f);
    const open = await listBehind(f, {});
    expect(open.total.openCents).toBe(o.openCents);
    // The rows show balances (credit notes netted): they add up to the open items plus the credit notes.
    expect(sum(open.list.rows.map((r) => r.openCents))).toBe(open.total.openCents + open.total.creditCents);
    expect(open.list.rows.map((r) => r.currency)).not.toContain("USD");

    const overdue = await listBehind(f, { overdue: "1", sort: "open" });
    expect(overdue.total.overdueCents).toBe(o.overdueCents);
    expect(overdue.total.debtors).toBe(o.debtorsOverdue);
    expect(overdue.list.total).toBe(o.debtorsOverdue);
    expect(sum(overdue.list.rows.map((r) => r.overdueCents))).toBe(o.overdueCents);
  });

  it("each aging bucket: the amount and the number of items in it", async () => {
    const f = filters();
    const o = await getOverviewFigures(testDb, TODAY, f);
    for (const bucket of AGING_BUCKETS) {
      const figure = o.aging.find((a) => a.bucket === bucket)!;
      const { list, total } = await listBehind(f, { aging: bucket });
      expect([bucket, total.agingCents, total.agingInvoices]).toEqual([bucket, figure.amountCents, figure.count]);
      expect(sum(list.rows.map((r) => r.agingCents ?? 0))).toBe(figure.amountCents);
      // Nobody is listed without an item in the bucket.
      for (const r of list.rows) expect(r.agingCents).toBeGreaterThan(0);
    }
  });

  it("disputes: the figure, and each row of the disputes table by reason and age", async () => {
    const f = filters();
    const o = await getOverviewFigures(testDb, TODAY, f);
    expect((await listBehind(f, { dispute: "1" })).total.disputes).toBe(o.openDisputes);
    const rows = await getDisputeFigures(testDb, TODAY, f);
    for (const r of rows) {
      const { total } = await listBehind(f, { dispute: "1", reason: r.reason, disputeAge: r.age });
      expect([r.reason, r.age, total.disputes, total.disputedCents]).toEqual([r.reason, r.age, r.count, r.amountCents]);
    }
  });
});

describe("the drill-down's data", () => {
  it("has items in several buckets and disputes of several reasons and ages (the test is not empty)", async () => {
    const f = parseDashboardFilters({ controller: controllerId });
    const o = await getOverviewFigures(testDb, TODAY, f);
    expect(o.aging.filter((a) => a.count > 0).length).toBe(5);
    expect(o.openDisputes).toBe(4);
    expect((await getDisputeFigures(testDb, TODAY, f)).length).toBe(4);
    // The oldest-item filter would list the spread debtor under 90+ only; the drill-down lists it in every bucket it has items in.
    const { list } = await listBehind(f, { aging: "31-60" });
    expect(list.total).toBe(2);
  });

  it("exports the same list as CSV with every filter of the drill-down", async () => {
    const f = parseDashboardFilters({ controller: controllerId });
    const { list, total } = await listBehind(f, { aging: "61-90" });
    const input = parseListDebtorsParams(Object.fromEntries(new URL(debtorsHref(f, { aging: "61-90" }), "http://x").searchParams));
    const table = (await debtorListTable(testDb, input, { today: TODAY, userId: controllerId, provider, locale: "nl" }))!;
    expect(table.rows.map((r) => r.customerNumber).sort()).toEqual(list.rows.map((r) => r.customerNumber).sort());
    expect(table.columns.map((c) => c.key)).toContain("aging");
    expect(sum(table.rows.map((r) => Number(r.aging)))).toBe(total.agingCents);
    const usd = await debtorListTable(testDb, { ...input, currency: "USD", aging: undefined }, { today: TODAY, userId: controllerId, provider, locale: "nl" });
    expect(usd!.rows).toHaveLength(1);
  });
});

describe("a search's totals row", () => {
  /**
   * The matching debtors' ids travel as one parameter (past SQLite's 999 bound values too); up to
   * 1,500 their items are found through the debtor index, past it the open items are scanned and
   * the debtors' ones kept: every way gives the same totals as adding up each debtor's items,
   * credit notes included.
   */
  it.each([[12], [950], [1600]])("with %i matching debtors equals the sum of their items", async (count) => {
    const token = `Zoekproef${count}x${Date.now().toString(36)}`;
    const ids = Array.from({ length: count }, (_, i) => `srch-${token}-${i}`);
    await testDb.debtor.createMany({ data: ids.map((id, i) => ({ id, customerNumber: `S${token}${i}`, name: `${token} ${i} B.V.`, kind: "b2b", customerSince: "2024-01-01", city: "Zwolle" })) });
    // Per debtor one overdue item of (i + 1) euros and one not yet due of 5 euros; every tenth
    // debtor also has an open credit note of 3 euros.
    await testDb.invoice.createMany({
      data: ids.flatMap((debtorId, i) => [
        { debtorId, number: `S-${token}-${i}-a`, issueDate: ago(40), dueDate: ago(10), amountCents: BigInt((i + 1) * 100), openCents: BigInt((i + 1) * 100) },
        { debtorId, number: `S-${token}-${i}-b`, issueDate: TODAY, dueDate: addDays(TODAY, 20), amountCents: 500n, openCents: 500n },
        ...(i % 10 === 0 ? [{ debtorId, number: `S-${token}-${i}-c`, issueDate: ago(5), dueDate: ago(5), amountCents: -300n, openCents: -300n }] : []),
      ]),
    });
    const list = await listDebtors(testDb, parseListDebtorsParams({ q: token }), { today: TODAY, userId: controllerId, provider }, { withTotals: true });
    const overdue = (count * (count + 1) * 100) / 2;
    expect(list.total).toBe(count);
    const credit = -300 * Math.ceil(count / 10);
    expect(list.totals).toEqual([expect.objectContaining({ currency: "EUR", debtors: count, openInvoices: 2 * count, overdueCents: overdue, openCents: overdue + count * 500, creditCents: credit })]);
    // The count of a longer result comes from the totals (not scanned again), on a later page too,
    // and equals the count without them.
    const second = await listDebtors(testDb, parseListDebtorsParams({ q: token, page: "2" }), { today: TODAY, userId: controllerId, provider }, { withTotals: true });
    const plain = await listDebtors(testDb, parseListDebtorsParams({ q: token, page: "2" }), { today: TODAY, userId: controllerId, provider });
    expect([second.total, second.pages, second.page]).toEqual([count, plain.pages, plain.page]);
    expect(plain.total).toBe(count);
    expect(second.rows.map((r) => r.id)).toEqual(plain.rows.map((r) => r.id));
  });
});
