
/**
 * Figures in the user's language: "81,6" and "1.250" in Dutch, "81.6" and "1,250" in English.
 * Never interpolate a bare number with a fraction into a text: it reads as English everywhere.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: "nl" | "en", maxFractionDigits = 1): string {
  const key = `${locale}:${maxFractionDigits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: maxFractionDigits });
    formats.set(key, f);
  }
  return f.format(value);
}
