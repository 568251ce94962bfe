import { problem } from "./import-problem";
import { refusal } from "./import-problem-english";
import type { ValueResult } from "./values";

/**
 * Dates as exports write them, to a calendar date "YYYY-MM-DD": "31-12-2026", "31/12/2026",
 * "31.12.2026", "2026-12-31", "20261231", "31-12-26", "31 dec 2026", "31-mrt-2026",
 * "Dec 31, 2026", a time after the date ("31-12-2026 00:00:00"), and Excel serial numbers in a
 * column that holds only those. Whether 03-04-2026 is March or April is the column's call
 * (`detectDateOrder`); Dutch files are day-first.
 */

export type DateOrder = "dmy" | "mdy" | "ymd";
/** "serial": the column holds Excel day numbers (a date column saved without its format). */
export type DateColumnOrder = DateOrder | "serial";

const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ["jan", "januari", "january"],
  ["feb", "febr", "februari", "february"],
  ["mrt", "maa", "maart", "mar", "march"],
  ["apr", "april"],
  ["mei", "may"],
  ["jun", "juni", "june"],
  ["jul", "juli", "july"],
  ["aug", "augustus", "august"],
  ["sep", "sept", "september"],
  ["okt", "oct", "oktober", "october"],
  ["nov", "november"],
  ["dec", "december"],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const WEEKDAYS = new Set(
  "ma di wo do vr za zo maandag dinsdag woensdag donderdag vrijdag zaterdag zondag mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday".split(" "),
);
const MONTH_LABEL = [
  "imports.month.1", "imports.month.2", "imports.month.3", "imports.month.4", "imports.month.5", "imports.month.6",
  "imports.month.7", "imports.month.8", "imports.month.9", "imports.month.10", "imports.month.11", "imports.month.12",
] as const;

/** Excel day numbers 1990-01-01 .. 2099-12-31: what a column of invoice dates can plausibly hold. */
const PLAUSIBLE_SERIALS = { min: 32_874, max: 73_050 };

export function parseDate(text: string, order: DateColumnOrder = "dmy"): ValueResult<string> {
  const shown = text.trim();
  if (shown === "") return refusal("imports.error.noDate");
  if (order === "serial" && /^\d+(\.\d+)?$/.test(shown)) {
    const date = excelSerialToDate(Number(shown), false);
    return date ? { ok: true, value: date } : refusal("imports.error.notDate", { value: shown });
  }
  const s = shown.replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AP]M)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, "");
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return build(shown, compact[1]!, compact[2]!, compact[3]!);

  const tokens = s.split(/[\s\-/.,]+/).filter(Boolean);
  if (tokens.length === 4 && WEEKDAYS.has(tokens[0]!.toLowerCase())) tokens.shift();
  if (tokens.length !== 3 || tokens.some((t) => !/^(\d+|\p{L}+)$/u.test(t))) return refusal("imports.error.notDate", { value: shown });
  const [a, b, c] = tokens as [string, string, string];

  const wordAt = tokens.findIndex((t) => /^\p{L}+$/u.test(t));
  if (wordAt >= 0) {
    if (tokens.filter((t) => /^\p{L}+$/u.test(t)).length > 1) return refusal("imports.error.notDate", { value: shown });
    const month = MONTHS[tokens[wordAt]!.toLowerCase()];
    if (!month) return refusal("imports.error.notMonth", { value: shown, word: tokens[wordAt]! });
    const m = String(month);
    if (wordAt === 0) return build(shown, c, m, b);
    if (wordAt === 1) return a.length === 4 ? build(shown, a, m, c) : build(shown, c, m, a);
    return refusal("imports.error.notDate", { value: shown });
  }
  if (a.length === 4) return build(shown, a, b, c);
  if (order === "mdy") return build(shown, c, a, b);
  if (order === "ymd") return build(shown, a, b, c);
  return build(shown, c, b, a);
}

function build(shown: string, y: string, m: string, d: string): ValueResult<string> {
  if (!/^(\d{2}|\d{4})$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return refusal("imports.error.notDate", { value: shown });
  // Two-digit years are this century: nobody bills for 1926.
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || year > 2199) return refusal("imports.error.yearRange", { value: shown, year: String(year) });
  if (month < 1 || month > 12) return refusal("imports.error.noSuchMonth", { value: shown, month });
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return refusal("imports.error.monthDays", { value: shown, month: problem(MONTH_LABEL[month - 1]!), year: String(year), days });
  return { ok: true, value: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The column's reading: "serial" when every value is a plain day number in a plausible range;
 * "mdy" when some value can only be month-first (second part over 12) and none day-first;
 * otherwise "dmy", the Dutch order.
 */
export function detectDateOrder(samples: string[]): DateColumnOrder {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (values.length > 0 && values.every((v) => /^\d{5}(\.\d+)?$/.test(v) && Number(v) >= PLAUSIBLE_SERIALS.min && Number(v) <= PLAUSIBLE_SERIALS.max)) {
    return "serial";
  }
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b/.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[2]) > 12) monthFirst++;
  }
  return monthFirst > 0 && dayFirst === 0 ? "mdy" : "dmy";
}

/**
 * An Excel day number as a calendar date (its time of day dropped). In the 1900 system day 1 is
 * 1900-01-01 and day 60 is 29 February 1900, a day that never was (kept from Lotus 1-2-3), so
 * day 60 and day 0 ("1900-01-00") are not dates. In the 1904 system (old Mac workbooks) day 0
 * is 1904-01-01.
 */
export function excelSerialToDate(serial: number, is1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const day = Math.floor(serial);
  let ms: number;
  if (is1904) ms = Date.UTC(1904, 0, 1) + day * 86_400_000;
  else if (day === 0 || day === 60) return null;
  else ms = (day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + day * 86_400_000;
  const date = new Date(ms);
  if (date.getUTCFullYear() > 9999) return null;
  return date.toISOString().slice(0, 10);
}
