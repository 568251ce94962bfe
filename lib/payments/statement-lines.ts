/**
 * What every statement reader (CSV, CAMT.053, MT940) produces, and the small cleaners they share.
 * Amounts are bigint cents; a file with any error imports nothing, so readers report, never guess.
 */
export type StatementFormat = "csv" | "camt053" | "mt940";
export type StatementLine = {
  /** CSV: physical line the record starts on (header = 1); CAMT: 1-based entry (Ntry) index. */
  lineNo: number;
  /** Calendar date "YYYY-MM-DD". */
  valueDate: string;
  /** Money in is positive, money out negative. */
  amountCents: bigint;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  description: string;
  /** the bank's own reference or sequence number for this transaction, when it gives one */
  entryRef: string | null;
  /** a reversal (storno, returned direct debit): it undoes an earlier booking of the same transfer */
  reversal?: boolean;
};
export type ParseError = { line: number; message: string };
export type ParseResult = {
  format: StatementFormat;
  lines: StatementLine[];
  errors: ParseError[];
  accountIban: string | null;
  /** the layout recognised, for people: "ING CSV", "Rabobank CSV", "CAMT.053", "MT940 (ING)" … */
  layout?: string;
  /** entries shown but not imported, with why (e.g. a pending entry that the bank has not booked) */
  skipped?: { line: number; reason: string }[];
};

export const MAX_ERRORS = 100;
export const MAX_DESCRIPTION = 500;

export function failed(format: StatementFormat, line: number, message: string): ParseResult {
  return { format, lines: [], errors: [{ line, message }], accountIban: null };
}

export const clean = (s: string | undefined | null) => (s ?? "").replace(/\s+/g, " ").trim();
export const ibanOf = (s: string | undefined | null) => clean(s).replace(/\s/g, "").toUpperCase() || null;
export const nameOf = (s: string | undefined | null) => clean(s) || null;
export function describe(parts: (string | undefined | null)[]): string {
  const s = clean(parts.join(" "));
  if (s.length <= MAX_DESCRIPTION) return s;
  // Never keep half of a surrogate pair (an emoji in a payment note) at the cut.
  const cut = /[\uD800-\uDBFF]/.test(s[MAX_DESCRIPTION - 1]!) ? MAX_DESCRIPTION - 1 : MAX_DESCRIPTION;
  return s.slice(0, cut).trimEnd();
}

