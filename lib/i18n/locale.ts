export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

/** The language of a visitor not signed in: English when the browser's first choice is English, otherwise Dutch. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const first = (header ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "nl";
}
