import { describe, expect, it } from "vitest";
import { formatNumber } from "./number";

describe("formatNumber", () => {
  it("writes figures the Dutch or English way", () => {
    expect(formatNumber(81.6, "nl")).toBe("81,6");
    expect(formatNumber(81.6, "en")).toBe("81.6");
    expect(formatNumber(1250, "nl")).toBe("1.250");
    expect(formatNumber(1250, "en")).toBe("1,250");
    expect(formatNumber(2 / 3, "nl", 2)).toBe("0,67");
    expect(formatNumber(12, "nl")).toBe("12");
  });
});
