import { parseDateText } from "@/lib/format/calendar-date";
import { readAmount } from "@/lib/format/money";
import { clean, describe, ibanOf, nameOf, type StatementLine } from "./statement-lines";

/**
 * The CSV exports of Dutch banks as the banks write them: the header-row layouts (ING, Rabobank,
 * Knab, bunq) as a table, and the pieces the header-less exports (ABN AMRO TAB, ASN Bank) need.
 * bank-csv.ts recognises the file and reads its rows with these.
 */

/** A direction column next to an unsigned amount (ING "Af Bij", Knab "CreditDebet"). */
export type SignColumn = { column: string; debit: string[]; credit: string[]; label: string; shown: [string, string] };
export type BankLayout = {
  layout: string;
  /** lower-case header names that must all be there: how the layout is recognised */
  signature: string[];
  /** the first of these columns that is filled holds the date */
  date: string[];
  amount: string;
  sign?: SignColumn;
  currency?: string;
  /** the first filled one is the counterparty's name */
  name: string[];
  iban?: string;
  account?: string;
  /** the bank's own reference or sequence number for the transaction */
  ref?: string;
  description: string[];
  /** a filled cell here marks a returned or reversed transfer (and says why) */
  reversal?: string;
  /** the description cells into the description; joined as they come by default */
  describe?: (cells: string[]) => string;
};

const ING_SIGN: SignColumn = { column: "af bij", debit: ["af"], credit: ["bij"], label: "Af Bij", shown: ["Af", "Bij"] };
const ING_SIGN_EN: SignColumn = { column: "debit/credit", debit: ["debit"], credit: ["credit"], label: "Debit/credit", shown: ["Debit", "Credit"] };
const KNAB_SIGN: SignColumn = { column: "creditdebet", debit: ["d"], credit: ["c"], label: "CreditDebet", shown: ["D", "C"] };

/** Checked in this order; the first whose signature is complete wins. */
export const BANK_LAYOUTS: BankLayout[] = [
  {
    layout: "ING CSV",
    signature: ["datum", "naam / omschrijving", "rekening", "tegenrekening", "code", "af bij", "bedrag (eur)", "mutatiesoort", "mededelingen"],
    date: ["datum"], amount: "bedrag (eur)", sign: ING_SIGN, name: ["naam / omschrijving"], iban: "tegenrekening", account: "rekening",
    description: ["mededelingen"], describe: ([m]) => ingNotes(m ?? ""),
  },
  {
    layout: "ING CSV",
    signature: ["date", "name / description", "account", "counterparty", "code", "debit/credit", "amount (eur)", "transaction type", "notifications"],
    date: ["date"], amount: "amount (eur)", sign: ING_SIGN_EN, name: ["name / description"], iban: "counterparty", account: "account",
    description: ["notifications"], describe: ([m]) => ingNotes(m ?? ""),
  },
  {
    layout: "Rabobank CSV",
    signature: ["iban/bban", "munt", "bic", "volgnr", "datum", "bedrag", "saldo na trn", "tegenrekening iban/bban", "naam tegenpartij", "betalingskenmerk", "omschrijving-1", "reden retour"],
    date: ["datum"], amount: "bedrag", currency: "munt", name: ["naam tegenpartij", "naam uiteindelijke partij"], iban: "tegenrekening iban/bban", account: "iban/bban",
    ref: "volgnr", description: ["betalingskenmerk", "omschrijving-1", "omschrijving-2", "omschrijving-3"], reversal: "reden retour",
  },
  {
    layout: "Knab CSV",
    signature: ["rekeningnummer", "transactiedatum", "valutacode", "creditdebet", "bedrag", "tegenrekeningnummer", "tegenrekeninghouder", "omschrijving", "referentie"],
    date: ["boekdatum", "transactiedatum"], amount: "bedrag", sign: KNAB_SIGN, currency: "valutacode", name: ["tegenrekeninghouder"], iban: "tegenrekeningnummer",
    account: "rekeningnummer", ref: "referentie", description: ["omschrijving"],
  },
  {
    layout: "bunq CSV",
    signature: ["date", "interest date", "amount", "account", "counterparty", "name", "description"],
    date: ["date"], amount: "amount", currency: "currency", name: ["name"], iban: "counterparty", account: "account", description: ["description"],
  },
  {
    // bunq's export in Dutch: the same seven columns with Dutch names.
    layout: "bunq CSV",
    signature: ["datum", "rentedatum", "bedrag", "rekening", "tegenrekening", "naam", "omschrijving"],
    date: ["datum"], amount: "bedrag", currency: "valuta", name: ["naam"], iban: "tegenrekening", account: "rekening", description: ["omschrijving"],
  },
];

const ING_KEYS = ["Naam", "Omschrijving", "IBAN", "Kenmerk", "Machtiging ID", "Incassant ID", "Datum/Tijd", "Valutadatum", "Pasvolgnr", "Transactie", "Term", "Overige partij",
  "Name", "Description", "Reference", "Mandate ID", "Creditor ID", "Date/time", "Value date", "Card sequence no.", "Transaction", "Other party"];
const ING_KEY = new RegExp(`(?:^|\\s)(${ING_KEYS.map((k) => k.replace(/[./]/g, "\\$&")).join("|")}): `, "g");
/**
 * ING's "Mededelingen" spell out "Naam: … Omschrijving: … IBAN: … Kenmerk: … Valutadatum: …":
 * the description is the free text before the first key, the payer's "Omschrijving" and
 * "Kenmerk" (English: Description, Reference). Text without those keys is kept whole.
 */
export function ingNotes(text: string): string {
  const keys = [...text.matchAll(ING_KEY)];
  if (!keys.length) return describe([text]);
  const value = (names: string[]) =>
    keys.flatMap((m, i) => (names.includes(m[1]!) ? [text.slice(m.index + m[0].length, keys[i + 1]?.index ?? text.length)] : []));
  return describe([text.slice(0, keys[0]!.index), ...value(["Omschrijving", "Description"]), ...value(["Kenmerk", "Reference"])]) || describe([text]);
}

/** One row's cells, named, before they become a statement line. */
export type RawEntry = {
  date: string;
  amount: string;
  sign?: { mark: string; column: SignColumn };
  currency: string;
  name: string | null | undefined;
  iban: string | null | undefined;
  description: string;
  entryRef: string | null | undefined;
  reversal?: boolean;
};

/** A statement line, or every reason this row is not one. */
export function toStatementLine(lineNo: number, raw: RawEntry): StatementLine | string[] {
  const problems: string[] = [];
  const rawDate = clean(raw.date);
  const valueDate = parseDateText(rawDate);
  if (!valueDate) problems.push(rawDate ? `date "${rawDate}" is not a valid date` : "date is missing");
  let amount = readAmount(raw.amount);
  if (typeof amount === "string") problems.push(amount);
  else if (raw.sign) {
    const { mark, column } = raw.sign;
    const magnitude = amount < 0n ? -amount : amount;
    const m = clean(mark).toLowerCase();
    if (column.debit.includes(m)) amount = -magnitude;
    else if (column.credit.includes(m)) amount = magnitude;
    else problems.push(`"${clean(mark)}" in the ${column.label} column is neither "${column.shown[0]}" nor "${column.shown[1]}"`);
  }
  const currency = clean(raw.currency).toUpperCase() || "EUR";
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not an ISO 4217 code`);
  if (problems.length || !valueDate || typeof amount !== "bigint") return problems;
  const line: StatementLine = {
    lineNo,
    valueDate,
    amountCents: amount,
    currency,
    counterpartyName: nameOf(raw.name),
    counterpartyIban: ibanOf(raw.iban),
    description: raw.description,
    entryRef: nameOf(raw.entryRef),
  };
  if (raw.reversal) line.reversal = true;
  return line;
}

/** An ABN AMRO account number as its IBAN (NLkk ABNA + the number in ten digits); an IBAN stays itself. */
export function abnAccountIban(raw: string): string | null {
  const number = clean(raw);
  if (!/^\d{1,10}$/.test(number)) return ibanOf(number);
  const bban = `ABNA${number.padStart(10, "0")}`;
  const digits = `${bban}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(digits) % 97n);
  return `NL${check.toString().padStart(2, "0")}${bban}`;
}

export type AbnDetails = { name: string | null; iban: string | null; description: string; reversal: boolean };
const SLASH_KEYS = new Set(["TRTP", "CSID", "NAME", "REMI", "MARF", "EREF", "IBAN", "BIC", "ORDP", "BENM", "ID", "ADDR", "RTRN", "SVCL", "ISDT", "CNTP", "PURP"]);
const SEPA_KEY = /^(Incassant|BIC|Naam|Machtiging|Omschrijving|IBAN|Kenmerk|Voor|Betalingskenm\.): ?([\s\S]*)$/;
const REVERSAL = /terugboeking|storno|retour/i;
const kenmerk = (v: string | undefined) => (v && clean(v).toUpperCase() !== "NOTPROVIDED" ? v : undefined);

/**
 * The description column of an ABN AMRO TAB export: either SEPA fields behind slashes
 * (/TRTP/…/IBAN/…/NAME/…/REMI/…/EREF/…), or lines of 32 and 64 characters ("SEPA Overboeking",
 * "IBAN: …", "Naam: …", "Omschrijving: …"; "BEA"/"GEA" card payments) joined by one space each.
 */
export function abnDescription(raw: string): AbnDetails {
  const text = raw.replace(/\s+$/, "");
  if (text.startsWith("/")) {
    const fields = new Map<string, string>();
    let key: string | null = null;
    for (const part of text.slice(1).split("/")) {
      if (key === null && SLASH_KEYS.has(part)) key = part;
      else if (key !== null) {
        fields.set(key, part);
        key = null;
      } else {
        // A slash inside a value: it belongs to the value read last.
        const last = [...fields.keys()].at(-1);
        if (last) fields.set(last, `${fields.get(last)}/${part}`);
      }
    }
    const type = fields.get("TRTP") ?? "";
    return {
      name: nameOf(fields.get("NAME")),
      iban: ibanOf(fields.get("IBAN")),
      description: describe([fields.get("REMI"), kenmerk(fields.get("EREF"))]) || describe([type]),
      reversal: fields.has("RTRN") || REVERSAL.test(type),
    };
  }
  const fixed = rejoinFixedWidth(text);
  const lines = fixed ?? text;
  const head = clean(lines.slice(0, 32));
  const tail = lines.slice(32);
  // Texts other than SEPA fields are shown as the bank prints them: its 32-character columns, spaced.
  const shown = fixed ? describe(fixed.match(/[\s\S]{1,32}/g) ?? []) : describe([text]);
  if (/^SEPA /.test(head)) {
    const fields = new Map<string, string>();
    let last = "";
    for (const chunk of tail.match(/[\s\S]{1,32}/g) ?? []) {
      const m = SEPA_KEY.exec(chunk);
      if (m) fields.set((last = m[1]!), m[2]!);
      else if (last) fields.set(last, fields.get(last)! + chunk);
    }
    return {
      name: nameOf(fields.get("Naam")),
      iban: ibanOf(fields.get("IBAN")),
      description: describe([fields.get("Omschrijving"), fields.get("Betalingskenm."), kenmerk(fields.get("Kenmerk"))]) || head,
      reversal: REVERSAL.test(head),
    };
  }
  if (/^(BEA|GEA)\b/.test(head)) {
    const card = tail.slice(0, 32);
    return { name: card.includes(",PAS") ? nameOf(card.slice(0, card.indexOf(",PAS"))) : null, iban: null, description: shown, reversal: /TERUGBOEKING/i.test(tail) };
  }
  return { name: null, iban: null, description: shown, reversal: false };
}

/** ABN AMRO prints the text as a 32-character line and 64-character lines, each joined by a space; null when it is not so. */
function rejoinFixedWidth(text: string): string | null {
  if (text.length <= 33 || text[32] !== " ") return null;
  let out = text.slice(0, 32);
  let rest = text.slice(33);
  while (rest.length > 64) {
    if (rest[64] !== " ") return null;
    out += rest.slice(0, 64);
    rest = rest.slice(65);
  }
  return out + rest;
}

/** Fields of a line whose fields may be enclosed in ' or " (ASN Bank quotes its texts with '). */
export function splitQuoted(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const q = line[i];
    if (q === "'" || q === '"') {
      // Enclosed only up to a closing quote followed by the delimiter or the end.
      let end = line.indexOf(q, i + 1);
      while (end >= 0 && end + 1 < line.length && line[end + 1] !== delimiter) end = line.indexOf(q, end + 1);
      if (end >= 0) {
        out.push(line.slice(i + 1, end).split(q + q).join(q));
        if (end + 1 >= line.length) return out;
        i = end + 2;
        continue;
      }
    }
    const next = line.indexOf(delimiter, i);
    if (next < 0) {
      out.push(line.slice(i));
      return out;
    }
    out.push(line.slice(i, next));
    i = next + 1;
  }
}
