import { localeTag, numberFormat } from "./intl";

/**
 * Figures in the user's language: "81,6" and "1.250" in Dutch, "81.6" and "1,250" in English.
 * Never interpolate a bare number with a fraction into a text: it reads as English everywhere.
 */
export function formatNumber(value: number, locale: "nl" | "en", maxFractionDigits = 1): string {
  return numberFormat(localeTag(locale), { maximumFractionDigits: maxFractionDigits }).format(value);
}
