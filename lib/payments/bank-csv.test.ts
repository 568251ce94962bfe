import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { abnAccountIban } from "./bank-csv-layouts";
import { parseCsv } from "./bank-csv";
import { parseBankStatement } from "./bank-statement-parse";

/**
 * The fixtures are our own exports (names, accounts, amounts and texts made up; IBANs with valid
 * check digits) written in the shapes of public sample files:
 * - ing.csv (2023+ export: ";" and "Saldo na mutatie", "Tag"): RSHKwee/ing2ofx src/test/resources/Alle_rekeningen.csv
 *   and ING_Enkele.csv; the two identical fee lines as in gpaulissen/ofxstatement-dutch
 *   tests/samples/ing_ok_Mutatiesoort_Extra_Unquoted.csv. English headers: RSHKwee/ing2ofx
 *   src/test/resources/Alle_rekeningen_eng.csv and DanielHaitink/YNABGoingDutch testfiles/ing-english.csv.
 * - ing-classic.csv (older "," export, "MutatieSoort"): DanielHaitink/YNABGoingDutch testfiles/ing.csv.
 * - rabobank.csv: DanielHaitink/YNABGoingDutch testfiles/rabo.csv and banks.json (the 26 columns);
 *   Volgnr, codes ("ei", "bc"), Machtigingskenmerk and Incassant ID as in gogognome/gogoaccount
 *   src/test/java/nl/gogognome/gogoaccount/test/ImportBankStatementServiceTest.java. No public file with a
 *   filled "Reden retour" was found: the MD06 return line is ours.
 * - abnamro.tab: denilsonsa/abn-amro-statement-parser TXT_SAMPLE.TAB (the /TRTP/ lines, the 32/64-column SEPA
 *   texts, BEA/GEA and TERUGBOEKING) and the layout notes in its src/abnamroparser/tsvparser.py.
 * - asn.csv: gpaulissen/ofxstatement-dutch tests/samples/transactie-historie_NL00ASNB9999999999_20220717204133.csv
 *   and the field list in its src/ofxstatement_dutch/asn.py (ASN's own description: 19 fields, STO = storno);
 *   DanielHaitink/YNABGoingDutch testfiles/asn.csv (BEA with a ' quoted Betalingskenmerk). The storno line's
 *   internal code 8404 is ours.
 * - knab.csv: gpaulissen/ofxstatement-dutch tests/samples/Knab_transactieoverzicht_ok.csv (banner, trailing ";",
 *   amounts without decimals), DanielHaitink/YNABGoingDutch testfiles/knab.csv (" " as counter account), amounts
 *   like "3,5" from gogognome/gogoaccount ImportBankStatementServiceTest.java.
 * - bunq.csv: the header in DanielHaitink/YNABGoingDutch issue #43 and testfiles/bunq-en.csv (inline below: DD/MM/YYYY,
 *   "15,00"); dot decimals and "1,200.00" as bunq's English exports write them. bunq-nl-wrapped.csv (Dutch headers,
 *   every line wrapped in one more pair of quotes): DanielHaitink/YNABGoingDutch testfiles/bunq.csv.
 *   The newer bunq layout with "Type"/"Balance" columns: no public sample found, inline and ours.
 */
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", "csv", name), "utf8");
const line = (over: Record<string, unknown>) => ({ currency: "EUR", counterpartyName: null, counterpartyIban: null, entryRef: null, ...over });

describe("ING", () => {
  it("reads the current export: Af/Bij signs, Mededelingen reduced to Omschrijving and Kenmerk, identical lines kept", () => {
    const r = parseCsv(fixture("ing.csv"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ format: "csv", layout: "ING CSV", accountIban: "NL95INGB0007315408" });
    expect(r.lines.slice(0, 2)).toEqual([
      line({ lineNo: 2, valueDate: "2026-12-02", amountCents: 121_840n, counterpartyName: "Hoveniersbedrijf De Linde", counterpartyIban: "NL60RABO0151234876", description: "Factuur F2026-000311 debnr 4471 2026-0311-LINDE" }),
      line({ lineNo: 3, valueDate: "2026-12-02", amountCents: -31_275n, counterpartyName: "Energiehuis Noord B.V.", counterpartyIban: "NL53DEUT0265518893", description: "Voorschot december 2026 klant 88120 SDD0261202771" }),
    ]);
    // The bank's two identical fee bookings are two lines: nothing tells them apart but the line.
    const [a, b] = [r.lines[2]!, r.lines[3]!];
    expect([a.lineNo, b.lineNo]).toEqual([4, 5]);
    expect({ ...a, lineNo: 0 }).toEqual({ ...b, lineNo: 0 });
    expect(a).toMatchObject({ amountCents: -315n, description: "1 nov t/m 30 nov 2026 ING BANK N.V.", entryRef: null });
    // A card payment has no Omschrijving: its notes stay whole.
    expect(r.lines[4]).toMatchObject({ lineNo: 6, amountCents: -8_690n, description: "Pasvolgnr: 004 29-11-2026 14:02 Transactie: B41207 Term: CT5521 Valutadatum: 30-11-2026" });
    expect(r.lines[5]).toMatchObject({ lineNo: 7, amountCents: 105_000n, description: "F2026-000298 en F2026-000305" });
  });

  it("reads the older comma export and the English one", () => {
    const classic = parseCsv(fixture("ing-classic.csv"));
    expect(classic.errors).toEqual([]);
    expect(classic.layout).toBe("ING CSV");
    expect(classic.lines.map((l) => [l.lineNo, l.valueDate, l.amountCents, l.counterpartyIban, l.description])).toEqual([
      [2, "2019-05-03", 64_500n, "NL27ABNA0843355710", "factuur F2019-000077"],
      [3, "2019-05-02", -9_995n, "NL85INGB0002871145", "ordernr 55120, toner"],
    ]);
    const english = parseCsv(
      `"Date";"Name / Description";"Account";"Counterparty";"Code";"Debit/credit";"Amount (EUR)";"Transaction type";"Notifications";"Resulting balance";"Tag"\n` +
        `"20261201";"Studio Kade";"NL95INGB0007315408";"NL27BUNQ2041379905";"OV";"Credit";"605,00";"Transfer";"Name: Studio Kade Description: F2026-000322 IBAN: NL27BUNQ2041379905 Reference: KADE-77 Value date: 01/12/2026";"9619,22";""\n` +
        `"20261201";"Kantoorhuis B.V.";"NL95INGB0007315408";"";"GT";"Debet";"5,00";"Online Banking";"x";"9614,22";""\n`,
    );
    expect(english.layout).toBe("ING CSV");
    expect(english.lines).toEqual([line({ lineNo: 2, valueDate: "2026-12-01", amountCents: 60_500n, counterpartyName: "Studio Kade", counterpartyIban: "NL27BUNQ2041379905", description: "F2026-000322 KADE-77" })]);
    expect(english.errors).toEqual([{ line: 3, message: '"Debet" in the Debit/credit column is neither "Debit" nor "Credit"' }]);
  });

  it("gives no account for a file that holds several accounts", () => {
    const text = fixture("ing-classic.csv").replace(/"NL95INGB0007315408","NL85INGB0002871145"/, '"NL61INGB0009981123","NL85INGB0002871145"');
    expect(parseCsv(text)).toMatchObject({ errors: [], accountIban: null });
  });
});

describe("Rabobank", () => {
  it("reads signed amounts, Volgnr as the entry ref, and marks a return (Reden retour) as a reversal", () => {
    const r = parseCsv(fixture("rabobank.csv"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ layout: "Rabobank CSV", accountIban: "NL50RABO0318294567" });
    expect(r.lines[0]).toEqual(
      line({ lineNo: 2, valueDate: "2026-12-01", amountCents: 242_000n, counterpartyName: "Installatietechniek Kamps B.V.", counterpartyIban: "NL27ABNA0843355710", description: "Factuur F2026-000287 klantnr 3320", entryRef: "000000000000004711" }),
    );
    expect(r.lines[3]).toMatchObject({ lineNo: 5, amountCents: -6_413n, description: "Voorschot december 2026" });
    expect(r.lines[4]).toEqual(
      line({
        lineNo: 6, valueDate: "2026-12-03", amountCents: -242_000n, counterpartyName: "Installatietechniek Kamps B.V.", counterpartyIban: "NL27ABNA0843355710",
        description: "Factuur F2026-000287 klantnr 3320 (retour: MD06 Terugboeking op verzoek van de debiteur)", entryRef: "000000000000004715", reversal: true,
      }),
    );
    expect(r.lines.filter((l) => l.reversal).map((l) => l.lineNo)).toEqual([6]);
    expect(r.lines[5]).toMatchObject({ counterpartyName: "Bouwmarkt Zuid", counterpartyIban: null, amountCents: -1_280n });
  });

  it("keeps two identical transfers as two lines, told apart by their Volgnr", () => {
    const [a, b] = parseCsv(fixture("rabobank.csv")).lines.slice(1, 3);
    expect([a!.entryRef, b!.entryRef]).toEqual(["000000000000004712", "000000000000004713"]);
    expect({ ...a, lineNo: 0, entryRef: null }).toEqual({ ...b, lineNo: 0, entryRef: null });
  });

  it("reads a Rabobank file whose columns were cut down as own columns, with Transactiereferentie as reference", () => {
    const r = parseCsv(`"IBAN/BBAN","Volgnr","Datum","Bedrag","Transactiereferentie","Omschrijving-1"\n"NL50RABO0318294567","000000000000004711","2026-12-01","+10,00","REF-1","x"\n`);
    expect(r).toMatchObject({ layout: "CSV (own columns)", errors: [], lines: [{ amountCents: 1_000n, entryRef: "REF-1" }] });
  });

  it("keeps the layout through the byte-level entry point", () => {
    const r = parseBankStatement(new TextEncoder().encode(fixture("rabobank.csv")), "CSV_A_20261203.csv");
    expect(r).toMatchObject({ format: "csv", layout: "Rabobank CSV", errors: [] });
    expect(r.lines).toHaveLength(6);
  });
});

describe("Knab", () => {
  it("passes the KNAB EXPORT banner, keeps physical line numbers, signs by CreditDebet and takes Referentie as entry ref", () => {
    const r = parseCsv(fixture("knab.csv"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ layout: "Knab CSV", accountIban: "NL76KNAB0725519834" });
    expect(r.lines).toEqual([
      line({ lineNo: 3, valueDate: "2026-12-01", amountCents: 125_000n, counterpartyName: "Schildersbedrijf Verhoef", counterpartyIban: "NL53SNSB0921144378", description: "Factuur F2026-000291", entryRef: "C6L01PGQX71AB2CD" }),
      // Booked (Boekdatum) a day after the transaction date.
      line({ lineNo: 4, valueDate: "2026-12-02", amountCents: -4_840n, counterpartyName: "Kantoorhuis B.V.", counterpartyIban: "NL85INGB0002871145", description: "ordernr 55187", entryRef: "C6L01PGRB22EF3GH" }),
      line({ lineNo: 5, valueDate: "2026-11-30", amountCents: -1_375n, counterpartyName: "CCV*LUNCHROOM HET PLEIN", description: "UTRECHT 30-11-2026 12:31 Pas: 0417", entryRef: "C6K30AG0H5000112" }),
    ]);
  });

  it("accepts rows without the trailing delimiter and names a CreditDebet that is neither D nor C", () => {
    const [banner, header, row] = fixture("knab.csv").split("\n");
    const r = parseCsv([banner, header, row!.replace(/;$/, ""), row!.replace('"C";"1250"', '"X";"1250"')].join("\n"));
    expect(r.lines.map((l) => l.lineNo)).toEqual([3]);
    expect(r.errors).toEqual([{ line: 4, message: '"X" in the CreditDebet column is neither "D" nor "C"' }]);
    // A header under the banner that lacks a column is named by its own line.
    expect(parseCsv([banner, header!.replace("Bedrag;", "")].join("\n")).errors).toEqual([{ line: 2, message: 'missing column for the amount (e.g. "Bedrag" or "amount")' }]);
  });
});

describe("bunq", () => {
  it("reads the English export with signed dot-decimal amounts", () => {
    const r = parseCsv(fixture("bunq.csv"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ layout: "bunq CSV", accountIban: "NL91BUNQ2208531190" });
    expect(r.lines).toEqual([
      line({ lineNo: 2, valueDate: "2026-12-01", amountCents: 127_550n, counterpartyName: "Bakkerij Smit V.O.F.", counterpartyIban: "NL40INGB0004467120", description: "F2026-000325" }),
      line({ lineNo: 3, valueDate: "2026-12-01", amountCents: -120_000n, counterpartyName: "Kantoorhuis B.V.", counterpartyIban: "NL85INGB0002871145", description: "Order 55190, bureaustoelen" }),
      line({ lineNo: 4, valueDate: "2026-12-02", amountCents: -499n, counterpartyName: "Parkeergarage Centrum", description: "Parkeergarage Centrum UTRECHT, NL" }),
    ]);
  });

  it("reads DD/MM/YYYY with comma decimals, the Dutch export wrapped in extra quotes, and extra columns", () => {
    const older = parseCsv(`Date,Interest Date,Amount,Account,Counterparty,Name,Description\n21/11/2026,21/11/2026,"-35,73",NL91BUNQ2208531190,,Tankstation,Brandstof\n`);
    expect(older.lines).toEqual([line({ lineNo: 2, valueDate: "2026-11-21", amountCents: -3_573n, counterpartyName: "Tankstation", description: "Brandstof" })]);
    const wrapped = parseCsv(fixture("bunq-nl-wrapped.csv"));
    expect(wrapped.errors).toEqual([]);
    expect(wrapped.layout).toBe("bunq CSV");
    expect(wrapped.lines.map((l) => [l.lineNo, l.amountCents, l.counterpartyName, l.counterpartyIban, l.description])).toEqual([
      [2, -8_386n, "Groothandel Vermeer BV", null, "Groothandel Vermeer BV ZAANDAM, NL"],
      [3, 45_000n, "Schildersbedrijf Verhoef", "NL53SNSB0921144378", "F2026-000329"],
    ]);
    const newer = parseCsv(`"Date","Interest Date","Amount","Account","Counterparty","Name","Description","Type","Balance"\n"2026-12-04","2026-12-04","19.95","NL91BUNQ2208531190","","Webshop","Refund 8812","MASTERCARD","1000.00"\n`);
    expect(newer).toMatchObject({ layout: "bunq CSV", errors: [], lines: [{ amountCents: 1_995n, description: "Refund 8812" }] });
  });
});

describe("ABN AMRO TAB", () => {
  it("reads the header-less export: /TRTP/ fields, 32/64-column SEPA texts, card payments and a refund", () => {
    const r = parseCsv(fixture("abnamro.tab"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ layout: "ABN AMRO TAB", accountIban: "NL25ABNA0561847293" });
    expect(r.lines.slice(0, 3)).toEqual([
      line({ lineNo: 1, valueDate: "2026-12-01", amountCents: 181_500n, counterpartyName: "Hoveniersbedrijf De Linde", counterpartyIban: "NL60RABO0151234876", description: "Factuur F2026-000318 en F2026-000320" }),
      // "F2026-0002" and "87" sit on either side of a 64-column break in the file.
      line({ lineNo: 2, valueDate: "2026-12-01", amountCents: 96_800n, counterpartyName: "Installatietechniek Kamps", counterpartyIban: "NL27ABNA0843355710", description: "Factuur F2026-000287 termijn 1 van 2 KAMPS-20261201" }),
      line({ lineNo: 3, valueDate: "2026-12-02", amountCents: -6_413n, counterpartyName: "Energiehuis Noord B.V.", counterpartyIban: "NL53DEUT0265518893", description: "Voorschot december 2026 klant 88120 SDD0261202771" }),
    ]);
    expect(r.lines.slice(3).map((l) => [l.lineNo, l.amountCents, l.counterpartyName, l.description, l.reversal ?? false])).toEqual([
      [4, -8_690n, "Drukkerij Van Wijk", "BEA NR:K7Q2LM 01.12.26/12.05 Drukkerij Van Wijk,PAS041 AMERSFOORT", false],
      [5, 8_690n, "Drukkerij Van Wijk", "BEA, Betaalpas Drukkerij Van Wijk,PAS041 NR:K7Q2LM, 02.12.26/15:20 AMERSFOORT TERUGBOEKING BEA-TRANSACTIE", true],
      [6, -435n, null, "ABN AMRO Bank N.V. Basic Package 2,95 Debit card 1,40", false],
      [7, -7_000n, "Energiehuis Noord B.V.", "Voorschot januari 2027 klant 88120 SDD0270102118", false],
    ]);
  });

  it("turns the account number into its IBAN", () => {
    expect(abnAccountIban("417164300")).toBe("NL91ABNA0417164300");
    expect(abnAccountIban("NL25 ABNA 0561 8472 93")).toBe("NL25ABNA0561847293");
  });

  it("names the format and the line of a row with missing fields", () => {
    const rows = fixture("abnamro.tab").split("\r\n");
    rows[2] = rows[2]!.split("\t").slice(0, 6).join("\t");
    const r = parseCsv(rows.join("\r\n"));
    expect(r.errors).toEqual([{ line: 3, message: "this looks like an ABN AMRO TAB export, but line 3 has 6 fields instead of 8" }]);
    expect(r.lines.map((l) => l.lineNo)).toEqual([1, 2, 4, 5, 6, 7]);
  });
});

describe("ASN Bank", () => {
  it("reads the header-less export: ' quoted texts, Volgnummer as entry ref, STO as a reversal", () => {
    const r = parseCsv(fixture("asn.csv"));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ layout: "ASN CSV", accountIban: "NL78ASNB0708153302" });
    expect(r.lines[0]).toEqual(
      line({ lineNo: 1, valueDate: "2026-12-01", amountCents: 121_840n, counterpartyName: "hoveniersbedrijf de linde", counterpartyIban: "NL60RABO0151234876", description: "Factuur F2026-000311, debnr 4471", entryRef: "61204471" }),
    );
    expect(r.lines.slice(1).map((l) => [l.lineNo, l.amountCents, l.counterpartyIban, l.description, l.entryRef, l.reversal ?? false])).toEqual([
      [2, -2_350n, null, "4F7K21/482913 [PIN BETALING]LUNCHROOM HET P>UTRECHT 01.12.2026 12:31 0417 2213 8891 MCC:5812", "61204502", false],
      [3, -220n, null, "Kosten gebruik betaalrekening", "61205110", false],
      [4, 6_413n, "NL53DEUT0265518893", "SDD0261202771 Storno incasso voorschot december 2026", "61206033", true],
      [5, 60_500n, "NL27BUNQ2041379905", "F2026-000322", null, false],
    ]);
  });

  it("names the format and the line of a row with the wrong number of fields", () => {
    const rows = fixture("asn.csv").split("\n");
    rows[1] = rows[1]!.replace(",EUR,6428.80,", ",6428.80,");
    expect(parseCsv(rows.join("\n")).errors).toEqual([{ line: 2, message: "this looks like an ASN CSV export, but line 2 has 18 fields instead of 19" }]);
  });
});

describe("files that are not read", () => {
  it("says which columns it expected when no header is recognised", () => {
    const expected =
      "no header row recognised: expected the columns of an ING, Rabobank, Knab or bunq export, or columns named date/datum and amount/bedrag " +
      "(ABN AMRO TAB and ASN Bank exports have no header and are recognised by their first line)";
    expect(parseCsv("Kolom A;Kolom B;Kolom C\n1;2;3\n")).toMatchObject({ errors: [{ line: 1, message: expected }], lines: [] });
    // A header-less export of another bank gets the same explanation (Triodos, in the shape of
    // DanielHaitink/YNABGoingDutch testfiles/triodos.csv), also when it is written unquoted.
    const triodos = `"02-12-2026","NL39TRIO0390918842","12,50","Debet","Bakkerij Smit","INGBNL2A NL40INGB0004467120","ET","brood"\n`;
    expect(parseCsv(triodos).errors).toEqual([{ line: 1, message: expected }]);
    expect(parseCsv(triodos.replace(/"/g, "")).errors).toEqual([{ line: 1, message: expected }]);
    // A banner line that no header follows is not passed over.
    expect(parseCsv("EXPORT;;;\nKolom A;Kolom B\n").errors[0]!.line).toBe(1);
  });

  it("tells an MT940 file from a CSV export", () => {
    const ing = "{1:F01INGBNL2ABXXX0000000000}\n{2:I940INGBNL2AXXXN}\n{4:\n:20:P261201000000001\n:25:NL95INGB0007315408EUR\n";
    expect(parseCsv(ing).errors).toEqual([{ line: 1, message: 'this looks like an MT940 file (starts with "{1:"), not a CSV export; MT940 files are read by the MT940 import' }]);
    expect(parseCsv("\n:20:940S261201\n:25:NL50RABO0318294567 EUR\n").errors).toEqual([
      { line: 2, message: 'this looks like an MT940 file (starts with ":20:"), not a CSV export; MT940 files are read by the MT940 import' },
    ]);
    const abn = "ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n:25:561847293\n:28:33301/1\n:60F:C261130EUR10000,00\n:61:2612011201C1815,00N196NONREF\n";
    expect(parseCsv(abn).errors[0]!.message).toMatch(/^this looks like an MT940 file \(starts with "ABNANL2A" and has :20: and :61: fields\)/);
  });
});
