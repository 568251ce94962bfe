import { describe, expect, it } from "vitest";
import { creditor, invoiceCopyData, statementData } from "@/tests/factories/documents";
import { invoiceCopyEmail, listAmounts, statementEmail } from "./document-email";

describe("the e-mail a document is sent with", () => {
  it("a statement in Dutch names the creditor and date in the subject, and the overdue amount in a short polite body", () => {
    const mail = statementEmail(statementData("nl"), creditor);
    expect(mail.subject).toBe("Rekeningoverzicht Demo Groothandel B.V. per 2 december 2026");
    expect(mail.body).toBe(
      [
        "Geachte M. de Vries,",
        "",
        "In de bijlage vindt u het rekeningoverzicht van klantnummer 010042 per 2 december 2026.",
        "Volgens onze administratie staat er in totaal € 1.587,34 en USD 1.000,00 vervallen. Wij verzoeken u dit bedrag over te maken onder vermelding van uw klantnummer.",
        "Is iets onduidelijk of klopt er iets niet in het overzicht? Neem dan gerust contact met ons op via 030 123 4567.",
        "",
        "Met vriendelijke groet,",
        "Demo Groothandel B.V.",
      ].join("\n"),
    );
  });

  it("a statement in English, and without anything overdue", () => {
    const mail = statementEmail(statementData("en"), creditor);
    expect(mail.subject).toBe("Statement of account Demo Groothandel B.V. as of 2 December 2026");
    expect(mail.body).toContain("According to our records a total of €1,587.34 and USD 1,000.00 is overdue.");
    expect(mail.body).toContain("Kind regards,\nDemo Groothandel B.V.");
    const none = statementEmail({ ...statementData("en"), currencies: [] }, { name: "Demo" });
    expect(none.body).toContain("According to our records no overdue amount is open at present.");
    expect(none.body).toContain("please do not hesitate to contact us.");
  });

  it("an invoice copy names the invoice, what is open and what to pay", () => {
    const nl = invoiceCopyEmail(invoiceCopyData("nl"), creditor);
    expect(nl.subject).toBe("Kopiefactuur F2026-0102 van Demo Groothandel B.V.");
    expect(nl.body).toContain("In de bijlage vindt u een kopie van factuur F2026-0102 van 15 oktober 2026, zoals vastgelegd in onze administratie.");
    expect(nl.body).toContain("Van deze factuur staat nog € 242,34 open; over € 50,00 loopt een geschil.");
    expect(nl.body).toContain("Wij verzoeken u € 192,34 over te maken onder vermelding van factuurnummer F2026-0102.");
    const en = invoiceCopyEmail(invoiceCopyData("en", { dispute: null }), creditor);
    expect(en.subject).toBe("Copy invoice F2026-0102 from Demo Groothandel B.V.");
    expect(en.body).toContain("€242.34 of this invoice is still open; it was due on 14 November 2026.");
    expect(en.body.split("\n").length).toBeLessThanOrEqual(10);
  });

  it("lists amounts in several currencies as a sentence", () => {
    expect(listAmounts([{ currency: "EUR", cents: 100n }], "nl")).toBe("€ 1,00");
    expect(listAmounts([{ currency: "EUR", cents: 100n }, { currency: "USD", cents: 250n }, { currency: "GBP", cents: 5n }], "en")).toBe("€1.00, USD 2.50 and GBP 0.05");
  });
});
