import { problem, type Problem } from "./import-problem";
import { checkHeaderNames, ErrorList, failure, formatCount, type RowSink, type ScanResult, type Table, type TableResult, type TableRow } from "./tabular-rows";

/**
 * CSV as accounting packages and Excel write it: any of UTF-8, UTF-16 or Windows-1252; ";" (Dutch
 * Excel), "," or TAB; RFC 4180 quotes; sometimes a title line above the header. The text is
 * decoded once and walked once, so a 20 MB export costs one string plus its cells.
 *
 * `rowNo` is the row Excel shows: every record counts, empty lines too, and a quoted value with a
 * line break stays one row (so it can differ from a text editor's line number).
 */

type Encoding = NonNullable<Table["encoding"]>;
type Delimiter = NonNullable<Table["delimiter"]>;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DELIMITERS: Delimiter[] = [";", ",", "\t"];
/** Title lines above the header are looked for among the first records only. */
const HEADER_SEARCH = 50;

export function readCsv(bytes: Uint8Array, maxRows: number): TableResult {
  const rows: TableRow[] = [];
  const read = scanCsv(bytes, maxRows, { start: () => {}, row: (r) => rows.push(r) });
  if (!read.ok) return read;
  const { rowCount: _, ...table } = read.table;
  return { ok: true, table: { ...table, rows } };
}

/**
 * The same reading, with each data row handed to `sink` as soon as it is read instead of kept: a
 * 200,000-row export never exists as 200,000 rows of cells at once. The sink hears the header
 * first. Whether the file is good is known only at the end (a quote left open on the last line),
 * so what the sink made of the rows counts only when this answers ok.
 */
export function scanCsv(bytes: Uint8Array, maxRows: number, sink: RowSink): ScanResult {
  const decoded = decode(bytes);
  if ("problem" in decoded) return failure(0, decoded.problem);
  const notes: string[] = decoded.note ? [decoded.note] : [];
  let text = decoded.text;
  // Old DOS tools end a text file with Ctrl-Z.
  if (text.endsWith("\u001a")) text = text.slice(0, -1);
  if (looksBinary(text)) return failure(0, problem("imports.error.binary"));

  let start = 0;
  let delimiter: Delimiter | null = null;
  // Excel writes (and honours) a first line "sep=;" naming the delimiter; it never shows it as a row.
  const sep = /^sep=(.)(\r\n|\r|\n|$)/i.exec(text);
  if (sep) {
    const named = DELIMITERS.find((d) => d === sep[1]);
    if (!named) return failure(1, problem("imports.error.sepLine", { delimiter: sep[1]! }));
    delimiter = named;
    start = sep[0].length;
    notes.push(`the delimiter is taken from the "sep=" line at the top of the file`);
  }
  delimiter ??= detectDelimiter(text, start);

  // The header is looked for among the first records; the rows after it go to the sink one by one.
  const errors = new ErrorList();
  const head: TableRow[] = [];
  let header: { headers: string[]; width: number; rowNo: number } | null = null;
  let dataCount = 0;
  let trailingDelimiterRows = 0;
  const dataRow = (row: TableRow) => {
    dataCount++;
    const cells = row.cells;
    // One empty cell too many is a delimiter at the end of the line, not a shifted column.
    if (cells.length === header!.width + 1 && cells[header!.width] === "") {
      cells.pop();
      trailingDelimiterRows++;
    }
    if (cells.length !== header!.width) errors.add(row.rowNo, problem(cells.length === 1 ? "imports.error.raggedOne" : "imports.error.ragged", { row: String(row.rowNo), cells: cells.length, width: header!.width }));
    else if (dataCount <= maxRows) sink.row(row);
  };
  const settleHeader = () => {
    const headerIndex = findHeader(head);
    const headerRecord = head[headerIndex]!;
    if (headerIndex > 0) notes.push(describeSkipped(head.slice(0, headerIndex), headerRecord.rowNo));
    const rawHeader = headerRecord.cells;
    if (rawHeader.length >= 2 && rawHeader[rawHeader.length - 1]!.trim() === "") {
      rawHeader.pop();
      notes.push("the header ends with a delimiter; the empty last column was ignored");
    }
    const headers = checkHeaderNames(rawHeader, headerRecord.rowNo, errors);
    header = { headers, width: headers.length, rowNo: headerRecord.rowNo };
    sink.start(headers);
    const waiting = head.splice(0).slice(headerIndex + 1);
    for (const row of waiting) dataRow(row);
  };
  const parsed = parseRecords(text, start, delimiter ?? ";", maxRows + HEADER_SEARCH + 1, (record) => {
    if (header) dataRow(record);
    else {
      head.push(record);
      if (head.length === HEADER_SEARCH) settleHeader();
    }
  });
  if (parsed.unclosedAt !== null) {
    return failure(parsed.unclosedAt, problem("imports.error.unclosedQuote", { row: String(parsed.unclosedAt) }));
  }
  if (!header && head.length === 0) return failure(0, problem("imports.error.noRows"));
  if (!header) settleHeader();

  if (dataCount > maxRows) {
    return failure(0, parsed.isTruncated ? problem("imports.error.tooManyRowsAtLeast", { limit: maxRows }) : problem("imports.error.tooManyRows", { count: dataCount, limit: maxRows }));
  }
  if (!errors.isEmpty) return { ok: false, errors: errors.toArray() };
  if (trailingDelimiterRows > 0) {
    notes.push(`${formatCount(trailingDelimiterRows)} ${trailingDelimiterRows === 1 ? "row ends" : "rows end"} with a delimiter; the empty last cell was ignored`);
  }
  return {
    ok: true,
    table: { format: "csv", encoding: decoded.encoding, ...(delimiter ? { delimiter } : {}), headers: header!.headers, rowCount: dataCount, notes },
  };
}

type Decoded = { text: string; encoding: Encoding; note?: string } | { problem: Problem };

function decode(bytes: Uint8Array): Decoded {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return strict(bytes, "utf-8") ?? { problem: problem("imports.error.badUtf8") };
  }
  if (b0 === 0xff && b1 === 0xfe) return strict(bytes, "utf-16le") ?? { problem: problem("imports.error.badUtf16") };
  if (b0 === 0xfe && b1 === 0xff) return strict(bytes, "utf-16be") ?? { problem: problem("imports.error.badUtf16") };
  const utf16 = guessUtf16(bytes);
  if (utf16) {
    const read = strict(bytes, utf16);
    if (read) return { ...read, note: `the file has no byte order mark; it was read as ${utf16 === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE"}` };
  }
  const utf8 = strict(bytes, "utf-8");
  if (utf8) return utf8;
  // Not valid UTF-8: what Excel "CSV (semicolon delimited)" and older Dutch packages write.
  return { text: decodeWindows1252(bytes), encoding: "windows-1252", note: "the file is not UTF-8; it was read as Windows-1252" };
}

/** Windows-1252 bytes 0x80-0x9F; the other bytes are the same code points as Latin-1. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Node 20's decoder reads "windows-1252" as Latin-1 (0x80 becomes U+0080, not €); this corrects it. */
function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder("windows-1252").decode(bytes);
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

function strict(bytes: Uint8Array, encoding: Exclude<Encoding, "windows-1252">): { text: string; encoding: Encoding } | null {
  try {
    // The decoder drops a leading byte order mark itself.
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return null;
  }
}

/** UTF-16 without a byte order mark: ASCII text then has a zero byte in every other position. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/** Zero bytes, or control characters in more than 1% of the start: not a text export. */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 65_536);
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > sample.length / 100;
}

/**
 * Per candidate, how many of the first lines have its most common count (outside quotes); the
 * candidate on most lines wins, then the one with more columns, then ; before , before TAB.
 * A title line or a decimal comma in some rows does not outvote a delimiter on every line.
 */
function detectDelimiter(text: string, start: number): Delimiter | null {
  const lines: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  let hasContent = false;
  const end = Math.min(text.length, start + 1_000_000);
  for (let i = start; i < end && lines.length < 20; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted;
      hasContent = true;
    } else if (quoted) continue;
    else if (c === "\n" || c === "\r") {
      if (hasContent) lines.push(counts);
      counts = [0, 0, 0];
      hasContent = false;
    } else {
      hasContent = true;
      const k = c === ";" ? 0 : c === "," ? 1 : c === "\t" ? 2 : -1;
      if (k >= 0) counts[k]!++;
    }
  }
  if (hasContent && lines.length < 20) lines.push(counts);

  let best: Delimiter | null = null;
  let bestLines = 0;
  let bestMode = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const { value, frequency } = mode(lines.map((l) => l[k]!).filter((n) => n > 0));
    if (frequency > bestLines || (frequency === bestLines && frequency > 0 && value > bestMode)) {
      best = delimiter;
      bestLines = frequency;
      bestMode = value;
    }
  });
  return best;
}

/** The most frequent value; on a tie the larger one. */
function mode(values: number[]): { value: number; frequency: number } {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let value = 0;
  let frequency = 0;
  for (const [v, f] of freq) {
    if (f > frequency || (f === frequency && v > value)) {
      value = v;
      frequency = f;
    }
  }
  return { value, frequency };
}

type Parsed = { unclosedAt: number | null; isTruncated: boolean };

/** RFC 4180 records, each handed to `onRecord`; lines with nothing but empty cells are skipped but still counted. */
function parseRecords(text: string, start: number, delimiter: Delimiter, limit: number, onRecord: (record: TableRow) => void): Parsed {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let records = 0;
  let cells: string[] = [];
  let rowNo = 1;
  let i = start;
  if (i >= n) return { unclosedAt: null, isTruncated: false };
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return { unclosedAt: rowNo, isTruncated: false };
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      // Text between the closing quote and the delimiter is kept (lenient, as Excel is).
      let j = i;
      while (j < n && !isBreak(text.charCodeAt(j), d)) j++;
      if (j > i && text.slice(i, j).trim() !== "") value += text.slice(i, j);
      i = j;
      cells.push(value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value);
    } else {
      let j = i;
      while (j < n && !isBreak(text.charCodeAt(j), d)) j++;
      cells.push(text.slice(i, j));
      i = j;
    }
    if (i < n && text.charCodeAt(i) === d) {
      i++;
      continue;
    }
    if (!isBlank(cells)) {
      onRecord({ rowNo, cells });
      if (++records >= limit) return { unclosedAt: null, isTruncated: true };
    }
    cells = [];
    if (i >= n) break;
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rowNo++;
    if (i >= n) break;
  }
  return { unclosedAt: null, isTruncated: false };
}

function isBreak(c: number, delimiter: number): boolean {
  return c === delimiter || c === LF || c === CR;
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}

function nonEmptyCount(cells: string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== "") n++;
  return n;
}

/**
 * The header is the first record with the file's usual cell count (give or take one trailing
 * delimiter) and at least two names; lines above it are a report title or export date.
 */
function findHeader(records: TableRow[]): number {
  const sample = records.slice(0, HEADER_SEARCH);
  const usual = mode(sample.map((r) => r.cells.length)).value;
  if (usual < 2) return 0;
  const index = sample.findIndex((r) => Math.abs(r.cells.length - usual) <= 1 && nonEmptyCount(r.cells) >= 2);
  return index === -1 ? 0 : index;
}

function describeSkipped(skipped: TableRow[], headerRowNo: number): string {
  const first = skipped[0]!;
  const text = first.cells.filter((c) => c.trim() !== "").join(" ").trim();
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const count = skipped.length === 1 ? "1 line" : `${skipped.length} lines`;
  return `the header is in row ${headerRowNo}; skipped ${count} above it (row ${first.rowNo}: "${shown}")`;
}
