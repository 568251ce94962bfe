import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl, provider, testDb } from "./test-db";

const root = path.resolve(import.meta.dirname, "../..");
const migrate = (cmd: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), cmd], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    encoding: "utf8",
  });

describe(`migrations (${provider})`, () => {
  it("match prisma/schema.prisma (npm run db:check exits 0)", () => {
    const r = migrate("check");
    expect(r.stderr).not.toContain("Drift");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`prisma/migrations/${provider} matches the schema`);
  });

  it.runIf(provider === "postgresql")("give the search its trigram indexes on PostgreSQL, which db:check does not count as drift", async () => {
    const rows = await testDb.$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%trgm_idx' ORDER BY indexname`;
    expect(rows.map((r) => r.indexname)).toEqual(["Contact_name_trgm_idx", "Debtor_city_trgm_idx", "Debtor_customerNumber_trgm_idx", "Debtor_name_trgm_idx"]);
    for (const r of rows) expect(r.indexdef).toMatch(/USING gin .*gin_trgm_ops/);
    // A search by part of a name can use them (the planner is told not to read the table whole).
    const plan = await testDb.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT id FROM "Debtor" WHERE name ILIKE '%bakk%'`);
    });
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toContain("Debtor_name_trgm_idx");
  });

  it("are all applied to the test database, and applying again changes nothing", () => {
    const status = migrate("status");
    expect(status.status, status.stderr).toBe(0);
    const deploy = migrate("deploy");
    expect(deploy.status, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain("No pending migrations");
  });

  it("db:check exits non-zero and names the drift when the schema has a change without a migration", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    const file = path.join(dir, "schema.prisma");
    fs.writeFileSync(file, `${fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8")}\nmodel DriftProbe {\n  id String @id\n}\n`);
    try {
      const r = migrate("check", { SCHEMA_FILE: file });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("Drift");
      expect(r.stderr).toContain("DriftProbe");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("migrations against a database that is not there", () => {
  it("stop with one line naming DATABASE_URL, no stack trace", () => {
    const r = migrate("deploy", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("DATABASE_URL: cannot open the database");
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

// Last in this file: it connects this process to the test database, and the schema engine's deploy
// (above) waits for every other connection to a SQLite file in WAL mode to close.
describe(`the indexes (${provider})`, () => {
  it("let the broken-promises badge (on every page) find one user's open callbacks by index", async () => {
    const sql = `SELECT COUNT(*) FROM "Task" WHERE "assigneeId" = 'u1' AND "status" = 'open' AND "type" = 'callback' AND ("note" = 'broken_promise' OR "note" LIKE 'broken_promise: %')`;
    const plan =
      provider === "postgresql"
        ? (
            await testDb.$transaction(async (tx) => {
              await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
              return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
            })
          ).map((p) => p["QUERY PLAN"])
        : (await testDb.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`)).map((p) => p.detail);
    expect(plan.join("\n")).toContain("Task_assigneeId_status_type_idx");
  });
});
