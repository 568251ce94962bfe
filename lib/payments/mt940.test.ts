import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeMt940, parseMt940 } from "./mt940";

/**
 * The fixtures are our own statements (names, accounts and amounts made up, IBANs with valid
 * check digits) written in the line layouts of public sample files:
 * - ing.sta: gingerpayments/python-libmt94x ginger/libmt94x/tests/examples/ming-from-spec.txt (the
 *   example in ING's "MT940 Mijn ING Zakelijk" spec) and zilverline/mt940 spec/fixtures/ing/mt940_iban.txt.
 *   The RC (storno) line is ours: no public ING file with RD/RC was found.
 * - rabobank.sta: zilverline/mt940 spec/fixtures/rabobank_mt940_structured.txt, spec/fixtures/rabobank/line_break_in_remi.txt
 *   and spec/fixtures/rabobank_mt940_structured_dutch_tax.txt (CDTRREF); sandermarechal/jejik-mt940
 *   tests/Jejik/Tests/MT940/Fixture/document/rabobank-iban.txt.
 * - abnamro.sta: zilverline/mt940 spec/fixtures/abnamro_structured.txt (identical lines, SEPA IDEAL text),
 *   spec/fixtures/abn/abn_structured_sepa_overboeking.txt and abn_structured_sepa_acceptgiro.txt;
 *   sandermarechal/jejik-mt940 tests/Jejik/Tests/MT940/Fixture/document/abnamro.txt (BEA, :60M:, "-" trailers).
 * - asn.sta (ASN Bank, de Volksbank): wolph/mt940 mt940_tests/ASNB/mt940.txt and
 *   mt940_with_spaces_for_entry_date.txt; fruitl00p/php-mt940 test/Parser/Banking/Mt940/Engine/Asn/sample (incasso).
 * - sns.sta (SNS, de Volksbank): zilverline/mt940 spec/fixtures/sns/sns_customer_reference.txt.
 * - gvc-storno.sta (?20 fields, RD with funds code): sandermarechal/jejik-mt940
 *   tests/Jejik/Tests/MT940/Fixture/document/sparkasse2.txt (a German Sparkasse; no Dutch bank sample used ?20).
 */
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", "mt940", name), "utf8");
const line = (over: Record<string, unknown>) => ({ currency: "EUR", counterpartyName: null, counterpartyIban: null, entryRef: null, ...over });

describe("MT940 of Dutch banks", () => {
  it("reads ING (structured :86: with /EREF/, /CNTP/, /REMI/USTD// and STRD/CUR/); the bank reference is the entry ref", () => {
    const r = parseMt940(fixture("ing.sta"));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe("mt940");
    expect(r.accountIban).toBe("NL83INGB0004812345");
    expect(r.lines.slice(0, 3)).toEqual([
      line({ lineNo: 8, valueDate: "2024-03-11", amountCents: 60_500n, counterpartyName: "Bakkerij de Korenschoof B.V.", counterpartyIban: "NL49ABNA0417700981", description: "Factuur F2024-0117 klantnr 7781", entryRef: "00000000012001" }),
      line({ lineNo: 13, valueDate: "2024-03-11", amountCents: -4_840n, counterpartyName: "Telecom Noord B.V.", counterpartyIban: "NL28INGB0009900112", description: "Termijn maart 2024", entryRef: "00000000012002" }),
      // Only a structured creditor reference: it is the description.
      line({ lineNo: 18, valueDate: "2024-03-11", amountCents: 25_000n, counterpartyName: "Tandartspraktijk Zuid", counterpartyIban: "NL39RABO0155500732", description: "4024117700112233", entryRef: "00000000012003" }),
    ]);
    expect(r.lines[6]).toEqual(line({ lineNo: 34, valueDate: "2024-03-12", amountCents: -121_000n, description: "TOTAAL 3 POSTEN", entryRef: "00000000012007" }));
  });

  it("keeps two identical payments as two lines, told apart by the bank reference", () => {
    const [a, b] = parseMt940(fixture("ing.sta")).lines.slice(3, 5);
    expect({ ...a, lineNo: 0, entryRef: "" }).toEqual({ ...b, lineNo: 0, entryRef: "" });
    expect([a!.lineNo, a!.entryRef, b!.lineNo, b!.entryRef]).toEqual([22, "00000000012004", 26, "00000000012005"]);
    expect(a).toMatchObject({ amountCents: 12_500n, counterpartyName: "J. Hendriks", description: "Termijn 2 van 4 factuur F2024-0098" });
  });

  it("marks a reversal as [storno] and books it as SWIFT says: RC (reversed credit) out, RD (reversed debit) in", () => {
    expect(parseMt940(fixture("ing.sta")).lines[5]).toEqual(
      line({ lineNo: 30, valueDate: "2024-03-12", amountCents: -7_500n, counterpartyName: "Lunchroom Het Pleintje", counterpartyIban: "NL68ABNA0602331118", description: "[storno] Factuur F2024-0101", entryRef: "00000000012006", reversal: true }),
    );
    const r = parseMt940(fixture("gvc-storno.sta"));
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("DE44500105175407324931");
    expect(r.lines).toEqual([
      // ?20 ends a full 27-character field mid-word, ?31 holds an account that is no IBAN.
      line({ lineNo: 5, valueDate: "2024-03-01", amountCents: 8_640n, counterpartyName: "ENTGELTABRECHNUNG", description: "[storno] STORNO KONTOFUEHRUNGSENTGELT FEB 2024", reversal: true }),
      // SEPA keys in ?20..?29: SVWZ+ is the remittance text.
      line({ lineNo: 8, valueDate: "2024-03-05", amountCents: -125_000n, counterpartyName: "Gemeente Zuidveld", counterpartyIban: "NL18INGB0007788990", description: "[storno] Rechnung RE-2024-0415 Kundennr 30071", entryRef: "9911223344", reversal: true }),
    ]);
  });

  it("reads Rabobank: statements without trailers, account on the :61: continuation, /ORDP//NAME/, /BENM//NAME/, CDTRREF", () => {
    const r = parseMt940(fixture("rabobank.sta"));
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("NL03RABO0312456789");
    expect(r.lines).toEqual([
      // "EREF" in :61: points at /EREF/ in :86:.
      line({ lineNo: 6, valueDate: "2024-03-11", amountCents: 96_800n, counterpartyName: "Hoveniersbedrijf Groenrijk V.O.F.", counterpartyIban: "NL68ABNA0602331118", description: "Factuur 2024-0312 en 2024-0318", entryRef: "2024-03-11 Inv 4471" }),
      line({ lineNo: 11, valueDate: "2024-03-11", amountCents: -31_215n, counterpartyName: "Drukkerij Van Sijp", counterpartyIban: "NL28RABO0300771234", description: "5012345678901234", entryRef: "PAY-88231" }),
      // An old account number is no IBAN; NONREF and MARF are no reference.
      line({ lineNo: 15, valueDate: "2024-03-11", amountCents: 4_550n, counterpartyName: "J.P. Smits", description: "Restant factuur 2024-0299" }),
      line({ lineNo: 24, valueDate: "2024-03-12", amountCents: 15_000n, counterpartyName: "Stichting Jeugdwerk Oost", counterpartyIban: "NL14INGB0006671234", description: "Contributie maart" }),
    ]);
  });

  it("reads ABN AMRO: bank headers, old card and iDEAL text, /TRTP/ SEPA form, amounts like 12,4 and 1210,", () => {
    const r = parseMt940(fixture("abnamro.sta"));
    expect(r.errors).toEqual([]);
    // ABN AMRO writes its own account number, not an IBAN.
    expect(r.accountIban).toBeNull();
    expect(r.lines.slice(0, 3)).toEqual([
      line({ lineNo: 8, valueDate: "2024-03-11", amountCents: -1_240n, description: "BEA NR:KX4471 11.03.24/08.12 TANKSTATION DE LINDE ZWOLLE,PAS112" }),
      line({ lineNo: 10, valueDate: "2024-03-11", amountCents: 121_000n, counterpartyName: "INSTALLATIEBEDRIJF MEIJER B.V.", counterpartyIban: "NL02ABNA0123456789", description: "FACTUUR 2024-0207" }),
      line({ lineNo: 14, valueDate: "2024-03-11", amountCents: 8_895n, counterpartyName: "R. DE VRIES", counterpartyIban: "NL46RABO0987650123", description: "0311 2024-0305 WEBSHOP BESTELLING" }),
    ]);
  });

  it("keeps two identical ABN AMRO lines without a bank reference as two lines (only the line number differs)", () => {
    const [a, b] = parseMt940(fixture("abnamro.sta")).lines.slice(3);
    const same = { valueDate: "2024-03-12", amountCents: 45_000n, counterpartyName: "GEMEENTE ZUIDVELD", counterpartyIban: "NL18INGB0007788990", description: "4411223344556677" };
    expect([a, b]).toEqual([line({ lineNo: 28, ...same }), line({ lineNo: 32, ...same })]);
  });

  it("reads ASN Bank (de Volksbank): account in the reference, 65-column text, entry date as spaces, /TRTP/ inside", () => {
    const r = parseMt940(fixture("asn.sta"));
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("NL75ASNB0708855442");
    expect(r.lines).toEqual([
      line({ lineNo: 6, valueDate: "2024-03-11", amountCents: 72_600n, counterpartyName: "klussenbedrijf de wit", counterpartyIban: "NL85ABNA0569900123", description: "Betaling factuur 2024-0150 en 2024-0151 met dank voor de snelle levering" }),
      line({ lineNo: 15, valueDate: "2024-03-11", amountCents: -210n, description: "Kosten gebruik betaalrekening maart" }),
      line({ lineNo: 29, valueDate: "2024-03-12", amountCents: -9_540n, counterpartyName: "energiebedrijf noord bv", counterpartyIban: "NL66INGB0003344556", description: "Klantnummer 55012/Termijn maart 2024" }),
    ]);
  });

  it("reads SNS (de Volksbank): an old account number in the reference, the bank reference after //", () => {
    const r = parseMt940(fixture("sns.sta"));
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([line({ lineNo: 6, valueDate: "2024-03-04", amountCents: -10_000n, counterpartyName: "waterschap de vallei", description: "AANSLAG 2024 NR 778812", entryRef: "2024030498765432" })]);
  });
});

describe("MT940 file handling", () => {
  it("reads CRLF like LF, and SWIFT blocks on one line (with a nested {3:{108:…}}) like blocks on separate lines", () => {
    const lf = parseMt940(fixture("ing.sta"));
    expect(parseMt940(fixture("ing.sta").replace(/\n/g, "\r\n"))).toEqual(lf);
    const oneLine = fixture("ing.sta").replace("{1:F01INGBNL2ABXXX0000000000}\n{2:I940INGBNL2AXXXN}\n{4:\n", "{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{3:{108:B24031100000001}}{4:\n");
    expect(parseMt940(oneLine).lines).toEqual(lf.lines.map((l) => ({ ...l, lineNo: l.lineNo - 2 })));
  });

  it("reads several statements in one file, the currency from each :60F:/:60M:", () => {
    const r = parseMt940(fixture("abnamro.sta") + fixture("abnamro.sta").replaceAll("EUR", "USD"));
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => `${l.lineNo} ${l.currency}`)).toEqual(["8 EUR", "10 EUR", "14 EUR", "28 EUR", "32 EUR", "45 USD", "47 USD", "51 USD", "65 USD", "69 USD"]);
  });

  it("ignores :86: after the closing balance (statement summary) and joins wrapped :86: lines", () => {
    const r = parseMt940(fixture("ing.sta"));
    expect(r.lines).toHaveLength(7);
    expect(r.lines[0]!.counterpartyName).toBe("Bakkerij de Korenschoof B.V.");
  });

  it("cuts the description at 500 characters", () => {
    const text = `:20:X\n:25:NL83INGB0004812345\n:60F:C240301EUR0,00\n:61:2403010301C1,00NTRFNONREF//R1\n:86:/REMI/USTD//${"factuur ".repeat(80)}/\n:62F:C240301EUR1,00\n`;
    const [l] = parseMt940(text).lines;
    expect(l!.description).toHaveLength(500);
  });

  it("tells MT940 from other text", () => {
    for (const f of ["ing.sta", "rabobank.sta", "abnamro.sta", "asn.sta", "sns.sta"]) expect(looksLikeMt940(fixture(f))).toBe(true);
    expect(looksLikeMt940('"Datum";"Bedrag"\n"20240301";"1,00"\n')).toBe(false);
  });
});

describe("MT940 errors (a file with any error imports nothing)", () => {
  const head = ":20:STMT1\n:25:NL83INGB0004812345EUR\n:28C:1/1\n:60F:C240301EUR100,00\n";

  it("numbers a :61: that cannot be read, an impossible date, and too many decimals", () => {
    const text =
      head +
      ":61:2403010301C10,00NTRFNONREF//B1\n" + // 5: fine
      ":61:240301X10,00NTRFNONREF\n" + // 6: no D/C mark
      ":61:2403011000NTRFNONREF\n" + // 7: amount without a comma
      ":61:2402300230C10,00NTRFNONREF\n" + // 8: 30 February (value and entry date)
      ":61:2403011301C5,00NTRFNONREF\n" + // 9: entry month 13
      ":61:2403010301D5,125NTRFNONREF\n" + // 10: 3 decimals
      ":62F:C240301EUR110,00\n-\n";
    const r = parseMt940(text);
    expect(r.errors.map((e) => e.line)).toEqual([6, 7, 8, 8, 9, 10]);
    expect(r.errors[0]!.message).toContain('statement line (:61:) "240301X10,00NTRFNONREF" cannot be read');
    expect(r.errors.slice(2).map((e) => e.message)).toEqual([
      'value date "240230" is not a valid date',
      'entry date "0230" is not a valid date',
      'entry date "1301" is not a valid date',
      'amount "5,125" has more than 2 decimals',
    ]);
    expect(r.lines.map((l) => l.lineNo)).toEqual([5]);
  });

  it("reports a statement without :25: at its first line", () => {
    const r = parseMt940(head + ":62F:C240301EUR100,00\n-\n:20:STMT2\n:28C:2/1\n:60F:C240301EUR100,00\n:61:2403010301C1,00NTRFNONREF\n:62F:C240301EUR101,00\n-\n");
    expect(r.errors).toEqual([{ line: 7, message: "statement has no account number (:25:)" }]);
  });

  it("refuses statements of two accounts in one file, and an unreadable opening balance", () => {
    const other = head.replace("NL83INGB0004812345", "NL28INGB0009900112").replace(":60F:C240301EUR100,00", ":60F:C2403EUR100");
    const r = parseMt940(`${head}:62F:C240301EUR100,00\n-\n${other}:62F:C240301EUR100,00\n-\n`);
    expect(r.errors).toEqual([
      { line: 8, message: "statement for account NL28INGB0009900112 in a file for account NL83INGB0004812345: import each account's statements as a separate file" },
      { line: 10, message: 'opening balance "C2403EUR100" cannot be read' },
    ]);
  });

  it("reports a file without MT940 fields, and a :61: whose currency is unknown", () => {
    expect(parseMt940("Datum;Bedrag\n20240301;1,00\n").errors).toEqual([{ line: 0, message: "file holds no MT940 statement (no :20:, :25: or :61: field)" }]);
    const r = parseMt940(":20:X\n:25:NL83INGB0004812345\n:61:2403010301C1,00NTRFNONREF\n");
    expect(r.errors).toEqual([{ line: 3, message: "currency unknown: the statement has no opening balance (:60F:)" }]);
  });
});
