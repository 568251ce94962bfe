import { describe, expect, it } from "vitest";
import { findBalanceDrift } from "@/lib/debtors/debtor-balance";
import { runDunning } from "@/lib/dunning/run-dunning";
import { importReceivables, type ImportRequest } from "@/lib/imports/import-receivables";
import { createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * Beside its open items, a company loads the people at its customers and the payments its
 * accounting package booked. Rows and names are our own; where a header layout follows a
 * package, the test says which.
 */
const TODAY = "2035-04-17";
const ctx = { today: TODAY, now: new Date(`${TODAY}T08:00:00Z`), timeZone: "Europe/Amsterdam", graceDays: 2 };
const csv = (lines: string[]) => new Uint8Array(Buffer.from(lines.join("\r\n") + "\r\n", "utf8"));
const newTag = () => Math.random().toString(36).slice(2, 7).toUpperCase();

async function manager() {
  return { ...(await createUser(testDb, "manager")), role: "manager" as const };
}

function importer(actor: { id: string; role: "manager" }, source: string) {
  return (kind: ImportRequest["kind"], bytes: Uint8Array, extra: Partial<ImportRequest> = {}) =>
    importReceivables(testDb, actor, { source, kind, fileName: `${kind}.csv`, bytes, dryRun: false, ...extra }, ctx);
}

/** Open items in the Twinfield browse labels the receivables test uses (Debiteur, Naam, Factuurnr., ...). */
const openItems = (rows: string[]) => csv(["Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag;Valuta;E-mail", ...rows]);

describe("contacts from the accounting package", () => {
  // Header: the field names of Exact Online's crm/Contacts (picqer/exact-php-client Contact.php):
  // Code is the account's code (our customer number), FullName, JobTitleDescription, Email,
  // Phone, Mobile, IsMainContact. The screen export's own labels could not be sourced.
  const header = "Code;FullName;JobTitleDescription;Email;Phone;Mobile;IsMainContact";

  it("creates the people at known debtors, updates them from a newer file, and changes nothing on the same file twice", async () => {
    const t = newTag();
    const run = importer(await manager(), `exact-c${t.toLowerCase()}`);
    await run("open_items", openItems([`${t}1;Bakkerij Smit B.V.;C${t}-1;02-01-2035;01-02-2035;100,00;100,00;EUR;crediteuren@smit.test`, `${t}2;Café De Hoek;C${t}-2;02-01-2035;01-02-2035;50,00;50,00;EUR;`]));
    const smit = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` }, include: { contacts: true } });
    const hoek = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}2` } });
    // The open-items import made one contact from the e-mail column: the contacts file adopts it, not a second one.
    expect(smit.contacts).toHaveLength(1);
    const first = csv([
      header,
      `${t}1;Jan de Vries;Crediteurenadministratie;Crediteuren@smit.test;020-1234567;06-12345678;ja`,
      `${t}1;Piet Bakker;Inkoper;piet@smit.test;;;nee`,
      `${t}2;Anna Smit;Directeur;;030 123 4567;;`,
    ]);

    const dry = await run("contacts", first, { dryRun: true });
    expect(dry).toMatchObject({ status: "dry_run", rows: 3, contacts: { created: 2, updated: 1, unchanged: 0 } });
    expect(dry.mapping).toEqual({ customerNumber: "Code", contactName: "FullName", jobTitle: "JobTitleDescription", email: "Email", phone: "Phone", mobile: "Mobile", isPrimaryForPayments: "IsMainContact" });
    expect(await testDb.contact.count({ where: { debtorId: { in: [smit.id, hoek.id] } } })).toBe(1);

    expect(await run("contacts", first)).toMatchObject({ status: "applied", contacts: { created: 2, updated: 1, unchanged: 0 } });
    const people = async () => testDb.contact.findMany({ where: { debtorId: { in: [smit.id, hoek.id] } }, orderBy: { name: "asc" } });
    const afterFirst = await people();
    expect(afterFirst.map((c) => [c.name, c.jobTitle, c.phone, c.mobile, c.email, c.isPrimaryForPayments])).toEqual([
      ["Anna Smit", "Directeur", "030 123 4567", null, null, false],
      ["Jan de Vries", "Crediteurenadministratie", "020 1234567", "06 12345678", "Crediteuren@smit.test", true],
      ["Piet Bakker", "Inkoper", null, null, "piet@smit.test", false],
    ]);
    expect(afterFirst.find((c) => c.name === "Jan de Vries")!.id).toBe(smit.contacts[0]!.id);

    // The same file again: nothing changes, not even a version.
    expect(await run("contacts", first)).toMatchObject({ status: "applied", contacts: { created: 0, updated: 0, unchanged: 3 } });
    expect((await people()).map((c) => c.version)).toEqual(afterFirst.map((c) => c.version));

    // A newer file: Piet is now the one for payments (Jan loses the mark), Anna got an e-mail address
    // (she was known by her name) and a new number; a controller's own contact stays as it is.
    const own = await testDb.contact.create({ data: { debtorId: hoek.id, name: "Eigen notitie: magazijnchef", phone: "+31 6 1111 2222" } });
    const second = csv([
      header,
      `${t}1;Jan de Vries;Crediteurenadministratie;Crediteuren@smit.test;020-1234567;06-12345678;nee`,
      `${t}1;Piet Bakker;Inkoper;piet@smit.test;;;ja`,
      `${t}2;Anna Smit;Directeur;anna@dehoek.test;030 765 4321;;`,
    ]);
    expect(await run("contacts", second)).toMatchObject({ status: "applied", contacts: { created: 0, updated: 3, unchanged: 0 } });
    const afterSecond = await people();
    expect(afterSecond).toHaveLength(4);
    expect(afterSecond.filter((c) => c.isPrimaryForPayments).map((c) => c.name)).toEqual(["Piet Bakker"]);
    expect(afterSecond.find((c) => c.name === "Anna Smit")).toMatchObject({ email: "anna@dehoek.test", phone: "030 765 4321", id: afterFirst.find((c) => c.name === "Anna Smit")!.id });
    expect(afterSecond.find((c) => c.id === own.id)).toMatchObject({ name: "Eigen notitie: magazijnchef", phone: "+31 6 1111 2222" });
    // Known now by her e-mail too: the newer file once more changes nothing.
    expect(await run("contacts", second)).toMatchObject({ contacts: { created: 0, updated: 0, unchanged: 3 } });
  });

  it("refuses a contacts file with an unknown customer or a bad value, naming the rows, and writes nothing", async () => {
    const t = newTag();
    const run = importer(await manager(), `exact-c${t.toLowerCase()}`);
    await run("open_items", openItems([`${t}1;Drukkerij Jansen;C${t}-1;02-01-2035;01-02-2035;100,00;100,00;EUR;`]));
    const bad = csv([
      // Dutch headers, as a spreadsheet kept by hand names them.
      "Klantnummer;Contactpersoon;Functie;E-mail;Telefoon;Mobiel;Rol",
      `${t}1;Els Jansen;Boekhouding;els@jansen.test;;;Crediteurenadministratie`,
      `${t}9;Onbekend;;x@onbekend.test;;;`,
      `${t}1;Kees Jansen;;kees@@jansen.test;;;`,
      `${t}1;Mies Jansen;;;bellen na vijf;;`,
      `${t}1;Bob Jansen;;;;;Koffiejuffrouw`,
    ]);
    const r = await run("contacts", bad);
    expect(r.status).toBe("refused");
    expect(r.mapping).toMatchObject({ customerNumber: "Klantnummer", contactName: "Contactpersoon", jobTitle: "Functie", email: "E-mail", phone: "Telefoon", mobile: "Mobiel", role: "Rol" });
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(r.errors[0]).toMatchObject({ message: `customer ${t}9 is not in the workbench; import the debtors or open items first`, problem: { key: "imports.error.unknownDebtor" } });
    expect(r.errors[1]!.message).toBe('E-mail: "kees@@jansen.test" holds more than one e-mail address; give one per cell');
    expect(r.errors[2]!.message).toBe('Telefoon: "bellen na vijf" is not a phone number');
    expect(r.errors[3]!.problem).toMatchObject({ key: "imports.error.cell", params: { column: "Rol", problem: { key: "imports.error.notRole" } } });
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } });
    expect(await testDb.contact.count({ where: { debtorId: debtor.id } })).toBe(0);
  });
});

describe("payments from the accounting package", () => {
  // Header as a Dutch bank or package export names the columns (Klantnummer, Betaaldatum, Bedrag,
  // Omschrijving, Factuurnummer); rows our own.
  const header = "Klantnummer;Betaaldatum;Bedrag;Omschrijving;Factuurnummer";

  it("books payments costs first, then interest, then principal, on the invoices named, and never twice", async () => {
    const t = newTag();
    const run = importer(await manager(), `pay${t.toLowerCase()}`);
    await run("open_items", openItems([
      `${t}1;Groothandel Peters;A${t};01-02-2035;01-03-2035;1.000,00;1.000,00;EUR;`,
      `${t}1;Groothandel Peters;B${t};01-03-2035;01-04-2035;500,00;500,00;EUR;`,
      `${t}1;Groothandel Peters;C${t};01-04-2035;01-05-2035;200,00;200,00;EUR;`,
    ]));
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } });
    const invoice = (n: string) => testDb.invoice.findUniqueOrThrow({ where: { number: `${n}${t}` } });
    // B's dunning charged collection costs and interest in the workbench.
    await testDb.invoice.update({ where: { id: (await invoice("B")).id }, data: { costsOpenCents: 40_00n, costsChargedCents: 40_00n, interestOpenCents: 12_50n } });

    const payments = [
      header,
      `${t}1;10-04-2035;100,00;Betaling factuur B${t};B${t}`,
      `${t}1;11-04-2035;1.000,00;Betaling;`,
      `${t}1;12-04-2035;500,00;;`,
    ];
    const dry = await run("payments", csv(payments), { dryRun: true });
    expect(dry).toMatchObject({ status: "dry_run", rows: 3, payments: { created: 3, unchanged: 0, bookedCents: "160000", unallocatedCents: "0" }, invoices: { updated: 1, closed: 2 } });
    expect(await testDb.payment.count({ where: { debtorId: debtor.id } })).toBe(0);

    const booked = await run("payments", csv(payments));
    expect(booked).toMatchObject({ status: "applied", payments: { created: 3, unchanged: 0, bookedCents: "160000" }, invoices: { updated: 1, closed: 2 } });
    const allocations = await testDb.payment.findMany({ where: { debtorId: debtor.id }, orderBy: { valueDate: "asc" }, include: { allocations: { include: { invoice: { select: { number: true } } } } } });
    const shown = allocations.map((p) => p.allocations.map((a) => `${a.kind} ${a.amountCents} ${a.invoice.number}`).sort());
    // 100: B's costs, then its interest, then its principal (art. 6:44 BW); 1,000: the oldest (A);
    // 500: what is left of B, then C.
    expect(shown[0]).toEqual([`costs 4000 B${t}`, `interest 1250 B${t}`, `principal 4750 B${t}`]);
    expect(shown[1]).toEqual([`principal 100000 A${t}`]);
    expect(shown[2]).toEqual([`principal 45250 B${t}`, `principal 4750 C${t}`].sort());
    expect(allocations.map((p) => p.reference)).toEqual([`Betaling factuur B${t}`, "Betaling", null]);
    expect((await invoice("A")).openCents).toBe(0n);
    expect(await invoice("B")).toMatchObject({ openCents: 0n, costsOpenCents: 0n, interestOpenCents: 0n });
    expect((await invoice("C")).openCents).toBe(152_50n);
    expect((await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).openCents).toBe(152_50n);

    // The same file again books nothing.
    expect(await run("payments", csv(payments))).toMatchObject({ status: "applied", payments: { created: 0, unchanged: 3, bookedCents: "0" }, invoices: { updated: 0, closed: 0 } });
    expect(await testDb.payment.count({ where: { debtorId: debtor.id } })).toBe(3);

    // A later export repeats them and adds one more of the same day and amount as the last: two equal
    // payments are two payments, and only the new one is booked (C in full, the rest a credit).
    const later = await run("payments", csv([...payments, `${t}1;12-04-2035;500,00;;`]));
    expect(later).toMatchObject({ status: "applied", payments: { created: 1, unchanged: 3, bookedCents: "50000", unallocatedCents: String(500_00n - 152_50n) }, invoices: { closed: 1 } });
    expect(await testDb.payment.count({ where: { debtorId: debtor.id } })).toBe(4);
    expect((await invoice("C")).openCents).toBe(0n);
    expect(await testDb.externalKey.count({ where: { source: `pay${t.toLowerCase()}`, kind: "payment" } })).toBe(4);
    expect((await findBalanceDrift(testDb)).filter((d) => d.debtorId === debtor.id)).toEqual([]);
  });

  it("knows a payment by the file's transaction id, and refuses one imported before with another amount", async () => {
    const t = newTag();
    const run = importer(await manager(), `pay${t.toLowerCase()}`);
    await run("open_items", openItems([`${t}1;Tuincentrum Groen;G${t};01-02-2035;01-03-2035;300,00;300,00;EUR;`]));
    // Moneybird's payment fields (picqer/moneybird-php-client SalesInvoicePayment.php): payment_transaction_id, price, payment_date.
    const file = (amount: string) => csv(["customer_id;payment_transaction_id;payment_date;price", `${t}1;TX-${t}-1;2035-04-01;${amount}`, `${t}1;TX-${t}-2;2035-04-01;${amount}`]);
    expect(await run("payments", file("100.00"))).toMatchObject({ status: "applied", payments: { created: 2 } });
    const again = await run("payments", file("120.00"));
    expect(again.status).toBe("refused");
    expect(again.errors.map((e) => e.problem.key)).toEqual(["imports.error.paymentChanged", "imports.error.paymentChanged"]);
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } });
    expect((await testDb.payment.findMany({ where: { debtorId: debtor.id } })).map((p) => p.reference).sort()).toEqual([`pay${t.toLowerCase()} TX-${t}-1`, `pay${t.toLowerCase()} TX-${t}-2`]);
  });

  it("refuses a payments file with one bad row and books nothing of it", async () => {
    const t = newTag();
    const run = importer(await manager(), `pay${t.toLowerCase()}`);
    await run("open_items", openItems([`${t}1;Autobedrijf Vos;V${t};01-02-2035;01-03-2035;800,00;800,00;EUR;`, `${t}2;Bloemist Roos;R${t};01-02-2035;01-03-2035;80,00;80,00;EUR;`]));
    const debtor = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } });
    const bad = csv([
      `${header};Valuta`,
      `${t}1;10-04-2035;100,00;goed;V${t};EUR`,
      `${t}1;10-04-2035;-25,00;storno;;EUR`,
      `${t}9;10-04-2035;10,00;onbekend;;EUR`,
      `${t}1;31-02-2035;10,00;datum;;EUR`,
      `${t}1;10-04-2035;10,00;valuta;;EURO`,
      `${t}1;10-04-2035;10,00;andere klant;R${t};EUR`,
      `${t}1;10-05-2035;10,00;toekomst;;EUR`,
    ]);
    const r = await run("payments", bad);
    expect(r.status).toBe("refused");
    expect(r.errors.map((e) => [e.row, e.problem.key])).toEqual([
      [3, "imports.error.negativePayment"],
      [4, "imports.error.unknownDebtor"],
      [5, "imports.error.cell"],
      [6, "imports.error.cell"],
      [7, "imports.error.paymentInvoice"],
      [8, "imports.error.futurePayment"],
    ]);
    expect(r.errors[0]!.message).toBe("a negative amount (-25.00): refunds and reversals are not imported; undo the payment in the workbench");
    expect(r.errors[2]!.message).toBe('Betaaldatum: "31-02-2035" is not a date (February 2035 has 28 days)');
    expect(r.errors[3]!.message).toBe("Valuta: unknown currency 'EURO'");
    expect(await testDb.payment.count({ where: { debtorId: debtor.id } })).toBe(0);
    expect((await testDb.invoice.findUniqueOrThrow({ where: { number: `V${t}` } })).openCents).toBe(800_00n);

    // A ragged row refuses the file before anything else is looked at.
    const ragged = await run("payments", csv([header, `${t}1;10-04-2035;100,00;goed;V${t}`, `${t}1;10-04-2035;100,00;een;kolom;te veel`]));
    expect(ragged).toMatchObject({ status: "refused", errors: [{ row: 3, message: "row 3 has 6 cells, the header has 5" }] });
    // Duplicate transaction ids in one file.
    const twice = await run("payments", csv(["Klantnummer;Transactie-ID;Datum;Bedrag", `${t}1;T1;10-04-2035;10,00`, `${t}1;T1;11-04-2035;12,00`]));
    expect(twice.errors.map((e) => e.message)).toEqual(["payment T1 is also on row 2"]);
    expect(await testDb.payment.count({ where: { debtorId: debtor.id } })).toBe(0);

    // A controller may not import payments at all.
    const controller = await createUser(testDb, "controller");
    await expect(importReceivables(testDb, controller, { source: "x", kind: "payments", fileName: "x.csv", bytes: bad, dryRun: true }, ctx)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("credit notes in the open items", () => {
  const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };
  const header = "Debiteur;Naam;Soort;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag;Valuta;E-mail";

  async function importCredits() {
    const t = newTag();
    const run = importer(await manager(), `cn${t.toLowerCase()}`);
    const rows = [
      `${t}1;Meubelmakerij Eik;Factuur;X${t};01-02-2035;03-03-2035;1.000,00;1.000,00;EUR;ap@eik.test`,
      // A credit note written with positive amounts beside its type, and one written negative without a type.
      `${t}1;Meubelmakerij Eik;Creditnota;Y${t};05-02-2035;07-03-2035;150,00;150,00;EUR;ap@eik.test`,
      `${t}1;Meubelmakerij Eik;;Z${t};06-02-2035;08-03-2035;-50,00;-50,00;EUR;ap@eik.test`,
      `${t}2;Stoffeerderij Linnen;Creditnota;W${t};05-02-2035;07-03-2035;75,00;75,00;EUR;ap@linnen.test`,
    ];
    const first = await run("open_items", csv([header, ...rows]));
    return { t, run, rows, first };
  }

  it("imports a credit note as a negative open item that is never dunned nor charged, and closes it when the books have used it", async () => {
    const { t, run, rows, first } = await importCredits();
    expect(first).toMatchObject({ status: "applied", invoices: { created: 4 } });
    const item = (p: string) => testDb.invoice.findUniqueOrThrow({ where: { number: `${p}${t}` } });
    expect(await item("Y")).toMatchObject({ amountCents: -150_00n, openCents: -150_00n });
    expect(await item("Z")).toMatchObject({ amountCents: -50_00n, openCents: -50_00n });
    const eik = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } });
    const linnen = await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}2` } });
    // What is owed stays the invoice: a credit note is not an overdue item.
    expect(eik).toMatchObject({ openInvoiceCount: 1, oldestOpenDueDate: "2035-03-03" });

    // X has had its reminders; the run sends the next rung and charges on X alone.
    await testDb.invoice.update({ where: { id: (await item("X")).id }, data: { dunningLevel: 3, lastDunnedOn: "2035-03-20" } });
    await runDunning(testDb, { today: TODAY, timeZone: "Europe/Amsterdam", now: ctx.now, creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null });
    const sent = await testDb.dunningCommunication.findMany({ where: { debtorId: { in: [eik.id, linnen.id] } } });
    expect(sent.map((c) => c.debtorId)).toEqual([eik.id]);
    expect(sent[0]!.invoiceNumbers.split(",").map((n) => n.trim())).toEqual([`X${t}`]);
    expect((await item("X")).dunningLevel).toBeGreaterThan(3);
    for (const p of ["Y", "Z", "W"]) {
      expect(await item(p), p).toMatchObject({ dunningLevel: 0, lastDunnedOn: null, costsOpenCents: 0n, interestOpenCents: 0n, costsBaseCents: 0n });
    }

    // The next day's export no longer lists Y (set off in the books): it is closed, nothing is paid.
    const payments = await testDb.payment.count({ where: { debtorId: eik.id } });
    const next = await run("open_items", csv([header, ...rows.filter((r) => !r.includes(`Y${t}`))]));
    expect(next).toMatchObject({ status: "applied", invoices: { closed: 1, created: 0 } });
    expect((await item("Y")).openCents).toBe(0n);
    expect((await item("Z")).openCents).toBe(-50_00n);
    expect(await testDb.payment.count({ where: { debtorId: eik.id } })).toBe(payments);
    expect(await run("open_items", csv([header, ...rows.filter((r) => !r.includes(`Y${t}`))]))).toMatchObject({ invoices: { closed: 0, updated: 0 } });
  });

  it("refuses a row whose type says invoice but whose amount is negative, and a credit note with mixed signs", async () => {
    const t = newTag();
    const r = await importer(await manager(), `cn${t.toLowerCase()}`)(
      "open_items",
      csv([header, `${t}1;Fout B.V.;Factuur;F${t}1;01-02-2035;03-03-2035;-10,00;-10,00;EUR;`, `${t}1;Fout B.V.;Creditnota;F${t}2;01-02-2035;03-03-2035;-10,00;10,00;EUR;`]),
    );
    expect(r.errors.map((e) => [e.row, e.problem.key])).toEqual([
      [2, "imports.error.negativeInvoice"],
      [3, "imports.error.creditNoteSigns"],
    ]);
    expect(await testDb.debtor.count({ where: { customerNumber: `${t}1` } })).toBe(0);
  });

  // Debtor.openCents (lib/debtors/debtor-balance.ts) sums only open amounts above zero, so a credit
  // note does not lower the debtor's balance yet. Marked as failing until that sum nets credit notes;
  // then drop `.fails`.
  it("nets a credit note in the debtor's open balance", async () => {
    const { t } = await importCredits();
    expect((await testDb.debtor.findUniqueOrThrow({ where: { customerNumber: `${t}1` } })).openCents).toBe(1_000_00n - 150_00n - 50_00n);
  });
});
