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

  it("prints the creditor's logo (PNG or JPEG) and registration numbers, and leaves off a logo it cannot read", async () => {
    const png = { bytes: Buffer.from(PNG_1X1, "base64"), type: "image/png" as const };
    const jpeg = { bytes: Buffer.from(JPEG_16X16, "base64"), type: "image/jpeg" as const };
    const creditor = { ...letter(1).creditor, bic: "ABNANL2A", cocNumber: "12345678", vatNumber: "NL123456789B01" };
    const images = (pdf: Uint8Array) => Buffer.from(pdf).toString("latin1").match(/\/Subtype \/Image/g)?.length ?? 0;
    for (const logo of [png, jpeg]) {
      const pdf = await renderLettersPdf([letter(1, { creditor }), letter(1)], { logo });
      // Embedded once for the whole run (a PNG with transparency brings its mask image along).
      expect(images(pdf)).toBeGreaterThan(0);
      expect(images(pdf)).toBe(images(await renderLettersPdf([letter(1)], { logo })));
      expect(drawnText(pdf)).toContain("BIC ABNANL2A  ·  KvK 12345678  ·  btw NL123456789B01");
    }
    const broken = await renderLettersPdf([letter(1)], { logo: { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]), type: "image/jpeg" } });
    expect(Buffer.from(broken).toString("latin1")).not.toContain("/Subtype /Image");
    expect(drawnText(broken)).toContain("Totaal te betalen");
  });
});

const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const JPEG_16X16 =
  "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z";
