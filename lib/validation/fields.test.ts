import { describe, expect, it } from "vitest";
import { hasMarkup, moneyField } from "./fields";

describe("shared fields", () => {
  it("tells markup from text", () => {
    expect(["<b>", "< script", "</div>", "<!--", "javascript:alert(1)"].map(hasMarkup)).toEqual([true, true, true, true, true]);
    expect(["a < b", "5 <= 6", "prijs < € 500", "e-mail: a@b.nl"].map(hasMarkup)).toEqual([false, false, false, false]);
  });

  it("reads typed amounts to cents the Dutch way when grouped without decimals", () => {
    expect(moneyField().parse("1.500")).toBe(150_000n);
    expect(moneyField().parse("€ 1.234,56")).toBe(123_456n);
    expect(moneyField().parse("1234.5")).toBe(123_450n);
    expect(moneyField().safeParse("0,00").success).toBe(false);
  });
});
