import { parseDateText } from "@/lib/format/calendar-date";
import { ibanChecksumOk, ibanOf, readDetails } from "./mt940-fields";
import { clean, describe, MAX_ERRORS, nameOf, type ParseError, type ParseResult, type StatementLine } from "./statement-lines";

/**
 * SWIFT MT940 statements as Dutch banks write them (ING, Rabobank, ABN AMRO, SNS/ASN/RegioBank):
 * text in, the same lines and numbered errors as the CSV and CAMT.053 readers out. One file may
 * hold many statements (`:20:` … `:62F:`), with or without SWIFT blocks (`{1:…}{4:` … `-}`) and
 * bank headers (ABN's "ABNANL2A"/"940", ING's "0000 01INGB…", Rabobank's ":940:"). Amounts go
 * from text to cents without floating point. The caller imports nothing when there is an error.
 */


const TAGS = new Set(["13", "13D", "20", "21", "25", "25P", "28", "28C", "34F", "60F", "60M", "61", "62F", "62M", "64", "65", "86", "90C", "90D", "NS"]);
const TAG_LINE = /^:(\d{2}[A-Z]?|NS):(.*)$/;
/** End of a message: "-", "-}", "-}{5:…}", "-XXX". */
const TRAILER = /^-(\}.*|XXX.*)?$/;
/** SWIFT blocks before the text block: "{1:F01…}{2:I940…}{3:{108:…}}{4:". */
const BLOCKS = /^(\{\d:(?:[^{}]|\{[^{}]*\})*\})*(\{4:)?/;
/**
 * :61: customer references that are no reference: NONREF, and the words Rabobank and ING put
 * there to say the reference is in :86: (EREF end-to-end id, PREF batch id, MARF mandate).
 */
const NO_REFERENCE = new Set(["NONREF", "NOREF", "NOTPROVIDED", "EREF", "PREF", "MARF"]);
/** 6!n value date, [4!n] entry date, 2a D/C/RD/RC, [1!a] funds code, 15d amount, 1!a3!c type, then references. */
const LINE_61 = /^(\d{2})(\d{2})(\d{2})(\d{4}|\s{4})?(RD|RC|D|C)([A-Z])?(\d+,\d*)([NSF][A-Z0-9 ]{3})(.*)$/;
const BALANCE = /^([DC])(\d{6})([A-Z]{3})(\d+,\d*)\s*$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Field = { tag: string; line: number; lines: string[] };
type Statement = { startLine: number; account: string | null; accountLine: number; iban: string | null; accountCurrency: string | null; currency: string | null };
type Entry = { statement: Statement; field61: Field; field86: Field | null };

export function parseMt940(text: string): ParseResult {
  const fields = scanFields(text);
  if (!fields.some((f) => f.tag === "20" || f.tag === "25" || f.tag === "61")) {
    return { format: "mt940", lines: [], errors: [{ line: 0, message: "file holds no MT940 statement (no :20:, :25: or :61: field)" }], accountIban: null };
  }
  const errors: ParseError[] = [];
  const statements: Statement[] = [];
  const entries: Entry[] = [];
  let statement: Statement | null = null;
  let previous: string | null = null;
  const open = (line: number): Statement => {
    const s: Statement = { startLine: line, account: null, accountLine: line, iban: null, accountCurrency: null, currency: null };
    statements.push(s);
    return s;
  };
  for (const f of fields) {
    const value = f.lines[0]!;
    if (f.tag === "20") statement = open(f.line);
    else if (f.tag === "25" || f.tag === "25P") {
      // A second :25: without a :20: in between starts the next statement.
      if (!statement || statement.account) statement = open(f.line);
      const read = readAccount(value);
      Object.assign(statement, { account: read.account || null, accountLine: f.line, iban: read.iban, accountCurrency: read.currency });
    } else if (f.tag === "60F" || f.tag === "60M") {
      statement ??= open(f.line);
      const m = BALANCE.exec(value.trim());
      if (!m) errors.push({ line: f.line, message: `opening balance "${clean(value)}" cannot be read` });
      else if (!parseDateText(`20${m[2]}`)) errors.push({ line: f.line, message: `date "${m[2]}" of the opening balance is not a valid date` });
      else statement.currency = m[3]!;
    } else if (f.tag === "61") {
      statement ??= open(f.line);
      entries.push({ statement, field61: f, field86: null });
    } else if (f.tag === "86" && previous === "61") entries.at(-1)!.field86 = f;
    previous = f.tag;
  }

  let first: Statement | null = null;
  for (const s of statements) {
    if (!s.account) errors.push({ line: s.startLine, message: "statement has no account number (:25:)" });
    else if (!first) first = s;
    else if (s.account !== first.account) {
      errors.push({ line: s.accountLine, message: `statement for account ${s.account} in a file for account ${first.account}: import each account's statements as a separate file` });
    }
  }

  const lines: StatementLine[] = [];
  for (const entry of entries) {
    const read = readEntry(entry);
    if (Array.isArray(read)) errors.push(...read.map((message) => ({ line: entry.field61.line, message })));
    else lines.push(read);
  }
  errors.sort((a, b) => a.line - b.line);
  return { format: "mt940", layout: "MT940", lines, errors: errors.slice(0, MAX_ERRORS), accountIban: first?.iban ?? null };
}

/** True when the text has the fields of an MT940 statement (for choosing the reader). */
export function looksLikeMt940(text: string): boolean {
  return /(^|\{4:):20:/m.test(text) && /^:(25|60F|61):/m.test(text);
}

/** Tagged fields with their continuation lines; headers, trailers and SWIFT blocks dropped. */
function scanFields(text: string): Field[] {
  const fields: Field[] = [];
  let current: Field | null = null;
  const physical = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i]!;
    if (line.startsWith("{")) {
      const rest = line.replace(BLOCKS, "");
      if (rest.length !== line.length) {
        current = null;
        line = rest;
        if (!line.trim()) continue;
      }
    }
    const tag = TAG_LINE.exec(line);
    if (tag && TAGS.has(tag[1]!)) {
      current = { tag: tag[1]!, line: i + 1, lines: [tag[2]!] };
      fields.push(current);
    } else if (/^:940:\s*$/.test(line) || TRAILER.test(line.trimEnd())) current = null;
    // Outside a field: ABN's "ABNANL2A"/"940", ING's "0000 01INGBNL2AXXXX00001"/"940 00".
    else if (current) current.lines.push(line);
  }
  return fields;
}

/**
 * :25: "NL83INGB0004812345", "NL83INGB0004812345EUR" (ING), "NL03RABO0312456789 EUR" (Rabobank),
 * "517852257" (ABN AMRO, no IBAN), "BIC/account". A trailing currency is told from the last
 * letters of an IBAN by the IBAN's check digits.
 */
function readAccount(raw: string): { account: string; iban: string | null; currency: string | null } {
  const text = clean(raw).toUpperCase();
  const spaced = /^(.*\S)\s+([A-Z]{3})$/.exec(text);
  const compact = (spaced ? spaced[1]! : text).replace(/\s+/g, "");
  const body = compact.slice(compact.lastIndexOf("/") + 1);
  const whole = ibanOf(body);
  const glued = spaced ? null : /^(.+)([A-Z]{3})$/.exec(body);
  const short = glued ? ibanOf(glued[1]) : null;
  if (glued && short && (ibanChecksumOk(short) || !(whole && ibanChecksumOk(whole)))) return { account: short, iban: short, currency: glued[2]! };
  return { account: whole ?? body, iban: whole, currency: spaced ? spaced[2]! : null };
}

function validMonthDay(mmdd: string): boolean {
  const days = DAYS_IN_MONTH[Number(mmdd.slice(0, 2)) - 1];
  const day = Number(mmdd.slice(2));
  return days !== undefined && day >= 1 && day <= days;
}

function readEntry({ statement, field61, field86 }: Entry): StatementLine | string[] {
  const text = field61.lines[0]!;
  const m = LINE_61.exec(text);
  if (!m) return [`statement line (:61:) "${clean(text).slice(0, 80)}" cannot be read (expected value date YYMMDD, D/C mark, amount with a comma, type)`];
  const [, yy, mm, dd, entryDate, mark, , amountText, , rest] = m as unknown as string[];
  const problems: string[] = [];
  const valueDate = parseDateText(`20${yy}-${mm}-${dd}`);
  if (!valueDate) problems.push(`value date "${yy}${mm}${dd}" is not a valid date`);
  if (entryDate && entryDate.trim() && !validMonthDay(entryDate)) problems.push(`entry date "${entryDate}" is not a valid date`);
  const [whole, fraction] = amountText!.split(",") as [string, string];
  if (/[1-9]/.test(fraction.slice(2))) problems.push(`amount "${amountText}" has more than 2 decimals`);
  const currency = statement.currency ?? statement.accountCurrency;
  if (!currency) problems.push("currency unknown: the statement has no opening balance (:60F:)");
  if (problems.length || !valueDate || !currency) return problems;

  const size = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  // SWIFT: RC is the reversal of a credit (booked as a debit), RD of a debit (booked as a credit).
  const debit = mark === "D" || mark === "RC";
  const split = rest!.indexOf("//");
  const customerRef = nameOf(split >= 0 ? rest!.slice(0, split) : rest);
  const bankRef = split >= 0 ? nameOf(rest!.slice(split + 2)) : null;
  const supplementary = nameOf(field61.lines.slice(1).join(" "));
  const details = readDetails(field86?.lines ?? [], customerRef, supplementary);
  const isRef = (r: string | null): r is string => r !== null && !NO_REFERENCE.has(r.toUpperCase());
  // de Volksbank puts the counterparty's account where the reference goes: not a reference.
  const pointer = customerRef?.toUpperCase();
  const entryRef = isRef(bankRef) ? bankRef
    : isRef(customerRef) && customerRef !== details.account ? customerRef
    : pointer === "EREF" ? details.eref
    : pointer === "PREF" ? details.pref
    : null;
  return {
    lineNo: field61.line,
    valueDate,
    amountCents: debit ? -size : size,
    currency,
    counterpartyName: details.name,
    counterpartyIban: details.iban ?? ibanOf(supplementary),
    description: describe([mark!.startsWith("R") ? "[storno]" : null, details.description]),
    entryRef,
    ...(mark!.startsWith("R") ? { reversal: true } : {}),
  };
}
