import { readCsv, scanCsv } from "./tabular-csv";
import { problem } from "./import-problem";
import { failure, formatCount, type RowSink, type ScanResult, type TableError, type TableResult, type TableRow } from "./tabular-rows";
import { readXlsx } from "./xlsx";

/**
 * The first step of a receivables import: an uploaded file (debtors, contacts, open items,
 * payments from Exact Online, Twinfield, AFAS, Moneybird, Snelstart or a spreadsheet) to a header
 * and rows of text cells. The content decides what the file is, not its name: exports are often
 * renamed, and a ".xls" download is frequently CSV or HTML underneath.
 */

export type { RowSink, ScannedTable, ScanResult, Table, TableError, TableResult, TableRow } from "./tabular-rows";

export type ReadTableOptions = { maxBytes?: number; maxRows?: number };

export const TABLE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 250_000 };

export function readTable(bytes: Uint8Array, fileName: string, opts: ReadTableOptions = {}): TableResult {
  const what = contentOf(bytes, fileName, opts);
  if (typeof what !== "string") return what;
  const maxRows = opts.maxRows ?? TABLE_LIMITS.maxRows;
  return what === "zip" ? readXlsx(bytes, maxRows) : readCsv(bytes, maxRows);
}

/**
 * The same, with each data row handed to `sink` as it is read rather than kept (see scanCsv): what
 * an import of a large file uses, so it holds the typed values, not every cell as text. A
 * workbook is read whole first and its rows handed over (and let go) one by one.
 */
export function scanTable(bytes: Uint8Array, fileName: string, sink: RowSink, opts: ReadTableOptions = {}): ScanResult {
  const what = contentOf(bytes, fileName, opts);
  if (typeof what !== "string") return what;
  const maxRows = opts.maxRows ?? TABLE_LIMITS.maxRows;
  if (what === "text") return scanCsv(bytes, maxRows, sink);
  const read = readXlsx(bytes, maxRows);
  if (!read.ok) return read;
  const { rows, ...table } = read.table;
  sink.start(table.headers);
  const handed: Array<TableRow | undefined> = rows;
  for (let i = 0; i < handed.length; i++) {
    sink.row(handed[i]!);
    handed[i] = undefined;
  }
  return { ok: true, table: { ...table, rowCount: rows.length } };
}

/** What the file is, as far as reading it goes: a workbook, text to read as CSV, or refused. */
function contentOf(bytes: Uint8Array, fileName: string, opts: ReadTableOptions): "zip" | "text" | { ok: false; errors: TableError[] } {
  const maxBytes = opts.maxBytes ?? TABLE_LIMITS.maxBytes;
  if (bytes.length > maxBytes) return failure(0, problem("imports.error.fileTooLarge", { size: megabytes(bytes.length), limit: megabytes(maxBytes) }));
  if (bytes.length === 0) return failure(0, problem("imports.error.fileEmpty"));

  const kind = sniff(bytes);
  if (kind === "zip") return "zip";
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (kind === "ole") {
    return failure(0, problem("imports.error.oldExcel"));
  }
  if (kind === "pdf") return failure(0, problem("imports.error.pdf"));
  if (kind === "markup") return failure(0, problem("imports.error.markup"));
  if (extension === "xlsx" || extension === "xlsm") return failure(0, problem("imports.error.notWorkbook", { extension }));
  return "text";
}

type Kind = "zip" | "ole" | "pdf" | "markup" | "text";

function sniff(bytes: Uint8Array): Kind {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  // "PK\x03\x04" starts an entry; "PK\x05\x06" is an empty archive.
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "pdf";
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart().slice(0, 64).toLowerCase();
  if (/^<(\?xml|!doctype|html|table|workbook)/.test(head)) return "markup";
  return "text";
}

function megabytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${formatCount(Math.round(n / 1024))} KB`;
  const mb = n / (1024 * 1024);
  return `${mb >= 10 ? formatCount(Math.round(mb)) : mb.toFixed(1).replace(/\.0$/, "")} MB`;
}
