import { afterAll, describe, expect, it } from "vitest";
import { insertRows, same, selectRows, textList, updateRows } from "@/lib/db/bulk-insert";
import { Prisma } from "@/lib/db/client";
import { testDb } from "./test-db";

/**
 * Rows written and read in bulk (lib/db/bulk-insert.ts) are the rows the Prisma client writes and
 * reads: every column type, NULLs, text JSON would need to escape, amounts past what a JavaScript
 * number holds, instants and booleans in each database's own form.
 */
describe("rows in bulk", () => {
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  const now = new Date("2031-03-10T08:00:00.123Z");
  const huge = 9_223_372_036_854_775_000n;
  const texts = ['Quote " and \\ backslash', "Café Nöl — 12 €", "line\nbreak\ttab", "'single'"];
  // A thousand debtors nobody else expects (the REST API test pages through all of them).
  afterAll(() => testDb.debtor.deleteMany({ where: { customerNumber: { startsWith: `${tag}-` } } }));

  it("writes, updates and reads back every kind of value, in batches", async () => {
    const ids = Array.from({ length: 1_234 }, (_, i) => `${tag}-${String(i).padStart(4, "0")}`);
    await testDb.$transaction(async (tx) => {
      const written = await insertRows(
        tx, "Debtor",
        { id: "text", customerNumber: "text", name: "text", email: "text", paymentTermDays: "int", creditLimitCents: "bigint", creditHold: "bool", kind: same("text", "b2b"), customerSince: same("text", "2031-01-01"), createdAt: same("timestamp", now), updatedAt: "timestamp" },
        ids.map((id, i) => [id, id, texts[i % texts.length], i % 3 === 0 ? null : undefined, i % 365, i === 0 ? huge : i === 1 ? -huge : BigInt(i) * 1_000_000_000n, i % 2 === 0, now]),
      );
      expect(written).toBe(ids.length);
    });

    const back = await testDb.debtor.findMany({ where: { customerNumber: { startsWith: `${tag}-` } }, orderBy: { customerNumber: "asc" } });
    expect(back).toHaveLength(ids.length);
    expect(back[0]).toMatchObject({ id: ids[0], name: texts[0], email: null, paymentTermDays: 0, creditLimitCents: huge, creditHold: true, kind: "b2b", customerSince: "2031-01-01", country: "NL", createdAt: now, updatedAt: now });
    expect(back[1]).toMatchObject({ name: texts[1], creditLimitCents: -huge, creditHold: false });
    expect(back[2]!.name).toBe(texts[2]);
    expect(back[3]!.name).toBe(texts[3]);
    expect(back[1_233]).toMatchObject({ paymentTermDays: 1_233 % 365, creditLimitCents: 1_233_000_000_000n });

    const later = new Date("2031-03-11T09:30:00.000Z");
    await testDb.$transaction(async (tx) => {
      const changed = await updateRows(tx, "Debtor", { id: "text", creditLimitCents: "bigint", name: "text", updatedAt: same("timestamp", later) }, ids.slice(2).map((id) => [id, 5n, "Renamed"]), ["creditLimitCents"]);
      expect(changed).toBe(ids.length - 2);
    });
    const updated = await testDb.debtor.findMany({ where: { customerNumber: { in: [ids[0]!, ids[2]!, ids[1_233]!] } }, orderBy: { customerNumber: "asc" } });
    expect(updated[0]).toMatchObject({ name: texts[0], creditLimitCents: huge, updatedAt: now });
    expect(updated[1]).toMatchObject({ name: "Renamed", creditLimitCents: 2_000_000_005n, updatedAt: later });
    expect(updated[2]).toMatchObject({ name: "Renamed", creditLimitCents: 1_233_000_000_005n });

    const rows = await selectRows(testDb, [`d."customerNumber"`, `CAST(d."creditLimitCents" AS TEXT)`, `d."email"`, `d."paymentTermDays"`], Prisma.sql`FROM "Debtor" d WHERE d."customerNumber" IN ${textList(testDb, [ids[0]!, ids[4]!, "nobody"])}`);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [ids[0], String(huge), null, 0],
      [ids[4], "4000000005", null, 4],
    ]);
    expect(await selectRows(testDb, [`d."id"`], Prisma.sql`FROM "Debtor" d WHERE d."customerNumber" = ${"nobody"}`)).toEqual([]);
  });

  it("writes nothing for no rows", async () => {
    expect(await insertRows(testDb, "Debtor", { id: "text", customerNumber: "text" }, [])).toBe(0);
    expect(await updateRows(testDb, "Debtor", { id: "text", name: "text" }, [])).toBe(0);
  });
});
