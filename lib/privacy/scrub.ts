/**
 * Removing one person's traces from free text and stored JSON (GDPR art. 17), without touching
 * anything else: amounts, dates and invoice numbers in the same text stay as they were.
 *
 * What counts as a trace: their e-mail addresses, their full name and each word of it (so "Anna"
 * in "spoke with Anna" goes too), their phone numbers however they were typed ("06-12345678",
 * "+31 6 1234 5678", "0031 (0)6 12 34 56 78"), and other identifiers (IBAN, street, postal code,
 * KvK number) with any spacing. Words that other people on the same file or the company share
 * (`keepWords`) are left alone, and so are name particles ("de", "van der"): scrubbing "Vries" from
 * "Bakkerij De Vries B.V." would damage the company's record, not protect the person.
 *
 * Pure: no database, no clock. Unit-tested in scrub.test.ts.
 */
export type PersonTraces = {
  names: readonly (string | null | undefined)[];
  emails: readonly (string | null | undefined)[];
  phones: readonly (string | null | undefined)[];
  /** IBAN, street, postal code, KvK number: matched with any spacing, case-insensitively */
  others?: readonly (string | null | undefined)[];
};

export type Scrubber = {
  /** The text with every trace replaced. */
  text(s: string): string;
  textOrNull(s: string | null): string | null;
  /** Stored JSON with every string value scrubbed (keys and numbers untouched); not JSON: as text. */
  json(s: string): string;
  jsonOrNull(s: string | null): string | null;
  /** Whether the text holds a trace. */
  hasTrace(s: string | null | undefined): boolean;
  /** Only the strong traces (full name, e-mail, phone, identifiers): to find rows in tables that are not this person's file. */
  readonly searchTerms: readonly string[];
};

/** What a trace becomes in free text; name fields get the pseudonym instead. */
export const REDACTED = "[verwijderd]";

/** Dutch, German, French name particles and titles: never a trace on their own. */
const PARTICLES = new Set(["de", "den", "der", "van", "von", "het", "ter", "ten", "te", "op", "in", "'t", "la", "le", "du", "da", "del", "di", "zu", "dhr", "mevr", "mr", "mrs", "ms", "dr", "ir", "ing", "drs", "prof", "bv", "nv", "vof"]);
/** A word of a name shorter than this is no trace on its own (initials, "Bo" as in "bo-ven"). */
const MIN_WORD = 3;

const LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A literal with any run of spaces between its words, not inside a longer word. */
const phrase = (s: string) => `(?<!${LETTER_OR_DIGIT})${s.trim().split(/\s+/).map(escape).join("\\s+")}(?!${LETTER_OR_DIGIT})`;
/** A code (IBAN, postal code) with any spacing between its characters. */
const spaced = (s: string) => `(?<!${LETTER_OR_DIGIT})${[...s.replace(/\s+/g, "")].map(escape).join("\\s*")}(?!${LETTER_OR_DIGIT})`;

const SEP = "[\\s\\-./()]*";

/**
 * A phone number in any of the ways people write it. A Dutch number is matched on its digits
 * after the trunk 0 or the +31/0031 prefix (with an optional "(0)"); another country's on all its
 * digits with an optional + or 00. Not inside a longer digit run (an IBAN, an invoice number).
 */
export function phonePattern(raw: string): string | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 6) return null;
  const international = /^(\+|00)/.test(trimmed);
  const full = international && trimmed.startsWith("00") ? digits.slice(2) : digits;
  let core: string;
  if (international && full.startsWith("31")) core = full.slice(2).replace(/^0/, "");
  else if (!international && digits.startsWith("0")) core = digits.slice(1);
  else if (!international) core = digits;
  else return `(?<!\\d)(?:\\+|00)?${SEP}${[...full].join(SEP)}(?!\\d)`;
  if (core.length < 6) return null;
  const prefix = `(?:(?:\\+|00)${SEP}31${SEP}(?:\\(0\\)${SEP})?|\\(?0${SEP})?`;
  return `(?<![\\d+])${prefix}${[...core].join(SEP)}(?!\\d)`;
}

/** The words of a name that identify the person (no particles, initials or shared words). */
export function nameWords(name: string, keepWords: ReadonlySet<string>): string[] {
  return name
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => [...w.matchAll(/\p{L}/gu)].length >= MIN_WORD && !PARTICLES.has(w.toLowerCase()) && !keepWords.has(w.toLowerCase()));
}

/** The words of other people's names and of the company: they stay (lower-cased for comparison). */
export function wordsOf(texts: readonly (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const w of (t ?? "").split(/[^\p{L}\p{N}']+/u)) if (w) out.add(w.toLowerCase());
  return out;
}

const present = (list: readonly (string | null | undefined)[] | undefined) => [...new Set((list ?? []).map((s) => s?.trim() ?? "").filter((s) => s.length > 0))];

export function makeScrubber(traces: PersonTraces, opts: { keepWords?: ReadonlySet<string>; replacement?: string } = {}): Scrubber {
  const keep = opts.keepWords ?? new Set<string>();
  const replacement = opts.replacement ?? REDACTED;
  const emails = present(traces.emails);
  const names = present(traces.names);
  const phones = present(traces.phones);
  const others = present(traces.others).filter((s) => s.replace(/\s+/g, "").length >= 4);
  // Longest first within each kind, and e-mails before names: "anna.de.vries@x.nl" goes whole.
  const byLength = (a: string, b: string) => b.length - a.length;
  const patterns = [
    ...emails.sort(byLength).map(phrase),
    ...names.sort(byLength).map(phrase),
    ...others.sort(byLength).map(spaced),
    ...phones.map(phonePattern).filter((p): p is string => p !== null),
  ];
  const strong = patterns.length ? new RegExp(patterns.join("|"), "giu") : null;
  const words = [...new Set(names.flatMap((n) => nameWords(n, keep)))].sort(byLength);
  const weak = words.length ? new RegExp(words.map(phrase).join("|"), "giu") : null;

  const text = (s: string): string => {
    let out = s;
    if (strong) out = out.replace(strong, replacement);
    if (weak) out = out.replace(weak, replacement);
    return out;
  };
  const json = (s: string): string => {
    try {
      JSON.parse(s);
    } catch {
      return text(s);
    }
    // String values are rewritten in place; keys, numbers and layout keep their exact text (a
    // parse and re-serialise would round an integer above 2^53, and amounts must not move).
    return s.replace(/"(?:[^"\\]|\\.)*"(\s*:)?/g, (literal: string, key: string | undefined) => {
      if (key) return literal;
      const value = JSON.parse(literal) as string;
      const scrubbed = text(value);
      return scrubbed === value ? literal : JSON.stringify(scrubbed);
    });
  };
  return {
    text,
    textOrNull: (s) => (s === null ? null : text(s)),
    json,
    jsonOrNull: (s) => (s === null ? null : json(s)),
    hasTrace: (s) => typeof s === "string" && s.length > 0 && text(s) !== s,
    searchTerms: [...emails, ...names, ...phones, ...others],
  };
}
