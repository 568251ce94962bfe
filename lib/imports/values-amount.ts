import { refusal, type Refusal } from "./import-problem-english";
import type { ValueResult } from "./values";
import { isCurrencyCode } from "./values-currencies";

/**
 * Amounts as exports write them, to integer cents without floating point: "1.234,56",
 * "1,234.56", "1 234,56", "-12,00", "12,00-" (Dutch packages put the minus last), "(12,00)",
 * "€ 1.234,56", "EUR 12.50". "1,234" and "1.234" alone can be either a thousand or a decimal
 * number: the column decides (`detectDecimalSeparator`), else the value is refused, not guessed.
 */

/** Which separator is the decimal one: "nl" or "," = decimal comma; "en" or "." = decimal point. */
export type AmountHint = "nl" | "en" | "," | ".";

const MAX_WHOLE_DIGITS = 13;
const SYMBOLS = ["€", "$", "£"];

/** Digits with at most two decimals and no grouping: what most exports write, read without the general path. */
const PLAIN = /^(-?)(\d{1,13})(?:[.,](\d{1,2}))?$/;

export function parseAmount(text: string, hint?: AmountHint): ValueResult<bigint> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noAmount");
  // A lone separator followed by one or two digits is the decimal one whatever the hint (see decimalSeparator).
  const plain = PLAIN.exec(shown);
  if (plain) {
    const cents = BigInt(plain[2]!) * 100n + BigInt((plain[3] ?? "").padEnd(2, "0"));
    return { ok: true, value: plain[1] ? -cents : cents };
  }
  const split = splitAmount(shown);
  if ("ok" in split) return split;
  const body = roundSpreadsheetNoise(split.body);
  const decimal = decimalSeparator(body, hint === "nl" || hint === "," ? "," : hint === "en" || hint === "." ? "." : undefined);
  if (decimal === "ambiguous") {
    return refusal("imports.error.amountAmbiguous", { value: shown });
  }
  const cut = decimal ? body.lastIndexOf(decimal) : -1;
  const whole = cut >= 0 ? body.slice(0, cut) : body;
  const fraction = cut >= 0 ? body.slice(cut + 1) : "";
  const wholeDigits = groupedDigits(whole, decimal);
  if (wholeDigits === null || !/^\d*$/.test(fraction)) return refusal("imports.error.notAmount", { value: shown });
  if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) return refusal("imports.error.amountDecimals", { value: shown });
  if (wholeDigits.replace(/^0+/, "").length > MAX_WHOLE_DIGITS) return refusal("imports.error.amountTooLarge", { value: shown });
  const cents = BigInt(wholeDigits) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return { ok: true, value: split.isNegative ? -cents : cents };
}

/**
 * The column's decimal separator, from the values that show it: a separator followed by one or
 * two digits, both separators in one value, or one used twice (then it groups thousands).
 * Null when no value tells (all whole numbers, or "1,234"-like only) or the values disagree.
 */
export function detectDecimalSeparator(samples: string[]): "," | "." | null {
  let commas = 0;
  let points = 0;
  for (const sample of samples) {
    const split = splitAmount(sample.trim());
    if ("ok" in split) continue;
    let decimal = decimalSeparator(split.body, undefined);
    // "1.234.567": a mark used twice groups thousands, so the other one is the decimal mark.
    if (decimal === null && /[.,].*[.,]/.test(split.body)) decimal = split.body.includes(".") ? "," : ".";
    if (decimal === ",") commas++;
    else if (decimal === ".") points++;
  }
  if (commas > points) return ",";
  if (points > commas) return ".";
  return null;
}

type Split = { body: string; isNegative: boolean };

/** Signs and a currency around the number taken off; a refusal when the text is not amount-shaped. */
function splitAmount(text: string): Split | Refusal {
  let s = text.replace(/[\u00a0\u202f\u2009]/g, " ").replace(/\u2212/g, "-");
  let minuses = 0;
  let currencies = 0;
  const parenthesised = /^\((.*)\)$/.exec(s);
  if (parenthesised) {
    s = parenthesised[1]!;
    minuses++;
  }
  for (let changed = true; changed; ) {
    changed = false;
    s = s.trim();
    const lead = /^([+-])|^([€$£]|[A-Za-z]{3}(?![A-Za-z]))/.exec(s);
    if (lead) {
      if (lead[1] === "-") minuses++;
      if (lead[2]) currencies++;
      s = s.slice(lead[0].length);
      changed = true;
      if (lead[2] && !isCurrencyToken(lead[2])) return refusal("imports.error.notAmount", { value: text });
      continue;
    }
    const tail = /([+-])$|(?:^|(?<=[\d\s]))([€$£]|[A-Za-z]{3})$/.exec(s);
    if (tail) {
      if (tail[1] === "-") minuses++;
      if (tail[2]) currencies++;
      s = s.slice(0, s.length - tail[0].length);
      changed = true;
      if (tail[2] && !isCurrencyToken(tail[2])) return refusal("imports.error.notAmount", { value: text });
    }
  }
  if (minuses > 1 || currencies > 1) return refusal("imports.error.notAmount", { value: text });
  if (!/^\d(?:[\d., ']*\d)?$/.test(s)) return refusal("imports.error.notAmount", { value: text });
  return { body: s, isNegative: minuses === 1 };
}

function isCurrencyToken(token: string): boolean {
  return SYMBOLS.includes(token) || isCurrencyCode(token.toUpperCase());
}

/**
 * A spreadsheet stores 1234.56 as the nearest binary fraction and may write it out as
 * "1234.5600000000001". Excel itself shows 15 significant digits, so longer plain numbers are
 * rounded to 15 before the decimals are counted; a typed "12.345" is still refused.
 */
function roundSpreadsheetNoise(body: string): string {
  if (!/^\d+\.\d+$/.test(body) || body.replace(/^[0.]+/, "").replace(".", "").length <= 15) return body;
  const rounded = Number(body).toPrecision(15);
  if (!rounded.includes(".") || rounded.includes("e")) return body;
  return rounded.replace(/\.?0+$/, "");
}

/** "," or ".", null for a whole number, "ambiguous" for "1,234" without a hint. */
function decimalSeparator(body: string, hint: "," | "." | undefined): "," | "." | null | "ambiguous" {
  const lastComma = body.lastIndexOf(",");
  const lastPoint = body.lastIndexOf(".");
  if (lastComma >= 0 && lastPoint >= 0) return lastComma > lastPoint ? "," : ".";
  const sep = lastComma >= 0 ? "," : lastPoint >= 0 ? "." : null;
  if (!sep) return null;
  if (body.indexOf(sep) !== body.lastIndexOf(sep)) return null;
  const whole = body.slice(0, body.indexOf(sep));
  const after = body.length - body.indexOf(sep) - 1;
  // Only "d,ddd" to "ddd,ddd" could be a thousands group; "0,125", "1234,567" and "1 234,567" cannot.
  if (after !== 3 || !/^[1-9]\d{0,2}$/.test(whole)) return sep;
  if (hint) return hint;
  return "ambiguous";
}

/** The whole part's digits, checking that any grouping is in threes with one kind of mark. */
function groupedDigits(whole: string, decimal: "," | "." | null): string | null {
  if (/^\d+$/.test(whole)) return whole;
  const marks = new Set(whole.replace(/\d/g, ""));
  if (marks.size !== 1 || (decimal && marks.has(decimal))) return null;
  const mark = [...marks][0]!;
  const groups = whole.split(mark);
  if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  return groups.join("");
}
