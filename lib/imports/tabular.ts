import { readCsv } from "./tabular-csv";
import { problem } from "./import-problem";
import { failure, formatCount, type TableResult } from "./tabular-rows";
import { readXlsx } from "./xlsx";

/**
 * The first step of a receivables import: an uploaded file (debtors, contacts, open items,
 * payments from Exact Online, Twinfield, AFAS, Moneybird, Snelstart or a spreadsheet) to a header
 * and rows of text cells. The content decides what the file is, not its name: exports are often
 * renamed, and a ".xls" download is frequently CSV or HTML underneath.
 */

export type { Table, TableError, TableResult, TableRow } from "./tabular-rows";

export type ReadTableOptions = { maxBytes?: number; maxRows?: number };

export const TABLE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 250_000 };

export function readTable(bytes: Uint8Array, fileName: string, opts: ReadTableOptions = {}): TableResult {
  const maxBytes = opts.maxBytes ?? TABLE_LIMITS.maxBytes;
  const maxRows = opts.maxRows ?? TABLE_LIMITS.maxRows;
  if (bytes.length > maxBytes) return failure(0, problem("imports.error.fileTooLarge", { size: megabytes(bytes.length), limit: megabytes(maxBytes) }));
  if (bytes.length === 0) return failure(0, problem("imports.error.fileEmpty"));

  const kind = sniff(bytes);
  if (kind === "zip") return readXlsx(bytes, maxRows);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (kind === "ole") {
    return failure(0, problem("imports.error.oldExcel"));
  }
  if (kind === "pdf") return failure(0, problem("imports.error.pdf"));
  if (kind === "markup") return failure(0, problem("imports.error.markup"));
  if (extension === "xlsx" || extension === "xlsm") return failure(0, problem("imports.error.notWorkbook", { extension }));
  return readCsv(bytes, maxRows);
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
