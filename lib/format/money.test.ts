import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

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
