import { problem, type Problem } from "./import-problem";
import { inEnglish } from "./import-problem-english";

/**
 * The shape every import file is read into, whatever it was (CSV or XLSX), and the checks both
 * share: header names, and an error list that stops growing at 100 so a file with an error on
 * every row still answers quickly and readably.
 */

export type TableRow = { rowNo: number; cells: string[] };
/** `problem` for the page (the user's language); `message` is its English text. */
export type TableError = { row: number; message: string; problem: Problem };

export type Table = {
  format: "csv" | "xlsx";
  encoding?: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  delimiter?: ";" | "," | "\t";
  sheet?: string;
  headers: string[];
  /** Data rows only; `rowNo` is the row number Excel shows for that row (1-based). */
  rows: TableRow[];
  /** What was decided on the reader's behalf (a skipped title line, the encoding guessed, ...). */
  notes: string[];
};

export type TableResult = { ok: true; table: Table } | { ok: false; errors: TableError[] };

/** A table read without keeping its rows: each went to a `RowSink` as it was read. */
export type ScannedTable = Omit<Table, "rows"> & { rowCount: number };
export type ScanResult = { ok: true; table: ScannedTable } | { ok: false; errors: TableError[] };
/** Hears a table's header names, then each data row in order (see scanCsv). */
export type RowSink = { start(headers: string[]): void; row(row: TableRow): void };

export const MAX_ERRORS = 100;

/** Errors in file order; past MAX_ERRORS only counted, then summarised in one last entry. */
export class ErrorList {
  private readonly items: TableError[] = [];
  private dropped = 0;

  add(row: number, p: Problem): void {
    if (this.items.length < MAX_ERRORS) this.items.push(tableError(row, p));
    else this.dropped++;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  toArray(): TableError[] {
    if (this.dropped === 0) return [...this.items];
    return [...this.items, tableError(0, problem(this.dropped === 1 ? "imports.error.moreErrorsOne" : "imports.error.moreErrors", { n: this.dropped }))];
  }
}

export function tableError(row: number, p: Problem): TableError {
  return { row, message: inEnglish(p), problem: p };
}

export function failure(row: number, p: Problem): { ok: false; errors: TableError[] } {
  return { ok: false, errors: [tableError(row, p)] };
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** A-Z, AA, AB, ... as a spreadsheet names a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Trimmed header names. Empty and repeated names are errors: a column is later mapped by its
 * name, and two "Bedrag" columns (or a nameless one) cannot be told apart.
 */
export function checkHeaderNames(raw: string[], rowNo: number, errors: ErrorList): string[] {
  const headers = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const seen = new Map<string, number>();
  headers.forEach((name, i) => {
    if (name === "") {
      errors.add(rowNo, problem("imports.error.headerNoName", { column: String(i + 1), letter: columnLetter(i), row: String(rowNo) }));
      return;
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else errors.add(rowNo, problem("imports.error.headerTwice", { row: String(rowNo), name, first: String(first + 1), second: String(i + 1) }));
  });
  return headers;
}
