import { XMLParser, XMLValidator } from "fast-xml-parser";
import { at, list, node, readEntry, text } from "./camt053-entry";
import { failed, ibanOf, MAX_ERRORS, type ParseError, type ParseResult, type StatementLine } from "./statement-lines";

/**
 * CAMT.053 (ISO 20022 bank-to-customer statement) XML, as ING, Rabobank, ABN AMRO, bunq, Knab and
 * Triodos send it (camt.053.001.02 to .08). One line per payment: a batch entry becomes one line
 * per transaction detail (see camt053-entry.ts). Only booked entries are lines; pending and
 * informational ones are listed in `skipped`. `lineNo` is the 1-based entry (Ntry) index across
 * the file, shared by the lines of one batch entry; errors name the entry the same way.
 */

const XML_LISTS = new Set(["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd", "Strd", "RfrdDocInf", "AddtlRmtInf"]);

/** `skippedLines`: blank lines cut off the front, since an XML declaration must come first. */
export function parseCamt(xml: string, skippedLines: number): ParseResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return failed("camt053", valid.err.line + skippedLines, `malformed XML: ${valid.err.msg}`);
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false, parseTagValue: false, isArray: (name) => XML_LISTS.has(name) });
  const doc = node(parser.parse(xml));
  // The element names are the same from camt.053.001.02 to .08, so the namespace version is not checked.
  if (!("BkToCstmrStmt" in node(doc.Document))) return failed("camt053", 0, "XML is not a CAMT.053 bank statement");
  const errors: ParseError[] = [];
  const lines: StatementLine[] = [];
  const skipped: { line: number; reason: string }[] = [];
  let accountIban: string | null = null;
  let n = 0;
  for (const stmt of list(at(doc, "Document", "BkToCstmrStmt", "Stmt"))) {
    const entries = list(node(stmt).Ntry);
    const own = ibanOf(text(at(stmt, "Acct", "Id", "IBAN")));
    accountIban ??= own;
    // Lines are keyed and matched under one account: a second account's entries would be booked
    // as if they were on the first (the MT940 reader refuses the same).
    if (own && accountIban && own !== accountIban && entries.length) {
      errors.push({ line: n + 1, message: `statement for account ${own} in a file for account ${accountIban}: import each account's statements as a separate file` });
      n += entries.length;
      continue;
    }
    for (const entry of entries) {
      if (errors.length >= MAX_ERRORS) break;
      n++;
      const read = readEntry(entry, own ?? accountIban);
      if ("errors" in read) errors.push(...read.errors.map((message) => ({ line: n, message })));
      else if ("skip" in read) skipped.push({ line: n, reason: read.skip });
      else for (const line of read.lines) lines.push({ lineNo: n, ...line });
    }
  }
  return { format: "camt053", layout: "CAMT.053", lines, errors, accountIban, skipped };
}
