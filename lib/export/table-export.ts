import writeXlsxFile, { type Cell, type SheetData } from "write-excel-file/node";

/**
 * Tables to CSV and XLSX. CSV is safe against spreadsheet formula injection (text cells that a
 * spreadsheet would run get a leading apostrophe); XLSX writes text as strings, never formulas.
 * Money is integer cents in and decimal units out, without floating-point steps.
 */
export type ExportColumn = { key: string; header: string; type: "text" | "number" | "money" | "date" | "percent" };
export type ExportValue = string | number | bigint | null;
export type ExportTable = { name: string; columns: ExportColumn[]; rows: Array<Record<string, ExportValue>> };

/** Cents -> "1234.56" exactly, for any size and sign. */
export function centsToDecimal(cents: number | bigint): string {
  const c = typeof cents === "bigint" ? cents : BigInt(Math.round(cents));
  const negative = c < 0n;
  const abs = negative ? -c : c;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** Text a spreadsheet could take for a formula or control sequence gets a leading apostrophe. */
export function neutralise(text: string): string {
  const clean = text.replace(/\u0000/g, "");
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}

/**
 * Text for a CSV cell. A spreadsheet that splits on another delimiter than the file's (an English
 * Excel reading our ";" file on ",") honours the quotes of a line's first cell only, so to it a
 * cell also starts after a comma, semicolon, tab or line break inside a text: a formula there
 * (past the quotes and spaces a reader skips) gets the apostrophe as well.
 */
function neutraliseCsvText(text: string): string {
  return neutralise(text).replace(/([,;\t\r\n]["\s]*)(?=[=+\-@])/g, "$1'");
}

function csvValue(col: ExportColumn, v: ExportValue): string {
  if (v === null || v === undefined || v === "") return "";
  switch (col.type) {
    case "money":
      return centsToDecimal(typeof v === "string" ? BigInt(v) : v);
    case "number":
      // A number column is ours, but its type admits a string: text that is no number is text.
      return typeof v === "string" && !/^-?\d+(\.\d+)?$/.test(v) ? neutraliseCsvText(v) : String(v);
    case "percent":
      return String(Math.round(Number(v) * 10_000) / 10_000);
    case "date":
      return neutraliseCsvText(String(v));
    default:
      return neutraliseCsvText(String(v));
  }
}

export function toCsv(table: ExportTable, opts: { delimiter?: ";" | ","; decimalComma?: boolean } = {}): string {
  const d = opts.delimiter ?? ";";
  // Dutch Excel reads "1234,56" as a number in a ";" file, and "1234.56" as text.
  const decimal = (c: ExportColumn, text: string) => (opts.decimalComma && (c.type === "money" || c.type === "percent") ? text.replace(".", ",") : text);
  // Every text cell is quoted, whatever the delimiter: a spreadsheet that splits on another
  // character (a comma, in an English locale) then still sees one cell, so "x,=1+2" can never
  // put "=1+2" at the start of a cell of its own. Numbers and dates are ours and stay bare.
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const cell = (c: ExportColumn, v: ExportValue) => {
    const text = decimal(c, csvValue(c, v));
    return c.type === "text" || (text !== "" && !/^-?[\d.,]+$|^\d{4}-\d{2}-\d{2}$/.test(text)) ? quote(text) : text;
  };
  const lines = [table.columns.map((c) => quote(neutraliseCsvText(c.header))).join(d), ...table.rows.map((r) => table.columns.map((c) => cell(c, r[c.key] ?? null)).join(d))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function xlsxCell(col: ExportColumn, v: ExportValue): Cell {
  if (v === null || v === undefined || v === "") return null;
  switch (col.type) {
    case "money":
      return { value: Number(centsToDecimal(typeof v === "string" ? BigInt(v) : v)), type: Number, format: "#,##0.00" };
    case "number":
      return { value: Number(v), type: Number };
    case "percent":
      return { value: Number(v), type: Number, format: "0.0%" };
    case "date": {
      const s = String(v);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? { value: new Date(`${s}T00:00:00Z`), type: Date, format: "yyyy-mm-dd" } : { value: s, type: String };
    }
    default:
      return { value: String(v).replace(/\u0000/g, ""), type: String };
  }
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const data: SheetData = [
    table.columns.map((c) => ({ value: c.header, type: String, fontWeight: "bold" as const })),
    ...table.rows.map((r) => table.columns.map((c) => xlsxCell(c, r[c.key] ?? null))),
  ];
  const widths = table.columns.map((c) => ({ width: Math.min(50, Math.max(10, c.header.length + 2, ...table.rows.map((r) => String(r[c.key] ?? "").length + 2))) }));
  const sheet = table.name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
  return writeXlsxFile(data, { sheet, columns: widths, stickyRowsCount: 1 }).toBuffer();
}

export function exportFileName(table: ExportTable, format: "csv" | "xlsx", date: string): string {
  const base = table.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export";
  return `${base}-${date.replace(/[^0-9-]/g, "")}.${format}`;
}
