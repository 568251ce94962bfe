import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { verifyPassword } from "better-auth/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AGING_BUCKETS, agingBucket } from "@/lib/invoices/aging";
import { addDays } from "@/lib/format/calendar-date";
import { buildPortfolio, buildUsers, wipeAll } from "@/prisma/seed/demo-data";
import { generateLarge } from "@/prisma/seed/generate-large";
import { DEMO_PASSWORD, seedDemo } from "@/prisma/seed/seed";
import { databaseUrl, provider, testDb } from "./test-db";

const TODAY = "2026-11-23";
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const runSeedCli = (...args: string[]) =>
  spawnSync(tsx, [path.join(root, "prisma/seed/seed.ts"), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, SEED_TODAY: TODAY }, encoding: "utf8" });

/** Independent SQL: one number per query, so a mismatch names the rule that broke. */
async function scalar(sql: string): Promise<number> {
  const rows = await testDb.$queryRawUnsafe<Array<{ n: bigint | number | null }>>(sql);
  return Number(rows[0]?.n ?? 0);
}

describe("demo seed", () => {
  beforeAll(async () => {
    await wipeAll(testDb);
    await seedDemo(testDb, databaseUrl, { today: TODAY });
  });

  it("makes the portfolio the issue asks for: 200 debtors, 2,000 invoices, several users per role", async () => {
    expect(await testDb.debtor.count()).toBe(200);
    expect(await testDb.invoice.count()).toBe(2000);
    const roles = await testDb.user.groupBy({ by: ["role"], _count: { _all: true } });
    for (const role of ["admin", "manager", "controller", "viewer"]) {
      expect(roles.find((r) => r.role === role)?._count._all ?? 0, role).toBeGreaterThanOrEqual(2);
    }
    const kinds = await testDb.debtor.groupBy({ by: ["kind"], _count: { _all: true } });
    expect(kinds.find((k) => k.kind === "b2b")?._count._all).toBeGreaterThan(120);
    expect(kinds.find((k) => k.kind === "consumer")?._count._all).toBeGreaterThan(20);
    expect(await testDb.debtor.count({ where: { language: "en" } })).toBeGreaterThan(10);
  });

  it("spreads open invoices over every aging bucket", async () => {
    const open = await testDb.invoice.findMany({ where: { openCents: { gt: 0 } }, select: { dueDate: true } });
    const perBucket = new Map<string, number>();
    for (const inv of open) perBucket.set(agingBucket(inv.dueDate, TODAY), (perBucket.get(agingBucket(inv.dueDate, TODAY)) ?? 0) + 1);
    for (const bucket of AGING_BUCKETS) expect(perBucket.get(bucket) ?? 0, bucket).toBeGreaterThanOrEqual(10);
  });

  it("keeps the books consistent: allocations explain every paid cent, plans add up, balances match", async () => {
    expect(
      await scalar(`SELECT COUNT(*) AS n FROM "Invoice" i WHERE i."amountCents" - i."openCents" <> COALESCE((SELECT SUM(a."amountCents") FROM "PaymentAllocation" a WHERE a."invoiceId" = i."id"), 0)`),
    ).toBe(0);
    expect(await scalar(`SELECT COUNT(*) AS n FROM "Invoice" WHERE "openCents" < 0 OR "openCents" > "amountCents"`)).toBe(0);
    expect(
      await scalar(`SELECT COUNT(*) AS n FROM "Payment" p WHERE p."amountCents" <> (SELECT SUM(a."amountCents") FROM "PaymentAllocation" a WHERE a."paymentId" = p."id")`),
    ).toBe(0);
    expect(
      await scalar(`SELECT COUNT(*) AS n FROM "Agreement" g WHERE g."totalCents" <> (SELECT SUM(s."amountCents") FROM "Instalment" s WHERE s."agreementId" = g."id")`),
    ).toBe(0);
    expect(
      await scalar(
        `SELECT COUNT(*) AS n FROM "Debtor" d WHERE d."openCents" <> COALESCE((SELECT SUM(i."openCents") FROM "Invoice" i WHERE i."debtorId" = d."id"), 0)
           OR d."openInvoiceCount" <> (SELECT COUNT(*) FROM "Invoice" i WHERE i."debtorId" = d."id" AND i."openCents" > 0)`,
      ),
    ).toBe(0);
    expect(await scalar(`SELECT COUNT(*) AS n FROM "Payment" WHERE "valueDate" > '${TODAY}'`)).toBe(0);
  });

  it("has the history a controller works with: calls, kept and broken promises, plans, disputes, reminders", async () => {
    const agreements = await testDb.agreement.groupBy({ by: ["kind", "status"], _count: { _all: true } });
    const count = (kind: string, status?: string) => agreements.filter((a) => a.kind === kind && (!status || a.status === status)).reduce((s, a) => s + a._count._all, 0);
    expect(count("promise", "kept")).toBeGreaterThan(5);
    expect(count("promise", "broken")).toBeGreaterThan(5);
    expect(count("plan")).toBeGreaterThan(3);
    expect(await testDb.dispute.count({ where: { status: "open" } })).toBeGreaterThan(5);
    expect(await testDb.callLog.count()).toBeGreaterThan(100);
    expect(await testDb.dunningCommunication.count()).toBeGreaterThan(50);
    // Every debtor has exactly one payments contact, with a number to call.
    expect(await scalar(`SELECT COUNT(*) AS n FROM "Debtor" d WHERE (SELECT COUNT(*) FROM "Contact" c WHERE c."debtorId" = d."id" AND c."isPrimaryForPayments" = true AND (c."phone" IS NOT NULL OR c."mobile" IS NOT NULL)) <> 1`)).toBe(0);
    // Instants written by the bulk insert read back through Prisma as the right days.
    const call = await testDb.callLog.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(call.startedAt).toBeInstanceOf(Date);
    expect(call.startedAt.toISOString().slice(0, 10) <= TODAY).toBe(true);
    expect(call.startedAt.toISOString().slice(0, 10) >= addDays(TODAY, -81)).toBe(true);
    expect(await testDb.task.count({ where: { status: "open", dueAt: { lte: new Date(`${addDays(TODAY, 1)}T00:00:00Z`) } } })).toBeGreaterThan(3);
  });

  it("lets every demo user sign in with the demo password", async () => {
    const accounts = await testDb.account.findMany({ where: { providerId: "credential" }, select: { password: true, userId: true } });
    expect(accounts).toHaveLength(buildUsers().length);
    expect(await verifyPassword({ hash: accounts[0]!.password!, password: DEMO_PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: accounts[0]!.password!, password: "wrong" })).toBe(false);
  });

  it("is deterministic for a seed and a day", () => {
    const opts = { seed: 7, today: TODAY, debtors: 20, invoicesPerDebtor: 6, controllerIds: ["a", "b"] };
    const a = buildPortfolio(opts);
    const b = buildPortfolio(opts);
    expect(a.invoices.map((i) => `${String(i.number)}:${String(i.openCents)}`)).toEqual(b.invoices.map((i) => `${String(i.number)}:${String(i.openCents)}`));
    expect(a.invoices).toHaveLength(120);
    expect(buildPortfolio({ ...opts, seed: 8 }).invoices.map((i) => String(i.amountCents))).not.toEqual(a.invoices.map((i) => String(i.amountCents)));
  });

  it("refuses to seed over existing data from the command line, and --if-empty leaves it alone", () => {
    const refused = runSeedCli();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("already holds 200 debtors");
    const skipped = runSeedCli("--if-empty");
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).not.toContain("Seeded");
  });
});

describe("large benchmark generator", () => {
  it("replaces the data with the requested number of debtors and invoices, balances included", async () => {
    const r = await generateLarge({ url: databaseUrl, debtors: 60, invoicesPerDebtor: 5 });
    expect(r).toMatchObject({ debtors: 60, invoices: 300 });
    expect(await testDb.debtor.count()).toBe(60);
    expect(await testDb.user.count({ where: { role: "controller" } })).toBe(20);
    const total = await scalar(`SELECT SUM("openCents") AS n FROM "Invoice"`);
    const kept = await scalar(`SELECT SUM("openCents") AS n FROM "Debtor"`);
    expect(kept).toBe(total);
    expect(total).toBeGreaterThan(0);
    if (provider === "postgresql") {
      // Vacuumed after the load, as autovacuum would leave it: its pages are marked all-visible, so
      // PostgreSQL can answer from an index alone (the dashboard's sums: 113 ms before, 20 ms after).
      const [invoices] = await testDb.$queryRawUnsafe<{ visible: number }[]>(`SELECT relallvisible AS visible FROM pg_class WHERE oid = '"Invoice"'::regclass`);
      expect(Number(invoices?.visible)).toBeGreaterThan(0);
    }
  });

  it("prints the demo logins without touching the database", () => {
    const out = execFileSync(tsx, [path.join(root, "prisma/seed/seed.ts"), "--print-logins"], { cwd: root, env: { ...process.env, DATABASE_URL: "file:/nonexistent/dir/x.db" }, encoding: "utf8" });
    expect(out).toContain(`controller@dunning.test`);
    expect(out).toContain(DEMO_PASSWORD);
  });
});
