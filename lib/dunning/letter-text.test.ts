import { describe, expect, it } from "vitest";
import { formatLetterDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { builtInLetterWording, letterText, letterTotal, plainTextBody, type LetterData, type LetterTemplate } from "./letter-text";

const base: LetterData = {
  template: "reminder",
  language: "nl",
  kind: "consumer",
  letterDate: "2026-11-23",
  creditor: { name: "Demo Groothandel B.V.", iban: "NL91ABNA0417164300", phone: "030 123 4567", email: "debiteuren@demo.nl" },
  debtor: { name: "J. Jansen", customerNumber: "010042", contactName: "J. Jansen" },
  invoices: [
    { number: "F2026-000101", issueDate: "2026-09-01", dueDate: "2026-09-15", openCents: 100_000n, interestCents: 0n },
    { number: "F2026-000102", issueDate: "2026-09-10", dueDate: "2026-09-24", openCents: 23_456n, interestCents: 0n },
  ],
  currency: "EUR",
  principalCents: 123_456n,
  interestCents: 0n,
  costsCents: 18_518n,
  interestKind: null,
  payByDate: "2026-12-09",
  senderName: "Afdeling debiteuren",
};
const all = (t: ReturnType<typeof letterText>) => [t.subject, t.salutation, ...t.paragraphs].join(" ");

describe("dunning letter text", () => {
  it("the Dutch 14-day letter gives 14 days from the day after receipt, the exact costs and the last day (art. 6:96 lid 6 BW)", () => {
    const text = all(letterText({ ...base, template: "fourteen_day_letter" }));
    expect(text).toContain("14 dagen, gerekend vanaf de dag na ontvangst van deze brief");
    expect(text).toContain("€ 185,18");
    expect(text).toContain("uiterlijk op 9 december 2026");
    expect(text).toContain("Besluit vergoeding voor buitengerechtelijke incassokosten");
  });

  it("the English 14-day letter says the same", () => {
    const text = all(letterText({ ...base, language: "en", template: "fourteen_day_letter" }));
    expect(text).toContain("14 days, counted from the day after you receive this letter");
    expect(text).toContain("€185.18");
    expect(text).toContain("9 December 2026");
  });

  it("a business formal reminder names the statutory commercial interest and the costs that follow", () => {
    const text = all(letterText({ ...base, kind: "b2b", template: "formal_reminder", interestCents: 1_234n, interestKind: "commercial" }));
    expect(text).toContain("wettelijke handelsrente");
    expect(text).toContain("€ 12,34");
    expect(text).toContain("incassokosten van € 185,18");
  });

  it("a reminder is friendly: no 'moet'/'must', an open door for a payment plan", () => {
    for (const language of ["nl", "en"] as const) {
      const text = all(letterText({ ...base, language })).toLowerCase();
      expect(text).not.toMatch(/\bmoet(en)?\b|\bmust\b/);
      expect(text).toMatch(/betalingsregeling|payment plan/);
    }
  });

  it("every template in both languages has a subject with the customer number", () => {
    const templates: LetterTemplate[] = ["service_call", "reminder", "formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"];
    for (const template of templates) for (const language of ["nl", "en"] as const) expect(letterText({ ...base, template, language }).subject).toContain("010042");
  });

  it("formats cents exactly, also beyond floating point", () => {
    expect(formatCents(12_345_678_901_234_567n, "EUR", "nl")).toBe("€ 123.456.789.012.345,67");
    expect(formatCents(12_345_678_901_234_567n, "EUR", "en")).toBe("€123,456,789,012,345.67");
    expect(formatCents(0n, "EUR", "nl")).toBe("€ 0,00");
    expect(formatCents(-5n, "EUR", "en")).toBe("-€0.05");
    expect(formatCents(7n, "EUR", "nl")).toBe("€ 0,07");
    expect(formatLetterDate("2026-03-01", "nl")).toBe("1 maart 2026");
  });

  it("asks for the principal before the hand-over and for principal + interest + costs at the hand-over; the e-mail's totals add up", () => {
    expect(letterTotal({ ...base, template: "notice_of_default", interestCents: 500n })).toBe(123_456n);
    const handover = { ...base, template: "handover" as const, interestCents: 500n };
    expect(letterTotal(handover)).toBe(123_456n + 500n + 18_518n);
    const body = plainTextBody(handover);
    expect(body).toContain("Hoofdsom: € 1.234,56");
    expect(body).toContain("Rente: € 5,00");
    expect(body).toContain("Incassokosten: € 185,18");
    expect(body).toContain("Totaal te betalen: € 1.424,74");
    expect(body).toContain("F2026-000102");
  });

  it("uses a saved wording for the subject, opening and closing, and keeps the 14-day term and the costs generated", () => {
    const wording = { subject: "Laatste kans, {debiteur} ({klantnummer})", opening: "Beste klant, de facturen {facturen} ({bedrag}) zijn nog open.", closing: "Bel {crediteur} op {telefoon}; betaal op {iban} vóór {betaaldatum}." };
    const text = letterText({ ...base, template: "fourteen_day_letter", wording });
    expect(text.subject).toBe("Laatste kans, J. Jansen (010042)");
    expect(text.paragraphs[0]).toBe("Beste klant, de facturen F2026-000101, F2026-000102 (€ 1.234,56) zijn nog open.");
    expect(text.paragraphs.at(-1)).toBe("Bel Demo Groothandel B.V. op 030 123 4567; betaal op NL91ABNA0417164300 vóór 9 december 2026.");
    const joined = all(text);
    expect(joined).toContain("14 dagen, gerekend vanaf de dag na ontvangst van deze brief");
    expect(joined).toContain("incassokosten van € 185,18");
    expect(joined).not.toContain("Ondanks eerdere herinneringen");
    expect(plainTextBody({ ...base, template: "fourteen_day_letter", wording })).toContain("Factuur          Vervaldatum   Openstaand");
  });

  it("leaves out an opening or closing saved empty", () => {
    const text = letterText({ ...base, template: "reminder", wording: { subject: "Herinnering", opening: "", closing: "" } });
    expect(text.paragraphs).toEqual([letterText(base).paragraphs[1], letterText(base).paragraphs[2]]);
  });

  it("reads the same from the built-in wording as a template as from the built-in text", () => {
    const templates: LetterTemplate[] = ["service_call", "reminder", "formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"];
    for (const template of templates) {
      for (const language of ["nl", "en"] as const) {
        const letter = { ...base, template, language };
        expect(letterText({ ...letter, wording: builtInLetterWording(template, language) }), `${template} ${language}`).toEqual(letterText(letter));
      }
    }
  });

  it("greets a company formally and a named person by name", () => {
    expect(letterText({ ...base, debtor: { ...base.debtor, contactName: "Bakkerij Jansen B.V." } }).salutation).toBe("Geachte heer, mevrouw,");
    expect(letterText({ ...base, language: "en", debtor: { ...base.debtor, contactName: "Bakkerij Jansen B.V." } }).salutation).toBe("Dear Sir or Madam,");
    expect(letterText(base).salutation).toBe("Geachte J. Jansen,");
  });
});
