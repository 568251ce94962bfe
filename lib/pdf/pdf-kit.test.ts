import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { drawnText } from "@/tests/factories/pdf-text";
import { addressLines, createPdf, drawFooters, embedLogo, fitText, letterheadFooter, LETTER_LAYOUT, PageFlow, pageLabel, savePdf, winAnsi, wrap } from "./pdf-kit";

async function font() {
  return (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
}

describe("text for the standard fonts", () => {
  it("keeps WinAnsi (accents, euro, dashes) and turns the rest into ?", () => {
    expect(winAnsi("Zoë € – Ŝmidt 李\n")).toBe("Zoë € – ?midt ??");
  });

  it("wraps at spaces, keeps line breaks and blank lines, cuts a word wider than the column, and makes no lines of nothing", async () => {
    const f = await font();
    expect(wrap("een twee drie vier", f, 10, f.widthOfTextAtSize("een twee", 10))).toEqual(["een twee", "drie vier"]);
    expect(wrap("regel een\r\n\r\nregel twee", f, 10, 500)).toEqual(["regel een", "", "regel twee"]);
    const long = "x".repeat(200);
    const cut = wrap(long, f, 10, 100);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join("")).toBe(long);
    for (const line of cut) expect(f.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(100);
    expect(wrap("", f, 10, 100)).toEqual([]);
  });

  it("shortens a cell's text with an ellipsis to fit", async () => {
    const f = await font();
    expect(fitText("F2026-0001", f, 9, 200)).toBe("F2026-0001");
    const short = fitText("F2026-0001-met-een-heel-lang-achtervoegsel", f, 9, 60);
    expect(short.endsWith("…")).toBe(true);
    expect(f.widthOfTextAtSize(short, 9)).toBeLessThanOrEqual(60);
  });
});

describe("business letter furniture", () => {
  it("addresses the envelope window and prints the registration numbers in the footer", () => {
    expect(addressLines({ name: "Bakkerij Jansen B.V.", contactName: "M. de Vries", street: "Dorpsstraat 1", postalCode: "1234 AB", city: "Amersfoort", country: "NL" }, "nl")).toEqual([
      "Bakkerij Jansen B.V.", "T.a.v. M. de Vries", "Dorpsstraat 1", "1234 AB  Amersfoort",
    ]);
    expect(addressLines({ name: "Acme Ltd", city: "London", country: "GB" }, "en")).toEqual(["Acme Ltd", "London", "GB"]);
    expect(letterheadFooter({ name: "Demo B.V.", iban: "NL91ABNA0417164300", cocNumber: "12345678" }, "nl")).toEqual(["Demo B.V.  ·  IBAN NL91ABNA0417164300", "KvK 12345678"]);
    expect(letterheadFooter({ name: "Demo B.V.", vatNumber: "NL1B01" }, "en")).toEqual(["Demo B.V.", "VAT NL1B01"]);
    expect(pageLabel(2, 3, "nl")).toBe("Pagina 2 van 3");
    expect(pageLabel(2, 3, "en")).toBe("Page 2 of 3");
  });

  it("flows onto new pages, runs the continuation hook there, and numbers every page", async () => {
    const { doc, fonts } = await createPdf({ title: "Test", date: new Date("2026-12-02T12:00:00Z") });
    const flow = new PageFlow(doc, fonts, LETTER_LAYOUT);
    flow.onContinue = (f) => f.text("(vervolg)", 56);
    flow.newPage();
    let breaks = 0;
    for (let i = 0; i < 100; i++) {
      if (flow.ensure(LETTER_LAYOUT.line)) breaks++;
      flow.text(`regel ${i}`, 56);
      flow.y -= LETTER_LAYOUT.line;
    }
    drawFooters(flow.pages, fonts.regular, { margin: 56, lines: ["Demo B.V.", "", "KvK 1"], label: (i, n) => pageLabel(i, n, "nl") });
    const pdf = await savePdf(doc);
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(loaded.getPageCount()).toBe(breaks + 1);
    expect(loaded.getTitle()).toBe("Test");
    expect(loaded.getProducer()).toBe("Dunning Workbench");
    const text = drawnText(pdf).split("\n");
    expect(text.filter((l) => l === "(vervolg)")).toHaveLength(breaks);
    expect(text).toContain(`Pagina ${breaks + 1} van ${breaks + 1}`);
    expect(text.filter((l) => l === "KvK 1")).toHaveLength(breaks + 1);
  });

  it("leaves off a logo it cannot read", async () => {
    const { doc } = await createPdf();
    expect(await embedLogo(doc, { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0, 1]), type: "image/jpeg" })).toBeNull();
  });
});
