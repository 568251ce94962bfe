import { describe, expect, it } from "vitest";
import { formatIban, isValidBic, isValidIban, normaliseIban } from "./iban";

describe("IBAN check", () => {
  it("accepts real IBANs however they are spaced or cased", () => {
    expect(isValidIban("NL91ABNA0417164300")).toBe(true);
    expect(isValidIban("nl91 abna 0417 1643 00")).toBe(true);
    expect(isValidIban("BE68 5390 0754 7034")).toBe(true);
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("GB29 NWBK 6016 1331 9268 19")).toBe(true);
  });

  it("refuses a typo (the mod-97 check), a wrong length for the country and anything else", () => {
    expect(isValidIban("NL91ABNA0417164301")).toBe(false);
    expect(isValidIban("NL19ABNA0417164300")).toBe(false);
    expect(isValidIban("NL91ABNA04171643")).toBe(false);
    expect(isValidIban("12345")).toBe(false);
    expect(isValidIban("")).toBe(false);
    expect(isValidIban("NL91-ABNA-0417-1643-00")).toBe(false);
  });

  it("stores without spaces and shows in groups of four", () => {
    expect(normaliseIban(" nl91 abna 0417 1643 00 ")).toBe("NL91ABNA0417164300");
    expect(formatIban("NL91ABNA0417164300")).toBe("NL91 ABNA 0417 1643 00");
  });

  it("checks the form of a BIC", () => {
    expect(isValidBic("ABNANL2A")).toBe(true);
    expect(isValidBic("abnanl2a xxx")).toBe(true);
    expect(isValidBic("ABNA")).toBe(false);
  });
});
