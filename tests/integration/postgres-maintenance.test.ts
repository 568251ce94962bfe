import { afterAll, describe, expect, it } from "vitest";
import { postgresMaintenanceWarnings } from "@/lib/db/health";
import { provider, testDb } from "./test-db";

/**
 * At start the app says when PostgreSQL will not vacuum its tables (lib/db/health.ts): with
 * autovacuum off no read is answered from an index alone, and the dashboard's sums of 42,879
 * invoices took 113 ms instead of 20. This machine's PostgreSQL runs with autovacuum off, so the
 * server-wide line is checked against what the server itself says.
 */
describe("PostgreSQL maintenance warnings", () => {
  it.skipIf(provider !== "sqlite")("says nothing on SQLite (it has no vacuum to miss)", async () => {
    expect(await postgresMaintenanceWarnings(testDb)).toEqual([]);
  });

  describe.skipIf(provider !== "postgresql")("on PostgreSQL", () => {
    afterAll(() => testDb.$executeRawUnsafe(`ALTER TABLE "EmailAttachment" RESET (autovacuum_enabled)`));

    it("names a server without autovacuum, and only then", async () => {
      const [server] = await testDb.$queryRawUnsafe<{ setting: string }[]>(`SELECT setting FROM pg_settings WHERE name = 'autovacuum'`);
      const warnings = await postgresMaintenanceWarnings(testDb);
      expect(warnings.some((w) => w.startsWith("autovacuum is off on this PostgreSQL server"))).toBe(server?.setting !== "on");
      expect(warnings.some((w) => w.includes("for table(s)"))).toBe(false);
    });

    it("names each of the app's tables whose autovacuum someone switched off", async () => {
      await testDb.$executeRawUnsafe(`ALTER TABLE "EmailAttachment" SET (autovacuum_enabled = false)`);
      const warnings = await postgresMaintenanceWarnings(testDb);
      expect(warnings).toContain(`autovacuum is switched off for table(s) "EmailAttachment" (ALTER TABLE … RESET (autovacuum_enabled) turns it back on)`);
      await testDb.$executeRawUnsafe(`ALTER TABLE "EmailAttachment" RESET (autovacuum_enabled)`);
      expect((await postgresMaintenanceWarnings(testDb)).some((w) => w.includes("for table(s)"))).toBe(false);
    });
  });
});
