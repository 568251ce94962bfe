import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createDebtor } from "../factories/portfolio";
import { databaseUrl, provider, testDb } from "./test-db";

/**
 * PostgreSQL: statements are prepared once per connection under a name (lib/db/client.ts,
 * statementName), so repeating a read neither parses nor, after a few runs, plans it again.
 * DATABASE_PREPARED_STATEMENTS=off (createDb's preparedStatements: false) runs them unnamed.
 * A transaction keeps one connection, whose prepared statements pg_prepared_statements lists.
 */
describe.skipIf(provider !== "postgresql")("prepared statements on PostgreSQL", () => {
  async function readTenTimes(db: typeof testDb, debtorId: string) {
    return db.$transaction(async (tx) => {
      const names: string[] = [];
      for (let i = 0; i < 10; i++) {
        const d = await tx.debtor.findUnique({ where: { id: debtorId }, select: { name: true } });
        names.push(d!.name);
      }
      const prepared = await tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%"Debtor"%'`;
      return { names, prepared };
    });
  }

  it("prepares a repeated read once under its name and answers it the same every time", async () => {
    const debtor = await createDebtor(testDb, { name: "Prepared Statements B.V." });
    const { names, prepared } = await readTenTimes(testDb, debtor.id);
    expect(new Set(names)).toEqual(new Set(["Prepared Statements B.V."]));
    expect(prepared.length).toBeGreaterThan(0);
    expect(prepared.every((p) => /^dw[0-9a-z]+$/.test(p.name))).toBe(true);
  });

  it("runs statements unnamed when prepared statements are off", async () => {
    const db = createDb(databaseUrl, { poolSize: 1, preparedStatements: false });
    try {
      const debtor = await createDebtor(db, { name: "Unnamed Statements B.V." });
      const { names, prepared } = await readTenTimes(db, debtor.id);
      expect(new Set(names)).toEqual(new Set(["Unnamed Statements B.V."]));
      expect(prepared).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});
