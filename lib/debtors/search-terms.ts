import { readAmount } from "@/lib/format/money";

/**
 * What the debtors search box's text may stand for besides a name, customer number or city: an
 * invoice number, an amount, an IBAN, a contact's name or a phone number. Pure and total: any
 * text gives an answer (null where it is not that kind of thing), never an exception.
 */
export const SEARCH_MAX_LENGTH = 100;

export type SearchTerms = {
  /** the text as searched: trimmed, at most SEARCH_MAX_LENGTH characters */
  text: string;
  /** looks like (the start of) an invoice number: one word with a digit in it */
  invoiceNumber: string | null;
  amountCents: bigint | null;
  /** upper case, no spaces */
  iban: string | null;
  /** normalised (see normalisePhone) */
  phone: string | null;
  /** a contact's name may contain it: it has letters */
  contactName: string | null;
};

export function parseSearchTerms(raw: string): SearchTerms {
  const text = String(raw ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  const phone = normalisePhone(text);
  return {
    text,
    invoiceNumber: /^[\p{L}\p{N}][\p{L}\p{N}._/#-]{1,59}$/u.test(text) && /\d/.test(text) ? text : null,
    amountCents: searchAmountCents(text),
    iban: normaliseIban(text),
    // Fewer digits are more often an amount or a customer number than a phone number.
    phone: phone && phone.replace(/\D/g, "").length >= 9 ? phone : null,
    contactName: text.length >= 2 && /\p{L}/u.test(text) ? text : null,
  };
}

/** The largest amount worth looking for: beyond this it is a number of some other kind. */
const MAX_SEARCH_CENTS = 10n ** 13n;

/**
 * Cents for an amount as people type it into a search box: "1250", "1.250,00", "1,250.00",
 * "€ 1.250", "1.250,-", "12,5". Unlike a form field, three digits after a single separator are
 * always thousands ("1.250" and "1,250" are both € 1.250,00): nobody searches for tenths of a
 * cent. Null when it is no amount, is zero, or starts with a 0 ("030..." is a phone number).
 */
export function searchAmountCents(raw: string): bigint | null {
  const text = String(raw ?? "").trim();
  if (text.length === 0 || text.length > 30) return null;
  const plain = text.replace(/[,.]-$/, "");
  const read = readAmount(plain, "nl");
  const cents = typeof read === "bigint" ? read : readAmount(plain, "en");
  if (typeof cents !== "bigint" || cents === 0n) return null;
  const digits = plain.replace(/^[+-]?\s*(?:€|EUR)?\s*/i, "");
  if (/^0\d/.test(digits)) return null;
  const abs = cents < 0n ? -cents : cents;
  return abs > MAX_SEARCH_CENTS ? null : cents;
}

/**
 * One form for a phone number however it was written: "+31 30 123 4567", "0031 (0)30-1234567",
 * "030-1234567" and "0301234567" all become "+31301234567". A number without a country code is
 * Dutch (a leading 0 is the trunk prefix); another country's number keeps its own code. Null
 * when the text is not a phone number.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  let s = String(raw ?? "").trim().replace(/^tel:/i, "");
  if (s.length === 0 || s.length > 40 || !/^[+()\d\s./\u00a0-]+$/.test(s)) return null;
  const international = /^(\+|00)/.test(s);
  // "+31 (0)30 ...": the 0 in brackets is not dialled from abroad.
  if (international) s = s.replace(/\(\s*0\s*\)/g, "");
  if ((s.match(/\+/g)?.length ?? 0) > (s.startsWith("+") ? 1 : 0)) return null;
  let digits = s.replace(/\D/g, "");
  let country: string;
  let national: string;
  if (international) {
    if (!s.startsWith("+")) digits = digits.slice(2);
    if (digits.startsWith("31")) {
      country = "31";
      national = digits.slice(2).replace(/^0/, "");
    } else {
      if (digits.length < 8 || digits.length > 15 || digits.startsWith("0")) return null;
      return `+${digits}`;
    }
  } else if (digits.startsWith("0")) {
    country = "31";
    national = digits.slice(1);
  } else if (digits.length === 9) {
    country = "31";
    national = digits;
  } else return null;
  // Dutch numbers have 9 digits after the trunk 0; service numbers (0800, 0900) 7 to 10.
  if (national.length < 7 || national.length > 10 || national.startsWith("0")) return null;
  return `+${country}${national}`;
}

/**
 * A LIKE pattern that every way of writing the normalised number `phone` matches: its last nine
 * digits (the Dutch number after the trunk 0) in order, anything between them, the last digit
 * last. A coarse filter the database can run on the stored text as it is; compare the candidates'
 * normalisePhone with `phone` for the exact answer.
 */
export function phoneLikePattern(phone: string): string {
  const digits = phone.replace(/\D/g, "").slice(-9);
  return `%${[...digits].join("%")}`;
}

/** An IBAN as typed ("nl91 abna 0417 1643 00", "IBAN: NL91...") in its plain form, or null. */
export function normaliseIban(raw: string | null | undefined): string | null {
  const s = String(raw ?? "").trim().replace(/^IBAN:?/i, "").replace(/[\s\u00a0]/g, "").toUpperCase();
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) ? s : null;
}

/** The ways an IBAN is stored: plain and in groups of four, in upper and in lower case. */
export function ibanSpellings(iban: string): string[] {
  const grouped = iban.replace(/(.{4})(?=.)/g, "$1 ");
  return [...new Set([iban, grouped, iban.toLowerCase(), grouped.toLowerCase()])];
}
