/**
 * Money as text, in and out. Amounts are integer minor units (cents) everywhere; text becomes
 * cents without floating point, so no cent is ever lost to rounding. One reader serves typed
 * input, bank statements and imported files.
 */

import { localeTag, numberFormat } from "./intl";

/** Money lives in the database as BigInt cents; DTOs carry safe-integer numbers. */
export function centsToNumber(value: bigint | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === "bigint" ? Number(value) : value;
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of safe range: ${String(value)}`);
  return n;
}

/** Formats integer minor units (cents) for display; the arithmetic never leaves integers. */
export function formatMoney(cents: number, currency: string, locale: "nl" | "en", opts: { compact?: boolean } = {}): string {
  const tag = localeTag(locale);
  if (opts.compact && Math.abs(cents) >= 100_000_00) {
    return numberFormat(tag, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(cents / 100);
  }
  return numberFormat(tag, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/**
 * Exact from cents, as letters and documents print amounts: "€ 1.234,56" (nl) or "€1,234.56"
 * (en); another currency by its code ("USD 12.00"). No floating point, so any size stays exact.
 */
export function formatCents(cents: bigint, currency: string, language: "nl" | "en"): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, language === "nl" ? "." : ",");
  const frac = (abs % 100n).toString().padStart(2, "0");
  const symbol = currency === "EUR" ? "€" : currency;
  const number = `${whole}${language === "nl" ? "," : "."}${frac}`;
  return `${negative ? "-" : ""}${symbol}${language === "nl" || symbol !== "€" ? " " : ""}${number}`;
}

/** Cents as an input field shows them: "1234,56" (Dutch) or "1234.56" (English), no grouping. */
export function centsToInput(cents: number | bigint, locale: "nl" | "en" = "nl"): string {
  const c = BigInt(cents);
  const abs = c < 0n ? -c : c;
  const text = `${abs / 100n}${locale === "nl" ? "," : "."}${(abs % 100n).toString().padStart(2, "0")}`;
  return c < 0n ? `-${text}` : text;
}

/**
 * Cents, or why the text is not an amount. Accepts "1234,56", "1.234,56", "1234.56",
 * "1,234.56", "-12,00", "+5", "€ 7,05", "EUR 7.05". The last separator followed by one or two
 * digits is the decimal one; before it, only groups of three by the other separator.
 * "1.234" without decimals reads as 1234 or 1.234 depending on the country: typed by a user it
 * follows their language (`locale`); in a file (no locale) it is refused rather than guessed.
 */
export function readAmount(raw: string, locale?: "nl" | "en"): bigint | string {
  const text = raw.trim();
  if (text === "") return "amount is missing";
  const m = /^([+-]?)(?:€|EUR)?([\d.,]+)$/i.exec(text.replace(/[\s\u00a0]/g, ""));
  if (!m) return `amount "${text}" is not a number`;
  const sign = m[1];
  const body = m[2]!;
  const dec = /([.,])(\d{1,2})$/.exec(body);
  const intPart = dec ? body.slice(0, dec.index) : body;
  const grouped = dec ? (dec[1] === "," ? /^\d{1,3}(?:\.\d{3})+$/ : /^\d{1,3}(?:,\d{3})+$/) : null;
  let digits: string;
  if (/^\d+$/.test(intPart) || grouped?.test(intPart)) digits = intPart;
  else if (!dec && /^\d{1,3}(?:[.,]\d{3})+$/.test(body)) {
    const groupMark = locale === "nl" ? "." : locale === "en" ? "," : null;
    const marks = new Set(body.replace(/\d/g, ""));
    if (groupMark === null || marks.size !== 1 || !marks.has(groupMark)) {
      return `amount "${text}" is ambiguous: write it with decimals, e.g. "${body},00" or "${body}.00"`;
    }
    digits = body;
  } else return `amount "${text}" is not a number`;
  const whole = digits.replace(/[.,]/g, "");
  const cents = BigInt(whole) * 100n + BigInt((dec?.[2] ?? "0").padEnd(2, "0"));
  return sign === "-" ? -cents : cents;
}

/** Cents, or null when the text is not a plain amount (see `readAmount`). */
export function parseAmount(raw: string, locale?: "nl" | "en"): bigint | null {
  const v = readAmount(raw, locale);
  return typeof v === "bigint" ? v : null;
}
