/** Formats integer minor units (cents) for display; the arithmetic never leaves integers. */
export function formatMoney(cents: number, currency: string, locale: "nl" | "en", opts: { compact?: boolean } = {}): string {
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  if (opts.compact && Math.abs(cents) >= 100_000_00) {
    return new Intl.NumberFormat(tag, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(cents / 100);
  }
  return new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}
