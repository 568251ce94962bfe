import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard, getWeeklyTrend, parseDashboardFilters, scopeFilters } from "@/lib/dashboard/dashboard-queries";
import { takeSnapshots } from "@/lib/dashboard/snapshots";
import { DASHBOARD_CACHE, clearDashboardCache, getDashboardCached } from "@/lib/dashboard/dashboard-cache";
import { saveCallDraft, startCall } from "@/lib/calls/call-drafts";
import { SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { addDays } from "@/lib/format/calendar-date";
import { wipeAll } from "@/prisma/seed/demo-data";
import { seedDemo } from "@/prisma/seed/seed";
import { databaseUrl, provider, testDb } from "./test-db";

/**
 * The dashboard's figures against independent, hand-written SQL on the seeded portfolio, on
 * SQLite and on PostgreSQL.
 */
const TODAY = "2026-11-23";
const NOW = new Date("2026-11-23T11:00:00Z");

async function num(sql: string, ...params: unknown[]): Promise<number> {
  const rows = await testDb.$queryRawUnsafe<Array<{ n: bigint | number | string | null }>>(sql, ...params);
  return Number(rows[0]?.n ?? 0);
}
const p = (i: number) => (provider === "postgresql" ? `$${i}` : "?");

describe(`dashboard figures equal hand-written SQL (${provider})`, () => {
  const all = parseDashboardFilters({ period: "90" });
  let controllerId: string;

  beforeAll(async () => {
    await wipeAll(testDb, provider);
    await seedDemo(testDb, databaseUrl, { today: TODAY });
    controllerId = (await testDb.user.findFirstOrThrow({ where: { email: "controller@dunning.test" } })).id;
  });

  it("open, overdue, aging buckets and debtors with overdue items", async () => {
    const d = await getDashboard(testDb, TODAY, all, NOW);
    expect(d.overview.openCents).toBe(await num(`SELECT SUM("openCents") AS n FROM "Invoice" WHERE "openCents" > 0 AND "currency" = 'EUR'`));
    expect(d.overview.overdueCents).toBe(await num(`SELECT SUM("openCents") AS n FROM "Invoice" WHERE "openCents" > 0 AND "dueDate" < ${p(1)}`, TODAY));
    const bucketSql = (from: string | null, to: string | null) =>
      num(
        `SELECT COALESCE(SUM("openCents"), 0) AS n FROM "Invoice" WHERE "openCents" > 0 AND "dueDate" >= ${p(1)} AND "dueDate" <= ${p(2)}`,
        from ?? "0000-00-00",
        to ?? "9999-12-31",
      );
    expect(d.overview.aging.map((a) => a.amountCents)).toEqual([
      await bucketSql(TODAY, null),
      await bucketSql(addDays(TODAY, -30), addDays(TODAY, -1)),
      await bucketSql(addDays(TODAY, -60), addDays(TODAY, -31)),
      await bucketSql(addDays(TODAY, -90), addDays(TODAY, -61)),
      await bucketSql(null, addDays(TODAY, -91)),
    ]);
    expect(d.overview.debtorsOverdue).toBe(await num(`SELECT COUNT(DISTINCT "debtorId") AS n FROM "Invoice" WHERE "openCents" > 0 AND "dueDate" < ${p(1)}`, TODAY));
    expect(d.overview.openDisputes).toBe(await num(`SELECT COUNT(*) AS n FROM "Dispute" WHERE "status" = 'open'`));
  });

  it("one controller's portfolio and the consumer segment", async () => {
    const mine = await getDashboard(testDb, TODAY, scopeFilters(parseDashboardFilters({ controller: "someone-else" }), { id: controllerId, role: "controller" }), NOW);
    expect(mine.overview.openCents).toBe(
      await num(`SELECT SUM(i."openCents") AS n FROM "Invoice" i JOIN "Debtor" d ON d."id" = i."debtorId" WHERE i."openCents" > 0 AND d."assignedControllerId" = ${p(1)}`, controllerId),
    );
    const consumers = await getDashboard(testDb, TODAY, parseDashboardFilters({ kind: "consumer" }), NOW);
    expect(consumers.overview.openCents).toBe(await num(`SELECT SUM(i."openCents") AS n FROM "Invoice" i JOIN "Debtor" d ON d."id" = i."debtorId" WHERE i."openCents" > 0 AND d."kind" = 'consumer'`));
    expect(consumers.overview.openCents).toBeLessThan((await getDashboard(testDb, TODAY, all, NOW)).overview.openCents);
  });

  it("top debtors, promises in the period, calls per controller", async () => {
    const d = await getDashboard(testDb, TODAY, all, NOW);
    const top = await testDb.$queryRawUnsafe<Array<{ debtorId: string; n: bigint | number }>>(
      `SELECT "debtorId", SUM("openCents") AS n FROM "Invoice" WHERE "openCents" > 0 AND "dueDate" < ${p(1)} GROUP BY "debtorId" ORDER BY n DESC LIMIT 10`,
      TODAY,
    );
    expect(d.top.map((r) => r.overdueCents)).toEqual(top.map((r) => Number(r.n)));
    const since = new Date(NOW.getTime() - 90 * 86_400_000);
    const agreementsSql = `SELECT COUNT(*) AS n FROM "Agreement" WHERE "createdAt" >= ${p(1)}`;
    expect(d.promises.made).toBe(await num(agreementsSql, provider === "postgresql" ? since : since.getTime()));
    expect(d.promises.kept).toBe(await num(`${agreementsSql} AND "status" = 'kept'`, provider === "postgresql" ? since : since.getTime()));
    expect(d.calls.reduce((s, c) => s + c.calls, 0)).toBe(await num(`SELECT COUNT(*) AS n FROM "CallLog" WHERE "status" = 'final' AND "startedAt" >= ${p(1)}`, provider === "postgresql" ? since : since.getTime()));
  });

  it("today's snapshot equals the live position, DSO and CEI come out, and history does not change when an invoice is paid later", async () => {
    const d = await getDashboard(testDb, TODAY, all, NOW);
    expect(await num(`SELECT SUM("openCents") AS n FROM "DailySnapshot" WHERE "date" = ${p(1)}`, TODAY)).toBe(d.overview.openCents);
    expect(d.effectiveness.dso).toBeGreaterThan(0);
    expect(d.effectiveness.dsoTrend.length).toBeGreaterThanOrEqual(12);
    expect(d.effectiveness.cei).toBeGreaterThan(0);
    expect(d.effectiveness.cei).toBeLessThanOrEqual(100);

    const before = await getWeeklyTrend(testDb, TODAY, all);
    expect(before).toHaveLength(12);
    // Pay the oldest open invoice in full today; past weeks keep their figures.
    const inv = await testDb.invoice.findFirstOrThrow({ where: { openCents: { gt: 0 }, dueDate: { lt: addDays(TODAY, -100) } }, orderBy: { dueDate: "asc" } });
    await testDb.payment.create({ data: { debtorId: inv.debtorId, amountCents: inv.openCents, valueDate: TODAY, allocations: { create: { invoiceId: inv.id, amountCents: inv.openCents } } } });
    await testDb.invoice.update({ where: { id: inv.id }, data: { openCents: 0n } });
    await takeSnapshots(testDb, [TODAY]);
    const after = await getWeeklyTrend(testDb, TODAY, all);
    expect(after.slice(0, 11)).toEqual(before.slice(0, 11));
    expect(after[11]!.openCents).toBe(before[11]!.openCents - Number(inv.openCents));
  });

  it("answers from the cache until a committed change has settled, and a call draft being typed does not throw it away", async () => {
    clearDashboardCache();
    const controller = await testDb.user.findFirstOrThrow({ where: { email: "controller@dunning.test" }, select: { id: true, name: true, email: true } });
    const actor = { ...controller, role: "controller" as const };
    const first = await getDashboardCached(testDb, TODAY, all, NOW);
    expect(first.fromCache).toBe(false);
    const again = await getDashboardCached(testDb, TODAY, all, NOW);
    expect(again.fromCache).toBe(true);
    expect(again.overview).toEqual(first.overview);

    // A controller typing a call note: the dashboard counts finished calls only.
    const inv = await testDb.invoice.findFirstOrThrow({ where: { currency: "EUR", openCents: { gt: 100_00n }, debtor: { assignedControllerId: controller.id } }, select: { id: true, debtorId: true } });
    const debtor = { id: inv.debtorId };
    const call = await startCall(testDb, actor, { debtorId: debtor.id, idempotencyKey: crypto.randomUUID() });
    await saveCallDraft(testDb, actor, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "Belt terug na overleg met de directeur" }));
    expect((await getDashboardCached(testDb, TODAY, all, NOW)).fromCache).toBe(true);

    // A payment: the figures stand for the settle time after it (the page says as of when), then the next view computes them again.
    await recordPayment(testDb, actor, { debtorId: debtor.id, amount: 100_00n, valueDate: TODAY, reference: null, method: "bank_transfer", invoiceIds: [inv.id], idempotencyKey: crypto.randomUUID() }, { today: TODAY, now: NOW, timeZone: "Europe/Amsterdam", graceDays: 2 });
    const settling = await getDashboardCached(testDb, TODAY, all, new Date(NOW.getTime() + DASHBOARD_CACHE.settleMs - 1));
    expect(settling.fromCache).toBe(true);
    expect(settling.computedAt).toEqual(NOW);
    expect(settling.overview.openCents).toBe(first.overview.openCents);
    const later = new Date(NOW.getTime() + DASHBOARD_CACHE.settleMs);
    const paid = await getDashboardCached(testDb, TODAY, all, later);
    expect(paid.fromCache).toBe(false);
    expect(paid.computedAt).toEqual(later);
    expect(paid.overview.openCents).toBe(first.overview.openCents - 100_00);
    // Unchanged data: kept past the settle time.
    expect((await getDashboardCached(testDb, TODAY, all, new Date(later.getTime() + 2 * DASHBOARD_CACHE.settleMs))).fromCache).toBe(true);

    // A dispute opened on another process's connection (the cache is per process, the stamp is the database's).
    await testDb.dispute.create({ data: { debtorId: debtor.id, invoiceId: inv.id, reason: "goods", disputedCents: 10_00n, openedOn: TODAY, status: "open" } });
    const disputed = await getDashboardCached(testDb, TODAY, all, new Date(later.getTime() + 2 * DASHBOARD_CACHE.settleMs));
    expect(disputed.fromCache).toBe(false);
    expect(disputed.overview.openDisputes).toBe(first.overview.openDisputes + 1);

    // Other filters are cached apart; and an entry is at most a minute old.
    expect((await getDashboardCached(testDb, TODAY, { ...all, period: "30" }, NOW)).fromCache).toBe(false);
    expect((await getDashboardCached(testDb, TODAY, { ...all, period: "30" }, new Date(NOW.getTime() + 61_000))).fromCache).toBe(false);
  });
});
