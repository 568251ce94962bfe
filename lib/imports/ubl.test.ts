import { describe, expect, it } from "vitest";
import { decimalToCents, readEInvoices, type EInvoiceResult } from "./ubl";
import { buildZip } from "./xlsx-test-fixtures";

/*
 * Fixtures are written here, trimmed to the elements the reader uses, in the shapes of public
 * samples (values taken from them as facts, the XML written for this test):
 * - Peppol BIS Billing 3.0, OpenPEPPOL/peppol-bis-invoice-3 rules/examples/base-example.xml,
 *   base-creditnote-correction.xml and base-negative-inv-correction.xml;
 * - NLCIUS, Odoo l10n_nl_edi test file nlcius_test.xml;
 * - SimplerInvoicing legacy UBL 2.0 invoice "VCG-9001504".
 */

const UBL_NS = (root: "Invoice" | "CreditNote") =>
  `xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"`;

const party = (role: string, name: string, extra = "") =>
  `<cac:${role}><cac:Party>${extra}<cac:PartyName><cbc:Name>${name}</cbc:Name></cac:PartyName></cac:Party></cac:${role}>`;

// Peppol BIS 3.0 base-example.xml
const PEPPOL_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice ${UBL_NS("Invoice")}>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>Snippet1</cbc:ID>
  <cbc:IssueDate>2017-11-13</cbc:IssueDate>
  <cbc:DueDate>2017-12-01</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  ${party("AccountingSupplierParty", "SupplierTradingName Ltd.", '<cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>')}
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="0002">4217:2323:2323</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID schemeID="0088">FR23342</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>BuyerTradingName AS</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>Hovedgatan 32</cbc:StreetName><cbc:CityName>Stockholm</cbc:CityName><cbc:PostalZone>456 34</cbc:PostalZone><cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>SE4598375937</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Buyer Official Name</cbc:RegistrationName><cbc:CompanyID schemeID="0183">39937423947</cbc:CompanyID></cac:PartyLegalEntity>
    <cac:Contact><cbc:ElectronicMail>lj@buyer.se</cbc:ElectronicMail></cac:Contact>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>
    <cbc:PaymentID>Snippet1</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>IBAN32423940</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">1325</cbc:LineExtensionAmount>
    <cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>`;

// Peppol BIS 3.0 base-creditnote-correction.xml (prefixed root, as some senders write it)
const PEPPOL_CREDIT_NOTE = `<?xml version="1.0" encoding="UTF-8"?>
<ubl:CreditNote ${UBL_NS("CreditNote").replace('xmlns="', 'xmlns:ubl="')}>
  <cbc:ID>Snippet1</cbc:ID>
  <cbc:IssueDate>2017-11-13</cbc:IssueDate>
  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>Snippet1</cbc:ID><cbc:IssueDate>2017-11-13</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>
  ${party("AccountingSupplierParty", "SupplierTradingName Ltd.")}
  ${party("AccountingCustomerParty", "BuyerTradingName AS")}
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount></cac:LegalMonetaryTotal>
</ubl:CreditNote>`;

// Peppol BIS 3.0 base-negative-inv-correction.xml
const PEPPOL_NEGATIVE_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice ${UBL_NS("Invoice")}>
  <cbc:ID>Correction1</cbc:ID>
  <cbc:IssueDate>2017-11-13</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>Snippet1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
  ${party("AccountingSupplierParty", "SupplierTradingName Ltd.")}
  ${party("AccountingCustomerParty", "BuyerTradingName AS")}
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">-1656.25</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;

// NLCIUS, Odoo l10n_nl_edi nlcius_test.xml (buyer with only a legal name and a KvK number)
const NLCIUS_INVOICE = `<?xml version='1.0' encoding='UTF-8'?>
<Invoice ${UBL_NS("Invoice")}>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>
  <cbc:ID>INV/2020/11/0001</cbc:ID>
  <cbc:IssueDate>2020-11-02</cbc:IssueDate>
  <cbc:DueDate>2020-11-02</cbc:DueDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>company_1_data</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID>
    <cac:PostalAddress><cbc:StreetName>Kunststraat, 3</cbc:StreetName><cbc:CityName>Groningen</cbc:CityName><cbc:PostalZone>1019 DZ</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>NL Company</cbc:RegistrationName><cbc:CompanyID schemeID="0106">12345678</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>INV/2020/11/0001</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>BE68 5390 0754 7034</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">387.20</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;

// SimplerInvoicing legacy UBL 2.0 invoice VCG-9001504: due date under PaymentMeans, house number apart
const SI_UBL20_INVOICE = `<?xml version="1.0" encoding="ISO-8859-1"?>
<Invoice ${UBL_NS("Invoice")}>
  <cbc:UBLVersionID>2.0</cbc:UBLVersionID>
  <cbc:ID>VCG-9001504</cbc:ID>
  <cbc:IssueDate>2009-05-25</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  ${party("AccountingSupplierParty", "Leverancier B.V.")}
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyIdentification><cbc:ID>KLT1344</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>Klant Caf\u00e9 B.V.</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>Dorpsstraat</cbc:StreetName><cbc:BuildingNumber>12</cbc:BuildingNumber><cbc:CityName>Utrecht</cbc:CityName><cbc:PostalZone>3511 AA</cbc:PostalZone></cac:PostalAddress>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>31</cbc:PaymentMeansCode><cbc:PaymentDueDate>2009-06-08</cbc:PaymentDueDate>
    <cac:PayeeFinancialAccount><cbc:ID schemeID="IBAN">NL81 FTSB 0111 1111 11</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">127.52</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function invoices(result: EInvoiceResult) {
  if (!result.ok) throw new Error(`expected invoices, got ${JSON.stringify(result.errors)}`);
  return result.invoices;
}

function messages(result: EInvoiceResult): string[] {
  if (result.ok) throw new Error("expected errors, got invoices");
  return result.errors.map((e) => e.message);
}

function only(result: EInvoiceResult) {
  const list = invoices(result);
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe("readEInvoices: documents", () => {
  it("reads a Peppol BIS 3.0 invoice", () => {
    expect(only(readEInvoices(utf8(PEPPOL_INVOICE), "base-example.xml"))).toEqual({
      file: "base-example.xml",
      kind: "invoice",
      number: "Snippet1",
      issueDate: "2017-11-13",
      dueDate: "2017-12-01",
      currency: "EUR",
      payableCents: 165_625n,
      customer: {
        name: "BuyerTradingName AS",
        id: "FR23342",
        kvk: null,
        vat: "SE4598375937",
        email: "lj@buyer.se",
        street: "Hovedgatan 32",
        postalCode: "456 34",
        city: "Stockholm",
        country: "SE",
      },
      supplierName: "SupplierTradingName Ltd.",
      paymentReference: "Snippet1",
      iban: "IBAN32423940",
      billingReference: null,
    });
  });

  it("makes a credit note's payable amount negative and keeps the invoice it corrects", () => {
    const note = only(readEInvoices(utf8(PEPPOL_CREDIT_NOTE), "base-creditnote-correction.xml"));
    expect(note).toMatchObject({ kind: "credit_note", number: "Snippet1", payableCents: -165_625n, billingReference: "Snippet1", dueDate: null });
  });

  it("keeps the sign of a negative correction invoice as written", () => {
    const correction = only(readEInvoices(utf8(PEPPOL_NEGATIVE_INVOICE), "base-negative-inv-correction.xml"));
    expect(correction).toMatchObject({ kind: "invoice", number: "Correction1", payableCents: -165_625n, billingReference: "Snippet1" });
  });

  it("reads an NLCIUS buyer known by legal name and KvK number", () => {
    const nl = only(readEInvoices(utf8(NLCIUS_INVOICE), "nlcius_test.xml"));
    expect(nl).toMatchObject({ number: "INV/2020/11/0001", issueDate: "2020-11-02", currency: "EUR", payableCents: 38_720n, iban: "BE68539007547034", supplierName: "company_1_data" });
    expect(nl.customer).toMatchObject({ name: "NL Company", kvk: "12345678", id: "12345678", city: "Groningen", country: "NL", vat: null });
  });

  it("reads a SimplerInvoicing UBL 2.0 invoice in ISO-8859-1 with the due date under PaymentMeans", () => {
    const si = only(readEInvoices(latin1(SI_UBL20_INVOICE), "VCG-9001504.xml"));
    expect(si).toMatchObject({ number: "VCG-9001504", dueDate: "2009-06-08", payableCents: 12_752n, iban: "NL81FTSB0111111111" });
    expect(si.customer).toMatchObject({ id: "KLT1344", name: "Klant Café B.V.", street: "Dorpsstraat 12", postalCode: "3511 AA", country: null });
  });
});

describe("readEInvoices: zips", () => {
  it("reads every XML file in a zip and skips folders, PDFs and macOS resource forks", () => {
    const zip = buildZip([
      { name: "batch/", data: "", method: 0 },
      { name: "batch/base-example.xml", data: PEPPOL_INVOICE },
      { name: "batch/base-example.pdf", data: "%PDF-1.4" },
      { name: "__MACOSX/batch/._base-example.xml", data: "\u0000\u0005\u0016\u0007" },
      { name: "batch/nlcius_test.xml", data: NLCIUS_INVOICE },
      { name: "batch/credit.XML", data: PEPPOL_CREDIT_NOTE },
    ]);
    const list = invoices(readEInvoices(zip, "batch.zip"));
    expect(list.map((i) => [i.file, i.number, i.payableCents])).toEqual([
      ["batch/base-example.xml", "Snippet1", 165_625n],
      ["batch/nlcius_test.xml", "INV/2020/11/0001", 38_720n],
      ["batch/credit.XML", "Snippet1", -165_625n],
    ]);
  });

  it("reports every failing file in a zip and imports none of them", () => {
    const zip = buildZip([
      { name: "good.xml", data: PEPPOL_INVOICE },
      { name: "order.xml", data: `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>` },
      { name: "no-total.xml", data: PEPPOL_INVOICE.replace(/<cbc:PayableAmount[^/]*\/cbc:PayableAmount>/, "") },
    ]);
    expect(messages(readEInvoices(zip, "batch.zip"))).toEqual([
      "order.xml: not a UBL Invoice or CreditNote (root is <Order>)",
      "no-total.xml: no cac:LegalMonetaryTotal/cbc:PayableAmount",
    ]);
  });

  it("refuses a zip bomb before inflating it", () => {
    const zip = buildZip([{ name: "bomb.xml", data: `<Invoice>${" ".repeat(5_000_000)}</Invoice>` }]);
    expect(messages(readEInvoices(zip, "bomb.zip"))[0]).toMatch(/^bomb\.zip: "bomb\.xml" in the zip is compressed more than 200 to 1/);
  });

  it("refuses an entry that lies about its size", () => {
    const zip = buildZip([{ name: "a.xml", data: PEPPOL_INVOICE, declaredSize: 100 }]);
    expect(messages(readEInvoices(zip, "lie.zip"))[0]).toMatch(/^lie\.zip: .*a\.xml/);
  });

  it("refuses more than 1,000 files", () => {
    const zip = buildZip(Array.from({ length: 1_001 }, (_, i) => ({ name: `f${i}.xml`, data: "<a/>", method: 0 as const })));
    expect(messages(readEInvoices(zip, "many.zip"))).toEqual(["many.zip: more than 1,000 files in the zip (1001)"]);
  });

  it("says so when a zip holds no XML", () => {
    expect(messages(readEInvoices(buildZip([{ name: "a.pdf", data: "%PDF" }]), "pdfs.zip"))).toEqual(["pdfs.zip: the zip holds no .xml files"]);
  });
});

describe("readEInvoices: refusals", () => {
  it("refuses a DOCTYPE, so an entity bomb never expands", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Invoice ${UBL_NS("Invoice")}><cbc:ID>&lol2;</cbc:ID></Invoice>`;
    expect(messages(readEInvoices(utf8(bomb), "bomb.xml"))).toEqual(["bomb.xml: DOCTYPE is not allowed (an e-invoice needs no DTD or entity declarations)"]);
  });

  it("names the root of a document that is not a UBL invoice", () => {
    expect(messages(readEInvoices(utf8(`<?xml version="1.0"?><rsm:CrossIndustryInvoice xmlns:rsm="urn:x"/>`), "cii.xml"))[0]).toBe(
      "cii.xml: not a UBL Invoice or CreditNote (root is <CrossIndustryInvoice>); UN/CEFACT CII (ZUGFeRD, Factur-X) is not supported",
    );
    expect(messages(readEInvoices(utf8(`<Invoice xmlns="urn:other"><ID>1</ID></Invoice>`), "other.xml"))[0]).toMatch(/^other\.xml: <Invoice> is not in the UBL namespace/);
  });

  it("refuses a payable amount with more than 2 decimals", () => {
    const xml = PEPPOL_INVOICE.replace(">1656.25<", ">1656.255<");
    expect(messages(readEInvoices(utf8(xml), "x.xml"))).toEqual(['x.xml: cbc:PayableAmount "1656.255" has more than 2 decimals']);
  });

  it("lists every missing or wrong field of one document", () => {
    const xml = PEPPOL_INVOICE.replace("<cbc:ID>Snippet1</cbc:ID>\n", "").replace("2017-12-01", "2017-02-30").replace(">EUR</cbc:DocumentCurrencyCode>", ">EURO</cbc:DocumentCurrencyCode>");
    expect(messages(readEInvoices(utf8(xml), "invoice.xml"))).toEqual([
      "invoice.xml: no cbc:ID (the invoice number)",
      'invoice.xml: cbc:DueDate "2017-02-30" is not a date (YYYY-MM-DD)',
      'invoice.xml: cbc:DocumentCurrencyCode "EURO" is not a currency code',
    ]);
  });

  it("refuses malformed XML, a file over 5 MB and a .zip that is not one", () => {
    expect(messages(readEInvoices(utf8("<Invoice><ID>1</Invoice>"), "broken.xml"))[0]).toMatch(/^broken\.xml: not well-formed XML/);
    expect(messages(readEInvoices(new Uint8Array(5 * 1024 * 1024 + 1), "big.xml"))[0]).toMatch(/^big\.xml: larger than 5 MB/);
    expect(messages(readEInvoices(utf8(PEPPOL_INVOICE), "x.zip"))).toEqual(["x.zip: not a ZIP archive (it may be damaged)"]);
  });
});

describe("decimalToCents", () => {
  it("converts xsd:decimal exactly", () => {
    expect(decimalToCents("1656.25")).toBe(165_625n);
    expect(decimalToCents("-0.5")).toBe(-50n);
    expect(decimalToCents("+12")).toBe(1_200n);
    expect(decimalToCents("12.500")).toBe(1_250n);
    expect(decimalToCents(".5")).toBe(50n);
    const refused = (written: string) => {
      const r = decimalToCents(written);
      return typeof r === "bigint" ? r : r.message;
    };
    expect(refused("1,5")).toBe('"1,5" is not a decimal number');
    expect(refused("1e3")).toBe('"1e3" is not a decimal number');
    expect(refused(".")).toBe('"." is not a decimal number');
  });
});
