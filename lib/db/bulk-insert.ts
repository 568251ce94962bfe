import { Prisma, type DbOrTx } from "./client";

/**
 * Many rows in few statements, inside the caller's transaction: multi-row INSERTs through Prisma's
 * tagged SQL (placeholders in each database's own style), ~20,000 values per statement (SQLite
 * allows 32,766, PostgreSQL 65,535). Prisma's createMany spends about half a millisecond per row
 * building its query; this is for imports of hundreds of thousands of rows. Columns are written
 * as given: the caller supplies ids and both timestamps.
 */
export async function insertRows(db: DbOrTx, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table) || columns.some((c) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c))) throw new Error("insertRows: bad table or column name");
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const perStatement = Math.max(1, Math.floor(20_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((r) => Prisma.sql`(${Prisma.join(r.map((v) => (v === undefined ? null : v)))})`);
    await db.$executeRaw(Prisma.sql`${head}${Prisma.join(values)}`);
  }
}
