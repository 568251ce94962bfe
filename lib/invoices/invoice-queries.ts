import { providerOfClient, type DbOrTx } from "@/lib/db/client";
import { centsToNumber } from "@/lib/format/money";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { daysOverdue } from "./aging";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";

export type OpenInvoiceRow = {
  id: string;
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  currency: string;
  amountCents: number;
  openCents: number;
  daysOverdue: number;
  dunningLevel: number;
  disputedCents: number;
  hasOpenPromise: boolean;
};

export type OpenPosition = {
  invoices: OpenInvoiceRow[];
  openCents: number;
  overdueCents: number;
  disputedCents: number;
  oldest: OpenInvoiceRow | null;
};

/** The debtor's open invoices (oldest first) with dispute and promise flags, and the totals. */
export async function getOpenPosition(db: DbOrTx, debtorId: string, today: CalendarDate): Promise<OpenPosition> {
  const rows = await db.invoice.findMany({
    where: { debtorId, openCents: { gt: 0 } },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    select: {
      id: true,
      number: true,
      issueDate: true,
      dueDate: true,
      currency: true,
      amountCents: true,
      openCents: true,
      dunningLevel: true,
      disputes: { where: { status: { in: [...DISPUTE_HOLDS] } }, select: { disputedCents: true } },
      agreementInvoices: { where: { agreement: { status: "open" } }, select: { agreementId: true } },
    },
  });
  const invoices = rows.map((r) => ({
    id: r.id,
    number: r.number,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    currency: r.currency,
    amountCents: centsToNumber(r.amountCents),
    openCents: centsToNumber(r.openCents),
    daysOverdue: daysOverdue(r.dueDate, today),
    dunningLevel: r.dunningLevel,
    // A dispute never covers more than what is still open on the invoice.
    disputedCents: Math.min(centsToNumber(r.openCents), r.disputes.reduce((s, d) => s + centsToNumber(d.disputedCents), 0)),
    hasOpenPromise: r.agreementInvoices.length > 0,
  }));
  const overdue = invoices.filter((i) => i.daysOverdue > 0);
  return {
    invoices,
    openCents: invoices.reduce((s, i) => s + i.openCents, 0),
    overdueCents: overdue.reduce((s, i) => s + i.openCents, 0),
    disputedCents: invoices.reduce((s, i) => s + i.disputedCents, 0),
    oldest: overdue[0] ?? invoices[0] ?? null,
  };
}

// ---------------------------------------------------------------- lookups for the search box

export type InvoiceMatch = { id: string; debtorId: string; number: string; currency: string; amountCents: number; openCents: number };

const REF_SELECT = { id: true, debtorId: true, number: true, currency: true, amountCents: true, openCents: true } as const;
const toRef = (r: { id: string; debtorId: string; number: string; currency: string; amountCents: bigint; openCents: bigint }): InvoiceMatch => ({
  id: r.id,
  debtorId: r.debtorId,
  number: r.number,
  currency: r.currency,
  amountCents: centsToNumber(r.amountCents),
  openCents: centsToNumber(r.openCents),
});

/**
 * Case-insensitive lookups that still use the unique index on the number: the spellings as typed,
 * upper and lower case (numbers from accounting packages are one case throughout).
 */
function numberSpellings(text: string): string[] {
  const t = text.trim();
  return [...new Set([t, t.toUpperCase(), t.toLowerCase()])].filter((s) => s.length > 0 && s.length <= 60);
}

/** The invoice with exactly this number (any case), or null. */
export async function findInvoiceByNumber(db: DbOrTx, number: string): Promise<InvoiceMatch | null> {
  const spellings = numberSpellings(number);
  if (spellings.length === 0) return null;
  const rows = await db.invoice.findMany({ where: { number: { in: spellings } }, select: REF_SELECT, take: 2 });
  // Two invoices that differ only in case: the one typed exactly, else neither.
  const row = rows.length === 1 ? rows[0] : rows.find((r) => r.number === number.trim());
  return row ? toRef(row) : null;
}

/** The text with its last character (code point) raised by one: the first text after all that start with it. */
function raisedLast(text: string): string {
  const chars = [...text];
  const last = chars.pop()!;
  return chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/**
 * Invoices whose number starts with `prefix` (any case), in number order. On SQLite a range on
 * the unique index (byte order: exact). On PostgreSQL LIKE 'prefix%' decides, within the range
 * from the prefix up to the prefix with its last character raised by one: PostgreSQL serves LIKE
 * from the index only under the plain "C" collation (not "C.UTF-8", nor a language's), where it
 * read all 200,000 numbers of the large set (115 ms a search); the range is an index range under
 * any collation (every string starting with the prefix sorts between the two).
 */
export async function listInvoicesByNumberPrefix(db: DbOrTx, prefix: string, take: number): Promise<InvoiceMatch[]> {
  const spellings = numberSpellings(prefix);
  if (spellings.length === 0) return [];
  const sqlite = providerOfClient(db) === "sqlite";
  // One ordered range per spelling, each stopping after `take` rows: an OR of ranges would collect
  // every match of a short prefix ("F2") before sorting.
  const found = await Promise.all(
    spellings.map((s) =>
      db.invoice.findMany({ where: { number: sqlite ? { gte: s, lt: `${s}\u{10FFFF}` } : { gte: s, lt: raisedLast(s), startsWith: s } }, select: REF_SELECT, orderBy: { number: "asc" }, take }),
    ),
  );
  const upper = prefix.trim().toUpperCase();
  const byId = new Map(found.flat().filter((r) => r.number.toUpperCase().startsWith(upper)).map((r) => [r.id, r]));
  return [...byId.values()].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)).slice(0, take).map(toRef);
}

/**
 * Invoices of exactly this amount, or with exactly this much still open. The open amount leads an
 * index; the amount is found through the sales index (currency, issue date, amount) by SQLite's
 * skip-scan (a few ms on the large set). PostgreSQL before 18 has no skip-scan and reads the
 * table for it: an index on amountCents alone is the remedy if that shows.
 */
export async function listInvoicesByAmount(db: DbOrTx, cents: bigint, take: number): Promise<InvoiceMatch[]> {
  const rows = await db.invoice.findMany({ where: { OR: [{ amountCents: cents }, { openCents: cents }] }, select: REF_SELECT, take });
  return rows.map(toRef).sort((a, b) => a.number.localeCompare(b.number));
}
