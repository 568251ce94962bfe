import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Bank statements into lines: CSV exports with a header row (ING, Rabobank) or any file
 * with recognisable column names, and CAMT.053 XML. Pure: bytes in, lines and row-numbered errors
 * out. Amounts are parsed from their text into cents, never through floating point. The caller
 * imports nothing when there is any error.
 */
export type StatementFormat = "csv" | "camt053";
export type StatementLine = {
  lineNo: number;
  valueDate: string;
  amountCents: bigint;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  description: string;
  entryRef: string | null;
};
export type ParseError = { line: number; message: string };
export type ParseResult = { format: StatementFormat; lines: StatementLine[]; errors: ParseError[]; accountIban: string | null };
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const MAX_ERRORS = 100;

export function parseBankStatement(bytes: Uint8Array, fileName: string): ParseResult {
  const format: StatementFormat = /\.xml$|\.053$/i.test(fileName) ? "camt053" : "csv";
  if (bytes.length > MAX_STATEMENT_BYTES) return { format, lines: [], errors: [{ line: 0, message: "file is larger than 5 MB" }], accountIban: null };
  const text = decode(bytes).replace(/^\uFEFF/, "");
  if (text.trim() === "") return { format, lines: [], errors: [{ line: 0, message: "file is empty" }], accountIban: null };
  return text.trimStart().startsWith("<") ? parseCamt(text) : parseCsv(text);
}

/** UTF-8 when valid, else Windows-1252 (what Dutch bank exports and Excel often write). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** "1.234,56", "1,234.56", "-12,00", "+5", "0,29" → cents; null when not a plain amount. */
export function parseAmount(raw: string): bigint | null {
  const s = raw.trim().replace(/\s/g, "").replace(/^€/, "");
  const m = /^([+-]?)(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const [, sign, intPart, thousands, decimalSep, frac] = m;
  if (thousands && decimalSep && thousands === decimalSep) return null;
  const whole = intPart!.replace(/[.,]/g, "");
  const cents = BigInt(whole) * 100n + BigInt((frac ?? "").padEnd(2, "0") || "0");
  return sign === "-" ? -cents : cents;
}

/** YYYYMMDD, YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY → a real calendar date, else null. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let y: string | undefined, mo: string | undefined, d: string | undefined;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(s);
  if (m) [, y, mo, d] = m;
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [, d, mo, y] = m;
  if (!y || !mo || !d) return null;
  const iso = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

const clean = (s: string | undefined | null) => (s ?? "").replace(/\s+/g, " ").trim();
const iban = (s: string | undefined | null) => {
  const v = clean(s).replace(/\s/g, "").toUpperCase();
  return v ? v : null;
};

/** Records with the physical line each starts on; RFC 4180 quotes, quoted newlines allowed. */
function csvRecords(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += c;
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

function detectDelimiter(headerLine: string): string {
  const outside = headerLine.replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((d) => [d, outside.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

const COLUMNS: Record<string, string[]> = {
  date: ["datum", "date", "rentedatum", "boekdatum", "transactiedatum", "valutadatum", "value date", "booking date"],
  amount: ["bedrag (eur)", "bedrag", "amount", "transactiebedrag"],
  sign: ["af bij", "af/bij", "debet/credit", "credit/debit"],
  currency: ["munt", "valuta", "currency", "muntsoort"],
  name: ["naam / omschrijving", "naam tegenpartij", "naam", "name", "counterparty", "tegenpartij"],
  iban: ["tegenrekening iban/bban", "tegenrekening", "iban", "counterparty iban", "rekening tegenpartij"],
  account: ["rekening", "iban/bban", "rekeningnummer", "account"],
  reference: ["transactiereferentie", "referentie", "bank reference"],
  description: ["mededelingen", "omschrijving", "omschrijving-1", "omschrijving-2", "omschrijving-3", "betalingskenmerk", "description", "reference", "remittance information"],
};

function parseCsv(text: string): ParseResult {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const records = csvRecords(text, detectDelimiter(firstLine));
  const header = records.shift();
  const errors: ParseError[] = [];
  if (!header) return { format: "csv", lines: [], errors: [{ line: 1, message: "no header row" }], accountIban: null };
  const names = header.fields.map((f) => clean(f).toLowerCase());
  const col = (key: string) => names.findIndex((n) => COLUMNS[key]!.includes(n));
  const idx = { date: col("date"), amount: col("amount"), sign: col("sign"), currency: col("currency"), name: col("name"), iban: col("iban"), account: col("account"), reference: col("reference") };
  const descriptionCols = names.map((n, i) => (COLUMNS.description!.includes(n) ? i : -1)).filter((i) => i >= 0);
  if (idx.date < 0) errors.push({ line: 1, message: "missing column for the date (e.g. \"Datum\" or \"date\")" });
  if (idx.amount < 0) errors.push({ line: 1, message: "missing column for the amount (e.g. \"Bedrag\" or \"amount\")" });
  if (errors.length) return { format: "csv", lines: [], errors, accountIban: null };
  const lines: StatementLine[] = [];
  for (const r of records) {
    if (errors.length >= MAX_ERRORS) break;
    const f = r.fields;
    if (f.length !== names.length) {
      errors.push({ line: r.line, message: `expected ${names.length} fields, found ${f.length}` });
      continue;
    }
    const rawDate = f[idx.date] ?? "";
    const valueDate = parseDate(rawDate);
    if (!valueDate) errors.push({ line: r.line, message: `date "${clean(rawDate)}" is not a valid date` });
    const rawAmount = f[idx.amount] ?? "";
    let amount = parseAmount(rawAmount);
    if (amount === null) errors.push({ line: r.line, message: `amount "${clean(rawAmount)}" is not a number` });
    if (amount !== null && idx.sign >= 0) {
      const sign = clean(f[idx.sign]).toLowerCase();
      if (["af", "debet", "debit", "d"].includes(sign)) amount = -(amount < 0n ? -amount : amount);
      else if (!["bij", "credit", "c"].includes(sign)) errors.push({ line: r.line, message: `"${clean(f[idx.sign])}" is neither Af nor Bij` });
    }
    const currency = idx.currency >= 0 ? clean(f[idx.currency]).toUpperCase() || "EUR" : "EUR";
    if (!/^[A-Z]{3}$/.test(currency)) errors.push({ line: r.line, message: `currency "${currency}" is not an ISO code` });
    if (!valueDate || amount === null) continue;
    lines.push({
      lineNo: r.line,
      valueDate,
      amountCents: amount,
      currency,
      counterpartyName: idx.name >= 0 ? clean(f[idx.name]) || null : null,
      counterpartyIban: idx.iban >= 0 ? iban(f[idx.iban]) : null,
      description: clean(descriptionCols.map((i) => f[i]).join(" ")).slice(0, 500),
      entryRef: idx.reference >= 0 ? clean(f[idx.reference]) || null : null,
    });
  }
  const accountIban = idx.account >= 0 && records[0] ? iban(records[0].fields[idx.account]) : null;
  return { format: "csv", lines, errors, accountIban };
}

type Node = Record<string, unknown>;
const obj = (v: unknown): Node => (v && typeof v === "object" && !Array.isArray(v) ? (v as Node) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string => (typeof v === "string" ? v : v && typeof v === "object" && "#text" in v ? String((v as Node)["#text"]) : v === undefined || v === null ? "" : String(v));
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], v);

function parseCamt(text: string): ParseResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { format: "camt053", lines: [], errors: [{ line: valid.err.line, message: `malformed XML: ${valid.err.msg}` }], accountIban: null };
  // No entity expansion: a statement never needs it, and it is how XML bombs work.
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false, parseTagValue: false, isArray: (name) => ["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd"].includes(name) });
  const doc = obj(parser.parse(text));
  const stmts = arr(at(doc, "Document", "BkToCstmrStmt", "Stmt"));
  if (!obj(doc.Document).BkToCstmrStmt) return { format: "camt053", lines: [], errors: [{ line: 0, message: "XML is not a CAMT.053 bank statement" }], accountIban: null };
  const errors: ParseError[] = [];
  const lines: StatementLine[] = [];
  let accountIban: string | null = null;
  let n = 0;
  for (const stmt of stmts) {
    accountIban ??= iban(str(at(stmt, "Acct", "Id", "IBAN")));
    for (const entry of arr(obj(stmt).Ntry)) {
      n++;
      const amt = at(entry, "Amt");
      const amountText = str(amt).trim();
      const cents = /^\d+(\.\d{1,2})?$/.test(amountText) ? parseAmount(amountText) : null;
      const indicator = str(at(entry, "CdtDbtInd"));
      const date = parseDate(str(at(entry, "ValDt", "Dt")) || str(at(entry, "ValDt", "DtTm")).slice(0, 10) || str(at(entry, "BookgDt", "Dt")) || str(at(entry, "BookgDt", "DtTm")).slice(0, 10));
      if (cents === null) errors.push({ line: n, message: `amount "${amountText}" is not a number` });
      if (indicator !== "CRDT" && indicator !== "DBIT") errors.push({ line: n, message: `credit/debit indicator "${indicator}" is not CRDT or DBIT` });
      if (!date) errors.push({ line: n, message: "no valid value or booking date" });
      if (cents === null || !date || (indicator !== "CRDT" && indicator !== "DBIT")) continue;
      const tx = obj(arr(at(entry, "NtryDtls")).flatMap((d) => arr(obj(d).TxDtls))[0]);
      const party = indicator === "CRDT" ? "Dbtr" : "Cdtr";
      const name = str(at(tx, "RltdPties", party, "Nm")) || str(at(tx, "RltdPties", party, "Pty", "Nm"));
      const account = str(at(tx, "RltdPties", `${party}Acct`, "Id", "IBAN"));
      const ustrd = arr(at(tx, "RmtInf", "Ustrd")).map(str);
      const structured = arr(at(tx, "RmtInf", "Strd")).map((s) => str(at(s, "CdtrRefInf", "Ref")));
      const description = clean([...ustrd, ...structured].join(" ")) || clean(str(at(entry, "AddtlNtryInf")));
      const endToEnd = str(at(tx, "Refs", "EndToEndId"));
      const ref = str(at(entry, "AcctSvcrRef")) || str(at(tx, "Refs", "AcctSvcrRef")) || str(at(entry, "NtryRef")) || (endToEnd && endToEnd !== "NOTPROVIDED" ? endToEnd : "");
      lines.push({
        lineNo: n,
        valueDate: date,
        amountCents: indicator === "DBIT" ? -cents : cents,
        currency: (str(obj(amt)["@_Ccy"]) || "EUR").toUpperCase(),
        counterpartyName: clean(name) || null,
        counterpartyIban: iban(account),
        description: description.slice(0, 500),
        entryRef: clean(ref) || null,
      });
      if (errors.length >= MAX_ERRORS) break;
    }
  }
  return { format: "camt053", lines, errors, accountIban };
}
