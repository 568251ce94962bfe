import { decodeText } from "@/lib/format/csv";
import { parseCsv } from "./bank-csv";
import { parseCamt } from "./camt053";
import { looksLikeMt940, parseMt940 } from "./mt940";
import { failed, MAX_ERRORS, type ParseResult, type StatementFormat } from "./statement-lines";

/**
 * Bank statements into lines: the CSV exports of Dutch banks (bank-csv.ts), MT940 (mt940.ts) and
 * CAMT.053 XML (camt053.ts), told apart by their content. Pure: bytes in, lines and numbered errors out.
 * Amounts go from text to cents without floating point, so no cent is ever lost to rounding.
 * The caller imports nothing when there is any error, so every problem is reported rather than
 * skipped or guessed around.
 */
export type { ParseError, ParseResult, StatementFormat, StatementLine } from "./statement-lines";

export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

export function parseBankStatement(bytes: Uint8Array, fileName: string): ParseResult {
  // The name only labels files we refuse before reading them; the content decides otherwise.
  const hint: StatementFormat = /\.(xml|053)$/i.test(fileName) ? "camt053" : /\.(sta|940|mt940|swi)$/i.test(fileName) ? "mt940" : "csv";
  if (bytes.length > MAX_STATEMENT_BYTES) return failed(hint, 0, "file is larger than 5 MB");
  const text = decodeText(bytes);
  if (text.trim() === "") return failed(hint, 0, "file is empty");
  if (text.includes("\u0000")) return failed(hint, 0, "file is not text (expected a CSV export, MT940 or CAMT.053 XML)");
  const lead = /^\s*/.exec(text)![0];
  const result = text.startsWith("<", lead.length) ? parseCamt(text.slice(lead.length), lead.split("\n").length - 1) : looksLikeMt940(text) ? parseMt940(text) : parseCsv(text);
  return { ...result, errors: result.errors.slice(0, MAX_ERRORS) };
}
