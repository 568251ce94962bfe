import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { creditor, pdfText, statementData } from "@/tests/factories/documents";
import { drawnText } from "@/tests/factories/pdf-text";
import { statementTotals } from "./statement-data";
import { renderStatementPdf } from "./statement-pdf";

const head = { creditor };
/** Drawn lines joined with spaces: a wrapped paragraph reads as one sentence again. */
const flat = (pdf: Uint8Array) => drawnText(pdf).replace(/\n/g, " ");
const lines = (pdf: Uint8Array) => drawnText(pdf).split("\n");

describe("statement totals", () => {
  it("splits not yet due from overdue, counts costs and interest as overdue, and deducts credit and the disputed part from what to pay", () => {
    const [eur, usd] = statementData().currencies;
    expect(statementTotals(eur!, "2026-12-02")).toEqual({
      notYetDueCents: 75_000n, // F2026-0103
      overdueCents: 176_234n, // 1,210.00 + 300.00 + 200.00 principal + 40.00 costs + 12.34 interest
      openCents: 251_234n, // 750.00 + 1,762.34
      creditCents: 7_500n, // 50.00 credit note + 25.00 unallocated
      balanceCents: 243_734n, // 2,512.34 - 75.00
      disputedOverdueCents: 10_000n, // on F2026-0104
      payNowCents: 158_734n, // 1,762.34 - 100.00 - 75.00
    });
    expect(statementTotals(usd!, "2026-12-02")).toMatchObject({ notYetDueCents: 0n, overdueCents: 100_000n, creditCents: 0n, payNowCents: 100_000n });
  });

  it("never asks for less than nothing when the credit exceeds what is overdue", () => {
    const eur = { ...statementData().currencies[0]!, unallocatedCents: 500_000n };
    expect(statementTotals(eur, "2026-12-02")).toMatchObject({ payNowCents: 0n, balanceCents: 251_234n - 505_000n });
  });

  it("counts an invoice due today as not yet due", () => {
    const eur = statementData().currencies[0]!;
    expect(statementTotals(eur, "2026-10-01").notYetDueCents).toBe(121_000n + 30_000n + 20_000n + 75_000n);
  });
});

describe("the statement of account as PDF", () => {
  it("in Dutch: letterhead, address, every open invoice with its days overdue, the totals, the credit and the payment instruction", async () => {
    const pdf = await renderStatementPdf(statementData("nl"), head);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe("Rekeningoverzicht");
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-12-02T12:00:00.000Z");
    const text = flat(pdf);
    for (const s of ["Demo Groothandel B.V.", "Bakkerij Jansen B.V.", "T.a.v. M. de Vries", "1234 AB  Amersfoort", "Datum: 2 december 2026", "Klantnummer: 010042", "Rekeningoverzicht", "Bedragen in EUR", "Bedragen in USD"]) expect(text).toContain(s);
    // Each invoice row: number, dates, amount, open, days overdue (or not yet due).
    expect(text).toContain(pdfText("F2026-0101 01-09-2026 01-10-2026 € 1.210,00 € 1.210,00 62 dagen"));
    expect(text).toContain(pdfText("F2026-0102 15-10-2026 14-11-2026 € 500,00 € 200,00 18 dagen"));
    expect(text).toContain(pdfText("F2026-0104 01-10-2026 31-10-2026 € 300,00 € 300,00 32 dagen in geschil"));
    expect(text).toContain(pdfText("F2026-0103 10-11-2026 10-12-2026 € 750,00 € 750,00 niet vervallen"));
    expect(text).toContain(pdfText("Incassokosten € 40,00 Rente € 12,34"));
    expect(text).toContain(pdfText("Nog niet vervallen € 750,00 Vervallen € 1.762,34 Totaal openstaand € 2.512,34"));
    expect(text).toContain(pdfText("Af: openstaande creditnota's -€ 50,00 Af: niet toegewezen betalingen -€ 25,00 Saldo € 2.437,34"));
    expect(text).toContain(pdfText("Het betwiste deel (€ 100,00) vragen wij niet van u"));
    expect(text).toContain(pdfText("Ontvangen betalingen (laatste 90 dagen) Datum Omschrijving Bedrag 20-11-2026 Betaling F2026-0102 € 300,00 25-11-2026 - € 25,00"));
    expect(text).toContain("U-1 01-10-2026 01-11-2026 USD 1.000,00 USD 1.000,00 31 dagen");
    expect(text).toContain("Geen betalingen ontvangen in de laatste 90 dagen.");
    expect(text).toContain(
      pdfText("Wij verzoeken u het vervallen bedrag van € 1.587,34 en USD 1.000,00 over te maken op rekening NL91ABNA0417164300 t.n.v. Demo Groothandel B.V., onder vermelding van uw klantnummer 010042."),
    );
    expect(text).toContain("BIC ABNANL2A  ·  KvK 12345678  ·  btw NL123456789B01");
    expect(text).toContain(`Pagina 1 van ${doc.getPageCount()}`);
  });

  it("in English, with amounts and dates written the English way", async () => {
    const pdf = await renderStatementPdf(statementData("en"), head);
    const text = flat(pdf);
    expect(text).toContain("Statement of account");
    expect(text).toContain("Date: 2 December 2026");
    expect(text).toContain("Attn. M. de Vries");
    expect(text).toContain(pdfText("F2026-0104 01/10/2026 31/10/2026 €300.00 €300.00 32 days in dispute"));
    expect(text).toContain(pdfText("F2026-0103 10/11/2026 10/12/2026 €750.00 €750.00 not yet due"));
    expect(text).toContain(pdfText("Collection costs €40.00 Interest €12.34"));
    expect(text).toContain(pdfText("Not yet due €750.00 Overdue €1,762.34 Total open €2,512.34"));
    expect(text).toContain(pdfText("Less: open credit notes -€50.00 Less: unallocated payments -€25.00 Balance €2,437.34"));
    expect(text).toContain(pdfText("Please transfer the overdue amount of €1,587.34 and USD 1,000.00 to account NL91ABNA0417164300 in the name of Demo Groothandel B.V., quoting your customer number 010042."));
    expect(text).toContain("CoC 12345678  ·  VAT NL123456789B01");
    expect(text).toContain("Page 1 of");
  });

  it("continues a long list on further pages with the table header repeated and the page numbers", async () => {
    const pdf = await renderStatementPdf(statementData("nl", 120), head);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = lines(pdf);
    // The EUR table's header on each page it runs onto, plus the USD table's once.
    const headers = all.filter((l) => l === "Vervaldatum").length;
    expect(headers).toBeGreaterThanOrEqual(pages);
    expect(all.filter((l) => l === "Rekeningoverzicht klantnummer 010042 per 2 december 2026 (vervolg)")).toHaveLength(pages - 1);
    expect(all).toContain("F2026-90120");
    expect(all).toContain(`Pagina ${pages} van ${pages}`);
    // 120 more invoices of 100.00 not yet due: 750.00 + 12,000.00.
    expect(flat(pdf)).toContain(pdfText("Nog niet vervallen € 12.750,00"));
  });

  it("leaves out the currency headings, the credit lines and the instruction when there is nothing of them", async () => {
    const data = statementData("nl");
    const eur = { ...data.currencies[0]!, invoices: data.currencies[0]!.invoices.filter((i) => i.number === "F2026-0103"), costsCents: 0n, interestCents: 0n, creditNoteCents: 0n, unallocatedCents: 0n };
    const text = flat(await renderStatementPdf({ ...data, currencies: [eur] }, head));
    expect(text).not.toContain("Bedragen in");
    expect(text).not.toContain("Saldo");
    expect(text).not.toContain("Incassokosten");
    expect(text).not.toContain("in geschil");
    expect(text).toContain("Op dit moment staat er geen vervallen bedrag open.");
    const empty = flat(await renderStatementPdf({ ...data, currencies: [] }, head));
    expect(empty).toContain("Er staan geen facturen open.");
  });

  it("is the same bytes for the same statement, prints a logo, and survives characters the standard font lacks", async () => {
    const data = statementData("nl");
    expect(Buffer.from(await renderStatementPdf(data, head)).equals(Buffer.from(await renderStatementPdf(data, head)))).toBe(true);
    const logo = { bytes: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"), type: "image/png" as const };
    expect(Buffer.from(await renderStatementPdf(data, { creditor, logo })).toString("latin1")).toContain("/Subtype /Image");
    const odd = await renderStatementPdf({ ...data, debtor: { ...data.debtor, name: "Zoë Ŝmidt 李 B.V." } }, head);
    expect(drawnText(odd)).toContain("Zoë ?midt ? B.V.");
  });
});
