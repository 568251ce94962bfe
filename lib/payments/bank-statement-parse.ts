import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseDateText } from "@/lib/format/calendar-date";
import { csvRecords, decodeText, detectDelimiter } from "@/lib/format/csv";
import { readAmount } from "@/lib/format/money";

/**
 * Bank statements into lines: CSV exports with a header row (ING, Rabobank, or any file with
 * recognisable column names) and CAMT.053 XML. Pure: bytes in, lines and numbered errors out.
 * Amounts go from text to cents without floating point, so no cent is ever lost to rounding.
 * The caller imports nothing when there is any error, so every problem is reported rather than
 * skipped or guessed around.
 */
export type StatementFormat = "csv" | "camt053";
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
  entryRef: string | null;
};
export type ParseError = { line: number; message: string };
export type ParseResult = { format: StatementFormat; lines: StatementLine[]; errors: ParseError[]; accountIban: string | null };

export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const MAX_ERRORS = 100;
const MAX_DESCRIPTION = 500;

export function parseBankStatement(bytes: Uint8Array, fileName: string): ParseResult {
  // The name only labels files we refuse before reading them; the content decides otherwise.
  const hint: StatementFormat = /\.(xml|053)$/i.test(fileName) ? "camt053" : "csv";
  if (bytes.length > MAX_STATEMENT_BYTES) return failed(hint, 0, "file is larger than 5 MB");
  const text = decodeText(bytes);
  if (text.trim() === "") return failed(hint, 0, "file is empty");
  if (text.includes("\u0000")) return failed(hint, 0, "file is not text (expected a CSV export or CAMT.053 XML)");
  const lead = /^\s*/.exec(text)![0];
  const result = text.startsWith("<", lead.length) ? parseCamt(text.slice(lead.length), lead.split("\n").length - 1) : parseCsv(text);
  return { ...result, errors: result.errors.slice(0, MAX_ERRORS) };
}

function failed(format: StatementFormat, line: number, message: string): ParseResult {
  return { format, lines: [], errors: [{ line, message }], accountIban: null };
}

const clean = (s: string | undefined | null) => (s ?? "").replace(/\s+/g, " ").trim();
const ibanOf = (s: string | undefined | null) => clean(s).replace(/\s/g, "").toUpperCase() || null;
const nameOf = (s: string | undefined | null) => clean(s) || null;
function describe(parts: (string | undefined)[]): string {
  const s = clean(parts.join(" "));
  if (s.length <= MAX_DESCRIPTION) return s;
  // Never keep half of a surrogate pair (an emoji in a payment note) at the cut.
  const cut = /[\uD800-\uDBFF]/.test(s[MAX_DESCRIPTION - 1]!) ? MAX_DESCRIPTION - 1 : MAX_DESCRIPTION;
  return s.slice(0, cut).trimEnd();
}

/** Header names per field, lower case; earlier names win when a file has more than one. */
const COLUMNS = {
  date: ["datum", "date", "rentedatum", "boekdatum", "transactiedatum", "valutadatum", "value date", "booking date", "transaction date"],
  amount: ["bedrag (eur)", "bedrag", "amount", "transactiebedrag"],
  sign: ["af bij", "af/bij", "debet/credit", "credit/debit"],
  currency: ["munt", "valuta", "currency", "muntsoort"],
  name: ["naam / omschrijving", "naam tegenpartij", "naam", "name", "counterparty", "counterparty name", "tegenpartij"],
  iban: ["tegenrekening iban/bban", "tegenrekening", "iban", "counterparty iban", "rekening tegenpartij"],
  account: ["rekening", "iban/bban", "rekeningnummer", "account"],
  reference: ["transactiereferentie", "referentie", "bank reference", "transaction reference"],
} satisfies Record<string, string[]>;
const DESCRIPTION_COLUMNS = ["mededelingen", "omschrijving", "omschrijving-1", "omschrijving-2", "omschrijving-3", "betalingskenmerk", "description", "reference", "remittance information"];
const DEBIT_MARKS = ["af", "debet", "debit", "d"];
const CREDIT_MARKS = ["bij", "credit", "c"];

function parseCsv(text: string): ParseResult {
  const { records, unclosedAt } = csvRecords(text, detectDelimiter(text));
  if (unclosedAt !== null) return failed("csv", unclosedAt, "a quoted field is not closed (missing \")");
  const header = records.shift();
  if (!header) return failed("csv", 1, "no header row");
  const names = header.fields.map((f) => clean(f).toLowerCase());
  const col = (key: keyof typeof COLUMNS) => {
    for (const alias of COLUMNS[key]) if (names.includes(alias)) return names.indexOf(alias);
    return -1;
  };
  const idx = { date: col("date"), amount: col("amount"), sign: col("sign"), currency: col("currency"), name: col("name"), iban: col("iban"), account: col("account"), reference: col("reference") };
  const descriptionCols = names.flatMap((n, i) => (DESCRIPTION_COLUMNS.includes(n) ? [i] : []));
  const errors: ParseError[] = [];
  if (idx.date < 0) errors.push({ line: header.line, message: 'missing column for the date (e.g. "Datum" or "date")' });
  if (idx.amount < 0) errors.push({ line: header.line, message: 'missing column for the amount (e.g. "Bedrag" or "amount")' });
  if (errors.length) return { format: "csv", lines: [], errors, accountIban: null };

  const lines: StatementLine[] = [];
  for (const { line, fields: f } of records) {
    if (errors.length >= MAX_ERRORS) break;
    if (f.length !== names.length) {
      errors.push({ line, message: `expected ${names.length} fields, found ${f.length}` });
      continue;
    }
    const rowErrors: string[] = [];
    const rawDate = clean(f[idx.date]);
    const valueDate = parseDateText(rawDate);
    if (!valueDate) rowErrors.push(rawDate ? `date "${rawDate}" is not a valid date` : "date is missing");
    let amount = readAmount(f[idx.amount] ?? "");
    if (typeof amount === "string") rowErrors.push(amount);
    else if (idx.sign >= 0) {
      // ING gives the size in "Bedrag" and the direction in "Af Bij".
      const mark = clean(f[idx.sign]);
      const magnitude = amount < 0n ? -amount : amount;
      if (DEBIT_MARKS.includes(mark.toLowerCase())) amount = -magnitude;
      else if (CREDIT_MARKS.includes(mark.toLowerCase())) amount = magnitude;
      else rowErrors.push(`"${mark}" in the Af/Bij column is neither "Af" nor "Bij"`);
    }
    const currency = (idx.currency >= 0 ? clean(f[idx.currency]).toUpperCase() : "") || "EUR";
    if (!/^[A-Z]{3}$/.test(currency)) rowErrors.push(`currency "${currency}" is not an ISO 4217 code`);
    errors.push(...rowErrors.map((message) => ({ line, message })));
    if (rowErrors.length || !valueDate || typeof amount !== "bigint") continue;
    lines.push({
      lineNo: line,
      valueDate,
      amountCents: amount,
      currency,
      counterpartyName: idx.name >= 0 ? nameOf(f[idx.name]) : null,
      counterpartyIban: idx.iban >= 0 ? ibanOf(f[idx.iban]) : null,
      description: describe(descriptionCols.map((i) => f[i])),
      entryRef: idx.reference >= 0 ? nameOf(f[idx.reference]) : null,
    });
  }
  const accountIban = idx.account >= 0 && records[0] ? ibanOf(records[0].fields[idx.account]) : null;
  return { format: "csv", lines, errors, accountIban };
}

type XmlNode = Record<string, unknown>;
const node = (v: unknown): XmlNode => (v && typeof v === "object" && !Array.isArray(v) ? (v as XmlNode) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => node(Array.isArray(o) ? o[0] : o)[k], v);

// Entity expansion is off (it is how XML bombs work), so the five predefined entities and
// character references are resolved here; anything else stays as written.
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return PREDEFINED[name]!;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}
/** Text of an element (or of its "#text" when it has attributes); "" when absent. */
function text(v: unknown): string {
  const raw = typeof v === "string" ? v : typeof node(v)["#text"] === "string" ? (node(v)["#text"] as string) : "";
  return unescapeXml(raw).trim();
}

const XML_LISTS = new Set(["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd", "Strd"]);

/** `skippedLines`: blank lines cut off the front, since an XML declaration must come first. */
function parseCamt(xml: string, skippedLines: number): ParseResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return failed("camt053", valid.err.line + skippedLines, `malformed XML: ${valid.err.msg}`);
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false, parseTagValue: false, isArray: (name) => XML_LISTS.has(name) });
  const doc = node(parser.parse(xml));
  // The element names are the same from camt.053.001.02 to .08, so the namespace version is not checked.
  if (!("BkToCstmrStmt" in node(doc.Document))) return failed("camt053", 0, "XML is not a CAMT.053 bank statement");
  const errors: ParseError[] = [];
  const lines: StatementLine[] = [];
  let accountIban: string | null = null;
  let n = 0;
  for (const stmt of list(at(doc, "Document", "BkToCstmrStmt", "Stmt"))) {
    accountIban ??= ibanOf(text(at(stmt, "Acct", "Id", "IBAN")));
    for (const entry of list(node(stmt).Ntry)) {
      if (errors.length >= MAX_ERRORS) break;
      n++;
      const read = camtEntry(entry, n);
      if (Array.isArray(read)) errors.push(...read.map((message) => ({ line: n, message })));
      else lines.push(read);
    }
  }
  return { format: "camt053", lines, errors, accountIban };
}

function camtEntry(entry: unknown, n: number): StatementLine | string[] {
  const problems: string[] = [];
  const amountText = text(at(entry, "Amt"));
  // The schema allows up to five fraction digits; trailing zeros beyond cents are harmless.
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amountText);
  const frac = m?.[2] ?? "";
  let cents: bigint | null = null;
  if (!amountText) problems.push("entry has no amount");
  else if (!m) problems.push(`amount "${amountText}" is not a number`);
  else if (/[1-9]/.test(frac.slice(2))) problems.push(`amount "${amountText}" has more than 2 decimals`);
  else cents = BigInt(m[1]!) * 100n + BigInt(frac.slice(0, 2).padEnd(2, "0"));

  const indicator = text(at(entry, "CdtDbtInd"));
  if (indicator !== "CRDT" && indicator !== "DBIT") problems.push(`credit/debit indicator "${indicator}" is not CRDT or DBIT`);

  const rawDate = text(at(entry, "ValDt", "Dt")) || text(at(entry, "ValDt", "DtTm")).slice(0, 10) || text(at(entry, "BookgDt", "Dt")) || text(at(entry, "BookgDt", "DtTm")).slice(0, 10);
  const valueDate = /^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? parseDateText(rawDate) : null;
  if (!rawDate) problems.push("entry has no value date or booking date");
  else if (!valueDate) problems.push(`date "${rawDate}" is not a valid date`);

  const currency = text(node(at(entry, "Amt"))["@_Ccy"]).toUpperCase() || "EUR";
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not an ISO 4217 code`);
  if (problems.length || cents === null || !valueDate) return problems;

  // A batch entry holds many transactions; the first one speaks for the entry.
  const tx = list(at(entry, "NtryDtls")).flatMap((d) => list(node(d).TxDtls))[0];
  const party = indicator === "CRDT" ? "Dbtr" : "Cdtr";
  const name = text(at(tx, "RltdPties", party, "Nm")) || text(at(tx, "RltdPties", party, "Pty", "Nm"));
  const remittance = [...list(at(tx, "RmtInf", "Ustrd")).map(text), ...list(at(tx, "RmtInf", "Strd")).map((s) => text(at(s, "CdtrRefInf", "Ref")))];
  const endToEnd = text(at(tx, "Refs", "EndToEndId"));
  const ref = text(at(entry, "AcctSvcrRef")) || text(at(tx, "Refs", "AcctSvcrRef")) || text(at(entry, "NtryRef")) || (endToEnd !== "NOTPROVIDED" ? endToEnd : "");
  return {
    lineNo: n,
    valueDate,
    amountCents: indicator === "DBIT" ? -cents : cents,
    currency,
    counterpartyName: nameOf(name),
    counterpartyIban: ibanOf(text(at(tx, "RltdPties", `${party}Acct`, "Id", "IBAN"))),
    description: describe(remittance) || describe([text(at(entry, "AddtlNtryInf"))]),
    entryRef: nameOf(ref),
  };
}
