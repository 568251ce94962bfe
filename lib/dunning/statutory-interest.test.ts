import { describe, expect, it } from "vitest";
import { addYears, MissingRateError, statutoryInterest } from "./statutory-interest";
import { BUILT_IN_RATES, mergeRates, type RatePeriod } from "./statutory-rates";

const flat = (bp: number, kind: "commercial" | "statutory" = "commercial"): RatePeriod[] => [{ kind, validFrom: "2000-01-01", rateBp: bp, source: "test" }];

describe("statutory interest", () => {
  it("art. 6:119a BW, simple: € 1.000 at 8 % for 365 days is € 80,00", () => {
    expect(statutoryInterest({ principalCents: 100_000n, from: "2021-01-01", until: "2021-12-31", kind: "commercial", rates: flat(800) })).toBe(8_000n);
  });

  it("art. 6:119 lid 2 BW, yearly compounding: € 1.000 at 8 % for two years is € 80 + € 86,40 = € 166,40", () => {
    expect(statutoryInterest({ principalCents: 100_000n, from: "2021-01-01", until: "2022-12-31", kind: "commercial", rates: flat(800) })).toBe(16_640n);
  });

  it("counts actual days over 365: € 10.000 at 11,15 % for 30 days is € 91,64", () => {
    // 1,000,000 x 0.1115 x 30 / 365 = 9,164.38 cents
    expect(statutoryInterest({ principalCents: 1_000_000n, from: "2025-03-01", until: "2025-03-30", kind: "commercial", rates: BUILT_IN_RATES })).toBe(9_164n);
  });

  it("follows the half-year rate change of 1 July 2025 (handelsrente 11,15 % → 10,15 %, Staatscourant)", () => {
    // 10 days at 11.15 % (21–30 June) + 10 days at 10.15 % (1–10 July) on € 10.000
    const expected = (1_000_000 * 1115 * 10 + 1_000_000 * 1015 * 10) / (10_000 * 365);
    expect(statutoryInterest({ principalCents: 1_000_000n, from: "2025-06-21", until: "2025-07-10", kind: "commercial", rates: BUILT_IN_RATES })).toBe(BigInt(Math.round(expected)));
  });

  it("uses the consumer rate table for wettelijke rente (6 % from 1 January 2025)", () => {
    // € 1.000 x 6 % x 31 / 365 = € 5,10
    expect(statutoryInterest({ principalCents: 100_000n, from: "2025-01-01", until: "2025-01-31", kind: "statutory", rates: BUILT_IN_RATES })).toBe(510n);
  });

  it("stops interest on the part paid, from the day after the payment's value date", () => {
    // € 1.000 for 10 days, then € 500 for 20 days, at 10 %: (1000x10 + 500x20) x 0.10 / 365 = € 5,48
    const r = statutoryInterest({ principalCents: 100_000n, from: "2025-01-01", until: "2025-01-30", kind: "commercial", rates: flat(1000), reductions: [{ valueDate: "2025-01-10", cents: 50_000n }] });
    expect(r).toBe(548n);
  });

  it("gives nothing before the start or on nothing owed", () => {
    expect(statutoryInterest({ principalCents: 100_000n, from: "2025-02-01", until: "2025-01-31", kind: "commercial", rates: flat(800) })).toBe(0n);
    expect(statutoryInterest({ principalCents: 0n, from: "2025-01-01", until: "2025-01-31", kind: "commercial", rates: flat(800) })).toBe(0n);
  });

  it("refuses to guess when no rate is known for a period", () => {
    expect(() => statutoryInterest({ principalCents: 100_000n, from: "1999-01-01", until: "1999-02-01", kind: "commercial", rates: flat(800) })).toThrow(MissingRateError);
  });

  it("a stored rate overrides the built-in one for the same half year", () => {
    const merged = mergeRates([{ kind: "commercial", validFrom: "2025-07-01", rateBp: 999, source: "manager" }]);
    expect(merged.find((r) => r.kind === "commercial" && r.validFrom === "2025-07-01")?.rateBp).toBe(999);
  });

  it("anniversaries of 29 February fall on 1 March in common years", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-03-01");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });
});
