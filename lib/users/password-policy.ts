import { dictionary } from "@zxcvbn-ts/language-common";
import type { MessageKey } from "@/lib/i18n/translate";

/**
 * What a new password must be (NIST SP 800-63B: length and a check against known passwords, no
 * composition rules): 12 to 128 characters, not one of the ~49,000 passwords most often found in
 * breaches (the list @zxcvbn-ts/language-common ships, compiled from leaked password sets), also not
 * after stripping the digits and symbols people add ("Welkom2026!"), not built from the user's own
 * name or e-mail or the app's name, and not a run of one or two characters.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Words every Dutch office tries first, beside the shipped list. */
const LOCAL_WORDS = ["wachtwoord", "welkom", "welkom01", "debiteuren", "debiteurenbeheer", "incasso", "dunning", "workbench", "factuur", "betalen", "zomer", "winter", "voorjaar", "najaar"];

let known: Set<string> | null = null;
function knownPasswords(): Set<string> {
  known ??= new Set([...dictionary["passwords-common"], ...LOCAL_WORDS]);
  return known;
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

/** The word under the decoration: lower case, digits and symbols at both ends removed. */
function stem(password: string): string {
  return password.toLowerCase().replace(/^[\d\W_]+|[\d\W_]+$/g, "");
}

function unLeet(text: string): string {
  return [...text].map((c) => LEET[c] ?? c).join("");
}

export type PasswordContext = { email?: string | null; name?: string | null };

/** Null when the password may be used; otherwise the catalogue key saying why not. */
export function passwordProblem(password: string, context: PasswordContext = {}): MessageKey | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password.tooShort";
  if (length > PASSWORD_MAX) return "password.tooLong";
  if (new Set(password.toLowerCase()).size <= 3) return "password.repetitive";
  const lower = password.toLowerCase();
  const list = knownPasswords();
  const candidates = new Set([lower, stem(password), unLeet(lower), stem(unLeet(lower)), lower.replace(/[\s\W_]+/g, "")]);
  for (const c of candidates) if (c.length > 0 && list.has(c)) return "password.common";
  // Built from personal words: what is left after removing them is too little to count.
  const personal = [
    ...(context.email ? context.email.toLowerCase().split("@")[0]!.split(/[._+-]/) : []),
    ...(context.name ? context.name.toLowerCase().split(/\s+/) : []),
    ...LOCAL_WORDS,
  ].filter((w) => w.length >= 4);
  let rest = unLeet(lower);
  for (const w of personal) rest = rest.split(w).join("");
  if (rest.replace(/[\d\W_]/g, "").length < 4 && rest.replace(/\W/g, "").length < 8) return "password.personal";
  return null;
}
