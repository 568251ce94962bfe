import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBankStatement } from "./bank-statement-parse";
import { parseCamt } from "./camt053";

/**
 * The fixtures are our own statements (names, accounts, amounts and references made up; IBANs with
 * valid check digits) written in the element layouts of public files:
 * - abnamro-batches.xml (.001.02): OCA/bank-statement-import
 *   account_statement_import_camt/test_files/test-camt053 (a Dutch "TESTBANK/NL" export with ABN
 *   AMRO's codes: an RCDT/ESCT credit, an IDDT/UPDD batch of returned direct debits with RvslInd,
 *   Btch, AmtDtls/TxAmt, RtrInf, AddtlTxInf, proprietary EI/EIST/ET codes, no entry reference on the
 *   returns). The three-payer credit batch and the single UPDD return without RvslInd are ours,
 *   built from the same elements.
 * - batch-shared-ref.xml (.001.04): OCA/bank-statement-import
 *   account_statement_import_camt/tests/samples/test-camt053-txdtls (NtryRef and AcctSvcrRef on the
 *   entry, Btch/NbOfTxs, two TxDtls with the same Refs/AcctSvcrRef, TxDtls/Amt with CdtDbtInd,
 *   AddtlNtryInf describing the batch).
 * - ing-v08-booked-pending.xml (.001.08): genkgo/camt test/data/camt053.v8.xml (Sts/Cd, BookgDt/DtTm
 *   with an offset, Dbtr/Pty/Nm, CdtrRefInf SCOR, both parties given) and, for the pending entry,
 *   bankfrick/webapi-docs source/includes/_camt052.md (Sts/Cd PDNG, ValDt only, AcctSvcrRef). The
 *   INFO entry is ours.
 * - rabobank-statements.xml (.001.02): mpdroog/invoiced invoice/camt053/CAMT053.xml (a Rabobank
 *   export: one Stmt per day, days without entries, TxsSummry, BkTxCd/Prtry 086 and 541 only, no
 *   AcctSvcrRef, NtryRef or EndToEndId, "BETALINGSKENM." in Ustrd and again as Strd SCOR/CUR).
 * - dates-and-returns.xml (.001.07): bankfrick/webapi-docs source/includes/_camt053.md (Dt with a
 *   zone such as 2018-04-17+02:00, Sts/Cd, our own account as Dbtr/Pty next to the Cdtr). The DtTm,
 *   "Z" and -05:00 dates and the ICDT/RRTN return are ours: no public Dutch file with them was found.
 * Several Stmt in one file also follow genkgo/camt test/data/camt053.v2.multi.statement.xml.
 */
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", "camt053", name), "utf8");
const parse = (name: string) => parseCamt(fixture(name), 0);
const line = (over: Record<string, unknown>) => ({ currency: "EUR", counterpartyName: null, counterpartyIban: null, entryRef: null, ...over });

describe("CAMT.053 batch entries", () => {
  const abn = parse("abnamro-batches.xml");

  it("reads the ABN AMRO file without errors, as CAMT.053 for the statement's account", () => {
    expect(abn.errors).toEqual([]);
    expect(abn.skipped).toEqual([]);
    expect([abn.format, abn.layout, abn.accountIban]).toEqual(["camt053", "CAMT.053", "NL22ABNA0552093318"]);
    expect(abn.lines.map((l) => l.lineNo)).toEqual([1, 1, 1, 2, 2, 3, 4]);
  });

  it("splits a batch of three incoming transfers into three lines, each with its own payer, amount and reference", () => {
    expect(abn.lines.slice(0, 3)).toEqual([
      line({ lineNo: 1, valueDate: "2026-11-19", amountCents: 60_500n, counterpartyName: "Bakkerij Jansen", counterpartyIban: "NL61INGB0007345120", description: "Factuur F2026-000131 JANSEN-2026-118", entryRef: "ABN-20261119-000417/1" }),
      line({ lineNo: 1, valueDate: "2026-11-19", amountCents: 12_100n, counterpartyName: "Tandartspraktijk Zuidwal", counterpartyIban: "NL80RABO0318829467", description: "7000012345678901", entryRef: "ABN-20261119-000417/2" }),
      line({ lineNo: 1, valueDate: "2026-11-19", amountCents: 72_520n, counterpartyName: "Hoveniersbedrijf Groenrijk", counterpartyIban: "NL52BUNQ2207715540", description: "GROENRIJK KLANTNR 30071 F2026-000140 GROENRIJK-7781", entryRef: "ABN-20261119-000417/3" }),
    ]);
  });

  it("takes a structured creditor reference (betalingskenmerk) as the description, and AddtlTxInf when there is no remittance information", () => {
    expect(abn.lines[1]!.description).toBe("7000012345678901");
    // No RmtInf: the bank's AddtlTxInf, then the payer's end-to-end id.
    expect(abn.lines[2]!.description).toBe("GROENRIJK KLANTNR 30071 F2026-000140 GROENRIJK-7781");
    // With RmtInf, AddtlTxInf is left out.
    expect(abn.lines[6]!.description).toBe("Polis 8871 premie december 2026");
  });

  it("keeps two identical payments in one batch as two lines with different, stable references", () => {
    const r = parse("batch-shared-ref.xml");
    expect(r.errors).toEqual([]);
    const [a, b] = r.lines;
    expect(r.lines).toHaveLength(2);
    expect(a).toEqual(line({ lineNo: 1, valueDate: "2026-11-20", amountCents: 25_000n, counterpartyName: "J. de Boer", counterpartyIban: "NL52ABNA0611875042", description: "Contributie 2027 lid 4471", entryRef: "BATCH-7Q2K/1" }));
    expect({ ...b, entryRef: "" }).toEqual({ ...a, entryRef: "" });
    expect(b!.entryRef).toBe("BATCH-7Q2K/2");
    expect(parse("batch-shared-ref.xml").lines.map((l) => l.entryRef)).toEqual(["BATCH-7Q2K/1", "BATCH-7Q2K/2"]);
  });

  it("refuses a batch whose details do not add up to the entry, naming the entry, and guesses nothing", () => {
    const xml = fixture("abnamro-batches.xml").replace('<Amt Ccy="EUR">121.00</Amt>', '<Amt Ccy="EUR">112.00</Amt>');
    const r = parseCamt(xml, 0);
    expect(r.errors).toEqual([{ line: 1, message: "the 3 transactions add up to 1442.20 EUR, the entry amount is 1451.20 EUR" }]);
    expect(r.lines.map((l) => l.lineNo)).toEqual([2, 2, 3, 4]);
  });

  it("refuses a single detail whose own amount differs from its entry", () => {
    const xml = fixture("ing-v08-booked-pending.xml").replace(/(<\/Refs>\s*<Amt Ccy="EUR">)1210\.00/, "$11201.00");
    expect(parseCamt(xml, 0).errors).toEqual([{ line: 1, message: "the transaction amounts to 1201.00 EUR, the entry amount is 1210.00 EUR" }]);
  });

  it("refuses to split a batch when a detail has no amount or one in another currency", () => {
    const xml = fixture("abnamro-batches.xml")
      .replace(/<AmtDtls>\s*<TxAmt>\s*<Amt Ccy="EUR">121\.00<\/Amt>\s*<\/TxAmt>\s*<\/AmtDtls>/, "")
      .replace('<Amt Ccy="EUR">44.45</Amt>', '<Amt Ccy="USD">44.45</Amt>');
    expect(parseCamt(xml, 0).errors).toEqual([
      { line: 1, message: "transaction 2 of 3 has no amount, so the entry cannot be split into its payments" },
      { line: 2, message: "transaction 2 of 2 is in USD, the entry in EUR" },
    ]);
  });
});

describe("CAMT.053 reversals", () => {
  const abn = parse("abnamro-batches.xml");

  it("marks a batch of returned direct debits (RvslInd, IDDT/UPDD) as reversals, negative as booked, with each debtor", () => {
    expect(abn.lines.slice(3, 5)).toEqual([
      line({ lineNo: 2, valueDate: "2026-11-19", amountCents: -12_495n, counterpartyName: "Lunchroom Het Pleintje", counterpartyIban: "NL63KNAB0258816402", description: "Incasso F2026-000098", entryRef: "VI-INC-2026-0098", reversal: true }),
      line({ lineNo: 2, valueDate: "2026-11-19", amountCents: -4_445n, counterpartyName: "Kapsalon Knip", counterpartyIban: "NL17TRIO0390447721", description: "Incasso F2026-000102", entryRef: "VI-INC-2026-0102", reversal: true }),
    ]);
  });

  it("recognises a returned direct debit by its code alone (UPDD without RvslInd); an ordinary collection is no reversal", () => {
    expect(abn.lines[5]).toEqual(
      line({ lineNo: 3, valueDate: "2026-11-19", amountCents: -6_050n, counterpartyName: "Fietsenmakerij Spaak", counterpartyIban: "NL27ASNB0709925731", description: "Incasso F2026-000087 VI-INC-2026-0087", entryRef: "ABN-20261119-000419", reversal: true }),
    );
    expect(abn.lines[6]).not.toHaveProperty("reversal");
  });

  it("books a returned outgoing transfer (ICDT/RRTN) as the credit it is, and takes the supplier, not our own account, as counterparty", () => {
    const r = parse("dates-and-returns.xml");
    expect(r.lines[4]).toEqual(
      line({ lineNo: 5, valueDate: "2026-11-20", amountCents: 209_700n, counterpartyName: "Kantoorartikelen Noord", counterpartyIban: "NL17TRIO0390447721", description: "Inkoopfactuur 2026-4410 PAY-2026-0912", entryRef: "2466849", reversal: true }),
    );
  });

  it("marks a reversal that only RvslInd announces, whatever the direction", () => {
    const xml = fixture("rabobank-statements.xml").replace("<RvslInd>false</RvslInd>", "<RvslInd>true</RvslInd>");
    expect(parseCamt(xml, 0).lines.map((l) => [l.amountCents, l.reversal])).toEqual([[-31_200n, true], [298_325n, undefined]]);
  });
});

describe("CAMT.053 statuses, versions and dates", () => {
  it("reads .08 (Sts/Cd, Dbtr/Pty/Nm, RF creditor reference) and skips pending and informational entries with their entry number", () => {
    const r = parse("ing-v08-booked-pending.xml");
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([
      line({ lineNo: 1, valueDate: "2026-11-20", amountCents: 121_000n, counterpartyName: "Drukkerij Van Sijp B.V.", counterpartyIban: "NL62RABO0366015829", description: "RF18539007547034 INV-F2026-000155", entryRef: "ING-2026112000771" }),
    ]);
    expect(r.skipped).toEqual([
      { line: 2, reason: "pending: not yet booked by the bank" },
      { line: 3, reason: "informational: reported by the bank, not booked" },
    ]);
  });

  it("skips a pending entry in the .02 form (<Sts>PDNG</Sts>) without reading it", () => {
    const xml = fixture("rabobank-statements.xml").replace("<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>").replace("<Amt Ccy=\"EUR\">312.00</Amt>", "<Amt Ccy=\"EUR\">n/a</Amt>");
    const r = parseCamt(xml, 0);
    expect(r.errors).toEqual([]);
    expect(r.skipped).toEqual([{ line: 1, reason: "pending: not yet booked by the bank" }]);
    expect(r.lines.map((l) => l.lineNo)).toEqual([2]);
  });

  it("takes the calendar date as the bank wrote it, whatever the zone (+01:00, midnight +01:00, Z, -05:00)", () => {
    const r = parse("dates-and-returns.xml");
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.lineNo, l.valueDate, l.description])).toEqual([
      [1, "2026-11-20", "date with a zone"],
      [2, "2026-11-20", "midnight in Amsterdam, the evening before in UTC"],
      [3, "2026-11-20", "booking date only, in UTC"],
      [4, "2026-11-20", "late evening west of UTC, the next day in UTC"],
      [5, "2026-11-20", "Inkoopfactuur 2026-4410 PAY-2026-0912"],
    ]);
  });

  it("refuses an impossible date written with a zone", () => {
    const xml = fixture("dates-and-returns.xml").replace("<ValDt><Dt>2026-11-20+01:00</Dt></ValDt>", "<ValDt><Dt>2026-11-31+01:00</Dt></ValDt>");
    expect(parseCamt(xml, 0).errors).toEqual([{ line: 1, message: 'date "2026-11-31+01:00" is not a valid date' }]);
  });
});

describe("CAMT.053 files with several statements", () => {
  it("reads a Rabobank file of daily statements: entries numbered across them, empty days, no references, betalingskenmerk once", () => {
    const r = parse("rabobank-statements.xml");
    expect(r.errors).toEqual([]);
    expect(r.accountIban).toBe("NL62RABO0366015829");
    expect(r.lines).toEqual([
      line({ lineNo: 1, valueDate: "2026-11-20", amountCents: -31_200n, counterpartyName: "Waterschap Rivierenland", counterpartyIban: "NL77INGB0006612094", description: "BETALINGSKENM. 5012345678901234" }),
      line({ lineNo: 2, valueDate: "2026-11-23", amountCents: 298_325n, counterpartyName: "INSTALLATIEBEDRIJF WARMTE B V", counterpartyIban: "NL52ABNA0611875042", description: "F2026-000162" }),
    ]);
  });

  it("refuses entries of a second account in the same file", () => {
    const xml = fixture("rabobank-statements.xml").replace(/(<Id>CAMT05300000220771400003<\/Id>[\s\S]*?<IBAN>)NL62RABO0366015829/, "$1NL34RABO0147302285");
    const r = parseCamt(xml, 0);
    expect(r.errors).toEqual([{ line: 2, message: "statement for account NL34RABO0147302285 in a file for account NL62RABO0366015829: import each account's statements as a separate file" }]);
  });

  it("passes the layout and the skipped entries on through parseBankStatement", () => {
    const r = parseBankStatement(new TextEncoder().encode(fixture("ing-v08-booked-pending.xml")), "camt.xml");
    expect([r.format, r.layout, r.lines.length, r.skipped?.length]).toEqual(["camt053", "CAMT.053", 1, 2]);
  });
});
