import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { drawnText } from "@/tests/factories/pdf-text";
import { accessSections, renderAccessExportPdf } from "./access-export-pdf";
import type { AccessExport } from "./privacy-queries";


const eur = (amount: string) => ({ amount, currency: "EUR" });

function consumerExport(calls: number): AccessExport {
  return {
    format: "dunning-workbench/access-export",
    version: 1,
    generatedAt: "2026-12-02T09:30:00.000Z",
    subject: { type: "consumer_debtor", id: "deb_1", erased: false },
    contact: null,
    company: null,
    debtor: {
      id: "deb_1", customerNumber: "010042", name: "Anna de Vries", kind: "consumer", language: "nl", email: "anna@example.nl", phone: "06 1234 5678",
      street: "Dorpsstraat 1", postalCode: "1234 AB", city: "Amersfoort", country: "NL", iban: "NL91ABNA0417164300", kvkNumber: null,
      customerSince: "2020-01-01", paymentTermDays: 14, currency: "EUR", notes: "Belt liefst 's avonds", createdAt: "2020-01-01T10:00:00.000Z", updatedAt: "2026-11-01T10:00:00.000Z",
    },
    contacts: [{ id: "con_1", name: "Anna de Vries", role: "other", jobTitle: null, email: "anna@example.nl", phone: null, mobile: "06 1234 5678", preferredCallTimes: [{ days: [1, 2], from: "17:30", to: "20:00" }], isPrimaryForPayments: true, createdAt: "2020-01-01T10:00:00.000Z", updatedAt: "2020-01-01T10:00:00.000Z" }],
    calls: Array.from({ length: calls }, (_, i) => ({
      id: `call_${i}`, startedAt: `2026-10-${String((i % 28) + 1).padStart(2, "0")}T08:00:00.000Z`, endedAt: null, outcome: "reached", spokeWith: "Anna", phoneUsed: "06 1234 5678",
      reasonCategory: "no_money", reasonText: "Wacht op salaris", notes: `Gesprek ${i}: ${"belooft te betalen zodra het salaris binnen is, ".repeat(4)}Zoë Ŝmidt € 12,50`,
    })),
    emails: [{ id: "em_1", createdAt: "2026-10-02T08:00:00.000Z", sentAt: "2026-10-02T08:01:00.000Z", status: "sent", kind: "dunning", toAddress: "anna@example.nl", toName: "Anna de Vries", subject: "Herinnering", body: "Geachte mevrouw De Vries,\n\nWij herinneren u aan factuur F1." }],
    dunning: [{ id: "dc_1", sentAt: "2026-10-15T08:00:00.000Z", level: 3, channel: "letter", subject: "Veertiendagenbrief", invoiceNumbers: ["F1"], principal: eur("1234.56"), interest: eur("0.00"), costs: eur("185.18"), payByDate: "2026-11-01", letter: { template: "fourteen_day_letter" } }],
    agreements: [{ id: "ag_1", createdAt: "2026-10-20T08:00:00.000Z", kind: "plan", status: "kept", total: eur("1234.56"), method: "bank_transfer", invoiceNumbers: ["F1"], instalments: [{ seq: 1, dueDate: "2026-11-01", amount: eur("617.28"), paid: eur("617.28"), status: "kept" }] }],
    payments: [{ id: "pay_1", valueDate: "2026-11-01", amount: eur("1234.56"), method: "bank_transfer", reference: "F1", source: "import", reversedAt: null }],
    invoices: [{ number: "F1", issueDate: "2026-09-01", dueDate: "2026-09-15", amount: eur("1234.56"), open: eur("0.00"), costsOpen: eur("0.00"), interestOpen: eur("0.00"), description: "Levering en installatie" }],
    disputes: [],
    tasks: [{ id: "t_1", type: "callback", dueAt: "2026-10-03T08:00:00.000Z", status: "done", note: "broken_promise", createdAt: "2026-10-01T08:00:00.000Z", completedAt: "2026-10-03T09:00:00.000Z" }],
    bankLines: [{ id: "bl_1", valueDate: "2026-11-01", amount: eur("1234.56"), counterpartyName: "A de Vries", counterpartyIban: "NL91ABNA0417164300", description: "F1" }],
    auditLog: [{ at: "2026-10-20T08:00:00.000Z", action: "agreement.plan", entity: "agreement", entityId: "ag_1", data: { totalCents: "123456" } }],
  };
}

describe("the access export as PDF", () => {
  it("parses, paginates and carries every section heading with the person's data (Dutch)", async () => {
    const pdf = await renderAccessExportPdf(consumerExport(60), "nl", { timeZone: "Europe/Amsterdam" });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(2);
    expect(doc.getTitle()).toBe("Inzage in persoonsgegevens (art. 15 AVG)");
    const text = drawnText(pdf);
    for (const heading of ["Persoonsgegevens (1)", "Contactpersonen (1)", "Telefoongesprekken (60)", "E-mails (1)", "Herinneringen en brieven (1)", "Afspraken (1)", "Betalingen (1)", "Facturen (1)", "Geschillen (0)", "Taken (1)", "Banktransacties (1)", "Logboek (1)"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Geen gegevens vastgelegd.");
    expect(text).toContain("Anna de Vries");
    // WinAnsi: the euro sign is byte 0x80.
    expect(text).toContain("\u0080 1.234,56");
    expect(text).toContain("Dorpsstraat 1, 1234 AB Amersfoort, NL");
    expect(text).toContain(`Pagina 1 van ${doc.getPageCount()}`);
    expect(text).toContain(`Pagina ${doc.getPageCount()} van ${doc.getPageCount()}`);
    // Outside WinAnsi: drawn as "?", never an error (the JSON export keeps it exactly).
    expect(text).toContain("Zoë ?midt");
  });

  it("speaks English to an English user, and a contact's export has no consumer-only sections", async () => {
    const data: AccessExport = {
      ...consumerExport(2),
      subject: { type: "contact", id: "con_1", erased: true },
      debtor: null,
      contacts: [],
      contact: consumerExport(0).contacts[0]!,
      company: { customerNumber: "010042", name: "Bakkerij Jansen B.V." },
    };
    const pdf = await renderAccessExportPdf(data, "en", { timeZone: "Europe/Amsterdam" });
    await PDFDocument.load(pdf);
    const text = drawnText(pdf);
    for (const heading of ["Personal data (1)", "Organisation (1)", "Phone calls (2)", "E-mails (1)", "Agreements (1)", "Audit log (1)"]) expect(text).toContain(heading);
    expect(text).not.toContain("Payments (");
    expect(text).toContain("This person's personal data has been erased");
    expect(accessSections(data, "en", "Europe/Amsterdam").map((s) => s.heading)).toEqual(["Personal data", "Organisation", "Phone calls", "E-mails", "Agreements", "Audit log"]);
  });
});
