import { describe, expect, it } from "vitest";
import { changeConfirmation, type ChangeConfirmationInput } from "./change-confirmation";

const base: ChangeConfirmationInput = {
  language: "nl",
  creditorName: "Demo Groothandel B.V.",
  debtorName: "Bakkerij Jansen B.V.",
  contactName: "Jan Jansen",
  agreementKind: "plan",
  madeOn: new Date("2026-11-02T10:00:00Z"),
  timeZone: "Europe/Amsterdam",
  currency: "EUR",
  invoiceNumbers: ["F2026-0012"],
  change: { kind: "rescheduled", reason: "salaris komt later binnen", instalments: [{ dueDate: "2026-12-15", amountCents: 50_000n }, { dueDate: "2027-01-15", amountCents: 25_050n }] },
  controller: { name: "Sanne Bakker", email: "sanne@demo.test", phone: "030 123 4567", jobTitle: "Debiteurenbeheerder" },
};

describe("the confirmation of a changed agreement", () => {
  it("names the agreement, the reason and the new dates and amounts, in Dutch", () => {
    const { subject, body } = changeConfirmation(base);
    expect(subject).toBe("Gewijzigde betalingsafspraak – Bakkerij Jansen B.V.");
    expect(body).toContain("Beste Jan Jansen,");
    expect(body).toContain("betalingsregeling die wij op 2 november 2026 met u afspraken voor factuur F2026-0012");
    expect(body).toContain("Reden: salaris komt later binnen");
    expect(body).toMatch(/15 december 2026\s+€\s500,00/);
    expect(body).toMatch(/15 januari 2027\s+€\s250,50/);
    expect(body).toMatch(/Totaal\s+€\s750,50/);
  });

  it("says a cancelled promise is due at once again, in English for an English debtor; a reason cannot break the lines", () => {
    const { subject, body } = changeConfirmation({ ...base, language: "en", agreementKind: "promise", contactName: null, change: { kind: "cancelled", reason: "entered twice\nby mistake" } });
    expect(subject).toBe("Payment arrangement cancelled – Bakkerij Jansen B.V.");
    expect(body).toContain("Dear Sir or Madam,");
    expect(body).toContain("promise to pay we agreed with you on 2 November 2026 for invoice F2026-0012");
    expect(body).toContain("Reason: entered twice by mistake");
    expect(body).toContain("due at once again");
  });
});
