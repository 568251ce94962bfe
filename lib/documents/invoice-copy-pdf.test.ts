import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { creditor, invoiceCopyData, pdfText } from "@/tests/factories/documents";
import { drawnText } from "@/tests/factories/pdf-text";
import { invoiceCopyTotals } from "./invoice-copy-data";
import { renderInvoiceCopyPdf } from "./invoice-copy-pdf";

const head = { creditor };
const flat = (pdf: Uint8Array) => drawnText(pdf).replace(/\n/g, " ");

describe("invoice copy totals", () => {
  it("adds up what was received, what is open with costs and interest, and what to pay less the disputed part", () => {
    expect(invoiceCopyTotals(invoiceCopyData())).toEqual({
      paidCents: 30_000n, // 10.00 costs + 290.00 principal
      totalOpenCents: 24_234n, // 200.00 + 40.00 + 2.34
      daysOverdue: 18, // due 14-11, copy of 02-12
      payNowCents: 19_234n, // 242.34 - 50.00 disputed
    });
  });

  it("asks nothing before the due date or once paid", () => {
    expect(invoiceCopyTotals(invoiceCopyData("nl", { date: "2026-11-14" }))).toMatchObject({ daysOverdue: 0, payNowCents: 0n });
    const paid = invoiceCopyData();
    expect(invoiceCopyTotals({ ...paid, invoice: { ...paid.invoice, openCents: 0n, costsOpenCents: 0n, interestOpenCents: 0n } })).toMatchObject({ totalOpenCents: 0n, daysOverdue: 0, payNowCents: 0n });
  });
});

describe("the copy of an invoice as PDF", () => {
  it("in Dutch: marked as a copy of the recorded invoice, with the payments, the open amounts, the dispute and the payment instruction", async () => {
    const pdf = await renderInvoiceCopyPdf(invoiceCopyData("nl"), head);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe("Kopiefactuur F2026-0102");
    const text = flat(pdf);
    expect(text).toContain("Kopiefactuur F2026-0102");
    expect(text).toContain("Dit is een kopie van de factuur zoals vastgelegd in onze debiteurenadministratie. Het is niet de originele factuur en geen factuur voor de btw.");
    expect(text).toContain("Factuurnummer F2026-0102 Factuurdatum 15 oktober 2026 Vervaldatum 14 november 2026 Omschrijving Levering meel en gist, week 42 Valuta EUR");
    expect(text).toContain(pdfText("Factuurbedrag € 500,00"));
    expect(text).toContain(pdfText("20-11-2026 Betaling F2026-0102 (kosten) € 10,00 20-11-2026 Betaling F2026-0102 € 290,00 Totaal ontvangen € 300,00"));
    expect(text).toContain(pdfText("Openstaand € 200,00 Incassokosten € 40,00 Rente € 2,34 Totaal openstaand € 242,34"));
    expect(text).toContain("De vervaldatum (14 november 2026) is 18 dagen verstreken.");
    expect(text).toContain(pdfText("Over deze factuur loopt een geschil over € 50,00."));
    expect(text).toContain(pdfText("Wij verzoeken u het openstaande bedrag van € 192,34 over te maken op rekening NL91ABNA0417164300 t.n.v. Demo Groothandel B.V., onder vermelding van factuurnummer F2026-0102."));
    expect(text).toContain("Bakkerij Jansen B.V. T.a.v. M. de Vries Dorpsstraat 1 1234 AB  Amersfoort");
    expect(text).toContain("KvK 12345678");
    expect(text).toContain("Pagina 1 van 1");
  });

  it("in English", async () => {
    const text = flat(await renderInvoiceCopyPdf(invoiceCopyData("en"), head));
    expect(text).toContain("Copy invoice F2026-0102");
    expect(text).toContain("This is a copy of the invoice as recorded in our accounts receivable administration. It is not the original invoice and not a VAT invoice.");
    expect(text).toContain("Invoice date 15 October 2026 Due date 14 November 2026");
    expect(text).toContain(pdfText("20/11/2026 Betaling F2026-0102 (costs) €10.00"));
    expect(text).toContain(pdfText("Open €200.00 Collection costs €40.00 Interest €2.34 Total open €242.34"));
    expect(text).toContain(pdfText("This invoice is in dispute for €50.00."));
    expect(text).toContain(pdfText("Please transfer the open amount of €192.34 to account NL91ABNA0417164300 in the name of Demo Groothandel B.V., quoting invoice number F2026-0102."));
    expect(text).toContain("Page 1 of 1");
  });

  it("a paid invoice says so and carries no payment instruction; one not yet due names its due date", async () => {
    const data = invoiceCopyData("nl", { dispute: null });
    const paid = flat(await renderInvoiceCopyPdf({ ...data, invoice: { ...data.invoice, openCents: 0n, costsOpenCents: 0n, interestOpenCents: 0n } }, head));
    expect(paid).toContain("Deze factuur is volledig betaald.");
    expect(paid).not.toContain("Wij verzoeken u");
    expect(paid).not.toContain("Incassokosten");
    expect(paid).not.toContain("geschil");
    const early = flat(await renderInvoiceCopyPdf({ ...data, date: "2026-11-01", payments: [] }, head));
    expect(early).toContain("Deze factuur vervalt op 14 november 2026.");
    expect(early).toContain("Op deze factuur is nog niets ontvangen.");
    expect(early).not.toContain("Wij verzoeken u");
  });

  it("a dispute found justified announces the credit note; a fully disputed invoice asks only the costs and interest", async () => {
    const justified = flat(await renderInvoiceCopyPdf(invoiceCopyData("nl", { dispute: { disputedCents: 20_000n, creditExpected: true } }), head));
    expect(justified).toContain(pdfText("u ontvangt een creditnota voor € 200,00."));
    // 242.34 open - 200.00 disputed = 42.34
    expect(justified).toContain(pdfText("het openstaande bedrag van € 42,34"));
  });

  it("a credit note shows its credit and asks for nothing", async () => {
    const data = invoiceCopyData("nl", { dispute: null, payments: [] });
    const credit = { ...data, invoice: { ...data.invoice, amountCents: -5_000n, openCents: -5_000n, costsOpenCents: 0n, interestOpenCents: 0n } };
    expect(invoiceCopyTotals(credit)).toMatchObject({ totalOpenCents: -5_000n, daysOverdue: 0, payNowCents: 0n });
    const text = flat(await renderInvoiceCopyPdf(credit, head));
    expect(text).toContain(pdfText("Totaal openstaand -€ 50,00"));
    expect(text).toContain("Dit bedrag staat als tegoed voor u open.");
    expect(text).not.toContain("Wij verzoeken u");
  });

  it("is the same bytes for the same copy", async () => {
    const a = await renderInvoiceCopyPdf(invoiceCopyData(), head);
    expect(Buffer.from(a).equals(Buffer.from(await renderInvoiceCopyPdf(invoiceCopyData(), head)))).toBe(true);
  });
});
