import { formatLetterDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { greeting } from "@/lib/format/salutation";
import type { DocumentCreditor } from "./document-layout";
import type { DocumentLanguage } from "./document-debtor";
import { invoiceCopyTotals, type InvoiceCopyData, type InvoiceCopyTotals } from "./invoice-copy-data";
import { statementAmountsDue, type StatementData } from "./statement-data";

/** The subject and plain-text body of the e-mail a document is sent with, in the debtor's language. */
export type DocumentEmail = { subject: string; body: string };

/** "€ 1.234,56 en USD 20,00" / "€1,234.56 and USD 20.00" */
export function listAmounts(amounts: { currency: string; cents: bigint }[], language: DocumentLanguage): string {
  const parts = amounts.map((a) => formatCents(a.cents, a.currency, language));
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} ${language === "nl" ? "en" : "and"} ${parts.at(-1)}`;
}

function questions(creditor: DocumentCreditor, language: DocumentLanguage, about: "statement" | "invoice"): string {
  const phone = creditor.phone ? (language === "nl" ? ` via ${creditor.phone}` : ` on ${creditor.phone}`) : "";
  return language === "nl"
    ? `Is iets onduidelijk of klopt er iets niet in ${about === "statement" ? "het overzicht" : "de factuur"}? Neem dan gerust contact met ons op${phone}.`
    : `If anything is unclear or not right in the ${about === "statement" ? "statement" : "invoice"}, please do not hesitate to contact us${phone}.`;
}

function letter(salutation: string, lines: string[], creditor: DocumentCreditor, language: DocumentLanguage): string {
  return [salutation, "", ...lines, "", language === "nl" ? "Met vriendelijke groet," : "Kind regards,", creditor.name].join("\n");
}

/** Sends the statement: names the amount it asks to be paid (overdue, less credit and what is disputed). */
export function statementEmail(data: StatementData, creditor: DocumentCreditor): DocumentEmail {
  const nl = data.language === "nl";
  const date = formatLetterDate(data.date, data.language);
  const due = statementAmountsDue(data);
  const cn = data.debtor.customerNumber;
  const lines = [
    nl ? `In de bijlage vindt u het rekeningoverzicht van klantnummer ${cn} per ${date}.` : `Please find attached the statement of account for customer number ${cn} as of ${date}.`,
    due.length
      ? nl
        ? `Volgens onze administratie staat er in totaal ${listAmounts(due, data.language)} vervallen. Wij verzoeken u dit bedrag over te maken onder vermelding van uw klantnummer.`
        : `According to our records a total of ${listAmounts(due, data.language)} is overdue. We kindly ask you to transfer this amount, quoting your customer number.`
      : nl
        ? "Volgens onze administratie staat er op dit moment geen vervallen bedrag open."
        : "According to our records no overdue amount is open at present.",
    questions(creditor, data.language, "statement"),
  ];
  return {
    subject: nl ? `Rekeningoverzicht ${creditor.name} per ${date}` : `Statement of account ${creditor.name} as of ${date}`,
    body: letter(greeting(data.debtor.contactName, data.language, "formal"), lines, creditor, data.language),
  };
}

/** Sends the invoice copy: where the invoice stands and, when overdue, what to pay quoting its number. */
export function invoiceCopyEmail(data: InvoiceCopyData, creditor: DocumentCreditor): DocumentEmail {
  const nl = data.language === "nl";
  const inv = data.invoice;
  const t = invoiceCopyTotals(data);
  const money = (cents: bigint) => formatCents(cents, inv.currency, data.language);
  const issued = formatLetterDate(inv.issueDate, data.language);
  const status = copyStatus(data, t, money, formatLetterDate(inv.dueDate, data.language));
  const lines = [
    nl ? `In de bijlage vindt u een kopie van factuur ${inv.number} van ${issued}, zoals vastgelegd in onze administratie.` : `Please find attached a copy of invoice ${inv.number} of ${issued}, as recorded in our administration.`,
    status,
    ...(t.payNowCents > 0n ? [nl ? `Wij verzoeken u ${money(t.payNowCents)} over te maken onder vermelding van factuurnummer ${inv.number}.` : `We kindly ask you to transfer ${money(t.payNowCents)}, quoting invoice number ${inv.number}.`] : []),
    questions(creditor, data.language, "invoice"),
  ];
  return {
    subject: nl ? `Kopiefactuur ${inv.number} van ${creditor.name}` : `Copy invoice ${inv.number} from ${creditor.name}`,
    body: letter(greeting(data.debtor.contactName, data.language, "formal"), lines, creditor, data.language),
  };
}

/** One sentence on where the invoice stands. */
function copyStatus(data: InvoiceCopyData, t: InvoiceCopyTotals, money: (cents: bigint) => string, dueDate: string): string {
  const nl = data.language === "nl";
  const open = money(t.totalOpenCents);
  if (t.totalOpenCents < 0n) return nl ? `Dit bedrag van ${money(-t.totalOpenCents)} staat als tegoed voor u open.` : `This amount of ${money(-t.totalOpenCents)} is open as a credit in your favour.`;
  if (t.totalOpenCents === 0n) return nl ? "Deze factuur is volledig betaald." : "This invoice has been paid in full.";
  if (data.dispute) {
    const disputed = money(data.dispute.disputedCents);
    return nl ? `Van deze factuur staat nog ${open} open; over ${disputed} loopt een geschil.` : `${open} of this invoice is still open; ${disputed} of it is in dispute.`;
  }
  if (t.daysOverdue > 0) return nl ? `Van deze factuur staat nog ${open} open; de vervaldatum was ${dueDate}.` : `${open} of this invoice is still open; it was due on ${dueDate}.`;
  return nl ? `Het openstaande bedrag van ${open} vervalt op ${dueDate}.` : `The open amount of ${open} falls due on ${dueDate}.`;
}
