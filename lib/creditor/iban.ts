/**
 * IBAN and BIC as a creditor types them on the settings screen. The IBAN is checked the way a
 * bank checks it (ISO 13616: the country's length and the mod-97 check digits), so a typo is
 * caught before it is printed on every letter and a debtor pays into the void.
 */

/** Lengths of the IBANs a Dutch creditor meets most; other countries: 15 to 34 characters. */
const LENGTHS: Record<string, number> = {
  NL: 18, BE: 16, DE: 22, LU: 20, FR: 27, GB: 22, IE: 22, ES: 24, IT: 27, AT: 20, CH: 21, DK: 18, SE: 24, NO: 15, FI: 18, PL: 28, PT: 25,
};

/** Spaces gone, upper case: the form it is stored and printed in. */
export function normaliseIban(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export function isValidIban(value: string): boolean {
  const iban = normaliseIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const length = LENGTHS[iban.slice(0, 2)];
  if (length !== undefined && iban.length !== length) return false;
  // Move the country and check digits to the end, letters to numbers (A=10 … Z=35), remainder 1.
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

/** Groups of four, as people read an IBAN: "NL91 ABNA 0417 1643 00". */
export function formatIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, "$1 ");
}

/** A BIC (SWIFT code): 8 or 11 characters, bank, country, location, optional branch. */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.replace(/\s+/g, "").toUpperCase());
}
