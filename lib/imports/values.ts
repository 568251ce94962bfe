import { isCurrencyCode } from "./values-currencies";

/**
 * One cell's text to a typed value, or the reason it is not one, phrased to follow a row number
 * ("row 14: ..."). Empty text is an error here; whether a column may be empty is the caller's
 * rule. Amounts and dates have their own files; they are re-exported so callers import one name.
 */

export type ValueResult<T> = { ok: true; value: T } | { ok: false; message: string };

export { parseAmount, detectDecimalSeparator, type AmountHint } from "./values-amount";
export { parseDate, detectDateOrder, excelSerialToDate, type DateOrder, type DateColumnOrder } from "./values-date";

const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP" };

export function parseCurrency(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return { ok: false, message: "no currency given" };
  const code = CURRENCY_SYMBOLS[shown] ?? shown.toUpperCase();
  return isCurrencyCode(code) ? { ok: true, value: code } : { ok: false, message: `unknown currency '${shown}'` };
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
  if (shown === "") return { ok: false, message: "no IBAN given" };
  const iban = shown.replace(/^IBAN:?/i, "").replace(/[\s\u00a0]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return { ok: false, message: `"${shown}" is not an IBAN` };
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) {
    return { ok: false, message: `"${shown}" is not an IBAN (${iban.slice(0, 2)} IBANs have ${expected} characters, this one has ${iban.length})` };
  }
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return { ok: false, message: `"${shown}" is not a valid IBAN (the check digits do not match; a typing error?)` };
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
  if (shown === "") return { ok: false, message: "no e-mail address given" };
  const address = (/<([^<>]+)>\s*$/.exec(shown)?.[1] ?? shown).trim().replace(/^mailto:/i, "");
  if ((address.match(/@/g)?.length ?? 0) > 1) return { ok: false, message: `"${shown}" holds more than one e-mail address; give one per cell` };
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  if (!EMAIL.test(address) || address.length > 254 || local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return { ok: false, message: `"${shown}" is not an e-mail address` };
  }
  return { ok: true, value: `${local}@${address.slice(at + 1).toLowerCase()}` };
}

/**
 * A phone number kept as people write it, minus the punctuation: "+", digits and single spaces.
 * "+31 (0)20 ..." drops the "(0)" that is not dialled from abroad.
 */
export function parsePhone(text: string): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return { ok: false, message: "no phone number given" };
  let s = shown.replace(/^tel:/i, "");
  if (/^(\+|00)/.test(s)) s = s.replace(/\(0\)/g, "");
  s = s.replace(/[-./()\u00a0]/g, " ").replace(/\s+/g, " ").trim();
  const digits = s.replace(/\D/g, "").length;
  if (!/^\+?[\d ]+$/.test(s) || digits < 6 || digits > 17) return { ok: false, message: `"${shown}" is not a phone number` };
  return { ok: true, value: s.replace(/^\+ /, "+") };
}

const TRUE_WORDS = new Set(["ja", "j", "yes", "y", "true", "waar", "1", "x"]);
const FALSE_WORDS = new Set(["nee", "n", "no", "false", "onwaar", "0"]);

/** ja/nee, yes/no, true/false (WAAR/ONWAAR in Dutch Excel), 1/0, j/n; "x" marks a ticked box. */
export function parseBoolean(text: string): ValueResult<boolean> {
  const word = text.trim().toLowerCase();
  if (word === "") return { ok: false, message: "no yes/no value given" };
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, message: `"${text.trim()}" is not yes or no (ja/nee, yes/no, true/false, 1/0, x)` };
}
