import { refusal, type Refusal } from "./import-problem-english";
import { isCurrencyCode } from "./values-currencies";

/**
 * One cell's text to a typed value, or the reason it is not one, phrased to follow a row number
 * ("row 14: ..."). Empty text is an error here; whether a column may be empty is the caller's
 * rule. Amounts and dates have their own files; they are re-exported so callers import one name.
 */

export type ValueResult<T> = { ok: true; value: T } | Refusal;

export { parseAmount, detectDecimalSeparator, type AmountHint } from "./values-amount";
export { parseDate, detectDateOrder, excelSerialToDate, type DateOrder, type DateColumnOrder } from "./values-date";

const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP" };

export function parseCurrency(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noCurrency");
  const code = CURRENCY_SYMBOLS[shown] ?? shown.toUpperCase();
  return isCurrencyCode(code) ? { ok: true, value: code } : refusal("imports.error.unknownCurrency", { value: shown });
}

/** Lengths per country of the SEPA countries and other IBANs a Dutch business meets most. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TR: 26,
};

/** Spaces removed, upper case, the country's length and the mod-97 check digits verified. */
export function parseIban(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noIban");
  const iban = shown.replace(/^IBAN:?/i, "").replace(/[\s\u00a0]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return refusal("imports.error.notIban", { value: shown });
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) {
    return refusal("imports.error.ibanLength", { value: shown, country: iban.slice(0, 2), expected, length: iban.length });
  }
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return refusal("imports.error.ibanCheck", { value: shown });
  return { ok: true, value: iban };
}

function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/** One address; "Name <a@b.nl>" and "mailto:" are unwrapped, the domain lower-cased. */
export function parseEmail(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noEmail");
  const address = (/<([^<>]+)>\s*$/.exec(shown)?.[1] ?? shown).trim().replace(/^mailto:/i, "");
  if ((address.match(/@/g)?.length ?? 0) > 1) return refusal("imports.error.manyEmails", { value: shown });
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  if (!EMAIL.test(address) || address.length > 254 || local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return refusal("imports.error.notEmail", { value: shown });
  }
  return { ok: true, value: `${local}@${address.slice(at + 1).toLowerCase()}` };
}

/**
 * A phone number kept as people write it, minus the punctuation: "+", digits and single spaces.
 * "+31 (0)20 ..." drops the "(0)" that is not dialled from abroad.
 */
export function parsePhone(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noPhone");
  let s = shown.replace(/^tel:/i, "");
  if (/^(\+|00)/.test(s)) s = s.replace(/\(0\)/g, "");
  s = s.replace(/[-./()\u00a0]/g, " ").replace(/\s+/g, " ").trim();
  const digits = s.replace(/\D/g, "").length;
  if (!/^\+?[\d ]+$/.test(s) || digits < 6 || digits > 17) return refusal("imports.error.notPhone", { value: shown });
  return { ok: true, value: s.replace(/^\+ /, "+") };
}

const TRUE_WORDS = new Set(["ja", "j", "yes", "y", "true", "waar", "1", "x"]);
const FALSE_WORDS = new Set(["nee", "n", "no", "false", "onwaar", "0"]);

/** ja/nee, yes/no, true/false (WAAR/ONWAAR in Dutch Excel), 1/0, j/n; "x" marks a ticked box. */
export function parseBoolean(text: string): ValueResult<boolean> {
  const word = text.trim().toLowerCase();
  if (word === "") return refusal("imports.error.noBoolean");
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return refusal("imports.error.notBoolean", { value: text.trim() });
}

export type ContactRole = "accounts_payable" | "buyer" | "management" | "other";
const ROLE_WORDS: Record<ContactRole, string[]> = {
  accounts_payable: ["crediteurenadministratie", "crediteuren", "administratie", "financiele administratie", "financieel", "financien", "boekhouding", "accounts payable", "payables", "ap", "finance", "accounting", "accounts_payable"],
  buyer: ["inkoop", "inkoper", "besteller", "buyer", "purchasing", "purchase", "procurement"],
  management: ["directie", "directeur", "eigenaar", "bedrijfsleider", "management", "manager", "owner", "director", "ceo", "cfo"],
  other: ["overig", "overige", "anders", "algemeen", "other", "general"],
};
const ROLE_OF = new Map(Object.entries(ROLE_WORDS).flatMap(([role, words]) => words.map((w) => [w, role as ContactRole] as const)));

/** A contact's role in the words packages and people use ("Crediteurenadministratie", "Inkoop", "Directie"). */
export function parseContactRole(text: string): ValueResult<ContactRole> {
  const shown = text.trim();
  const word = shown.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z_]+/g, " ").trim();
  const role = ROLE_OF.get(word);
  return role ? { ok: true, value: role } : refusal("imports.error.notRole", { value: shown });
}

/** One or more invoice numbers in a cell ("F-1001, F-1002" or "F-1001; F-1002"), at most 50. */
export function parseInvoiceNumbers(text: string): ValueResult<string[]> {
  const numbers = [...new Set(text.split(/[\s,;|]+/).filter(Boolean))];
  if (numbers.length === 0) return refusal("imports.error.noInvoiceNumber");
  if (numbers.length > 50) return refusal("imports.error.tooManyInvoiceNumbers", { count: numbers.length });
  const long = numbers.find((n) => n.length > 60);
  return long ? refusal("imports.error.invoiceNumberTooLong", { value: long.slice(0, 60) }) : { ok: true, value: numbers };
}
