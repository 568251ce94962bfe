import { csvRecords, detectDelimiter, type CsvRecord } from "@/lib/format/csv";
import { abnAccountIban, abnDescription, BANK_LAYOUTS, splitQuoted, toStatementLine, type BankLayout, type RawEntry, type SignColumn } from "./bank-csv-layouts";
import { clean, describe, ibanOf, MAX_ERRORS, type ParseError, type ParseResult, type StatementLine } from "./statement-lines";

/**
 * CSV exports of Dutch banks, read as each bank writes them: ING, Rabobank, Knab and bunq by
 * their header row (a banner line such as Knab's "KNAB EXPORT" before it is passed over), ABN AMRO's
 * header-less TAB file and ASN Bank's header-less CSV by their shape, and any other file with
 * recognisable column names ("CSV (own columns)"). Lines keep their physical numbers; two identical
 * transactions stay two lines. A file that cannot be read says which format it looks like and why.
 */
const OWN_COLUMNS = "CSV (own columns)";
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
const AF_BIJ: SignColumn = { column: "", debit: ["af", "debet", "debit", "d"], credit: ["bij", "credit", "c"], label: "Af/Bij", shown: ["Af", "Bij"] };
const NO_HEADER =
  "no header row recognised: expected the columns of an ING, Rabobank, Knab or bunq export, or columns named date/datum and amount/bedrag " +
  "(ABN AMRO TAB and ASN Bank exports have no header and are recognised by their first line)";

/** ABN AMRO TAB: account, currency, transaction date YYYYMMDD, start balance, end balance, value date, amount, description. */
const ABN_TAB = /^(\d{1,10}|[A-Z]{2}\d{2}[A-Z0-9]{10,30})\t[A-Za-z]{3}\t\d{8}\t/;
/** ASN Bank: booking date DD-MM-YYYY, own account, counter account, name, … (19 fields, no header). */
const ASN_CSV = /^\d{2}-\d{2}-\d{4},([A-Z]{2}\d{2}[A-Z0-9]{10,30}|\d{9,10}),/;
/** …and the account's and the transaction's currency as its 8th and 10th fields. */
const looksLikeAsn = (f: string[]) => /^[A-Z]{3}$/.test(f[7] ?? "") && /^[A-Z]{3}$/.test(f[9] ?? "");

/** Columns by index, however the header named them. */
type Plan = {
  layout: string;
  date: number[];
  amount: number;
  sign: { col: number; column: SignColumn } | null;
  currency: number;
  name: number[];
  iban: number;
  account: number;
  ref: number;
  description: number[];
  reversal: number;
  describe: (cells: string[]) => string;
};

export function parseCsv(text: string): ParseResult {
  const physical = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const first = physical.findIndex((l) => l.trim() !== "");
  if (first < 0) return failedCsv(1, "no header row");
  const start = physical[first]!.trim();
  const mt940 = /^(:20:|\{1:|:940:)/.exec(start)?.[1];
  if (mt940 || (/^[A-Z]{6}[A-Z0-9]{2,5}$/.test(start) && physical.some((l) => l.startsWith(":20:")) && physical.some((l) => l.startsWith(":61:")))) {
    const why = mt940 ? `starts with "${mt940}"` : `starts with "${start}" and has :20: and :61: fields`;
    return failedCsv(first + 1, `this looks like an MT940 file (${why}), not a CSV export; MT940 files are read by the MT940 import`);
  }
  if (ABN_TAB.test(physical[first]!)) return parseAbnTab(physical);
  if (ASN_CSV.test(start) && looksLikeAsn(splitQuoted(start, ","))) return parseAsn(physical);
  return parseWithHeader(physical, first);
}

function parseWithHeader(physical: string[], first: number): ParseResult {
  // A banner line (Knab: "KNAB EXPORT;;;;") is passed over when the line after it is a header.
  let headerAt = first;
  for (let i = first, banners = 0; i < physical.length && banners < 3; i++) {
    if (physical[i]!.trim() === "") continue;
    const fields = fieldsOf(physical[i]!);
    const { plan, missing } = recognise(fields);
    if (plan || missing[0] !== NO_HEADER) {
      headerAt = i;
      break;
    }
    if (fields.filter((f) => clean(f) !== "").length > 1) break;
    banners++;
  }
  const delimiter = detectDelimiter(physical[headerAt]!);
  const body = physical.map((l, i) => (i < headerAt ? "" : l)).join("\n");
  const parsed = csvRecords(body, delimiter);
  if (parsed.unclosedAt !== null) return failedCsv(parsed.unclosedAt, "a quoted field is not closed (missing \")");
  const records = unwrap(parsed.records);
  const header = records.shift();
  if (!header) return failedCsv(headerAt + 1, "no header row");
  const { plan, missing } = recognise(header.fields);
  if (!plan) return { format: "csv", lines: [], errors: missing.map((message) => ({ line: header.line, message })), accountIban: null };
  return readRows(records, header.fields.map((f) => clean(f).toLowerCase()), plan);
}

/** The fields of one physical line, for telling a banner from a header. */
function fieldsOf(line: string): string[] {
  return unwrap(csvRecords(line, detectDelimiter(line)).records)[0]?.fields ?? [];
}

/** Some tools wrap every line in one more pair of quotes ("Datum,""Bedrag"",…"): read what is inside. */
function unwrap(records: CsvRecord[]): CsvRecord[] {
  const wrapped = records[0]?.fields.length === 1 && /[,;\t]/.test(records[0].fields[0]!);
  if (!wrapped) return records;
  return records.map((r) => (r.fields.length === 1 ? { line: r.line, fields: csvRecords(r.fields[0]!, detectDelimiter(r.fields[0]!)).records[0]?.fields ?? [] } : r));
}

function recognise(headerFields: string[]): { plan: Plan | null; missing: string[] } {
  const names = headerFields.map((f) => clean(f).toLowerCase());
  const at = (name: string | undefined) => (name ? names.indexOf(name) : -1);
  const bank = BANK_LAYOUTS.find((l) => l.signature.every((n) => names.includes(n)));
  if (bank) return { plan: bankPlan(bank, at), missing: [] };
  const col = (key: keyof typeof COLUMNS) => COLUMNS[key].map((alias) => names.indexOf(alias)).find((i) => i >= 0) ?? -1;
  const date = col("date");
  const amount = col("amount");
  if (date < 0 && amount < 0) return { plan: null, missing: [NO_HEADER] };
  const missing: string[] = [];
  if (date < 0) missing.push('missing column for the date (e.g. "Datum" or "date")');
  if (amount < 0) missing.push('missing column for the amount (e.g. "Bedrag" or "amount")');
  if (missing.length) return { plan: null, missing };
  const sign = col("sign");
  return {
    plan: {
      layout: OWN_COLUMNS, date: [date], amount, sign: sign >= 0 ? { col: sign, column: AF_BIJ } : null, currency: col("currency"), name: [col("name")],
      iban: col("iban"), account: col("account"), ref: col("reference"), description: names.flatMap((n, i) => (DESCRIPTION_COLUMNS.includes(n) ? [i] : [])),
      reversal: -1, describe: (cells) => describe(cells),
    },
    missing: [],
  };
}

function bankPlan(l: BankLayout, at: (name: string | undefined) => number): Plan {
  return {
    layout: l.layout, date: l.date.map(at).filter((i) => i >= 0), amount: at(l.amount), sign: l.sign ? { col: at(l.sign.column), column: l.sign } : null,
    currency: at(l.currency), name: l.name.map(at).filter((i) => i >= 0), iban: at(l.iban), account: at(l.account), ref: at(l.ref),
    description: l.description.map(at).filter((i) => i >= 0), reversal: at(l.reversal), describe: l.describe ?? ((cells) => describe(cells)),
  };
}

function readRows(records: CsvRecord[], names: string[], plan: Plan): ParseResult {
  // A header that ends in the delimiter (Knab: "…;Boekdatum;") has empty names at the end; rows may leave them off.
  const trailing = names.length - (names.findLastIndex((n) => n !== "") + 1);
  const errors: ParseError[] = [];
  const lines: StatementLine[] = [];
  const accounts = new Set<string>();
  for (const { line, fields: f } of records) {
    if (errors.length >= MAX_ERRORS) break;
    if (f.length > names.length || f.length < names.length - trailing) {
      errors.push({ line, message: `expected ${names.length} fields, found ${f.length}` });
      continue;
    }
    const cell = (i: number) => (i >= 0 ? (f[i] ?? "") : "");
    const first = (cols: number[]) => cols.map(cell).find((v) => clean(v) !== "") ?? "";
    const reason = clean(cell(plan.reversal));
    const account = ibanOf(cell(plan.account));
    if (account) accounts.add(account);
    const read = toStatementLine(line, {
      date: first(plan.date),
      amount: cell(plan.amount),
      sign: plan.sign ? { mark: cell(plan.sign.col), column: plan.sign.column } : undefined,
      currency: cell(plan.currency),
      name: first(plan.name),
      iban: cell(plan.iban),
      description: describe([plan.describe(plan.description.map(cell)), reason ? `(retour: ${reason})` : ""]),
      entryRef: cell(plan.ref),
      reversal: reason !== "",
    });
    if (Array.isArray(read)) errors.push(...read.map((message) => ({ line, message })));
    else lines.push(read);
  }
  return { format: "csv", layout: plan.layout, lines, errors, accountIban: oneAccount(accounts) };
}

/** ABN AMRO's TAB export (TXT….TAB): eight tab-separated fields, no header. */
function parseAbnTab(physical: string[]): ParseResult {
  return headerless(physical, "ABN AMRO TAB", 8, (line) => line.split("\t"), (f) => {
    const d = abnDescription(f[7]!);
    return { account: abnAccountIban(f[0]!), entry: { date: f[2]!, amount: f[6]!, currency: f[1]!, name: d.name, iban: d.iban, description: d.description, entryRef: null, reversal: d.reversal } };
  });
}

/**
 * ASN Bank (de Volksbank): 19 comma-separated fields, no header. Boekingsdatum, Opdrachtgeversrekening,
 * Tegenrekeningnummer, Naam tegenrekening, Adres, Postcode, Plaats, Valutasoort rekening, Saldo rekening
 * voor mutatie, Valutasoort mutatie, Transactiebedrag, Journaaldatum, Valutadatum, Interne transactiecode,
 * Globale transactiecode (STO = storno), Volgnummer transactie, Betalingskenmerk, Omschrijving, Afschriftnummer.
 */
function parseAsn(physical: string[]): ParseResult {
  return headerless(physical, "ASN CSV", 19, (line) => splitQuoted(line, ","), (f) => ({
    account: ibanOf(f[1]),
    entry: {
      date: f[0]!, amount: f[10]!, currency: f[9]!, name: f[3], iban: f[2], description: describe([f[16], f[17]]),
      entryRef: /^0*$/.test(clean(f[15])) ? null : f[15], reversal: clean(f[14]).toUpperCase() === "STO",
    },
  }));
}

function headerless(
  physical: string[],
  layout: string,
  width: number,
  split: (line: string) => string[],
  entryOf: (fields: string[]) => { account: string | null; entry: RawEntry },
): ParseResult {
  const errors: ParseError[] = [];
  const lines: StatementLine[] = [];
  const accounts = new Set<string>();
  physical.forEach((text, i) => {
    if (text.trim() === "" || errors.length >= MAX_ERRORS) return;
    const f = split(text);
    while (f.length > width && f.at(-1)!.trim() === "") f.pop();
    if (f.length !== width) {
      errors.push({ line: i + 1, message: `this looks like an ${layout} export, but line ${i + 1} has ${f.length} ${f.length === 1 ? "field" : "fields"} instead of ${width}` });
      return;
    }
    const { account, entry } = entryOf(f);
    if (account) accounts.add(account);
    const read = toStatementLine(i + 1, entry);
    if (Array.isArray(read)) errors.push(...read.map((message) => ({ line: i + 1, message })));
    else lines.push(read);
  });
  return { format: "csv", layout, lines, errors, accountIban: oneAccount(accounts) };
}

/** The file's own account, when every row names the same one; a file of several accounts has none. */
function oneAccount(accounts: Set<string>): string | null {
  return accounts.size === 1 ? [...accounts][0]! : null;
}

function failedCsv(line: number, message: string): ParseResult {
  return { format: "csv", lines: [], errors: [{ line, message }], accountIban: null };
}
