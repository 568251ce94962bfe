import { likeText, Prisma, providerOfClient, type DbOrTx, type DbProvider } from "@/lib/db/client";
import { listInvoicesByAmount, listInvoicesByNumberPrefix } from "@/lib/invoices/invoice-queries";
import { listDebtorIdsPaidFromIban } from "@/lib/payments/bank-line-queries";
import { contactsByName } from "./text-search";
import { ibanSpellings, normalisePhone, parseSearchTerms, phoneLikePattern } from "./search-terms";

/** Why a debtor turned up for a search, beyond its own name, customer number or city. */
export type SearchHit =
  | { kind: "invoice"; invoiceId: string; number: string }
  | { kind: "amount"; invoiceId: string; number: string; cents: number; currency: string }
  | { kind: "iban" }
  | { kind: "bankIban" }
  | { kind: "contact"; name: string }
  /** the debtor's own number (contactName null) or a contact's phone or mobile */
  | { kind: "phone"; contactName: string | null };

/** Per kind of hit: a search box answers with a screenful, not a report. */
export const SEARCH_HITS_PER_KIND = 25;
/** Candidates the phone filter may hand to the exact comparison. */
const PHONE_CANDIDATES = 200;
const LIMIT = Prisma.raw(String(PHONE_CANDIDATES));

/**
 * Debtors the search text finds through their invoices (number, amount), account (IBAN), contacts
 * (name, phone) or own phone number, each with why. Every lookup uses an index or reads one small
 * table once; each kind is bounded. Reading is not portfolio-bound: every debtor can be found.
 */
export async function findSearchHits(db: DbOrTx, rawText: string, provider: DbProvider): Promise<Map<string, SearchHit[]>> {
  const terms = parseSearchTerms(rawText);
  const hits = new Map<string, SearchHit[]>();
  const add = (debtorId: string, hit: SearchHit) => {
    const list = hits.get(debtorId) ?? [];
    if (!list.some((h) => JSON.stringify(h) === JSON.stringify(hit))) list.push(hit);
    hits.set(debtorId, list);
  };
  if (!terms.text) return hits;
  const ci = (f: Record<string, string>) => (provider === "postgresql" ? { ...f, mode: "insensitive" } : f) as Prisma.StringFilter;

  const [byNumber, byAmount, byIban, byBankIban, byContact, byPhone] = await Promise.all([
    terms.invoiceNumber ? listInvoicesByNumberPrefix(db, terms.invoiceNumber, SEARCH_HITS_PER_KIND) : [],
    terms.amountCents !== null ? listInvoicesByAmount(db, terms.amountCents, SEARCH_HITS_PER_KIND) : [],
    terms.iban ? db.debtor.findMany({ where: { iban: { in: ibanSpellings(terms.iban) } }, select: { id: true }, take: SEARCH_HITS_PER_KIND }) : [],
    terms.iban ? listDebtorIdsPaidFromIban(db, terms.iban, SEARCH_HITS_PER_KIND) : [],
    terms.contactName ? findContacts(db, terms.contactName, ci) : [],
    terms.phone ? findByPhone(db, terms.phone) : [],
  ]);

  for (const i of byNumber) add(i.debtorId, { kind: "invoice", invoiceId: i.id, number: i.number });
  for (const i of byAmount) add(i.debtorId, { kind: "amount", invoiceId: i.id, number: i.number, cents: centsOf(terms.amountCents, i), currency: i.currency });
  for (const d of byIban) add(d.id, { kind: "iban" });
  for (const id of byBankIban) if (!hits.get(id)?.some((h) => h.kind === "iban")) add(id, { kind: "bankIban" });
  for (const c of byContact) add(c.debtorId, { kind: "contact", name: c.name });
  for (const p of byPhone) add(p.debtorId, { kind: "phone", contactName: p.contactName });
  return hits;
}

/** Contacts by part of their name: through the trigram table on SQLite, else (PostgreSQL: its trigram index) the table. */
async function findContacts(db: DbOrTx, name: string, ci: (f: Record<string, string>) => Prisma.StringFilter): Promise<{ debtorId: string; name: string }[]> {
  return (
    (await contactsByName(db, name, SEARCH_HITS_PER_KIND)) ??
    db.contact.findMany({ where: { name: ci({ contains: likeText(name, providerOfClient(db)) }) }, select: { debtorId: true, name: true }, orderBy: { name: "asc" }, take: SEARCH_HITS_PER_KIND })
  );
}

/** The amount the invoice matched on (its amount or what is open on it). */
function centsOf(cents: bigint | null, invoice: { amountCents: number; openCents: number }): number {
  return cents !== null && BigInt(invoice.openCents) === cents ? invoice.openCents : invoice.amountCents;
}

/**
 * Debtors and contacts with this phone number, however it was stored: a LIKE on the digits in
 * order narrows the rows in the database (no function per row), the exact comparison of the
 * normalised numbers decides.
 */
async function findByPhone(db: DbOrTx, phone: string): Promise<Array<{ debtorId: string; contactName: string | null }>> {
  const pattern = phoneLikePattern(phone);
  const [contacts, debtors] = await Promise.all([
    db.$queryRaw<Array<{ debtorId: string; name: string; phone: string | null; mobile: string | null }>>(
      Prisma.sql`SELECT "debtorId", "name", "phone", "mobile" FROM "Contact" WHERE "phone" LIKE ${pattern} OR "mobile" LIKE ${pattern} LIMIT ${LIMIT}`,
    ),
    db.$queryRaw<Array<{ id: string; phone: string | null }>>(Prisma.sql`SELECT "id", "phone" FROM "Debtor" WHERE "phone" LIKE ${pattern} LIMIT ${LIMIT}`),
  ]);
  const same = (stored: string | null) => normalisePhone(stored) === phone;
  return [
    ...debtors.filter((d) => same(d.phone)).map((d) => ({ debtorId: d.id, contactName: null })),
    ...contacts.filter((c) => same(c.phone) || same(c.mobile)).map((c) => ({ debtorId: c.debtorId, contactName: c.name })),
  ].slice(0, SEARCH_HITS_PER_KIND);
}
