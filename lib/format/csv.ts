/**
 * Reading text files as banks, accounting packages and spreadsheets write them: the encoding
 * (UTF-8, with or without a byte order mark, else Windows-1252), the delimiter, and RFC 4180
 * records with the physical line each starts on, so every error names the line a person sees
 * in their editor. Used by the bank statement reader and meant for every file import.
 */

/** UTF-8 when valid, else Windows-1252 (what Dutch bank exports and Excel often write). */
export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return new TextDecoder("windows-1252").decode(body);
  }
}

export type CsvRecord = { line: number; fields: string[] };

/** RFC 4180 records, each with the physical line it starts on (quoted newlines move later rows down). */
export function csvRecords(text: string, delimiter: string): { records: CsvRecord[]; unclosedAt: number | null } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const newline = c === "\n" || c === "\r";
    if (c === "\r" && text[i + 1] === "\n") i++;
    if (quoted) {
      if (c !== '"') field += newline ? "\n" : c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else quoted = false;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (newline) {
      records.push({ line: start, fields: [...fields, field] });
      fields = [];
      field = "";
      start = line + 1;
    } else field += c;
    if (newline) line++;
  }
  if (quoted) return { records, unclosedAt: start };
  if (field !== "" || fields.length) records.push({ line: start, fields: [...fields, field] });
  // Blank lines, and the ";;;;" lines spreadsheets leave behind, carry nothing to import.
  return { records: records.filter((r) => r.fields.some((f) => f.trim() !== "")), unclosedAt: null };
}

/** The candidate seen most often in the header outside quotes; ";" on a tie, as Dutch exports use it. */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
  const counts = new Map([[";", 0], [",", 0], ["\t", 0]]);
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return [...counts].reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
}
