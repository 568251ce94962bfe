import { describe, expect, it } from "vitest";
import { centsToInput, formatCents, formatMoney, parseAmount, readAmount } from "./money";

describe("formatMoney", () => {
  it("shows cents in Dutch and English conventions", () => {
    expect(formatMoney(123456, "EUR", "nl").replace(/\s/g, " ")).toBe("€ 1.234,56");
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(-5, "EUR", "en")).toBe("-€0.05");
  });

  it("keeps totals beyond 32-bit cents exact", () => {
    expect(formatMoney(9_876_543_210_12, "EUR", "en")).toBe("€9,876,543,210.12");
  });
});

describe("formatCents", () => {
  it("prints bigint cents exactly, the euro by its sign and other currencies by their code", () => {
    expect(formatCents(123_456n, "EUR", "nl")).toBe("€ 1.234,56");
    expect(formatCents(123_456n, "EUR", "en")).toBe("€1,234.56");
    expect(formatCents(-5_000n, "EUR", "nl")).toBe("-€ 50,00");
    expect(formatCents(100_000n, "USD", "en")).toBe("USD 1,000.00");
  });
});

describe("reading amounts", () => {
  it.each([
    ["1234,56", 123_456n], ["1.234,56", 123_456n], ["1234.56", 123_456n], ["1,234.56", 123_456n], ["-12,00", -1_200n],
    ["+5", 500n], ["0,29", 29n], ["€ 7,05", 705n], ["EUR 7.05", 705n], [" 1 234,56 ", 123_456n], ["12.5", 1_250n],
  ])("reads %j as %s cents in any language", (raw, cents) => {
    expect(parseAmount(raw)).toBe(cents);
    expect(parseAmount(raw, "nl")).toBe(cents);
    expect(parseAmount(raw, "en")).toBe(cents);
  });

  it("reads a grouped amount without decimals by the typist's language, and refuses to guess in a file", () => {
    expect(parseAmount("1.234", "nl")).toBe(123_400n);
    expect(parseAmount("1,234", "en")).toBe(123_400n);
    expect(parseAmount("1,234", "nl")).toBeNull();
    expect(readAmount("1.234")).toBe('amount "1.234" is ambiguous: write it with decimals, e.g. "1.234,00" or "1.234.00"');
  });

  it.each(["", "12,3x", "1.2.3", "1,234,56", "--1", "1e3", ",50", "12,", "1.234,567"])("refuses %j", (raw) => {
    expect(parseAmount(raw, "nl")).toBeNull();
  });

  it("writes cents for an input field and reads them back unchanged", () => {
    expect(centsToInput(123_456, "nl")).toBe("1234,56");
    expect(centsToInput(5n, "en")).toBe("0.05");
    expect(centsToInput(-1_200, "nl")).toBe("-12,00");
    for (const c of [0, 1, 99, 100, 123_456, 9_007_199_254_740_991]) expect(parseAmount(centsToInput(c, "nl"), "nl")).toBe(BigInt(c));
  });
});
