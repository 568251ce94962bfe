import { describe, expect, it } from "vitest";
import {
  detectDateOrder,
  detectDecimalSeparator,
  excelSerialToDate,
  parseAmount,
  parseBoolean,
  parseContactRole,
  parseCurrency,
  parseDate,
  parseEmail,
  parseIban,
  parseInvoiceNumbers,
  parsePhone,
  type ValueResult,
} from "./values";

function value<T>(r: ValueResult<T>): T {
  if (!r.ok) throw new Error(`expected a value, got "${r.message}"`);
  return r.value;
}

function refusal<T>(r: ValueResult<T>): string {
  if (r.ok) throw new Error(`expected a refusal, got ${String(r.value)}`);
  return r.message;
}

describe("parseAmount", () => {
  it.each([
    ["1.234,56", 123456n],
    ["1,234.56", 123456n],
    ["1234,5", 123450n],
    ["1234.56", 123456n],
    ["-12,00", -1200n],
    ["12,00-", -1200n],
    ["(12,00)", -1200n],
    ["€ 1.234,56", 123456n],
    ["-€ 7,05", -705n],
    ["€ -7,05", -705n],
    ["EUR 12.50", 1250n],
    ["12,50 eur", 1250n],
    ["$1,000.00", 100000n],
    ["1 234,56", 123456n],
    ["1\u00a0234\u00a0567,89", 123456789n],
    ["1.234.567", 123456700n],
    ["1234", 123400n],
    ["0", 0n],
    ["+5", 500n],
    ["\u22125,00", -500n],
    ["12,5000", 1250n],
    ["12.00000", 1200n],
    ["0,125", null],
  ])("reads %s", (text, cents) => {
    if (cents === null) expect(refusal(parseAmount(text))).toBe(`"${text}" has more than 2 decimals`);
    else expect(value(parseAmount(text))).toBe(cents);
  });

  it("leaves 1,234 and 1.234 to the column's decimal separator", () => {
    expect(refusal(parseAmount("1,234"))).toMatch(/^"1,234" is ambiguous/);
    expect(value(parseAmount("1.234", "nl"))).toBe(123400n);
    expect(value(parseAmount("1,234", "en"))).toBe(123400n);
    expect(value(parseAmount("1,234", "."))).toBe(123400n);
    expect(refusal(parseAmount("1,234", "nl"))).toBe('"1,234" has more than 2 decimals');
    expect(value(parseAmount("1,200", ","))).toBe(120n);
    expect(value(parseAmount("12,500", "nl"))).toBe(1250n);
    // Not a thousands group whatever the column says.
    expect(refusal(parseAmount("1234,567"))).toBe('"1234,567" has more than 2 decimals');
  });

  it("reads plain amounts (digits, one or two decimals) the same whatever the column's separator", () => {
    for (const hint of [undefined, "nl", "en", ",", "."] as const) {
      expect(value(parseAmount("1234,56", hint))).toBe(123456n);
      expect(value(parseAmount("1234.5", hint))).toBe(123450n);
      expect(value(parseAmount(" -0,5 ", hint))).toBe(-50n);
      expect(value(parseAmount("0001234,05", hint))).toBe(123405n);
      expect(value(parseAmount("9999999999999,99", hint))).toBe(999999999999999n);
    }
    // Past 13 whole digits (leading zeros aside) the general rules answer.
    expect(refusal(parseAmount("12345678901234,00"))).toMatch(/12345678901234,00/);
    expect(value(parseAmount("00000000000001,00"))).toBe(100n);
  });

  it("rounds a spreadsheet's binary noise but not typed decimals", () => {
    expect(value(parseAmount("1234.5600000000001"))).toBe(123456n);
    expect(value(parseAmount("0.30000000000000004"))).toBe(30n);
    expect(value(parseAmount("-99.989999999999995"))).toBe(-9999n);
    expect(refusal(parseAmount("12.345", "en"))).toBe('"12.345" has more than 2 decimals');
    expect(refusal(parseAmount("0.125"))).toBe('"0.125" has more than 2 decimals');
  });

  it.each([
    ["", "no amount given"],
    ["   ", "no amount given"],
    ["abc", '"abc" is not an amount'],
    ["12 euro", '"12 euro" is not an amount'],
    ["EURO 12", '"EURO 12" is not an amount'],
    ["12,34,56", '"12,34,56" is not an amount'],
    ["1.23.456", '"1.23.456" is not an amount'],
    ["1,234.567,89", '"1,234.567,89" is not an amount'],
    ["--5", '"--5" is not an amount'],
    ["-12,00-", '"-12,00-" is not an amount'],
    ["12,", '"12," is not an amount'],
    ["12e3", '"12e3" is not an amount'],
    ["99999999999999", '"99999999999999" is too large to be an amount'],
  ])("refuses %j", (text, message) => {
    expect(refusal(parseAmount(text))).toBe(message);
  });

  it("detects a column's decimal separator from the values that show it", () => {
    expect(detectDecimalSeparator(["1,234", "12,50", "7"])).toBe(",");
    expect(detectDecimalSeparator(["1,234", "1,234.00"])).toBe(".");
    expect(detectDecimalSeparator(["1.234.567", "1,234"])).toBe(",");
    expect(detectDecimalSeparator(["€ 1.234,56-", "(3,10)"])).toBe(",");
    expect(detectDecimalSeparator(["1,234", "5", ""])).toBeNull();
    expect(detectDecimalSeparator(["1,50", "2.50"])).toBeNull();
  });
});

describe("parseDate", () => {
  it.each([
    ["31-12-2026", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["31.12.2026", "2026-12-31"],
    ["1-2-2026", "2026-02-01"],
    ["2026-12-31", "2026-12-31"],
    ["2026/1/5", "2026-01-05"],
    ["20261231", "2026-12-31"],
    ["31-12-26", "2026-12-31"],
    ["31 dec 2026", "2026-12-31"],
    ["31 december 2026", "2026-12-31"],
    ["31 dec. 2026", "2026-12-31"],
    ["Dec 31, 2026", "2026-12-31"],
    ["December 31 2026", "2026-12-31"],
    ["31-mrt-2026", "2026-03-31"],
    ["1 mei 2026", "2026-05-01"],
    ["15 okt 26", "2026-10-15"],
    ["3 March 2026", "2026-03-03"],
    ["vr 31 jul 2026", "2026-07-31"],
    ["2026-12-31T00:00:00", "2026-12-31"],
    ["31-12-2026 14:35", "2026-12-31"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s", (text, date) => {
    expect(value(parseDate(text))).toBe(date);
  });

  it("reads numeric dates in the column's order", () => {
    expect(value(parseDate("03-04-2026"))).toBe("2026-04-03");
    expect(value(parseDate("03-04-2026", "dmy"))).toBe("2026-04-03");
    expect(value(parseDate("03/04/2026", "mdy"))).toBe("2026-03-04");
    expect(value(parseDate("26-04-03", "ymd"))).toBe("2026-04-03");
    expect(value(parseDate("46387", "serial"))).toBe("2026-12-31");
    expect(value(parseDate("31-12-2026", "serial"))).toBe("2026-12-31");
  });

  it.each([
    ["", "no date given"],
    ["31-02-2026", '"31-02-2026" is not a date (February 2026 has 28 days)'],
    ["29-02-2025", '"29-02-2025" is not a date (February 2025 has 28 days)'],
    ["31-04-2026", '"31-04-2026" is not a date (April 2026 has 30 days)'],
    ["12-13-2026", '"12-13-2026" is not a date (there is no month 13)'],
    ["31 dex 2026", '"31 dex 2026" is not a date ("dex" is not a month)'],
    ["mei", '"mei" is not a date'],
    ["46387", '"46387" is not a date'],
    ["31-12-1826", '"31-12-1826" is not a date (year 1826 is out of range)'],
    ["gisteren", '"gisteren" is not a date'],
    ["2026-12", '"2026-12" is not a date'],
  ])("refuses %j", (text, message) => {
    expect(refusal(parseDate(text))).toBe(message);
  });

  it("detects a column's date order", () => {
    expect(detectDateOrder(["01-02-2026", "25-12-2026"])).toBe("dmy");
    expect(detectDateOrder(["01/02/2026", "12/25/2026"])).toBe("mdy");
    expect(detectDateOrder(["01-02-2026", "03-04-2026"])).toBe("dmy");
    expect(detectDateOrder(["13-01-2026", "01-13-2026"])).toBe("dmy");
    expect(detectDateOrder(["46022", "46387", " "])).toBe("serial");
    expect(detectDateOrder(["46022", "12"])).toBe("dmy");
    expect(detectDateOrder([])).toBe("dmy");
  });

  it("converts Excel serial numbers with the 1900 leap-year bug and the 1904 system", () => {
    expect(excelSerialToDate(1, false)).toBe("1900-01-01");
    expect(excelSerialToDate(59, false)).toBe("1900-02-28");
    expect(excelSerialToDate(60, false)).toBeNull();
    expect(excelSerialToDate(61, false)).toBe("1900-03-01");
    expect(excelSerialToDate(46022.99, false)).toBe("2025-12-31");
    expect(excelSerialToDate(0, true)).toBe("1904-01-01");
    expect(excelSerialToDate(0, false)).toBeNull();
    expect(excelSerialToDate(-1, false)).toBeNull();
    expect(excelSerialToDate(3_000_000, false)).toBeNull();
  });
});

describe("parseCurrency", () => {
  it.each([
    ["EUR", "EUR"],
    ["eur", "EUR"],
    [" € ", "EUR"],
    ["$", "USD"],
    ["£", "GBP"],
    ["chf", "CHF"],
    ["XCG", "XCG"],
  ])("reads %j", (text, code) => {
    expect(value(parseCurrency(text))).toBe(code);
  });

  it("refuses unknown and non-billing codes", () => {
    expect(refusal(parseCurrency("EURO"))).toBe("unknown currency 'EURO'");
    expect(refusal(parseCurrency("XXX"))).toBe("unknown currency 'XXX'");
    expect(refusal(parseCurrency("HRK"))).toBe("unknown currency 'HRK'");
    expect(refusal(parseCurrency(""))).toBe("no currency given");
  });
});

describe("parseIban", () => {
  it("strips spaces, upper-cases and checks the mod-97 digits", () => {
    expect(value(parseIban("nl91 abna 0417 1643 00"))).toBe("NL91ABNA0417164300");
    expect(value(parseIban("BE68 5390 0754 7034"))).toBe("BE68539007547034");
    expect(value(parseIban("DE89 3704 0044 0532 0130 00"))).toBe("DE89370400440532013000");
    expect(value(parseIban("IBAN GB29 NWBK 6016 1331 9268 19"))).toBe("GB29NWBK60161331926819");
  });

  it("refuses a typo, a wrong length and non-IBANs", () => {
    expect(refusal(parseIban("NL91 ABNA 0417 1643 01"))).toBe('"NL91 ABNA 0417 1643 01" is not a valid IBAN (the check digits do not match; a typing error?)');
    expect(refusal(parseIban("NL91ABNA04171643000"))).toBe('"NL91ABNA04171643000" is not an IBAN (NL IBANs have 18 characters, this one has 19)');
    expect(refusal(parseIban("417164300"))).toBe('"417164300" is not an IBAN');
    expect(refusal(parseIban(""))).toBe("no IBAN given");
  });
});

describe("parseEmail", () => {
  it("reads one address, unwrapping a display name and mailto:", () => {
    expect(value(parseEmail(" Debiteuren@Jansen.NL "))).toBe("Debiteuren@jansen.nl");
    expect(value(parseEmail("Jansen B.V. <factuur@jansen-bv.nl>"))).toBe("factuur@jansen-bv.nl");
    expect(value(parseEmail("mailto:info@café.nl"))).toBe("info@café.nl");
    expect(value(parseEmail("a.b+tag@sub.example.co.uk"))).toBe("a.b+tag@sub.example.co.uk");
  });

  it.each([
    ["jansen.nl", '"jansen.nl" is not an e-mail address'],
    ["a@b", '"a@b" is not an e-mail address'],
    ["a..b@x.nl", '"a..b@x.nl" is not an e-mail address'],
    ["a b@x.nl", '"a b@x.nl" is not an e-mail address'],
    ["a@x.nl; b@y.nl", '"a@x.nl; b@y.nl" holds more than one e-mail address; give one per cell'],
    ["", "no e-mail address given"],
  ])("refuses %j", (text, message) => {
    expect(refusal(parseEmail(text))).toBe(message);
  });
});

describe("parsePhone", () => {
  it("keeps +, digits and single spaces", () => {
    expect(value(parsePhone("+31 (0)20 - 123 45 67"))).toBe("+31 20 123 45 67");
    expect(value(parsePhone("020-1234567"))).toBe("020 1234567");
    expect(value(parsePhone("(020) 123.45.67"))).toBe("020 123 45 67");
    expect(value(parsePhone("0031 6 12345678"))).toBe("0031 6 12345678");
    expect(value(parsePhone("tel:+32470123456"))).toBe("+32470123456");
  });

  it("refuses text, too few digits and a + in the middle", () => {
    expect(refusal(parsePhone("bellen na 17u"))).toBe('"bellen na 17u" is not a phone number');
    expect(refusal(parsePhone("12345"))).toBe('"12345" is not a phone number');
    expect(refusal(parsePhone("020+1234567"))).toBe('"020+1234567" is not a phone number');
    expect(refusal(parsePhone(""))).toBe("no phone number given");
  });
});

describe("parseBoolean", () => {
  it.each(["ja", "JA", "j", "yes", "Y", "true", "TRUE", "WAAR", "1", "x", " X "])("reads %j as true", (text) => {
    expect(value(parseBoolean(text))).toBe(true);
  });

  it.each(["nee", "n", "no", "false", "FALSE", "ONWAAR", "0"])("reads %j as false", (text) => {
    expect(value(parseBoolean(text))).toBe(false);
  });

  it("refuses anything else", () => {
    expect(refusal(parseBoolean("misschien"))).toBe('"misschien" is not yes or no (ja/nee, yes/no, true/false, 1/0, x)');
    expect(refusal(parseBoolean(""))).toBe("no yes/no value given");
  });
});

describe("parseContactRole", () => {
  it.each([
    ["Crediteurenadministratie", "accounts_payable"],
    ["Financiële administratie", "accounts_payable"],
    ["Accounts payable", "accounts_payable"],
    ["Inkoop", "buyer"],
    ["purchasing", "buyer"],
    ["Directie", "management"],
    ["CFO", "management"],
    ["Overig", "other"],
  ])("reads %j as %s", (text, role) => {
    expect(value(parseContactRole(text))).toBe(role);
  });

  it("refuses a role it does not know, naming the four", () => {
    expect(refusal(parseContactRole("Koffiejuffrouw"))).toBe('"Koffiejuffrouw" is not a contact role (accounts payable, purchasing, management or other)');
  });
});

describe("parseInvoiceNumbers", () => {
  it("reads one or more numbers, whatever separates them, once each", () => {
    expect(value(parseInvoiceNumbers("F-1001"))).toEqual(["F-1001"]);
    expect(value(parseInvoiceNumbers("F-1001, F-1002; F-1003 | F-1001"))).toEqual(["F-1001", "F-1002", "F-1003"]);
  });

  it("refuses more than 50 numbers and a number too long to be one", () => {
    expect(refusal(parseInvoiceNumbers(Array.from({ length: 51 }, (_, i) => `F${i}`).join(",")))).toBe("51 invoice numbers in one cell; at most 50");
    expect(refusal(parseInvoiceNumbers("x".repeat(61)))).toMatch(/is too long for an invoice number$/);
  });
});
