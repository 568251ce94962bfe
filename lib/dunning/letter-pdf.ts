import type { PDFImage } from "pdf-lib";
import { formatLetterDate, formatShortDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { createPdf, documentDate, drawFooters, drawLetterTop, embedLogo, letterheadFooter, LETTER_LAYOUT, PageFlow, pageLabel, savePdf, A4, MM, type PdfLogo } from "@/lib/pdf/pdf-kit";
import { letterText, letterTotal, type LetterData } from "./letter-text";

/**
 * Dunning letters as PDF (A4, Helvetica), one or many in one file for printing. The address block
 * sits where a window envelope shows it; long invoice lists continue on further pages with the
 * page number per letter. Deterministic for the same input (dates come from the letter).
 */
const { margin: MARGIN, line: LINE } = LETTER_LAYOUT;

/** The creditor's logo (settings screen): PNG or JPEG, printed top left on each letter's first page. */
export type LetterLogo = PdfLogo;

function renderLetter(flow: PageFlow, l: LetterData, logo: PDFImage | null): void {
  const nl = l.language === "nl";
  const t = letterText(l);
  const money = (c: bigint) => formatCents(c, l.currency, l.language);
  const first = flow.pages.length;
  flow.newPage();
  drawLetterTop(flow, { logo, sender: l.creditor, address: l.debtor, language: l.language });
  flow.y = A4.h - 95 * MM;
  flow.text(`${nl ? "Datum" : "Date"}: ${formatLetterDate(l.letterDate, l.language)}`, MARGIN);
  flow.y -= LINE;
  flow.text(`${nl ? "Klantnummer" : "Customer number"}: ${l.debtor.customerNumber}`, MARGIN);
  flow.y -= LINE * 2;
  flow.paragraph(t.subject, { bold: true });
  flow.paragraph(t.salutation);
  const [intro, ...rest] = t.paragraphs;
  if (intro) flow.paragraph(intro);

  // The invoices.
  const cols = { number: MARGIN, issue: MARGIN + 120, due: MARGIN + 205, open: A4.w - MARGIN - 85, interest: A4.w - MARGIN };
  const header = () => {
    flow.ensure(LINE * 2);
    flow.text(nl ? "Factuur" : "Invoice", cols.number, { bold: true });
    flow.text(nl ? "Factuurdatum" : "Invoice date", cols.issue, { bold: true });
    flow.text(nl ? "Vervaldatum" : "Due date", cols.due, { bold: true });
    flow.text(nl ? "Openstaand" : "Open", 0, { bold: true, right: cols.open });
    flow.text(nl ? "Rente" : "Interest", 0, { bold: true, right: cols.interest });
    flow.y -= LINE;
  };
  header();
  for (const inv of l.invoices) {
    if (flow.ensure(LINE)) header();
    flow.text(inv.number, cols.number);
    flow.text(formatShortDate(inv.issueDate, l.language), cols.issue);
    flow.text(formatShortDate(inv.dueDate, l.language), cols.due);
    flow.text(money(inv.openCents), 0, { right: cols.open });
    flow.text(inv.interestCents > 0n ? money(inv.interestCents) : "-", 0, { right: cols.interest });
    flow.y -= LINE;
  }
  flow.y -= LINE * 0.5;
  const totals: [string, bigint, boolean][] = [[nl ? "Hoofdsom" : "Principal", l.principalCents, false]];
  if (l.template === "handover") {
    if (l.interestCents > 0n) totals.push([nl ? "Rente" : "Interest", l.interestCents, false]);
    if (l.costsCents > 0n) totals.push([nl ? "Incassokosten" : "Collection costs", l.costsCents, false]);
  }
  totals.push([t.totalLabel, letterTotal(l), true]);
  for (const [label, cents, bold] of totals) {
    flow.ensure(LINE);
    flow.text(label, cols.due, { bold });
    flow.text(money(cents), 0, { right: cols.open, bold });
    flow.y -= LINE;
  }
  flow.y -= LINE;
  for (const p of rest) flow.paragraph(p);
  flow.paragraph(t.closing);
  flow.paragraph(l.senderName);

  // Footer and page numbers per letter.
  drawFooters(flow.pages.slice(first), flow.fonts.regular, { margin: MARGIN, lines: letterheadFooter(l.creditor, l.language), label: (i, n) => pageLabel(i, n, l.language) });
}

export async function renderLettersPdf(letters: LetterData[], opts: { logo?: LetterLogo | null } = {}): Promise<Uint8Array> {
  const first = letters[0];
  const { doc, fonts } = await createPdf(
    first ? { title: letters.length === 1 ? letterText(first).subject : `${letters.length} letters ${first.letterDate}`, date: documentDate(first.letterDate) } : {},
  );
  // Embedded once, drawn on every letter.
  const logo = opts.logo ? await embedLogo(doc, opts.logo) : null;
  const flow = new PageFlow(doc, fonts, LETTER_LAYOUT);
  for (const letter of letters) renderLetter(flow, letter, logo);
  return savePdf(doc);
}
