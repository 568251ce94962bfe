import { describe, expect, it } from "vitest";
import { MAX_STATEMENT_BYTES, parseAmount, parseBankStatement, parseDate } from "./bank-statement-parse";

const enc = (s: string) => new TextEncoder().encode(s);

describe("bank statement parsing", () => {
  it("reads an ING export: Af/Bij decides the sign, YYYYMMDD dates", () => {
    const csv = `"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen"\r\n"20261120";"Bakkerij Jansen";"NL91INGB0001234567";"NL20RABO0123456789";"OV";"Bij";"1.234,56";"Overschrijving";"Factuur F2026-000101"\r\n"20261121";"Energie";"NL91INGB0001234567";"";"IC";"Af";"45,00";"Incasso";"termijn"\r\n`;
    const r = parseBankStatement(enc(csv), "ing.csv");
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("NL91INGB0001234567");
    expect(r.lines).toEqual([
      { lineNo: 2, valueDate: "2026-11-20", amountCents: 123_456n, currency: "EUR", counterpartyName: "Bakkerij Jansen", counterpartyIban: "NL20RABO0123456789", description: "Factuur F2026-000101", entryRef: null },
      expect.objectContaining({ lineNo: 3, amountCents: -4_500n }),
    ]);
  });

  it("reads a Rabobank export in Windows-1252 with signed amounts and three description columns", () => {
    const text = `"IBAN/BBAN","Munt","Datum","Bedrag","Tegenrekening IBAN/BBAN","Naam tegenpartij","Omschrijving-1","Omschrijving-2","Omschrijving-3","Betalingskenmerk"\n"NL11RABO0101010101","EUR","2026-11-20","+250,00","NL20INGB0001234567","Café Zoë","factuur","F2026-000102","","RF18539007547034"\n`;
    const bytes = Uint8Array.from([...text].map((c) => (c === "é" ? 0xe9 : c === "ë" ? 0xeb : c.charCodeAt(0))));
    const r = parseBankStatement(bytes, "rabo.csv");
    expect(r.errors).toEqual([]);
    expect(r.lines[0]).toMatchObject({ amountCents: 25_000n, counterpartyName: "Café Zoë", description: "factuur F2026-000102 RF18539007547034" });
  });

  it("keeps line numbers right after a quoted field with a comma and a newline, and strips a BOM", () => {
    const csv = `\uFEFFdate,amount,name,description\n2026-11-20,10.00,"Jansen, J.","regel 1\nregel 2"\n2026-11-21,"1,234.50",Pietersen,x\n`;
    const r = parseBankStatement(enc(csv), "x.csv");
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.lineNo, l.amountCents, l.counterpartyName])).toEqual([[2, 1_000n, "Jansen, J."], [4, 123_450n, "Pietersen"]]);
  });

  it.each([
    ["0,29", 29n], ["1.000.000,01", 100_000_001n], ["1,234.56", 123_456n], ["-12,00", -1_200n], ["+12", 1_200n], ["12.5", 1_250n], ["€ 7,05", 705n],
  ])("amount %s is %s cents, without floating point", (raw, cents) => {
    expect(parseAmount(raw)).toBe(cents);
  });

  it("refuses malformed amounts and impossible dates", () => {
    for (const bad of ["12,3x", "1.2.3", "", "1,234,56", "--1"]) expect(parseAmount(bad)).toBeNull();
    expect(parseDate("2026-02-31")).toBeNull();
    expect(parseDate("31-12-2026")).toBe("2026-12-31");
    expect(parseDate("20261231")).toBe("2026-12-31");
  });

  it("names every bad row by its line number", () => {
    const csv = `date;amount;description\n2026-11-20;10,00;ok\n2026-11-20;12,3x;x\n2026-02-31;1,00;y\n2026-11-20;1,00\n`;
    expect(parseBankStatement(enc(csv), "x.csv").errors).toEqual([
      { line: 3, message: 'amount "12,3x" is not a number' },
      { line: 4, message: 'date "2026-02-31" is not a valid date' },
      { line: 5, message: "expected 3 fields, found 2" },
    ]);
  });

  it("needs a date and an amount column", () => {
    expect(parseBankStatement(enc("datum;omschrijving\n2026-11-20;x\n"), "x.csv").errors[0]!.message).toMatch(/amount/);
  });

  it("reads CAMT.053 (.001.02): credit and debit, remittance text, the bank's reference", () => {
    const xml = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">1234.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>BANKREF1</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E1</EndToEndId></Refs><RltdPties><Dbtr><Nm>Jansen</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20 INGB 0001 2345 67</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>F2026-000101</Ustrd><Ustrd>dank</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-21</Dt></BookgDt><AddtlNtryInf>Kosten</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const r = parseBankStatement(enc(xml), "camt.xml");
    expect(r.errors).toEqual([]);
    expect(r.format).toBe("camt053");
    expect(r.accountIban).toBe("NL91ABNA0417164300");
    expect(r.lines).toEqual([
      { lineNo: 1, valueDate: "2026-11-20", amountCents: 123_450n, currency: "EUR", counterpartyName: "Jansen", counterpartyIban: "NL20INGB0001234567", description: "F2026-000101 dank", entryRef: "BANKREF1" },
      { lineNo: 2, valueDate: "2026-11-21", amountCents: -1_000n, currency: "EUR", counterpartyName: null, counterpartyIban: null, description: "Kosten", entryRef: null },
    ]);
  });

  it("reads a structured creditor reference (CAMT .001.08, party under Pty)", () => {
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><DtTm>2026-11-20T10:00:00</DtTm></ValDt><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Pietersen</Nm></Pty></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(parseBankStatement(enc(xml), "c.xml").lines[0]).toMatchObject({ amountCents: 500n, valueDate: "2026-11-20", counterpartyName: "Pietersen", description: "RF18539007547034" });
  });

  it("refuses malformed XML, other XML, empty and oversized files", () => {
    expect(parseBankStatement(enc("<Document><BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>"), "x.xml").errors[0]!.message).toMatch(/malformed XML/);
    expect(parseBankStatement(enc("<Invoice><Id>1</Id></Invoice>"), "x.xml").errors[0]!.message).toBe("XML is not a CAMT.053 bank statement");
    expect(parseBankStatement(enc("  \n"), "x.csv").errors[0]!.message).toBe("file is empty");
    expect(parseBankStatement(new Uint8Array(MAX_STATEMENT_BYTES + 1), "x.csv").errors).toEqual([{ line: 0, message: "file is larger than 5 MB" }]);
  });
});
