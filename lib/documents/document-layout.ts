import { formatLetterDate, type CalendarDate } from "@/lib/format/calendar-date";
import { A4, createPdf, documentDate, drawFooters, drawLetterTop, embedLogo, letterheadFooter, LETTER_LAYOUT, MM, PageFlow, pageLabel, savePdf, type Letterhead, type PdfLogo } from "@/lib/pdf/pdf-kit";
import type { DocumentDebtor, DocumentLanguage } from "./document-debtor";
import type { DocumentEmail } from "./document-email";

/**
 * The frame the debtor documents share with the dunning letters: letterhead and logo, the address
 * in the envelope window, date and customer number, the footer with the registration numbers and
 * page numbers. The creditor comes from the caller (the saved settings, else the environment).
 */
export type DocumentCreditor = Letterhead;
export type DocumentLetterhead = { creditor: DocumentCreditor; logo?: PdfLogo | null };

/** What the doors pass in: the office's today and the creditor with its logo (server/context). */
export type DocumentContext = { today: CalendarDate; creditor: DocumentCreditor; logo?: PdfLogo | null };
/** A document made for a debtor, with the e-mail text to send it with. */
export type DocumentFile = { filename: string; bytes: Uint8Array; language: DocumentLanguage; email: DocumentEmail };

/** Longer than any id we issue: not a record, and not worth a query. */
export const MAX_ID_LENGTH = 64;

export const { margin: MARGIN, size: SIZE, line: LINE } = LETTER_LAYOUT;
export const RIGHT = A4.w - MARGIN;

/** A new document on `date`, first page drawn up to the title; continuation pages carry `running`. */
export async function startDocument(head: DocumentLetterhead, doc: { title: string; running: string; date: string; debtor: DocumentDebtor; language: DocumentLanguage }): Promise<PageFlow> {
  const { doc: pdf, fonts } = await createPdf({ title: doc.title, date: documentDate(doc.date) });
  const logo = head.logo ? await embedLogo(pdf, head.logo) : null;
  const flow = new PageFlow(pdf, fonts, LETTER_LAYOUT);
  flow.newPage();
  drawLetterTop(flow, { logo, sender: head.creditor, address: doc.debtor, language: doc.language });
  const nl = doc.language === "nl";
  // Higher than a letter's (95 mm): a document has no subject line and salutation to fit.
  flow.y = A4.h - 85 * MM;
  flow.text(`${nl ? "Datum" : "Date"}: ${formatLetterDate(doc.date, doc.language)}`, MARGIN);
  flow.y -= LINE;
  flow.text(`${nl ? "Klantnummer" : "Customer number"}: ${doc.debtor.customerNumber}`, MARGIN);
  flow.y -= LINE * 2.5;
  flow.text(doc.title, MARGIN, { bold: true, size: 14 });
  flow.y -= LINE * 1.5;
  flow.onContinue = (f) => {
    f.text(doc.running, MARGIN, { size: 8 });
    f.y -= LINE * 1.5;
  };
  return flow;
}

export function finishDocument(flow: PageFlow, head: DocumentLetterhead, language: DocumentLanguage): Promise<Uint8Array> {
  drawFooters(flow.pages, flow.fonts.regular, { margin: MARGIN, lines: letterheadFooter(head.creditor, language), label: (i, n) => pageLabel(i, n, language) });
  return savePdf(flow.doc);
}

/** A label and its amount right-aligned at `right` (a totals line). */
export function amountLine(flow: PageFlow, label: string, amount: string, at: { label: number; right: number; bold?: boolean }): void {
  flow.ensure(LINE);
  flow.text(label, at.label, { bold: at.bold });
  flow.text(amount, 0, { right: at.right, bold: at.bold });
  flow.y -= LINE;
}

/** A file name of safe characters only: letters, digits, dot, dash and underscore. */
export function safeFileName(...parts: string[]): string {
  const name = parts
    .map((p) => p.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/\.{2,}/g, ".").replace(/^[-.]+|[-.]+$/g, ""))
    .filter(Boolean)
    .join("-")
    .slice(0, 100);
  return `${name || "document"}.pdf`;
}

/** The end of every document: questions welcome, the greeting, and who sends it. */
export function closeDocument(flow: PageFlow, creditor: DocumentCreditor, language: DocumentLanguage, about: "statement" | "invoice"): void {
  const nl = language === "nl";
  const via = [creditor.phone, creditor.email].filter(Boolean).join(nl ? " of " : " or ");
  flow.paragraph(
    nl
      ? `Heeft u vragen over ${about === "statement" ? "dit overzicht" : "deze factuur"}, of klopt er iets niet? Neem dan contact met ons op${via ? ` via ${via}` : ""}.`
      : `If you have any questions about this ${about === "statement" ? "statement" : "invoice"}, or if anything is not right, please contact us${via ? ` at ${via}` : ""}.`,
  );
  // The greeting and the name stay together.
  flow.ensure(LINE * 2.5);
  flow.paragraph(nl ? "Met vriendelijke groet," : "Kind regards,");
  flow.paragraph(creditor.name);
}
