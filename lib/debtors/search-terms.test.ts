import { describe, expect, it } from "vitest";
import { ibanSpellings, normaliseIban, normalisePhone, parseSearchTerms, phoneLikePattern, searchAmountCents, SEARCH_MAX_LENGTH } from "./search-terms";

describe("searchAmountCents", () => {
  it.each([
    ["1250", 125_000n],
    ["1.250,00", 125_000n],
    ["1,250.00", 125_000n],
    ["€ 1.250", 125_000n],
    ["€1250", 125_000n],
    ["EUR 1.250,00", 125_000n],
    ["1.250", 125_000n],
    ["1,250", 125_000n],
    ["1 250,00", 125_000n],
    ["1.250,-", 125_000n],
    ["12,5", 1_250n],
    ["12.50", 1_250n],
    ["0,50", 50n],
    ["1.234.567,89", 123_456_789n],
    ["-125,00", -12_500n],
  ])("reads %s as %s cents", (text, cents) => {
    expect(searchAmountCents(text)).toBe(cents);
  });

  it.each(["", "F2026-0012", "0301234567", "0", "0,00", "12,345,67", "abc", "1..2", "€", "1e5", "99999999999999999999", "NL91ABNA0417164300"])("finds no amount in %j", (text) => {
    expect(searchAmountCents(text)).toBeNull();
  });
});

describe("normalisePhone", () => {
  it("gives every way of writing a Dutch number the same form", () => {
    const forms = ["+31 30 123 4567", "030-1234567", "0301234567", "030 123 45 67", "(030) 1234567", "0031 30 1234567", "+31 (0)30 123 4567", "0031(0)30-123.45.67", "tel:+31301234567", "301234567"];
    for (const f of forms) expect(normalisePhone(f), f).toBe("+31301234567");
    expect(normalisePhone("06-12345678")).toBe("+31612345678");
    expect(normalisePhone("+31 6 1234 5678")).toBe("+31612345678");
  });

  it("keeps another country's code", () => {
    expect(normalisePhone("+32 2 123 45 67")).toBe("+3221234567");
    expect(normalisePhone("0032 2 123 45 67")).toBe("+3221234567");
    expect(normalisePhone("+49 30 1234567")).not.toBe(normalisePhone("030 1234567"));
  });

  it.each(["", "1250", "F2026-0012", "jan", "12-12-2026", "++31301234567", "0", "+", "030-12", "0000000000", null, undefined])("finds no phone number in %j", (text) => {
    expect(normalisePhone(text)).toBeNull();
  });

  it("gives a LIKE pattern that the stored forms match and that only needs digits in order", () => {
    const pattern = phoneLikePattern("+31301234567");
    expect(pattern).toBe("%3%0%1%2%3%4%5%6%7");
    const like = new RegExp(`^${pattern.replace(/%/g, ".*")}$`);
    for (const stored of ["+31 30 123 4567", "030-1234567", "+31 (0)30 123 45 67"]) expect(like.test(stored), stored).toBe(true);
  });
});

describe("normaliseIban", () => {
  it("ignores spaces, case and an IBAN: label", () => {
    expect(normaliseIban("nl91 abna 0417 1643 00")).toBe("NL91ABNA0417164300");
    expect(normaliseIban("IBAN: NL91ABNA0417164300")).toBe("NL91ABNA0417164300");
    expect(normaliseIban("F2026-0012")).toBeNull();
    expect(normaliseIban("1250")).toBeNull();
  });

  it("lists the spellings an index lookup tries", () => {
    expect(ibanSpellings("NL91ABNA0417164300")).toEqual(["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "nl91 abna 0417 1643 00"]);
  });
});

describe("parseSearchTerms", () => {
  it("says what a text may be", () => {
    expect(parseSearchTerms(" F2026-0012 ")).toMatchObject({ text: "F2026-0012", invoiceNumber: "F2026-0012", amountCents: null, phone: null, iban: null });
    expect(parseSearchTerms("1.250,00")).toMatchObject({ invoiceNumber: null, amountCents: 125_000n, phone: null, contactName: null });
    expect(parseSearchTerms("030-1234567")).toMatchObject({ phone: "+31301234567", amountCents: null });
    expect(parseSearchTerms("Jan de Vries")).toMatchObject({ contactName: "Jan de Vries", invoiceNumber: null, amountCents: null, phone: null });
    expect(parseSearchTerms("NL91 ABNA 0417 1643 00").iban).toBe("NL91ABNA0417164300");
  });

  it("bounds the text and never throws on odd input", () => {
    expect(parseSearchTerms("x".repeat(5000)).text).toHaveLength(SEARCH_MAX_LENGTH);
    for (const odd of ["%", "_", "'; DROP TABLE x; --", "\u0000", "💶 1250", "((((", "+".repeat(40), "\\", "0".repeat(100)]) {
      expect(() => parseSearchTerms(odd)).not.toThrow();
    }
    expect(parseSearchTerms("%").invoiceNumber).toBeNull();
    expect(parseSearchTerms(undefined as unknown as string).text).toBe("");
  });
});
