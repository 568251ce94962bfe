import { parseDateText } from "@/lib/format/calendar-date";
import { describe, ibanOf, nameOf, type StatementLine } from "./statement-lines";

/**
 * One CAMT.053 entry (Ntry) into statement lines. An entry is one booking on the account; a batch
 * entry (a collection of incoming SEPA transfers, a direct-debit batch, a batch of returns) carries
 * one TxDtls per payment, and each becomes its own line. The names are the same from
 * camt.053.001.02 to .08; where .08 moved something (Sts/Cd, Dbtr/Pty/Nm) both places are read.
 */

// ---- reading the parsed tree (fast-xml-parser, attributes as "@_…", no entity expansion) ----
type XmlNode = Record<string, unknown>;
export const node = (v: unknown): XmlNode => (v && typeof v === "object" && !Array.isArray(v) ? (v as XmlNode) : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]);
/** The element at a path, taking the first of repeated elements on the way. */
export const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => node(Array.isArray(o) ? o[0] : o)[k], v);

// Entity expansion is off (it is how XML bombs work), so the five predefined entities and
// character references are resolved here; anything else stays as written.
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return PREDEFINED[name]!;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}
/** Text of an element (or of its "#text" when it has attributes); "" when absent. */
export function text(v: unknown): string {
  const raw = typeof v === "string" ? v : typeof node(v)["#text"] === "string" ? (node(v)["#text"] as string) : "";
  return unescapeXml(raw).trim();
}

// ---- codes ----
/**
 * Bank transaction sub-family codes (BkTxCd/Domn/Fmly/SubFmlyCd, ISO 20022 external code set
 * "BankTransactionCode") whose definition is a booking that undoes an earlier one:
 * - RRTN "Reversal due to payment return" (a credit transfer sent back, e.g. account closed, AC04),
 *   under RCDT (a received transfer taken back) and ICDT (our own transfer coming back);
 * - RPCR "Reversal due to payment cancellation request" (a transfer recalled by the payer's bank);
 * - UPDD "Reversal due to return/unpaid direct debit" (a collected SEPA direct debit returned or
 *   refunded: AM04 no funds, MD06 the debtor's eight-week refund…), under IDDT/RDDT;
 * - PRDD "Reversal due to payment reversal" (the creditor reverses its own collection; N26 lists
 *   PMNT-IDDT-PRDD as "Direct Debit Reversal");
 * - RCDD "Reversal due to payment cancellation request" for direct debits;
 * - ARET / AREV "ACH return" / "ACH reversal".
 * Not on the list: UPCT and DAJT, which card issuers also use for authorisations and adjustments;
 * nor a bank's own proprietary codes (BkTxCd/Prtry), which have no published meaning we could check.
 */
const REVERSAL_SUBFAMILIES = new Set(["RRTN", "RPCR", "UPDD", "PRDD", "RCDD", "ARET", "AREV"]);

/** Entry status (Sts, or Sts/Cd from .08 on): only BOOK is on the account. */
const NOT_BOOKED: Record<string, string> = {
  PDNG: "pending: not yet booked by the bank",
  INFO: "informational: reported by the bank, not booked",
  FUTR: "future: not yet booked by the bank",
};

/** xs:date or xs:dateTime, with or without a zone: the date part is the calendar date as written. */
const DATE = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

export type EntryRead = { lines: Omit<StatementLine, "lineNo">[] } | { skip: string } | { errors: string[] };

/** `ownIban`: the statement's own account, so a party holding it is not taken for the counterparty. */
export function readEntry(entry: unknown, ownIban: string | null): EntryRead {
  const status = (text(at(entry, "Sts")) || text(at(entry, "Sts", "Cd")) || text(at(entry, "Sts", "Prtry"))).toUpperCase();
  // Sts is mandatory in the schema; an entry without one is read as booked.
  if (status && status !== "BOOK") return { skip: NOT_BOOKED[status] ?? `status "${status}": not booked by the bank` };

  const problems: string[] = [];
  const amountText = text(at(entry, "Amt"));
  const amount = amountText ? centsOf(amountText) : "entry has no amount";
  if (typeof amount === "string") problems.push(amount);

  const indicator = text(at(entry, "CdtDbtInd"));
  if (!isIndicator(indicator)) problems.push(`credit/debit indicator "${indicator}" is not CRDT or DBIT`);

  const rawDate = [at(entry, "ValDt", "Dt"), at(entry, "ValDt", "DtTm"), at(entry, "BookgDt", "Dt"), at(entry, "BookgDt", "DtTm")].map(text).find((d) => d) ?? "";
  const m = DATE.exec(rawDate);
  const valueDate = m ? parseDateText(m[1]!) : null;
  if (!rawDate) problems.push("entry has no value date or booking date");
  else if (!valueDate) problems.push(`date "${rawDate}" is not a valid date`);

  const currency = currencyOf(at(entry, "Amt")) || "EUR";
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not an ISO 4217 code`);
  if (problems.length || typeof amount === "string" || !valueDate || !isIndicator(indicator)) return { errors: problems };

  const entryCents = indicator === "DBIT" ? -amount : amount;
  const txs = list(at(entry, "NtryDtls")).flatMap((d) => list(node(d).TxDtls));
  const split = splitAmounts(txs, entryCents, indicator, currency);
  if ("errors" in split) return split;

  const reversed = /^(true|1)$/i.test(text(at(entry, "RvslInd"))) || reversalCode(at(entry, "BkTxCd"));
  const entryRef = text(at(entry, "AcctSvcrRef")) || text(at(entry, "NtryRef"));
  const details = txs.length ? txs : [undefined];
  const refs = details.map((tx) => {
    const endToEnd = text(at(tx, "Refs", "EndToEndId"));
    const e2e = endToEnd.toUpperCase() === "NOTPROVIDED" ? "" : endToEnd;
    // The bank's reference; without one, the payer's end-to-end id (as the MT940 reader does with EREF).
    const ref = text(at(tx, "Refs", "AcctSvcrRef")) || entryRef || e2e;
    return { e2e, ref };
  });
  const uses = new Map<string, number>();
  for (const { ref } of refs) uses.set(ref, (uses.get(ref) ?? 0) + 1);
  const lines = details.map((tx, i) => {
    const { e2e, ref } = refs[i]!;
    const cents = split.cents[i]!;
    const party = partyOf(tx, cents < 0n, ownIban);
    // Details sharing one reference (the entry's, or a batch id) are told apart by their place in
    // the entry, so two identical payments in one batch stay two lines.
    const shared = uses.get(ref)! > 1;
    const line: Omit<StatementLine, "lineNo"> = {
      valueDate,
      amountCents: cents,
      currency,
      counterpartyName: party.name,
      counterpartyIban: party.iban,
      description: descriptionOf(tx, entry, e2e && e2e !== ref ? e2e : ""),
      entryRef: nameOf(ref && shared ? `${ref}/${i + 1}` : ref),
    };
    if (reversed || reversalCode(at(tx, "BkTxCd"))) line.reversal = true;
    return line;
  });
  return { lines };
}

/**
 * Each detail's signed amount. One detail without an amount of its own (or in another currency:
 * the instructed amount) is the entry; several must each have one and add up to the entry.
 */
function splitAmounts(txs: unknown[], entryCents: bigint, indicator: string, currency: string): { cents: bigint[] } | { errors: string[] } {
  if (txs.length === 0) return { cents: [entryCents] };
  const problems: string[] = [];
  const cents = txs.map((tx, i) => {
    const label = `transaction ${i + 1} of ${txs.length}`;
    const amt = text(at(tx, "Amt")) ? at(tx, "Amt") : at(tx, "AmtDtls", "TxAmt", "Amt");
    const ccy = currencyOf(amt) || currency;
    const txIndicator = text(at(tx, "CdtDbtInd")) || indicator;
    if (!isIndicator(txIndicator)) problems.push(`${label}: credit/debit indicator "${txIndicator}" is not CRDT or DBIT`);
    if (txs.length === 1 && (!text(amt) || ccy !== currency)) return entryCents;
    if (!text(amt)) problems.push(`${label} has no amount, so the entry cannot be split into its payments`);
    else if (ccy !== currency) problems.push(`${label} is in ${ccy}, the entry in ${currency}`);
    else {
      const c = centsOf(text(amt));
      if (typeof c === "string") problems.push(`${label}: ${c}`);
      else return txIndicator === "DBIT" ? -c : c;
    }
    return 0n;
  });
  if (problems.length) return { errors: problems };
  const sum = cents.reduce((s, c) => s + c, 0n);
  if (sum !== entryCents) {
    const what = txs.length === 1 ? "the transaction amounts to" : `the ${txs.length} transactions add up to`;
    return { errors: [`${what} ${money(sum)} ${currency}, the entry amount is ${money(entryCents)} ${currency}`] };
  }
  return { cents };
}

/** The schema allows up to five fraction digits; trailing zeros beyond cents are harmless. Never via floats. */
function centsOf(amountText: string): bigint | string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amountText);
  if (!m) return `amount "${amountText}" is not a number`;
  const frac = m[2] ?? "";
  if (/[1-9]/.test(frac.slice(2))) return `amount "${amountText}" has more than 2 decimals`;
  return BigInt(m[1]!) * 100n + BigInt(frac.slice(0, 2).padEnd(2, "0"));
}

function money(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

const isIndicator = (s: string): s is "CRDT" | "DBIT" => s === "CRDT" || s === "DBIT";
const currencyOf = (amt: unknown) => text(node(Array.isArray(amt) ? amt[0] : amt)["@_Ccy"]).toUpperCase();
const reversalCode = (btc: unknown) => REVERSAL_SUBFAMILIES.has(text(at(btc, "Domn", "Fmly", "SubFmlyCd")).toUpperCase());

/**
 * Money in comes from the debtor, money out goes to the creditor, as booked. Some banks keep the
 * original roles on a reversal (the returned debtor stays Dbtr, our own account becomes Cdtr):
 * a side holding our own account is skipped and the other side taken when it names an account.
 */
function partyOf(tx: unknown, debit: boolean, ownIban: string | null): { name: string | null; iban: string | null } {
  const side = (role: "Dbtr" | "Cdtr") => {
    const parties = at(tx, "RltdPties");
    const name = [at(parties, role, "Nm"), at(parties, role, "Pty", "Nm"), at(parties, `Ultmt${role}`, "Nm"), at(parties, `Ultmt${role}`, "Pty", "Nm")].map(text).find((s) => s);
    return { name: nameOf(name), iban: ibanOf(text(at(parties, `${role}Acct`, "Id", "IBAN"))) };
  };
  const [first, second] = debit ? [side("Cdtr"), side("Dbtr")] : [side("Dbtr"), side("Cdtr")];
  if ((first.name || first.iban) && (!first.iban || first.iban !== ownIban)) return first;
  if (second.iban && second.iban !== ownIban) return second;
  return { name: null, iban: null };
}

/**
 * Remittance information first: every unstructured line, then structured creditor references
 * (RF… or a Dutch betalingskenmerk), referred documents and their extra text. Without any, the
 * bank's own words about the transaction or the entry. The end-to-end id goes last when it is not
 * already the line's reference. A part already contained in the text is not repeated (Rabobank
 * writes the betalingskenmerk in Ustrd and again in Strd).
 */
function descriptionOf(tx: unknown, entry: unknown, endToEnd: string): string {
  const rmt = node(at(tx, "RmtInf"));
  const remittance = [
    ...list(rmt.Ustrd).map(text),
    ...list(rmt.Strd).flatMap((s) => [text(at(s, "CdtrRefInf", "Ref")), ...list(node(s).RfrdDocInf).map((d) => text(at(d, "Nb"))), ...list(node(s).AddtlRmtInf).map(text)]),
  ].filter((p) => p);
  const parts = remittance.length ? remittance : [text(at(tx, "AddtlTxInf")), text(at(entry, "AddtlNtryInf"))];
  const kept: string[] = [];
  for (const part of [...parts, endToEnd].map((p) => p.replace(/\s+/g, " ").trim())) {
    if (part && !kept.some((k) => k.includes(part))) kept.push(part);
  }
  return describe(kept);
}
