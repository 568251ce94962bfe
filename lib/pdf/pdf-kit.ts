import { PDFDocument, StandardFonts, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";

/**
 * What every PDF of the workbench shares: A4 pages in the standard Helvetica fonts (nothing to
 * embed, so files stay small), text limited to what those fonts encode, a page flow that breaks
 * to a new page when the bottom is reached, business-letter furniture (letterhead, window
 * address, footer with page numbers) and fixed metadata, so the same input gives the same bytes.
 * Knows no domain: callers pass the texts in.
 */
export const A4 = { w: 595.28, h: 841.89 };
export const MM = 72 / 25.4;

export type Language = "nl" | "en";
export type PdfFonts = { regular: PDFFont; bold: PDFFont };
/** A PNG or JPEG to print (the creditor's logo). */
export type PdfLogo = { bytes: Uint8Array; type: "image/png" | "image/jpeg" };

const WIN_ANSI_OUTSIDE = /[^\u0020-\u007e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g;

/** One line of text the standard fonts can draw: anything outside WinAnsi becomes "?" rather than an error. */
export function winAnsi(text: string): string {
  return text.replace(WIN_ANSI_OUTSIDE, "?");
}

/**
 * Lines of at most `width` points: a line break in the text starts a new line (an empty one
 * stays as a blank line), words break at spaces, and a word wider than the column (a URL, a long
 * id) is cut rather than run off the page. Empty text is no lines.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  if (text === "") return [];
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of winAnsi(paragraph).split(/[ \t]+/)) {
      // A word wider than the line is cut into pieces that fit (one pass over its characters).
      const pieces = font.widthOfTextAtSize(word, size) > width ? cutToWidth(word, font, size, width) : [word];
      const w = pieces.pop()!;
      if (pieces.length) {
        if (line) out.push(line);
        out.push(...pieces);
        line = "";
      }
      const next = line ? `${line} ${w}` : w;
      if (!line || font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

/** Pieces of `text`, each as long as fits `width` (at least one character each), by summing glyph widths. */
function cutToWidth(text: string, font: PDFFont, size: number, width: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < text.length; i++) {
    const w = font.widthOfTextAtSize(text[i]!, size);
    if (acc + w > width && i > start) {
      pieces.push(text.slice(start, i));
      start = i;
      acc = 0;
    }
    acc += w;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The text shortened with "…" to fit `width` (a table cell). */
export function fitText(text: string, font: PDFFont, size: number, width: number): string {
  const safe = winAnsi(text);
  if (font.widthOfTextAtSize(safe, size) <= width) return safe;
  const room = width - font.widthOfTextAtSize("…", size);
  let acc = 0;
  let end = 0;
  while (end < safe.length && acc + font.widthOfTextAtSize(safe[end]!, size) <= room) acc += font.widthOfTextAtSize(safe[end++]!, size);
  return `${safe.slice(0, end)}…`;
}

/** The size (not below `min`) at which the text fits `width`: for a value that must stay whole, like an invoice number. */
export function fittingSize(text: string, font: PDFFont, size: number, width: number, min = 6): number {
  const w = font.widthOfTextAtSize(winAnsi(text), size);
  return w <= width ? size : Math.max(min, Math.floor(((size * width) / w) * 10) / 10);
}

/** Draws one line at (x, y); with `right`, the text ends at that x instead. */
export function drawText(page: PDFPage, text: string, at: { x: number; y: number; font: PDFFont; size: number; right?: number }): void {
  const safe = winAnsi(text);
  const x = at.right !== undefined ? at.right - at.font.widthOfTextAtSize(safe, at.size) : at.x;
  page.drawText(safe, { x, y: at.y, size: at.size, font: at.font });
}

/**
 * A new document with the two Helvetica fonts. Title and date are set explicitly (pdf-lib would
 * stamp the current time), so a reprint is the same file; without a date it is left as made.
 */
export async function createPdf(info: { title?: string | null; date?: Date | null } = {}): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  if (info.title) doc.setTitle(winAnsi(info.title));
  if (info.date) {
    doc.setCreationDate(info.date);
    doc.setModificationDate(info.date);
  }
  doc.setProducer("Dunning Workbench");
  doc.setCreator("Dunning Workbench");
  return { doc, fonts: { regular, bold } };
}

/** The bytes of a finished document (no object streams: simple to read back in tests). */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false });
}

/** Noon UTC of a calendar date: the document date as an instant, the same in every zone. */
export function documentDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/**
 * The logo embedded once per document, from a copy of the bytes: pdf-lib reads the whole
 * underlying buffer (a Buffer or a database value may be a view into a larger one). A logo it
 * cannot read is left off rather than stopping the document.
 */
export async function embedLogo(doc: PDFDocument, logo: PdfLogo): Promise<PDFImage | null> {
  const bytes = new Uint8Array(logo.bytes);
  try {
    return await (logo.type === "image/png" ? doc.embedPng(bytes) : doc.embedJpg(bytes));
  } catch {
    return null;
  }
}

export type FlowLayout = { margin: number; size: number; line: number; /** kept free above the bottom margin for the footer */ footer: number };
/** The business letter's measures (letters, statements, invoice copies). */
export const LETTER_LAYOUT: FlowLayout = { margin: 56, size: 10, line: 13.5, footer: 30 };

/**
 * Writes top to bottom over as many pages as it takes. `y` is the baseline of the next line;
 * `ensure` starts a new page when the space asked for is not left above the footer.
 */
export class PageFlow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** Runs on every page after the first (a running title on continuation pages). */
  onContinue: ((flow: PageFlow) => void) | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    readonly layout: FlowLayout,
  ) {}

  get width(): number {
    return A4.w - 2 * this.layout.margin;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.pages.push(this.page);
    this.y = A4.h - this.layout.margin;
    if (this.pages.length > 1) this.onContinue?.(this);
  }

  /** True when a new page was started (a table repeats its header then). */
  ensure(space: number): boolean {
    if (this.y - space >= this.layout.margin + this.layout.footer) return false;
    this.newPage();
    return true;
  }

  text(s: string, x: number, opts: { bold?: boolean; size?: number; right?: number } = {}): void {
    drawText(this.page, s, { x, y: this.y, font: opts.bold ? this.fonts.bold : this.fonts.regular, size: opts.size ?? this.layout.size, right: opts.right });
  }

  /** Wrapped over the full width, then half a line of space. */
  paragraph(s: string, opts: { bold?: boolean } = {}): void {
    for (const line of wrap(s, opts.bold ? this.fonts.bold : this.fonts.regular, this.layout.size, this.width)) {
      this.ensure(this.layout.line);
      this.text(line, this.layout.margin, opts);
      this.y -= this.layout.line;
    }
    this.y -= this.layout.line * 0.5;
  }
}

/** The sender as a letterhead shows it; the registration numbers go in the footer. */
export type Letterhead = {
  name: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  iban?: string | null;
  bic?: string | null;
  cocNumber?: string | null;
  vatNumber?: string | null;
};
/** A postal address for the envelope window. */
export type PostalAddress = { name: string; contactName?: string | null; street?: string | null; postalCode?: string | null; city?: string | null; country?: string | null };

const LOGO_BOX = { w: 160, h: 48 };

/**
 * The top of a letter's first page: the logo top left, the sender top right, and the address
 * where the window of a DL envelope shows it (about 50 mm from the top, 20 mm from the left).
 * Leaves `y` under the address block.
 */
export function drawLetterTop(flow: PageFlow, top: { logo: PDFImage | null; sender: Letterhead; address: PostalAddress; language: Language }): void {
  const { margin, size, line } = flow.layout;
  if (top.logo) {
    const scale = Math.min(LOGO_BOX.w / top.logo.width, LOGO_BOX.h / top.logo.height, 1);
    const h = top.logo.height * scale;
    flow.page.drawImage(top.logo, { x: margin, y: A4.h - margin - h + size, width: top.logo.width * scale, height: h });
  }
  const right = A4.w - margin;
  const s = top.sender;
  for (const [i, text] of [s.name, s.address ?? "", s.phone ?? "", s.email ?? ""].filter(Boolean).entries()) {
    flow.text(text, 0, { right, bold: i === 0 });
    flow.y -= line;
  }
  flow.y = A4.h - 50 * MM;
  for (const text of addressLines(top.address, top.language)) {
    flow.text(text, 20 * MM);
    flow.y -= line;
  }
}

export function addressLines(a: PostalAddress, language: Language): string[] {
  return [
    a.name,
    a.contactName ? `${language === "nl" ? "T.a.v." : "Attn."} ${a.contactName}` : "",
    a.street ?? "",
    [a.postalCode, a.city].filter(Boolean).join("  "),
    a.country && a.country !== "NL" ? a.country : "",
  ].filter(Boolean);
}

/**
 * The footer lines of a business document: name, IBAN and contact, then the registration
 * numbers a business letter must carry (KvK: Handelsregisterwet art. 20), empty when none.
 */
export function letterheadFooter(s: Letterhead, language: Language): string[] {
  const nl = language === "nl";
  const contact = [s.name, s.iban ? `IBAN ${s.iban}` : "", s.email ?? "", s.phone ?? ""].filter(Boolean).join("  ·  ");
  const registration = [s.bic ? `BIC ${s.bic}` : "", s.cocNumber ? `${nl ? "KvK" : "CoC"} ${s.cocNumber}` : "", s.vatNumber ? `${nl ? "btw" : "VAT"} ${s.vatNumber}` : ""].filter(Boolean).join("  ·  ");
  return [contact, registration];
}

export function pageLabel(page: number, pages: number, language: Language): string {
  return language === "nl" ? `Pagina ${page} van ${pages}` : `Page ${page} of ${pages}`;
}

/**
 * Footer lines (8 pt, one under the other, an empty one left out) and the page number on the
 * right, on each of `pages`: the pages of one document or of one letter in a printed run.
 */
export function drawFooters(pages: PDFPage[], font: PDFFont, footer: { margin: number; lines: string[]; label: (page: number, pages: number) => string }): void {
  pages.forEach((page, i) => {
    footer.lines.forEach((text, n) => {
      if (text) page.drawText(winAnsi(text), { x: footer.margin, y: footer.margin - 20 - 10 * n, size: 8, font });
    });
    drawText(page, footer.label(i + 1, pages.length), { x: 0, y: footer.margin - 20, font, size: 8, right: A4.w - footer.margin });
  });
}
