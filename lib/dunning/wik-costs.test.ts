import { describe, expect, it } from "vitest";
import { splitProportionally, wikCosts } from "./wik-costs";

// Source for every case: Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2
// (staffel 15 % / 10 % / 5 % / 1 % / 0,5 %, minimum € 40, maximum € 6.775), and the worked
// amounts in the Rijksoverheid table "Hoeveel incassokosten mag ik in rekening brengen?".
describe("WIK collection costs", () => {
  it.each([
    ["€ 100 → minimum € 40 (BIK art. 2 lid 1, minimum)", 10_000n, 4_000n],
    ["€ 266,67 → 15 % = € 40,00 (minimum boundary)", 26_667n, 4_000n],
    ["€ 1.000 → 15 % = € 150 (Rijksoverheid example)", 100_000n, 15_000n],
    ["€ 2.500 → € 375 (first bracket full)", 250_000n, 37_500n],
    ["€ 3.000 → € 375 + 10 % of € 500 = € 425", 300_000n, 42_500n],
    ["€ 5.000 → € 625 (second bracket full)", 500_000n, 62_500n],
    ["€ 10.000 → € 875 (third bracket full)", 1_000_000n, 87_500n],
    ["€ 200.000 → € 2.775 (fourth bracket full)", 20_000_000n, 277_500n],
    ["€ 1.000.000 → € 6.775 (maximum reached exactly)", 100_000_000n, 677_500n],
    ["€ 5.000.000 → capped at € 6.775 (BIK art. 2 lid 1, maximum)", 500_000_000n, 677_500n],
    ["€ 1.234,57 → 15 % = € 185,19 (rounded half up)", 123_457n, 18_519n],
  ])("%s", (_name, principal, expected) => {
    expect(wikCosts(principal)).toBe(expected);
  });

  it("adds 21 % VAT only when asked (creditor cannot reclaim VAT): € 1.000 → € 181,50", () => {
    expect(wikCosts(100_000n, { vatPercent: 21 })).toBe(18_150n);
  });

  it("charges nothing on a zero or negative principal", () => {
    expect(wikCosts(0n)).toBe(0n);
    expect(wikCosts(-500n)).toBe(0n);
  });

  it("splits costs over invoices in proportion, cents adding up exactly", () => {
    const parts = splitProportionally(10_000n, [1n, 1n, 1n]);
    expect(parts.reduce((s, x) => s + x, 0n)).toBe(10_000n);
    expect(parts).toEqual([3_334n, 3_333n, 3_333n]);
    expect(splitProportionally(4_000n, [30_000n, 10_000n])).toEqual([3_000n, 1_000n]);
  });
});
