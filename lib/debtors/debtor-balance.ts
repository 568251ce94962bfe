import { Prisma, type DbOrTx } from "@/lib/db/client";

/**
 * Recomputes the balance columns kept on Debtor (open amount, open invoice count, oldest open due
 * date, open disputes) from invoices and disputes. Every use case that changes an invoice's open
 * amount or a dispute's status calls this inside its transaction; pass no ids to rebuild all.
 * The SQL is the same on SQLite and PostgreSQL.
 */
export async function recomputeDebtorBalances(db: DbOrTx, debtorIds?: string[]): Promise<void> {
  if (debtorIds && debtorIds.length === 0) return;
  const where = debtorIds ? Prisma.sql`WHERE "id" IN (${Prisma.join(debtorIds)})` : Prisma.empty;
  await db.$executeRaw`
    UPDATE "Debtor" SET
      "openCents" = COALESCE((SELECT SUM(i."openCents") FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" > 0), 0),
      "openInvoiceCount" = (SELECT COUNT(*) FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" > 0),
      "oldestOpenDueDate" = (SELECT MIN(i."dueDate") FROM "Invoice" i WHERE i."debtorId" = "Debtor"."id" AND i."openCents" > 0),
      "openDisputeCount" = (SELECT COUNT(*) FROM "Dispute" d WHERE d."debtorId" = "Debtor"."id" AND d."status" = 'open')
    ${where}`;
}
