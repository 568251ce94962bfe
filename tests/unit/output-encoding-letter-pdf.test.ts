import { inflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderLettersPdf } from "@/lib/dunning/letter-pdf";
import type { LetterData, LetterTemplate } from "@/lib/dunning/letter-text";
import { XSS_CORPUS } from "@/tests/factories/xss-corpus";

/**
 * A dunning letter PDF with a payload in every name, address and number is still a plain
 * document: it renders, it holds no action, script, link or form (nothing a reader would run or
 * open), and the payload is drawn as text.
 */
const ACTIVE = ["JavaScript", "JS", "OpenAction", "AA", "URI", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "AcroForm", "XFA"];

const letter = (payload: string, template: LetterTemplate): LetterData => ({
  template,
  language: "nl",
  kind: "consumer",
  letterDate: "2026-11-23",
  creditor: { name: payload, address: payload, iban: "NL91ABNA0417164300", email: payload, phone: payload },
  debtor: { name: payload, customerNumber: payload, contactName: payload, street: payload, postalCode: payload, city: payload, country: payload },
  invoices: [{ number: payload, issueDate: "2026-09-01", dueDate: "2026-09-15", openCents: 10_000n, interestCents: 123n }],
  currency: "EUR",
  principalCents: 10_000n,
  interestCents: 123n,
  costsCents: 4_000n,
  interestKind: "statutory",
  payByDate: "2026-12-09",
  senderName: payload,
});

/** Annotations (links, form fields) on any page: pdf-lib writes an empty list, a link would be an entry. */
const annotationCount = (doc: PDFDocument) => doc.getPages().reduce((n, p) => n + (p.node.Annots()?.size() ?? 0), 0);

/** Every name used as a key or a value anywhere in the document's objects. */
function namesIn(doc: PDFDocument): Set<string> {
  const names = new Set<string>();
  const seen = new Set<PDFObject>();
  const walk = (o: PDFObject | undefined): void => {
    if (!o || seen.has(o)) return;
    seen.add(o);
    if (o instanceof PDFName) names.add(o.decodeText());
    else if (o instanceof PDFDict) {
      for (const [k, v] of o.entries()) {
        names.add(k.decodeText());
        walk(v);
      }
    } else if (o instanceof PDFArray) o.asArray().forEach(walk);
    else if (o instanceof PDFStream) walk(o.dict);
  };
  for (const [, o] of doc.context.enumerateIndirectObjects()) walk(o);
  walk(doc.context.trailerInfo.Root);
  return names;
}

/** The decoded page content streams (pdf-lib writes standard-font text as hex strings in Flate streams). */
function contentStreams(pdf: Uint8Array): string[] {
  const out: string[] = [];
  for (const m of Buffer.from(pdf).toString("latin1").matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      out.push(inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1"));
    } catch {
      // not a Flate stream
    }
  }
  return out;
}

const drawnText = (pdf: Uint8Array) =>
  contentStreams(pdf)
    .flatMap((c) => [...c.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((h) => Buffer.from(h[1]!, "hex").toString("latin1")))
    .join("\n");

/** The printable ASCII runs of a payload: what must be drawn unchanged whatever the font can show. */
const printableRuns = (payload: string) => payload.split(/[^\x20-\x7e]+/).filter((s) => s.trim().length >= 3);

describe.each(XSS_CORPUS)("output encoding of letter PDFs: $label", ({ text: payload }) => {
  it("renders a plain document without actions, scripts, links or forms, with the payload drawn as text", async () => {
    const pdf = await renderLettersPdf([letter(payload, "fourteen_day_letter")]);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect([...namesIn(doc)].filter((n) => ACTIVE.includes(n))).toEqual([]);
    expect(annotationCount(doc)).toBe(0);
    // Nor as operators or names in the page content, outside the (hex) text strings.
    const outsideText = contentStreams(pdf).map((c) => c.replace(/<[0-9A-Fa-f]*>/g, "<>"));
    for (const c of [Buffer.from(pdf).toString("latin1"), ...outsideText]) expect(c.match(/\/(JavaScript|JS|OpenAction|AA|URI|Launch)\b/g) ?? []).toEqual([]);
    const drawn = drawnText(pdf);
    for (const run of printableRuns(payload)) {
      expect(drawn).toContain(run);
      expect(doc.getTitle()).toContain(run);
    }
  });
});

describe("several letters with payloads in one file", () => {
  it("renders every letter of every template, each on its own pages", async () => {
    const templates: LetterTemplate[] = ["service_call", "reminder", "formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"];
    const letters = XSS_CORPUS.map((p, i) => letter(p.text, templates[i % templates.length]!));
    const doc = await PDFDocument.load(await renderLettersPdf(letters));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(letters.length);
    expect([...namesIn(doc)].filter((n) => ACTIVE.includes(n))).toEqual([]);
    expect(annotationCount(doc)).toBe(0);
  });
});
