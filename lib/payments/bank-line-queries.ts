import type { DbOrTx } from "@/lib/db/client";

/**
 * Debtors that paid from this account (plain IBAN, as the statement parsers store it): bank lines
 * booked on them. Finds a debtor by an account other than the one on file (a holding's account).
 */
export async function listDebtorIdsPaidFromIban(db: DbOrTx, iban: string, take: number): Promise<string[]> {
  const lines = await db.bankLine.findMany({
    where: { counterpartyIban: iban, matchDebtorId: { not: null }, paymentId: { not: null } },
    select: { matchDebtorId: true },
    distinct: ["matchDebtorId"],
    take,
  });
  return lines.flatMap((l) => (l.matchDebtorId ? [l.matchDebtorId] : []));
}
