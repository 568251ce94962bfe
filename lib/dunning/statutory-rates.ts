/**
 * Dutch statutory interest rates as dated data, never in the logic. Rates change per half year
 * and are published in the Staatscourant; managers add newer ones on the dunning page (they are
 * stored in the InterestRate table and take precedence over this list for the same date).
 * commercial = wettelijke handelsrente (art. 6:119a BW, ECB main refinancing rate + 8 points),
 * statutory = wettelijke rente for non-commercial claims (art. 6:119 BW).
 */
export type InterestKind = "commercial" | "statutory";
export type RatePeriod = { kind: InterestKind; validFrom: string; rateBp: number; source: string };

const STAATSCOURANT = "Besluit wettelijke rente / Staatscourant (rijksoverheid.nl, wettelijke rente en handelsrente)";

export const BUILT_IN_RATES: readonly RatePeriod[] = [
  { kind: "commercial", validFrom: "2016-01-01", rateBp: 805, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2016-07-01", rateBp: 800, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2023-01-01", rateBp: 1050, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2023-07-01", rateBp: 1200, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2024-01-01", rateBp: 1250, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2024-07-01", rateBp: 1225, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2025-01-01", rateBp: 1115, source: STAATSCOURANT },
  { kind: "commercial", validFrom: "2025-07-01", rateBp: 1015, source: STAATSCOURANT },
  { kind: "statutory", validFrom: "2015-07-01", rateBp: 200, source: STAATSCOURANT },
  { kind: "statutory", validFrom: "2023-01-01", rateBp: 400, source: STAATSCOURANT },
  { kind: "statutory", validFrom: "2023-07-01", rateBp: 600, source: STAATSCOURANT },
  { kind: "statutory", validFrom: "2024-01-01", rateBp: 700, source: STAATSCOURANT },
  { kind: "statutory", validFrom: "2025-01-01", rateBp: 600, source: STAATSCOURANT },
];

/** Built-in rates overlaid with stored ones (a stored rate wins for the same kind and date). */
export function mergeRates(stored: readonly RatePeriod[], builtIn: readonly RatePeriod[] = BUILT_IN_RATES): RatePeriod[] {
  const byKey = new Map<string, RatePeriod>();
  for (const r of [...builtIn, ...stored]) byKey.set(`${r.kind}|${r.validFrom}`, r);
  return [...byKey.values()].sort((a, b) => (a.kind === b.kind ? a.validFrom.localeCompare(b.validFrom) : a.kind.localeCompare(b.kind)));
}

/** The newest period of a kind, to warn when no rate has been entered for the current half year. */
export function latestRate(rates: readonly RatePeriod[], kind: InterestKind): RatePeriod | null {
  return rates.filter((r) => r.kind === kind).reduce<RatePeriod | null>((a, r) => (!a || r.validFrom > a.validFrom ? r : a), null);
}

/** Half-year start (1 Jan or 1 Jul) of a date: rates are set per half year. */
export function halfYearStart(date: string): string {
  return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) >= 7 ? "07" : "01"}-01`;
}

/** The kinds with no rate entered for the half year of `date` (the last known one is then used, and said). */
export function staleRateKinds(rates: readonly RatePeriod[], date: string): InterestKind[] {
  return (["commercial", "statutory"] as const).filter((k) => (latestRate(rates, k)?.validFrom ?? "") < halfYearStart(date));
}
