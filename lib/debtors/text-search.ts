import { Prisma, providerOfClient, type DbOrTx } from "@/lib/db/client";

/**
 * Search by part of a name on SQLite, through the trigram tables of migration
 * 20261203090000_search_trigram_tables ("DebtorSearch", "ContactSearch": FTS5 with the trigram
 * tokenizer, kept by triggers on Debtor and Contact). A LIKE '%bakk%' on Debtor itself reads all
 * 10,000 debtors of the large set, twice per search (the page and its totals), and one on Contact
 * all their contacts: some 15 ms of every search. The trigram index hands over the few matching
 * rows instead. The LIKE is the same as the one it stands for (SQLite's: case-insensitive for
 * ASCII letters), so the debtors found are the same. PostgreSQL searches its tables through its
 * own trigram indexes (pg_trgm): there these functions answer null and the caller filters as before.
 */

/**
 * Debtors matched by name, customer number or city handed over by id; more than this are filtered
 * in SQL as before. With the other kinds of hit (at most 6 × 25) the list stays well under the
 * 999 values Prisma binds per SQLite statement before it splits a query.
 */
export const TEXT_IDS_MAX = 600;

/** The LIKE pattern and its ESCAPE clause: % and _ typed are meant as themselves (the index serves a LIKE without ESCAPE only). */
function like(text: string, pattern: (t: string) => string): { value: string; escape: Prisma.Sql } {
  if (!/[\\%_]/.test(text)) return { value: pattern(text), escape: Prisma.empty };
  return { value: pattern(text.replace(/[\\%_]/g, (c) => `\\${c}`)), escape: Prisma.sql` ESCAPE '\\'` };
}

/**
 * Ids of the debtors whose name contains `text`, or whose customer number or city starts with it
 * (what the debtors list's search matches on its own columns). Null on PostgreSQL, and when more
 * than TEXT_IDS_MAX debtors match (a short, common text: then the list filters the table itself).
 */
export async function debtorIdsByText(db: DbOrTx, text: string): Promise<string[] | null> {
  if (providerOfClient(db) !== "sqlite" || !text) return null;
  const contains = like(text, (t) => `%${t}%`);
  const startsWith = like(text, (t) => `${t}%`);
  const rows = await db.$queryRaw<{ debtorId: string }[]>`
    SELECT "debtorId" FROM "DebtorSearch"
    WHERE "name" LIKE ${contains.value}${contains.escape} OR "customerNumber" LIKE ${startsWith.value}${startsWith.escape} OR "city" LIKE ${startsWith.value}${startsWith.escape}
    LIMIT ${TEXT_IDS_MAX + 1}`;
  return rows.length > TEXT_IDS_MAX ? null : rows.map((r) => r.debtorId);
}

/** Contacts whose name contains `text`, by name, at most `take`; null on PostgreSQL. */
export async function contactsByName(db: DbOrTx, text: string, take: number): Promise<{ debtorId: string; name: string }[] | null> {
  if (providerOfClient(db) !== "sqlite" || !text) return null;
  const contains = like(text, (t) => `%${t}%`);
  return db.$queryRaw<{ debtorId: string; name: string }[]>`
    SELECT "debtorId", "name" FROM "ContactSearch" WHERE "name" LIKE ${contains.value}${contains.escape} ORDER BY "name", "contactId" LIMIT ${take}`;
}

/**
 * After an erasure (a name replaced by its pseudonym): the trigram tables merged into one segment,
 * so the erased name's trigrams are gone from them as well, not only marked deleted until FTS5
 * merges by itself. About 30 to 60 ms on the large set, inside the erasure's transaction. Nothing
 * on PostgreSQL (its indexes hold no text apart from the table's rows).
 */
export async function purgeSearchRemnants(tx: DbOrTx): Promise<void> {
  if (providerOfClient(tx) !== "sqlite") return;
  await tx.$executeRaw`INSERT INTO "DebtorSearch" ("DebtorSearch") VALUES ('optimize')`;
  await tx.$executeRaw`INSERT INTO "ContactSearch" ("ContactSearch") VALUES ('optimize')`;
}
