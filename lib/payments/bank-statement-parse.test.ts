import { describe, expect, it } from "vitest";
import { parseDateText as parseDate } from "@/lib/format/calendar-date";
import { parseAmount } from "@/lib/format/money";
import { MAX_STATEMENT_BYTES, parseBankStatement } from "./bank-statement-parse";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** What Excel and older bank exports write: one byte per character, "€" at 0x80. */
const cp1252 = (s: string) =>
  Uint8Array.from([...s].map((c) => {
    if (c === "€") return 0x80;
    if (c.charCodeAt(0) > 0xff) throw new Error(`not in the test's Windows-1252 subset: ${c}`);
    return c.charCodeAt(0);
  }));
const csv = (s: string, name = "statement.csv") => parseBankStatement(utf8(s), name);

describe("CSV exports of Dutch banks", () => {
  it("reads an ING export: Af/Bij decides the sign, YYYYMMDD dates, Rekening is the account", () => {
    const text =
      `"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen"\r\n` +
      `"20261120";"Bakkerij Jansen";"NL91INGB0001234567";"nl20 rabo 0123 4567 89";"OV";"Bij";"1.234,56";"Overschrijving";"Factuur   F2026-000101"\r\n` +
      `"20261121";"Energie BV";"NL91INGB0001234567";"";"IC";"Af";"45,00";"Incasso";"termijn november"\r\n`;
    const r = csv(text, "ing.csv");
    expect(r.errors).toEqual([]);
    expect(r.format).toBe("csv");
    expect(r.accountIban).toBe("NL91INGB0001234567");
    expect(r.lines).toEqual([
      { lineNo: 2, valueDate: "2026-11-20", amountCents: 123_456n, currency: "EUR", counterpartyName: "Bakkerij Jansen", counterpartyIban: "NL20RABO0123456789", description: "Factuur F2026-000101", entryRef: null },
      { lineNo: 3, valueDate: "2026-11-21", amountCents: -4_500n, currency: "EUR", counterpartyName: "Energie BV", counterpartyIban: null, description: "termijn november", entryRef: null },
    ]);
  });

  it("reads a Rabobank export in Windows-1252: signed amounts, ë in a name, descriptions and payment reference joined", () => {
    const text =
      `"IBAN/BBAN","Munt","Volgnr","Datum","Rentedatum","Bedrag","Saldo na trn","Tegenrekening IBAN/BBAN","Naam tegenpartij","Transactiereferentie","Betalingskenmerk","Omschrijving-1","Omschrijving-2","Omschrijving-3"\n` +
      `"NL11RABO0101010101","EUR","000000000000001","2026-11-20","2026-11-19","+1.250,00","+3.000,00","NL20INGB0001234567","Café Zoë","REF-1","RF18539007547034","factuur","F2026-000102",""\n` +
      `"NL11RABO0101010101","EUR","000000000000002","2026-11-21","2026-11-21","-12,00","+2.988,00","","Bank","","","kosten","",""\n`;
    const r = parseBankStatement(cp1252(text), "rabo.csv");
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("NL11RABO0101010101");
    expect(r.lines).toEqual([
      { lineNo: 2, valueDate: "2026-11-20", amountCents: 125_000n, currency: "EUR", counterpartyName: "Café Zoë", counterpartyIban: "NL20INGB0001234567", description: "RF18539007547034 factuur F2026-000102", entryRef: "REF-1" },
      { lineNo: 3, valueDate: "2026-11-21", amountCents: -1_200n, currency: "EUR", counterpartyName: "Bank", counterpartyIban: null, description: "kosten", entryRef: null },
    ]);
  });

  it("reads a generic English layout whose quoted fields hold a comma and a newline, numbering later rows by their physical line", () => {
    const text = [
      "date,amount,currency,counterparty,counterparty iban,description",
      '2026-11-20,10.00,eur,"Jansen, J.",NL20INGB0001234567,"first line',
      'second line"',
      "",
      '20/11/2026,"1,234.50",USD,Pietersen,,"says ""thanks"""',
      "21-11-2026,-3,EUR,Shop,,x",
    ].join("\n");
    const r = csv(text);
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBeNull();
    expect(r.lines.map((l) => [l.lineNo, l.valueDate, l.amountCents, l.currency, l.counterpartyName, l.description])).toEqual([
      [2, "2026-11-20", 1_000n, "EUR", "Jansen, J.", "first line second line"],
      [5, "2026-11-20", 123_450n, "USD", "Pietersen", 'says "thanks"'],
      [6, "2026-11-21", -300n, "EUR", "Shop", "x"],
    ]);
  });

  it("detects a tab delimiter from the header", () => {
    const r = csv("date\tamount\tname\tdescription\n2026-11-20\t5,00\tJansen\tF1\n");
    expect(r.errors).toEqual([]);
    expect(r.lines[0]).toMatchObject({ amountCents: 500n, counterpartyName: "Jansen", description: "F1" });
  });

  it("strips a UTF-8 byte order mark so the first header still matches", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("Datum;Bedrag;Omschrijving\n2026-11-20;7,50;x\n")]);
    const r = parseBankStatement(bytes, "x.csv");
    expect(r.errors).toEqual([]);
    expect(r.lines[0]).toMatchObject({ lineNo: 2, valueDate: "2026-11-20", amountCents: 750n });
  });

  it("strips the byte order mark also when the rest is Windows-1252", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...cp1252("Datum;Bedrag;Naam\n2026-11-20;7,50;Zoë\n")]);
    expect(parseBankStatement(bytes, "x.csv").lines[0]).toMatchObject({ counterpartyName: "Zoë", amountCents: 750n });
  });
});

describe("amounts", () => {
  it.each([
    ["1234,56", 123_456n], ["1.234,56", 123_456n], ["1234.56", 123_456n], ["1,234.56", 123_456n],
    ["-12,00", -1_200n], ["+12,00", 1_200n], ["12", 1_200n], ["12.5", 1_250n], ["0,29", 29n], ["0.07", 7n],
    ["1.000.000,01", 100_000_001n], ["1,000,000.01", 100_000_001n], ["€ 7,05", 705n], [" 1 234,56 ", 123_456n],
  ])("reads %j as %s cents", (raw, cents) => {
    expect(parseAmount(raw)).toBe(cents);
  });

  it.each(["12,3x", "", "1.2.3", "1,234,56", "1.234.56", "--1", "12,345", "1.234", ",50", "12,", "1e3", "12,00-", "1.234,567"])(
    "refuses %j",
    (raw) => {
      expect(parseAmount(raw)).toBeNull();
    },
  );

  it("keeps every cent of amounts a double cannot hold, because they never pass through floating point", () => {
    const r = csv("date;amount\n2026-11-20;0,29\n2026-11-20;1.000.000,01\n2026-11-20;98.765.432.109.876.543,21\n2026-11-20;0,1\n");
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => l.amountCents)).toEqual([29n, 100_000_001n, 9_876_543_210_987_654_321n, 10n]);
  });

  it("asks for decimals instead of guessing whether 1.234 means a thousand", () => {
    expect(csv("date;amount\n2026-11-20;1.234\n").errors).toEqual([
      { line: 2, message: 'amount "1.234" is ambiguous: write it with decimals, e.g. "1.234,00" or "1.234.00"' },
    ]);
  });
});

describe("dates", () => {
  it("accepts the four layouts and refuses days that do not exist", () => {
    expect(["20261231", "2026-12-31", "31-12-2026", "31/12/2026"].map(parseDate)).toEqual(Array(4).fill("2026-12-31"));
    expect(parseDate("2028-02-29")).toBe("2028-02-29");
    expect(["2026-02-29", "2100-02-29", "31-04-2026", "2026-13-01", "00-01-2026", "2026/11/20", "yesterday"].map(parseDate)).toEqual(Array(7).fill(null));
  });
});

describe("CSV errors", () => {
  it("names the line of an impossible date such as 31-02", () => {
    const r = csv("date;amount;description\n01-02-2026;1,00;ok\n31-02-2026;2,00;bad\n");
    expect(r.errors).toEqual([{ line: 3, message: 'date "31-02-2026" is not a valid date' }]);
    expect(r.lines.map((l) => l.lineNo)).toEqual([2]);
  });

  it("reports a row with the wrong number of fields", () => {
    expect(csv("date;amount;description\n2026-11-20;1,00;a\n2026-11-20;1,00\n2026-11-20;1,00;b;c\n").errors).toEqual([
      { line: 3, message: "expected 3 fields, found 2" },
      { line: 4, message: "expected 3 fields, found 4" },
    ]);
  });

  it("requires a column for the amount and for the date", () => {
    expect(csv("Datum;Omschrijving\n2026-11-20;x\n").errors).toEqual([{ line: 1, message: 'missing column for the amount (e.g. "Bedrag" or "amount")' }]);
    expect(csv("Bedrag;Omschrijving\n1,00;x\n").errors).toEqual([{ line: 1, message: 'missing column for the date (e.g. "Datum" or "date")' }]);
  });

  it("reports every bad field of every row with its line, and rejects an unknown Af/Bij value", () => {
    const text = `Datum;Af Bij;Bedrag (EUR);Mededelingen\n20261120;Bij;12,3x;a\n20261120;Af;1,00;b\n;Bij;1,00;c\n20261120;Soms;1,00;d\n`;
    expect(csv(text).errors).toEqual([
      { line: 2, message: 'amount "12,3x" is not a number' },
      { line: 4, message: "date is missing" },
      { line: 5, message: '"Soms" in the Af/Bij column is neither "Af" nor "Bij"' },
    ]);
  });

  it("stops at 100 errors", () => {
    const text = "date;amount\n" + "2026-11-20;x\n".repeat(250);
    const r = csv(text);
    expect(r.errors).toHaveLength(100);
    expect(r.errors[99]).toEqual({ line: 101, message: 'amount "x" is not a number' });
  });

  it("reports a quoted field that never closes at the line its record starts", () => {
    expect(csv('date,amount,description\n2026-11-20,1.00,ok\n2026-11-20,2.00,"open\nstill open\n').errors).toEqual([
      { line: 3, message: 'a quoted field is not closed (missing ")' },
    ]);
  });
});

const camt = (version: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr><Stmt><Id>S1</Id>` +
  `<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>${body}</Stmt></BkToCstmrStmt></Document>`;

describe("CAMT.053", () => {
  it("reads .001.02: a credit with unstructured remittance and end-to-end id, and a debit dated by booking date", () => {
    const xml = camt(
      "02",
      `<Ntry><Amt Ccy="EUR">1234.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-21</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt>
         <NtryDtls><TxDtls><Refs><EndToEndId>E2E-0001</EndToEndId></Refs>
           <RltdPties><Dbtr><Nm>Jansen &amp; Zn</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20 INGB 0001 2345 67</IBAN></Id></DbtrAcct></RltdPties>
           <RmtInf><Ustrd>F2026-000101</Ustrd><Ustrd>met dank</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
       <Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-22</Dt></BookgDt><AcctSvcrRef>BANK-2</AcctSvcrRef>
         <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Cdtr><Nm>Leverancier</Nm></Cdtr><CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct></RltdPties></TxDtls></NtryDtls>
         <AddtlNtryInf>Overboeking</AddtlNtryInf></Ntry>`,
    );
    const r = parseBankStatement(utf8(xml), "statement.xml");
    expect(r.errors).toEqual([]);
    expect(r.format).toBe("camt053");
    expect(r.accountIban).toBe("NL91ABNA0417164300");
    expect(r.lines).toEqual([
      { lineNo: 1, valueDate: "2026-11-20", amountCents: 123_450n, currency: "EUR", counterpartyName: "Jansen & Zn", counterpartyIban: "NL20INGB0001234567", description: "F2026-000101 met dank", entryRef: "E2E-0001" },
      { lineNo: 2, valueDate: "2026-11-22", amountCents: -1_000n, currency: "EUR", counterpartyName: "Leverancier", counterpartyIban: "DE89370400440532013000", description: "Overboeking", entryRef: "BANK-2" },
    ]);
  });

  it("reads .001.08: structured creditor reference, party name under Pty, DtTm value date, NOTPROVIDED is no reference", () => {
    const xml = camt(
      "08",
      `<Ntry><Amt Ccy="eur">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><DtTm>2026-11-20T10:00:00+01:00</DtTm></ValDt>
         <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Pietersen</Nm></Pty></Dbtr></RltdPties>
         <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    );
    expect(parseBankStatement(utf8(xml), "c.xml").lines).toEqual([
      { lineNo: 1, valueDate: "2026-11-20", amountCents: 500n, currency: "EUR", counterpartyName: "Pietersen", counterpartyIban: null, description: "RF18539007547034", entryRef: null },
    ]);
  });

  it("names the entry index of a missing amount, a bad amount, an impossible date and an unknown indicator", () => {
    const ok = `<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-20</Dt></ValDt>`;
    const xml = camt(
      "02",
      `<Ntry>${ok}</Ntry>` +
        `<Ntry><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-20</Dt></ValDt></Ntry>` +
        `<Ntry><Amt Ccy="EUR">1,5</Amt><CdtDbtInd>DBIT</CdtDbtInd><ValDt><Dt>2026-02-30</Dt></ValDt></Ntry>` +
        `<Ntry><Amt Ccy="EUR">1.001</Amt><CdtDbtInd>X</CdtDbtInd></Ntry>` +
        `<Ntry><Amt Ccy="EUR">2.50000</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt></Ntry>`,
    );
    const r = parseBankStatement(utf8(xml), "c.xml");
    expect(r.errors).toEqual([
      { line: 2, message: "entry has no amount" },
      { line: 3, message: 'amount "1,5" is not a number' },
      { line: 3, message: 'date "2026-02-30" is not a valid date' },
      { line: 4, message: 'amount "1.001" has more than 2 decimals' },
      { line: 4, message: 'credit/debit indicator "X" is not CRDT or DBIT' },
      { line: 4, message: "entry has no value date or booking date" },
    ]);
    expect(r.lines.map((l) => [l.lineNo, l.amountCents])).toEqual([[1, 100n], [5, -250n]]);
  });

  it("reports malformed XML with the line the validator points at", () => {
    const r = parseBankStatement(utf8("<Document>\n<BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>\n</Document>"), "x.xml");
    expect(r.lines).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBe(3);
    expect(r.errors[0]!.message).toMatch(/^malformed XML: .*Stmt/);
    const afterBlankLines = parseBankStatement(utf8("\n\n<Document>\n<BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>\n</Document>"), "x.xml");
    expect(afterBlankLines.errors[0]!.line).toBe(5);
  });

  it("refuses XML that is not a CAMT.053 statement, even when named .xml", () => {
    for (const xml of ["<Invoice><Id>1</Id></Invoice>", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>`]) {
      expect(parseBankStatement(utf8(xml), "x.xml")).toEqual({ format: "camt053", lines: [], errors: [{ line: 0, message: "XML is not a CAMT.053 bank statement" }], accountIban: null });
    }
  });

  it("does not expand entities declared in the file (no XML bombs)", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
      `<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-20</Dt></ValDt><AddtlNtryInf>&b;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(parseBankStatement(utf8(xml), "x.xml").lines[0]!.description).toBe("&b;");
  });

  it("goes by content, not file name: a BOM and whitespace before XML named .csv is still CAMT", () => {
    const xml = "\uFEFF\n  " + camt("04", `<Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-20</Dt></ValDt></Ntry>`);
    const r = parseBankStatement(utf8(xml), "export.csv");
    expect(r.format).toBe("camt053");
    expect(r.lines[0]!.amountCents).toBe(300n);
  });
});

describe("files refused before parsing", () => {
  it("refuses a file over 5 MB without reading it", () => {
    const r = parseBankStatement(new Uint8Array(MAX_STATEMENT_BYTES + 1).fill(0x3c), "big.xml");
    expect(r).toEqual({ format: "camt053", lines: [], errors: [{ line: 0, message: "file is larger than 5 MB" }], accountIban: null });
  });

  it("refuses an empty or blank file and a binary one", () => {
    expect(parseBankStatement(new Uint8Array(), "x.csv").errors).toEqual([{ line: 0, message: "file is empty" }]);
    expect(csv(" \r\n\n").errors).toEqual([{ line: 0, message: "file is empty" }]);
    expect(parseBankStatement(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "x.xlsx").errors[0]!.message).toMatch(/not text/);
  });
});
