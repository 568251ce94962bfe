/**
 * Whom a letter or e-mail greets, from the name the office has: a person ("Jan de Vries"), a
 * person with a title ("de heer Jansen", "Mrs Smith"), or something that is no person at all
 * (a company name, "receptie", "accounts payable"), which gets the formal greeting for unknown
 * readers instead of "Beste Bakkerij Jansen B.V.,".
 */
export type Addressee = { kind: "none" } | { kind: "person"; name: string } | { kind: "titled"; title: "mr" | "ms"; surname: string };

/** A legal form at the end or start of a name: a company, not a person. */
const LEGAL_FORM = /(^|[\s,])(b\.?\s?v\.?|n\.?\s?v\.?|v\.?o\.?f\.?|c\.?v\.?|stichting|vereniging|co[öo]peratie|holding|ltd\.?|limited|llc|inc\.?|gmbh|plc|s\.?a\.?r\.?l\.?|bvba|e\.?\s?k\.?)($|[\s,.])/i;
/** Departments and roles: nobody by name. */
const ROLES = new Set([
  "receptie", "de receptie", "administratie", "de administratie", "boekhouding", "de boekhouding", "crediteurenadministratie", "de crediteurenadministratie",
  "financiële administratie", "de financiële administratie", "financien", "financiën", "inkoop", "de inkoop", "afdeling financiën", "eigenaar", "de eigenaar",
  "reception", "accounts", "accounts payable", "accounting", "finance", "the finance department", "finance department", "purchasing", "owner", "the owner",
]);
const TITLES: Array<[RegExp, "mr" | "ms"]> = [
  [/^(de\s+heer|dhr\.?|hr\.?|meneer|mr\.?)\s+/i, "mr"],
  [/^(mevrouw|mevr\.?|mw\.?|mrs\.?|ms\.?|miss)\s+/i, "ms"],
];
/** Dutch name particles stay lower case inside a name ("Jan de Vries", "Anna van der Berg"). */
const PARTICLES = new Set(["van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "aan", "bij", "uit", "von", "du", "da", "le", "la"]);

/** A name typed all in lower case gets its capitals back; anything else is kept as typed. */
function capitalised(name: string): string {
  if (!/^\p{Ll}[\p{Ll}\s'-]*$/u.test(name)) return name;
  return name
    .split(/(\s+)/)
    .map((word, i) => (i > 0 && PARTICLES.has(word) ? word : word.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/-(\p{Ll})/gu, (_m, c: string) => `-${c.toUpperCase()}`)))
    .join("");
}

/** A person's name is kept exactly as noted (only an all lower case one is capitalised). */
export function addresseeOf(name: string | null | undefined): Addressee {
  const raw = name ?? "";
  const n = raw.replace(/\s+/g, " ").trim();
  if (!n) return { kind: "none" };
  if (ROLES.has(n.toLowerCase()) || LEGAL_FORM.test(n)) return { kind: "none" };
  for (const [pattern, title] of TITLES) {
    const m = pattern.exec(n);
    if (m && n.length > m[0].length) {
      const surname = capitalised(n.slice(m[0].length));
      // "de heer de Vries" -> "heer De Vries": a particle opening the surname is capitalised after a title.
      return { kind: "titled", title, surname: surname.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) };
    }
  }
  return { kind: "person", name: capitalised(n) === n ? raw : capitalised(n) };
}

/**
 * The greeting line. Dutch: "Beste Jan de Vries," (informal) or "Geachte Jan de Vries," (formal
 * letters), "Geachte heer Jansen,", "Geachte heer, mevrouw,"; English: "Dear Jan de Vries,",
 * "Dear Mr Jansen,", "Dear Sir or Madam,".
 */
export function greeting(name: string | null | undefined, language: "nl" | "en", style: "personal" | "formal"): string {
  const a = addresseeOf(name);
  if (language === "en") {
    if (a.kind === "none") return "Dear Sir or Madam,";
    return a.kind === "titled" ? `Dear ${a.title === "mr" ? "Mr" : "Ms"} ${a.surname},` : `Dear ${a.name},`;
  }
  if (a.kind === "none") return "Geachte heer, mevrouw,";
  if (a.kind === "titled") return `Geachte ${a.title === "mr" ? "heer" : "mevrouw"} ${a.surname},`;
  return `${style === "personal" ? "Beste" : "Geachte"} ${a.name},`;
}
