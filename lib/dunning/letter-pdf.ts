import { PDFDocument, StandardFonts, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import { formatCents, formatLetterDate, formatShortDate, letterText, letterTotal, type LetterData } from "./letter-text";

/**
 * Dunning letters as PDF (A4, Helvetica), one or many in one file for printing. The address block
 * sits where a window envelope shows it; long invoice lists continue on further pages with the
 * page number per letter. Deterministic for the same input (dates come from the letter).
 */
const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 56;
const MM = 72 / 25.4;
const SIZE = 10;
const LINE = 13.5;

/** The standard fonts only encode WinAnsi; anything else becomes "?" rather than an error. */
function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, "?");
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of winAnsi(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The creditor's logo (settings screen): PNG or JPEG, printed top left on each letter's first page. */
export type LetterLogo = { bytes: Uint8Array; type: "image/png" | "image/jpeg" };
const LOGO_BOX = { w: 160, h: 48 };

type Ctx = { doc: PDFDocument; regular: PDFFont; bold: PDFFont; letter: LetterData; pages: PDFPage[]; page: PDFPage; y: number; logo: PDFImage | null };

function newPage(ctx: Ctx): void {
  ctx.page = ctx.doc.addPage([A4.w, A4.h]);
  ctx.pages.push(ctx.page);
  ctx.y = A4.h - MARGIN;
}

function ensure(ctx: Ctx, space: number): void {
  if (ctx.y - space < MARGIN + 30) newPage(ctx);
}

function text(ctx: Ctx, s: string, x: number, opts: { bold?: boolean; size?: number; right?: number } = {}): void {
  const font = opts.bold ? ctx.bold : ctx.regular;
  const size = opts.size ?? SIZE;
  const safe = winAnsi(s);
  const at = opts.right !== undefined ? opts.right - font.widthOfTextAtSize(safe, size) : x;
  ctx.page.drawText(safe, { x: at, y: ctx.y, size, font });
}

function paragraph(ctx: Ctx, s: string, opts: { bold?: boolean } = {}): void {
  for (const line of wrap(s, opts.bold ? ctx.bold : ctx.regular, SIZE, A4.w - 2 * MARGIN)) {
    ensure(ctx, LINE);
    text(ctx, line, MARGIN, opts);
    ctx.y -= LINE;
  }
  ctx.y -= LINE * 0.5;
}

function renderLetter(ctx: Ctx): void {
  const l = ctx.letter;
  const nl = l.language === "nl";
  const t = letterText(l);
  const money = (c: bigint) => formatCents(c, l.currency, l.language);
  const first = ctx.pages.length;
  newPage(ctx);
  if (ctx.logo) {
    const scale = Math.min(LOGO_BOX.w / ctx.logo.width, LOGO_BOX.h / ctx.logo.height, 1);
    const h = ctx.logo.height * scale;
    ctx.page.drawImage(ctx.logo, { x: MARGIN, y: A4.h - MARGIN - h + SIZE, width: ctx.logo.width * scale, height: h });
  }
  // Creditor top right.
  const right = A4.w - MARGIN;
  for (const [i, s] of [l.creditor.name, l.creditor.address ?? "", l.creditor.phone ?? "", l.creditor.email ?? ""].filter(Boolean).entries()) {
    text(ctx, s, 0, { right, bold: i === 0 });
    ctx.y -= LINE;
  }
  // Address block in the window of a DL envelope (about 50 mm from the top, 20 mm from the left).
  ctx.y = A4.h - 50 * MM;
  const address = [l.debtor.name, l.debtor.contactName ? `${nl ? "T.a.v." : "Attn."} ${l.debtor.contactName}` : "", l.debtor.street ?? "", [l.debtor.postalCode, l.debtor.city].filter(Boolean).join("  "), l.debtor.country && l.debtor.country !== "NL" ? l.debtor.country : ""].filter(Boolean);
  for (const s of address) {
    text(ctx, s, 20 * MM);
    ctx.y -= LINE;
  }
  ctx.y = A4.h - 95 * MM;
  text(ctx, `${nl ? "Datum" : "Date"}: ${formatLetterDate(l.letterDate, l.language)}`, MARGIN);
  ctx.y -= LINE;
  text(ctx, `${nl ? "Klantnummer" : "Customer number"}: ${l.debtor.customerNumber}`, MARGIN);
  ctx.y -= LINE * 2;
  paragraph(ctx, t.subject, { bold: true });
  paragraph(ctx, t.salutation);
  const [intro, ...rest] = t.paragraphs;
  if (intro) paragraph(ctx, intro);

  // The invoices.
  const cols = { number: MARGIN, issue: MARGIN + 120, due: MARGIN + 205, open: A4.w - MARGIN - 85, interest: A4.w - MARGIN };
  const header = () => {
    ensure(ctx, LINE * 2);
    text(ctx, nl ? "Factuur" : "Invoice", cols.number, { bold: true });
    text(ctx, nl ? "Factuurdatum" : "Invoice date", cols.issue, { bold: true });
    text(ctx, nl ? "Vervaldatum" : "Due date", cols.due, { bold: true });
    text(ctx, nl ? "Openstaand" : "Open", 0, { bold: true, right: cols.open });
    text(ctx, nl ? "Rente" : "Interest", 0, { bold: true, right: cols.interest });
    ctx.y -= LINE;
  };
  header();
  for (const inv of l.invoices) {
    if (ctx.y - LINE < MARGIN + 30) {
      newPage(ctx);
      header();
    }
    text(ctx, inv.number, cols.number);
    text(ctx, formatShortDate(inv.issueDate, l.language), cols.issue);
    text(ctx, formatShortDate(inv.dueDate, l.language), cols.due);
    text(ctx, money(inv.openCents), 0, { right: cols.open });
    text(ctx, inv.interestCents > 0n ? money(inv.interestCents) : "-", 0, { right: cols.interest });
    ctx.y -= LINE;
  }
  ctx.y -= LINE * 0.5;
  const totals: [string, bigint, boolean][] = [[nl ? "Hoofdsom" : "Principal", l.principalCents, false]];
  if (l.template === "handover") {
    if (l.interestCents > 0n) totals.push([nl ? "Rente" : "Interest", l.interestCents, false]);
    if (l.costsCents > 0n) totals.push([nl ? "Incassokosten" : "Collection costs", l.costsCents, false]);
  }
  totals.push([t.totalLabel, letterTotal(l), true]);
  for (const [label, cents, bold] of totals) {
    ensure(ctx, LINE);
    text(ctx, label, cols.due, { bold });
    text(ctx, money(cents), 0, { right: cols.open, bold });
    ctx.y -= LINE;
  }
  ctx.y -= LINE;
  for (const p of rest) paragraph(ctx, p);
  paragraph(ctx, t.closing);
  paragraph(ctx, l.senderName);

  // Footer and page numbers per letter.
  const mine = ctx.pages.slice(first);
  const footer = [l.creditor.name, l.creditor.iban ? `IBAN ${l.creditor.iban}` : "", l.creditor.email ?? "", l.creditor.phone ?? ""].filter(Boolean).join("  ·  ");
  // The registration numbers a business letter must carry (KvK: Handelsregisterwet art. 20).
  const registration = [l.creditor.bic ? `BIC ${l.creditor.bic}` : "", l.creditor.cocNumber ? `${nl ? "KvK" : "CoC"} ${l.creditor.cocNumber}` : "", l.creditor.vatNumber ? `${nl ? "btw" : "VAT"} ${l.creditor.vatNumber}` : ""].filter(Boolean).join("  ·  ");
  mine.forEach((page, i) => {
    page.drawText(winAnsi(footer), { x: MARGIN, y: MARGIN - 20, size: 8, font: ctx.regular });
    if (registration) page.drawText(winAnsi(registration), { x: MARGIN, y: MARGIN - 30, size: 8, font: ctx.regular });
    const label = nl ? `Pagina ${i + 1} van ${mine.length}` : `Page ${i + 1} of ${mine.length}`;
    page.drawText(label, { x: A4.w - MARGIN - ctx.regular.widthOfTextAtSize(label, 8), y: MARGIN - 20, size: 8, font: ctx.regular });
  });
}

/**
 * Embedded once, drawn on every letter. A copy of the bytes: pdf-lib reads the whole underlying
 * buffer (a Buffer or a database value may be a view into a larger one). A logo it cannot read is
 * left off rather than stopping the printing of a run.
 */
export async function embedLogo(doc: PDFDocument, logo: LetterLogo): Promise<PDFImage | null> {
  const bytes = new Uint8Array(logo.bytes);
  try {
    return await (logo.type === "image/png" ? doc.embedPng(bytes) : doc.embedJpg(bytes));
  } catch {
    return null;
  }
}

export async function renderLettersPdf(letters: LetterData[], opts: { logo?: LetterLogo | null } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const logo = opts.logo ? await embedLogo(doc, opts.logo) : null;
  const first = letters[0];
  if (first) {
    const date = new Date(`${first.letterDate}T12:00:00Z`);
    doc.setTitle(winAnsi(letters.length === 1 ? letterText(first).subject : `${letters.length} letters ${first.letterDate}`));
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  }
  doc.setProducer("Dunning Workbench");
  doc.setCreator("Dunning Workbench");
  const ctx = { doc, regular, bold, logo, pages: [] as PDFPage[] } as Omit<Ctx, "letter" | "page" | "y"> & Partial<Ctx>;
  for (const letter of letters) {
    ctx.letter = letter;
    renderLetter(ctx as Ctx);
  }
  return doc.save({ useObjectStreams: false });
}
