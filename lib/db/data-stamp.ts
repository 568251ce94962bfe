import type { DbOrTx } from "./client";

/**
 * A data stamp: the newest change to the tables a cached figure is made of. Writes to those
 * tables set the row's updatedAt (Prisma does on every create, update and updateMany, and the
 * import's bulk writes set it themselves); the one raw write that does not, the recompute of a
 * debtor's cached balance and dispute count, only ever follows a change to that debtor's invoices
 * or disputes, which does. The newest updatedAt of each table is read through its index, all in
 * one query of well under a millisecond. A write committed after a cached figure was read moves
 * the stamp, so the next view computes it again: a figure is never older than the last committed
 * change. Drafts of calls do not count (only finished calls are counted anywhere), so a controller
 * typing call notes does not throw cached figures away.
 *
 * What a stamp cannot see (a deleted row, a write from a machine whose clock runs behind) is
 * bounded by the age limit each cache sets.
 */
const PARTS = {
  invoices: `(SELECT MAX("updatedAt") FROM "Invoice")`,
  debtors: `(SELECT MAX("updatedAt") FROM "Debtor")`,
  disputes: `(SELECT MAX("updatedAt") FROM "Dispute")`,
  agreements: `(SELECT MAX("updatedAt") FROM "Agreement")`,
  finishedCalls: `(SELECT MAX("updatedAt") FROM "CallLog" WHERE "status" = 'final')`,
  snapshots: `(SELECT MAX("createdAt") FROM "DailySnapshot")`,
  users: `(SELECT MAX("updatedAt") FROM "user")`,
  tasks: `(SELECT MAX("updatedAt") FROM "Task")`,
} as const;
export type StampPart = keyof typeof PARTS;

export async function dataStamp(db: DbOrTx, parts: readonly StampPart[]): Promise<string> {
  // Fixed SQL text from the table above, no user input: safe as unsafe raw SQL.
  const sql = `SELECT ${parts.map((p, i) => `${PARTS[p]} AS p${i}`).join(", ")}`;
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  return parts.map((_, i) => row?.[`p${i}`]).map((v) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? "-" : String(v))).join("|");
}
