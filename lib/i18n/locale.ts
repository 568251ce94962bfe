export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

/**
 * The language a request asks for when there is no signed-in user to ask: the browser's first
 * choice when it is Dutch or English, otherwise `fallback` (Dutch for the app's pages, English for
 * the API, whose readers are integrators).
 */
export function localeFromAcceptLanguage(header: string | null | undefined, fallback: Locale = "nl"): Locale {
  const first = (header ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : first.startsWith("nl") ? "nl" : fallback;
}
