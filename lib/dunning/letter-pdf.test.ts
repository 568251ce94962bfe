import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { drawnText } from "@/tests/factories/pdf-text";
import { renderLettersPdf } from "./letter-pdf";
import type { LetterData } from "./letter-text";

const letter = (n: number, overrides: Partial<LetterData> = {}): LetterData => ({
  template: "formal_reminder",
  language: "nl",
  kind: "b2b",
  letterDate: "2026-11-23",
  creditor: { name: "Demo Groothandel B.V.", address: "Markt 1, 3511 AA Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@demo.nl", phone: "030 123 4567" },
  debtor: { name: "Bakkerij Jansen B.V.", customerNumber: "010042", contactName: "M. de Vries", street: "Dorpsstraat 1", postalCode: "1234 AB", city: "Amersfoort" },
  invoices: Array.from({ length: n }, (_, i) => ({ number: `F2026-${String(i + 1).padStart(6, "0")}`, issueDate: "2026-09-01", dueDate: "2026-09-15", openCents: 10_000n, interestCents: 123n })),
  currency: "EUR",
  principalCents: BigInt(n) * 10_000n,
  interestCents: BigInt(n) * 123n,
  costsCents: 4_000n,
  interestKind: "commercial",
  payByDate: "2026-12-02",
  senderName: "Afdeling debiteuren",
  ...overrides,
});


describe("dunning letters as PDF", () => {
  it("renders one page for a short letter, with the invoices and the total", async () => {
    const pdf = await renderLettersPdf([letter(3)]);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const text = drawnText(pdf);
    expect(text).toContain("F2026-000003");
    expect(text).toContain("Totaal te betalen");
    expect(text).toContain("300,00");
    expect(text).toContain("Pagina 1 van 1");
  });

  it("puts several letters in one file for printing, and continues a long invoice list on more pages", async () => {
    expect((await PDFDocument.load(await renderLettersPdf([letter(2), letter(2, { language: "en" })]))).getPageCount()).toBe(2);
    const long = await renderLettersPdf([letter(200)]);
    const pages = (await PDFDocument.load(long)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    expect(drawnText(long)).toContain(`Pagina ${pages} van ${pages}`);
    expect(drawnText(long)).toContain("F2026-000200");
  });

  it("is the same bytes for the same letter, and survives characters the standard font lacks", async () => {
    expect(Buffer.from(await renderLettersPdf([letter(2)])).equals(Buffer.from(await renderLettersPdf([letter(2)])))).toBe(true);
    const odd = await renderLettersPdf([letter(1, { debtor: { name: "Zoë € Ünal 李 B.V.", customerNumber: "010043" } })]);
    expect(drawnText(odd)).toContain("Zoë");
  });
});
