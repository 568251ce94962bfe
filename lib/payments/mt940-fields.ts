import { clean, describe, nameOf } from "./statement-lines";

/**
 * The :86: field of an MT940 statement ("information to the account owner") as Dutch banks
 * fill it, read into counterparty, remittance text and references. Four layouts:
 * - `/KEY/value` subfields: ING (`/EREF/…//CNTP/iban/bic/name/city//REMI/USTD//text/`),
 *   Rabobank (`/EREF/…/ORDP//NAME/…/REMI/…`), ABN AMRO SEPA (`/TRTP/…/IBAN/…/NAME/…/REMI/…`);
 * - `?20..?29` GVC fields (German-style banks);
 * - de Volksbank (SNS, ASN, RegioBank): first line "account name", then 65-column text;
 * - ABN AMRO's older labelled text ("IBAN: … NAAM: … OMSCHRIJVING: …"), else free text.
 * Nothing is inferred that the bank did not write in a known place.
 */

/** SWIFT lines are 65 characters; a full line was wrapped by the bank, not ended by the writer. */
const LINE_WIDTH = 65;

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
/** Upper case, spaces removed, when the text has the shape of an IBAN; else null. */
export function ibanOf(raw: string | undefined | null): string | null {
  const s = (raw ?? "").replace(/\s+/g, "").toUpperCase();
  return IBAN_SHAPE.test(s) ? s : null;
}

/** ISO 13616 check digits (mod 97 = 1). */
export function ibanChecksumOk(iban: string): boolean {
  let rest = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    for (const d of /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/**
 * Lines joined as the bank wrapped them: a line of full width (65, counting the tag on the first
 * line) continues on the next one without a space; a shorter line ended there.
 */
export function joinWrapped(lines: string[], firstLineTag = 0, width = LINE_WIDTH): string {
  let out = "";
  lines.forEach((line, i) => {
    if (i > 0) out += lines[i - 1]!.length + (i === 1 ? firstLineTag : 0) >= width ? "" : " ";
    out += line;
  });
  return out;
}

export type Details = {
  name: string | null;
  iban: string | null;
  description: string;
  /** End-to-end id (`/EREF/`, `EREF+`), null when absent or NOTPROVIDED. */
  eref: string | null;
  /** Batch payment information id (`/PREF/`). */
  pref: string | null;
  /** The counterparty account as de Volksbank writes it in the :61: reference (maybe not an IBAN). */
  account: string | null;
};
const EMPTY: Details = { name: null, iban: null, description: "", eref: null, pref: null, account: null };

const refOf = (s: string | undefined | null) => {
  const v = clean(s);
  return v && v.toUpperCase() !== "NOTPROVIDED" ? v : null;
};
const tidy = (v: string) => clean(v.replace(/\/+\s*$/, ""));

// Subfield keys as ING, Rabobank, ABN AMRO and ASN write them. USTD/STRD are parts of REMI's value.
const KEYS = [
  "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "MARF", "CSID", "CNTP", "ORDP", "BENM", "ULTC", "ULTD", "ULTB", "PURP", "ADDR",
  "ISDT", "RTRN", "PREF", "BUSP", "ACCW", "SUM", "TRCD", "CDTRREFTP", "CDTRREF", "OCMT", "CHGS", "EXCH", "SVCL",
];
const KEY_AT = new RegExp(`/(${KEYS.join("|")})/`, "g");
const STRUCTURED_START = new RegExp(`^\\s*/(${KEYS.join("|")})/`);
/** The parties whose name and account are the counterparty's; ULTx are ultimate parties. */
const PARTIES = new Set(["CNTP", "BENM", "ORDP"]);

function subfields(text: string): [string, string][] {
  const marks = [...text.matchAll(KEY_AT)];
  return marks.map((m, i) => [m[1]!, text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length)]);
}

/** REMI as ING writes it (`USTD//text/`, `STRD/CUR/ref/`), ABN's "ISSUER: CUR REF: …", or plain text. */
function remittance(value: string): string {
  if (value.startsWith("USTD//")) return value.slice(6);
  const strd = /^STRD\/[^/]*\/(.*)$/.exec(value);
  if (strd) return strd[1]!;
  const abn = /^ISSUER:\s*\S+\s+REF:\s*(.+)$/.exec(value);
  return abn ? abn[1]! : value;
}

function structured(text: string): Details {
  const d: Details = { ...EMPTY };
  const remi: string[] = [];
  let creditorRef: string | null = null;
  let party: string | null = null;
  for (const [key, raw] of subfields(text)) {
    const value = tidy(raw);
    const ours = party === null || PARTIES.has(party);
    if (PARTIES.has(key) || key.startsWith("ULT")) {
      party = key;
      // ING: /CNTP/account/bic/name/city/ (also /BENM/ and /ORDP/ in its older layout); Rabobank
      // and ABN AMRO leave the value empty and follow with /NAME/ (or an /ID/ we do not read).
      if (PARTIES.has(key) && value && !raw.startsWith("/")) {
        const [account, , name] = raw.split("/");
        d.iban ??= ibanOf(account);
        d.name ??= nameOf(name);
      }
    } else if (key === "NAME" && ours) d.name ??= nameOf(value);
    else if (key === "IBAN" && ours) d.iban ??= ibanOf(value);
    else if (key === "ACCW") d.iban ??= ibanOf(value.split(",")[0]);
    else if (key === "REMI") remi.push(tidy(remittance(value)));
    else if (key === "CDTRREF") creditorRef ??= value || null;
    else if (key === "EREF") d.eref ??= refOf(value);
    else if (key === "PREF") d.pref ??= refOf(value);
  }
  d.description = describe(remi.filter(Boolean)) || clean(creditorRef);
  return d;
}

/** `?00` booking text, `?20..?29`/`?60..?63` purpose (SEPA keys such as `SVWZ+`), `?31` account, `?32..?33` name. */
function gvc(text: string): Details {
  const fields = new Map<number, string>();
  for (const m of text.replace(/^\s*\d{3}/, "").matchAll(/\?(\d{2})([^?]*)/g)) fields.set(Number(m[1]), (fields.get(Number(m[1])) ?? "") + m[2]);
  const join = (codes: number[]) => joinWrapped(codes.filter((c) => fields.has(c)).map((c) => fields.get(c)!), 0, 27);
  const purpose = join([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63]);
  const keyed = new Map<string, string>();
  const marks = [...purpose.matchAll(/(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/g)];
  marks.forEach((m, i) => keyed.set(m[1]!, purpose.slice(m.index + m[0].length, marks[i + 1]?.index ?? purpose.length)));
  return {
    name: nameOf(join([32, 33])),
    iban: ibanOf(fields.get(31)),
    description: describe([marks.length ? (keyed.get("SVWZ") ?? "") : purpose]) || clean(fields.get(0)),
    eref: refOf(keyed.get("EREF")),
    pref: null,
    account: null,
  };
}

const LABEL_AT = /(?<![A-Za-z])(IBAN|BIC|NAAM|OMSCHRIJVING|KENMERK|BETALINGSKENM\.|MACHTIGING|INCASSANT|ID DEBITEUR|ID BEGUNSTIGDE|REK)\s?:/g;
/** ABN AMRO's pre-2014 layout: "SEPA IDEAL  IBAN: …  BIC: …  NAAM: …  OMSCHRIJVING: …  KENMERK: …". */
function labelled(text: string): Details | null {
  const marks = [...text.matchAll(LABEL_AT)];
  if (!marks.some((m) => m[1] === "IBAN" || m[1] === "NAAM" || m[1] === "REK")) return null;
  const value = new Map<string, string>();
  marks.forEach((m, i) => {
    if (!value.has(m[1]!)) value.set(m[1]!, tidy(text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length)));
  });
  return {
    name: nameOf(value.get("NAAM")),
    iban: ibanOf(value.get("IBAN") ?? value.get("REK")),
    description: clean(value.get("OMSCHRIJVING") || value.get("BETALINGSKENM.") || text.slice(0, marks[0]!.index)),
    eref: null,
    pref: null,
    account: null,
  };
}

/**
 * de Volksbank: the first line is "<account> <name>" (the account also stands in the :61:
 * reference), or empty for bank costs and interest; the rest is the description, sometimes
 * carrying ABN-style `/TRTP/…/REMI/…` subfields.
 */
function volksbank(lines: string[], customerRef: string | null, supplementary: string | null): Details | null {
  const head = (lines[0] ?? "").trim();
  const ref = customerRef ?? "";
  const startsWithRef = ref !== "" && head.toUpperCase().startsWith(ref.toUpperCase()) && (head.length === ref.length || head[ref.length] === " ");
  if (!startsWithRef && !(head === "" && lines.length > 1)) return null;
  const rest = joinWrapped(lines.slice(1));
  const inner = STRUCTURED_START.test(rest) ? structured(rest) : { ...EMPTY, description: describe([rest]) };
  return {
    ...inner,
    name: startsWithRef ? (nameOf(head.slice(ref.length)) ?? nameOf(supplementary) ?? inner.name) : inner.name,
    iban: startsWithRef ? (ibanOf(ref) ?? inner.iban) : inner.iban,
    account: startsWithRef ? ref : null,
  };
}

/** `lines`: the :86: field's lines, the first without its ":86:" tag. */
export function readDetails(lines: string[], customerRef: string | null, supplementary: string | null): Details {
  if (lines.length === 0) return { ...EMPTY };
  if (/^\s*(\d{3})?\?\d{2}/.test(lines[0]!)) return gvc(lines.join(""));
  const fromVolksbank = volksbank(lines, customerRef, supplementary);
  if (fromVolksbank) return fromVolksbank;
  const text = joinWrapped(lines, 4);
  if (STRUCTURED_START.test(text)) return structured(text);
  return labelled(clean(text)) ?? { ...EMPTY, description: describe([text]) };
}
