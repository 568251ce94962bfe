import { describe, expect, it } from "vitest";
import { findBalanceDrift } from "@/lib/debtors/debtor-balance";
import { importReceivables, type ImportRequest } from "@/lib/imports/import-receivables";
import { createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * A company loads its open items from its accounting package, works on them in the workbench, and
 * refreshes them the next day from a newer export. The file's shape (semicolon, Dutch amounts and
 * dates, a title line) follows the Twinfield "Debiteurenkaart" browse labels (murb/twinfield
 * lib/twinfield/browse/transaction/customer.rb): Debiteur, Naam, Factuurnr., Factuurdatum,
 * Vervaldatum, Bedrag, Openstaand bedrag, Valuta; the rows are our own.
 */
const TODAY = "2031-03-10";
const ctx = { today: TODAY, now: new Date(`${TODAY}T08:00:00Z`) };
const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
const header = "Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag;Valuta;Omschrijving;E-mail";
const K = (n: number) => `${tag}${n}`;
const F = (n: number) => `F${tag}-${n}`;
function file(lines: string[]): Uint8Array {
  // A title line above the header, as browse exports have; Windows-1252 text.
  return new Uint8Array(Buffer.from(["Openstaande posten debiteuren per 09-03-2031", header, ...lines].join("\r\n") + "\r\n", "latin1"));
}
const day1 = [
  `${K(1)};Bakkerij Smit B.V.;${F(1)};02-01-2031;01-02-2031;1.210,00;1.210,00;EUR;Broodkratten;debiteuren1@klant.test`,
  `${K(1)};Bakkerij Smit B.V.;${F(2)};15-01-2031;14-02-2031;605,00;605,00;EUR;Transport;debiteuren1@klant.test`,
  `${K(2)};Café De Hoek;${F(3)};20-12-2030;19-01-2031;2.420,50;1.000,50;EUR;Tapinstallatie;debiteuren2@klant.test`,
  `${K(3)};Installatiebedrijf Jansen;${F(4)};05-02-2031;07-03-2031;999,99;999,99;EUR;Onderhoud;debiteuren3@klant.test`,
  `${K(3)};Installatiebedrijf Jansen;${F(5)};06-02-2031;08-03-2031;-150,00;-150,00;EUR;Creditnota onderhoud;debiteuren3@klant.test`,
];

async function run(manager: { id: string; role: "manager" }, bytes: Uint8Array, extra: Partial<ImportRequest> = {}) {
  return importReceivables(testDb, manager, { source: "twinfield", kind: "open_items", fileName: "openstaand.csv", bytes, dryRun: false, ...extra }, ctx);
}

describe("loading and refreshing receivables from an accounting package", () => {
  it("imports, keeps the workbench's work through a newer file, and changes nothing on the same file twice", async () => {
    const manager = { ...(await createUser(testDb, "manager")), role: "manager" as const };

    // A dry run says what would happen and writes nothing but its history line.
    const dry = await run(manager, file(day1), { dryRun: true });
    expect(dry).toMatchObject({ status: "dry_run", rows: 5, debtors: { created: 3 }, invoices: { created: 5 } });
    expect(await testDb.debtor.count({ where: { customerNumber: { startsWith: tag } } })).toBe(0);

    const first = await run(manager, file(day1));
    expect(first).toMatchObject({ status: "applied", debtors: { created: 3, updated: 0 }, invoices: { created: 5, closed: 0 } });
    expect(first.mapping).toMatchObject({ customerNumber: "Debiteur", customerName: "Naam", invoiceNumber: "Factuurnr.", openAmount: "Openstaand bedrag" });
    const cafe = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: K(2) } });
    expect(cafe.name).toBe("Café De Hoek");
    expect(cafe.openCents).toBe(100_050n);
    const f3 = await testDb.invoice.findUniqueOrThrow({ where: { number: F(3) } });
    expect(f3).toMatchObject({ amountCents: 242_050n, openCents: 100_050n, issueDate: "2030-12-20", dueDate: "2031-01-19" });
    // Written in bulk, read back through the client as any other row.
    expect(Math.abs(f3.createdAt.getTime() - Date.now())).toBeLessThan(600_000);
    expect(await testDb.contact.findFirstOrThrow({ where: { debtorId: cafe.id } })).toMatchObject({ email: "debiteuren2@klant.test", isPrimaryForPayments: true, name: "Café De Hoek" });
    expect((await testDb.invoice.findUniqueOrThrow({ where: { number: F(5) } })).openCents).toBe(-15_000n);

    // Work done in the workbench on the imported debtors.
    const smit = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: K(1) } });
    const f1 = await testDb.invoice.findUniqueOrThrow({ where: { number: F(1) } });
    const call = await testDb.callLog.create({ data: { debtorId: smit.id, authorId: manager.id, startedAt: ctx.now, notes: "Belt terug na overleg" } });
    const dispute = await testDb.dispute.create({ data: { debtorId: smit.id, invoiceId: f1.id, reason: "quality", disputedCents: 10_000n, openedOn: TODAY } });
    const task = await testDb.task.create({ data: { debtorId: cafe.id, type: "callback", dueAt: ctx.now } });

    // The same file again: nothing changes.
    const payments = await testDb.payment.count();
    const again = await run(manager, file(day1));
    expect(again).toMatchObject({ status: "applied", debtors: { created: 0, updated: 0, unchanged: 3 }, invoices: { created: 0, updated: 0, closed: 0, unchanged: 5 } });
    expect(await testDb.payment.count()).toBe(payments);

    // The next day: F2 paid (gone from the file), F6 new, F4's amount corrected, the café renamed,
    // F3 partly paid in the books.
    const day2 = [
      `${K(1)};Bakkerij Smit B.V.;${F(1)};02-01-2031;01-02-2031;1.210,00;1.210,00;EUR;Broodkratten;debiteuren1@klant.test`,
      `${K(2)};Grand Café De Hoek;${F(3)};20-12-2030;19-01-2031;2.420,50;500,00;EUR;Tapinstallatie;debiteuren2@klant.test`,
      `${K(3)};Installatiebedrijf Jansen;${F(4)};05-02-2031;07-03-2031;899,99;899,99;EUR;Onderhoud;debiteuren3@klant.test`,
      `${K(3)};Installatiebedrijf Jansen;${F(5)};06-02-2031;08-03-2031;-150,00;-150,00;EUR;Creditnota onderhoud;debiteuren3@klant.test`,
      `${K(1)};Bakkerij Smit B.V.;${F(6)};01-03-2031;31-03-2031;48,40;48,40;EUR;Kratten;debiteuren1@klant.test`,
    ];
    const next = await run(manager, file(day2), { fileDate: "2031-03-10" });
    expect(next).toMatchObject({ status: "applied", debtors: { updated: 1 }, invoices: { created: 1, updated: 2, closed: 1, paidOutsideCents: String(60_500n + 50_050n) } });

    const f2 = await testDb.invoice.findUniqueOrThrow({ where: { number: F(2) }, include: { allocations: { include: { payment: true } } } });
    expect(f2.openCents).toBe(0n);
    expect(f2.allocations).toHaveLength(1);
    expect(f2.allocations[0]!.payment).toMatchObject({ valueDate: "2031-03-10", source: "import", amountCents: 60_500n });
    expect((await testDb.invoice.findUniqueOrThrow({ where: { number: F(4) } })).amountCents).toBe(89_999n);
    expect((await testDb.invoice.findUniqueOrThrow({ where: { number: F(3) } })).openCents).toBe(50_000n);
    expect((await testDb.debtor.findUniqueOrThrow({ where: { id: cafe.id } })).name).toBe("Grand Café De Hoek");
    expect((await testDb.debtor.findUniqueOrThrow({ where: { id: smit.id } })).openCents).toBe(121_000n + 4_840n);

    // The work survived and stays linked.
    expect(await testDb.callLog.findUnique({ where: { id: call.id } })).toMatchObject({ debtorId: smit.id });
    expect(await testDb.dispute.findUnique({ where: { id: dispute.id } })).toMatchObject({ invoiceId: f1.id, debtorId: smit.id });
    expect(await testDb.task.findUnique({ where: { id: task.id } })).toMatchObject({ debtorId: cafe.id });
    expect(await testDb.debtor.count({ where: { customerNumber: { startsWith: tag } } })).toBe(3);
    // No drift on the imported debtors (other test files share the database and may be mid-write).
    const mine = new Set((await testDb.debtor.findMany({ where: { customerNumber: { startsWith: tag } }, select: { id: true } })).map((d) => d.id));
    expect((await findBalanceDrift(testDb)).filter((d) => mine.has(d.debtorId))).toEqual([]);

    // The history: who, when, counts, checksum.
    const history = await testDb.importRun.findMany({ where: { source: "twinfield", actorId: manager.id }, orderBy: { createdAt: "asc" } });
    expect(history.map((h) => h.status)).toEqual(["dry_run", "applied", "applied", "applied"]);
    expect(history[1]!.checksum).toBe(history[2]!.checksum);
    expect(history[3]!.checksum).not.toBe(history[1]!.checksum);
  });

  it("refuses a file with any bad row, naming each row, and imports nothing of it", async () => {
    const manager = { ...(await createUser(testDb, "manager")), role: "manager" as const };
    const t = Math.random().toString(36).slice(2, 7).toUpperCase();
    const bad = [
      `${t}1;Good B.V.;G${t}-1;02-01-2031;01-02-2031;100,00;100,00;EUR;ok;x@klant.test`,
      `${t}2;Bad Date B.V.;G${t}-2;31-02-2031;01-03-2031;100,00;100,00;EUR;x;x@klant.test`,
      `${t}3;Euro B.V.;G${t}-3;02-01-2031;01-02-2031;100,00;100,00;EURO;x;x@klant.test`,
      `${t}4;Neg B.V.;G${t}-4;02-01-2031;01-02-2031;100,00;120,00;EUR;x;x@klant.test`,
      `${t}5;Dup B.V.;G${t}-1;02-01-2031;01-02-2031;100,00;100,00;EUR;x;x@klant.test`,
    ];
    const r = await run(manager, file(bad));
    expect(r.status).toBe("refused");
    // Line 1 is the title, line 2 the header: the rows are numbered as the file's lines.
    expect(r.errors.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(r.errors.find((e) => e.row === 4)!.message).toContain("Factuurdatum");
    expect(r.errors.find((e) => e.row === 5)!.message).toMatch(/EURO/);
    expect(r.errors.find((e) => e.row === 6)!.message).toMatch(/open amount is more/);
    expect(r.errors.find((e) => e.row === 7)!.message).toMatch(/also on row 3/);
    expect(await testDb.debtor.count({ where: { customerNumber: { startsWith: t } } })).toBe(0);

    // A viewer or a controller may not import at all.
    const controller = await createUser(testDb, "controller");
    await expect(importReceivables(testDb, controller, { source: "twinfield", kind: "open_items", fileName: "x.csv", bytes: file(day1), dryRun: true }, ctx)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("e-invoices (UBL 2.1 / Peppol BIS 3.0)", () => {
  // Shape after OpenPEPPOL peppol-bis-invoice-3 rules/examples/base-example.xml and
  // base-creditnote-correction.xml (an invoice, and a credit note referring back to it); our own values.
  const t = Math.random().toString(36).slice(2, 7).toUpperCase();
  const party = (role: "AccountingSupplierParty" | "AccountingCustomerParty", name: string, id: string) =>
    `<cac:${role}><cac:Party><cac:PartyIdentification><cbc:ID>${id}</cbc:ID></cac:PartyIdentification><cac:PostalAddress><cbc:StreetName>Dorpsstraat 1</cbc:StreetName><cbc:CityName>Utrecht</cbc:CityName><cbc:PostalZone>3511 AA</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:${role}>`;
  const invoice = (number: string, amount: string) =>
    new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
<cbc:ID>${number}</cbc:ID><cbc:IssueDate>2031-02-13</cbc:IssueDate><cbc:DueDate>2031-03-01</cbc:DueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
${party("AccountingSupplierParty", "Onze Groothandel B.V.", "LEV1")}${party("AccountingCustomerParty", "Koffiebranderij Aroma", `UBL${t}`)}
<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>${number}</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>NL91ABNA0417164300</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${amount}</cbc:LineExtensionAmount><cbc:PayableAmount currencyID="EUR">${amount}</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`);

  it("imports an invoice as a new open item of its buyer; the same document twice changes nothing; nothing is closed for lacking", async () => {
    const manager = { ...(await createUser(testDb, "manager")), role: "manager" as const };
    const run = (bytes: Uint8Array) => importReceivables(testDb, manager, { source: "peppol", kind: "e_invoices", fileName: "factuur.xml", bytes, dryRun: false }, ctx);
    const first = await run(invoice(`INV-${t}-1`, "1656.25"));
    expect(first).toMatchObject({ status: "applied", debtors: { created: 1 }, invoices: { created: 1 } });
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `UBL${t}` } });
    expect(debtor).toMatchObject({ name: "Koffiebranderij Aroma", city: "Utrecht", postalCode: "3511 AA", openCents: 165_625n });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { number: `INV-${t}-1` } })).toMatchObject({ issueDate: "2031-02-13", dueDate: "2031-03-01", openCents: 165_625n });
    expect(await run(invoice(`INV-${t}-1`, "1656.25"))).toMatchObject({ status: "applied", invoices: { created: 0, updated: 0, unchanged: 1 } });
    // A second document alone does not close the first.
    expect(await run(invoice(`INV-${t}-2`, "10.00"))).toMatchObject({ invoices: { created: 1, closed: 0 } });
    expect((await testDb.invoice.findUniqueOrThrow({ where: { number: `INV-${t}-1` } })).openCents).toBe(165_625n);
  });
});
