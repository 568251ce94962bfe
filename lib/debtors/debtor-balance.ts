import { Prisma, type DbOrTx } from "@/lib/db/client";

/**
 * Recomputes the balance columns kept on Debtor (open amount, open invoice count, oldest open due
 * date, open disputes) from invoices and disputes. The open amount is net: an open credit note
 * (negative) lowers it; the count and the oldest due date are of the items the debtor owes.
 * Every use case that changes an invoice's open amount or a dispute's status calls this inside
 * its transaction; pass no ids to rebuild all.
 * The SQL is the same on SQLite and PostgreSQL.
 */
export async function recomputeDebtorBalances(db: DbOrTx, debtorIds?: string[]): Promise<void> {
  if (debtorIds && debtorIds.length === 0) return;
  const ids = debtorIds ? [...new Set(debtorIds)].sort() : null;
  const where = ids ? Prisma.sql`WHERE "id" IN (${Prisma.join(ids)})` : Prisma.empty;
  // Lock the debtor rows in a statement of their own first. On PostgreSQL (read committed) a
  // concurrent transaction then waits here until the other commits, and the recompute below,
  // a new statement with a new snapshot, sees the other's invoice changes; a single UPDATE would
  // compute its sums from the snapshot taken before it waited, and leave the totals stale.
  // Ids are locked in sorted order so two transactions never wait on each other in a circle.
  if (ids) await db.$executeRaw`UPDATE "Debtor" SET "openCents" = "openCents" ${where}`;
  await db.$executeRaw`
    UPDATE "Debtor" SET
      "openCents" = COALESCE((SELECT SUM(i."openCents") FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" <> 0), 0),
      "openInvoiceCount" = (SELECT COUNT(*) FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" > 0),
      "oldestOpenDueDate" = (SELECT MIN(i."dueDate") FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" > 0),
      "openDisputeCount" = (SELECT COUNT(*) FROM "Dispute" d WHERE d."debtorId" = "Debtor"."id" AND d."status" IN ('open', 'credit_expected'))
    ${where}`;
}

export type BalanceDrift = { debtorId: string; column: string; cached: string | number | null; computed: string | number | null };

/** Debtors whose cached totals differ from what their invoices and disputes say (read-only). */
export async function findBalanceDrift(db: DbOrTx, limit = 1_000): Promise<BalanceDrift[]> {
  const rows = await db.$queryRaw<{ id: string; openCents: bigint | number; c_open: bigint | number | null; openInvoiceCount: number; c_count: bigint | number; oldestOpenDueDate: string | null; c_oldest: string | null; openDisputeCount: number; c_disputes: bigint | number }[]>`
    SELECT d."id", d."openCents", d."openInvoiceCount", d."oldestOpenDueDate", d."openDisputeCount",
      COALESCE((SELECT SUM(i."openCents") FROM "Invoice" i WHERE i."debtorId" = d."id" AND i."openCents" <> 0), 0) AS c_open,
      (SELECT COUNT(*) FROM "Invoice" i WHERE i."debtorId" = d."id" AND i."openCents" > 0) AS c_count,
      (SELECT MIN(i."dueDate") FROM "Invoice" i WHERE i."debtorId" = d."id" AND i."openCents" > 0) AS c_oldest,
      (SELECT COUNT(*) FROM "Dispute" x WHERE x."debtorId" = d."id" AND x."status" IN ('open', 'credit_expected')) AS c_disputes
    FROM "Debtor" d`;
  const drift: BalanceDrift[] = [];
  for (const r of rows) {
    const pairs: [string, string | number | null, string | number | null][] = [
      ["openCents", String(r.openCents), String(r.c_open ?? 0)],
      ["openInvoiceCount", Number(r.openInvoiceCount), Number(r.c_count)],
      ["oldestOpenDueDate", r.oldestOpenDueDate, r.c_oldest],
      ["openDisputeCount", Number(r.openDisputeCount), Number(r.c_disputes)],
    ];
    for (const [column, cached, computed] of pairs) if (cached !== computed) drift.push({ debtorId: r.id, column, cached, computed });
    if (drift.length >= limit) break;
  }
  return drift;
}

