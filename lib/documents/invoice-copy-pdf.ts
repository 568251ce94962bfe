import { formatLetterDate, formatShortDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { fitText, wrap } from "@/lib/pdf/pdf-kit";
import { amountLine, closeDocument, finishDocument, LINE, MARGIN, RIGHT, SIZE, startDocument, type DocumentLetterhead } from "./document-layout";
import { invoiceCopyTotals, type InvoiceCopyData, type InvoiceCopyPayment } from "./invoice-copy-data";

/**
 * A copy of one invoice as the receivables administration recorded it, marked as a copy: it is
 * not the original tax invoice (that one the accounting package issued). With what was paid on
 * it, what is still open, and when overdue, where to pay it quoting the invoice number.
 */
const WORDS = {
  nl: {
    title: "Kopiefactuur",
    notice: "Dit is een kopie van de factuur zoals vastgelegd in onze debiteurenadministratie. Het is niet de originele factuur en geen factuur voor de btw.",
    number: "Factuurnummer",
    issueDate: "Factuurdatum",
    dueDate: "Vervaldatum",
    description: "Omschrijving",
    currency: "Valuta",
    amount: "Factuurbedrag",
    payments: "Ontvangen betalingen",
    paymentCols: { date: "Datum", reference: "Omschrijving", amount: "Bedrag" },
    kind: { principal: "", costs: " (kosten)", interest: " (rente)" } as Record<InvoiceCopyPayment["kind"], string>,
    noPayments: "Op deze factuur is nog niets ontvangen.",
    paid: "Totaal ontvangen",
    open: "Openstaand",
    costs: "Incassokosten",
    interest: "Rente",
    totalOpen: "Totaal openstaand",
    status: {
      paid: "Deze factuur is volledig betaald.",
      credit: "Dit bedrag staat als tegoed voor u open.",
      notYetDue: (date: string) => `Deze factuur vervalt op ${date}.`,
      overdue: (days: number, date: string) => `De vervaldatum (${date}) is ${days === 1 ? "1 dag" : `${days} dagen`} verstreken.`,
    },
    dispute: (amount: string) => `Over deze factuur loopt een geschil over ${amount}. Dat bedrag vragen wij niet van u zolang het geschil loopt.`,
    creditExpected: (amount: string) => `Uw bezwaar tegen deze factuur is gegrond verklaard: u ontvangt een creditnota voor ${amount}.`,
    pay: (amount: string, iban: string | null, creditor: string, number: string) =>
      `Wij verzoeken u het openstaande bedrag van ${amount} over te maken${iban ? ` op rekening ${iban} t.n.v. ${creditor}` : ""}, onder vermelding van factuurnummer ${number}.`,
    continued: (number: string) => `Kopiefactuur ${number} (vervolg)`,
  },
  en: {
    title: "Copy invoice",
    notice: "This is a copy of the invoice as recorded in our accounts receivable administration. It is not the original invoice and not a VAT invoice.",
    number: "Invoice number",
    issueDate: "Invoice date",
    dueDate: "Due date",
    description: "Description",
    currency: "Currency",
    amount: "Invoice amount",
    payments: "Payments received",
    paymentCols: { date: "Date", reference: "Reference", amount: "Amount" },
    kind: { principal: "", costs: " (costs)", interest: " (interest)" } as Record<InvoiceCopyPayment["kind"], string>,
    noPayments: "Nothing has been received on this invoice yet.",
    paid: "Total received",
    open: "Open",
    costs: "Collection costs",
    interest: "Interest",
    totalOpen: "Total open",
    status: {
      paid: "This invoice has been paid in full.",
      credit: "This amount is open as a credit in your favour.",
      notYetDue: (date: string) => `This invoice falls due on ${date}.`,
      overdue: (days: number, date: string) => `The due date (${date}) passed ${days === 1 ? "1 day" : `${days} days`} ago.`,
    },
    dispute: (amount: string) => `This invoice is in dispute for ${amount}. We do not ask you to pay that amount while the dispute is open.`,
    creditExpected: (amount: string) => `Your objection to this invoice was found justified: you will receive a credit note for ${amount}.`,
    pay: (amount: string, iban: string | null, creditor: string, number: string) =>
      `Please transfer the open amount of ${amount}${iban ? ` to account ${iban} in the name of ${creditor}` : ""}, quoting invoice number ${number}.`,
    continued: (number: string) => `Copy invoice ${number} (continued)`,
  },
};

const TABLE = 9;
const ROW = 12.5;
const VALUE = MARGIN + 110;
const AMOUNT_RIGHT = RIGHT - 60;

export async function renderInvoiceCopyPdf(data: InvoiceCopyData, head: DocumentLetterhead): Promise<Uint8Array> {
  const lang = data.language;
  const w = WORDS[lang];
  const inv = data.invoice;
  const money = (cents: bigint) => formatCents(cents, inv.currency, lang);
  const totals = invoiceCopyTotals(data);
  const flow = await startDocument(head, { title: `${w.title} ${inv.number}`, running: w.continued(inv.number), date: data.date, debtor: data.debtor, language: lang });
  flow.paragraph(w.notice, { bold: true });

  const fields: [string, string][] = [
    [w.number, inv.number],
    [w.issueDate, formatLetterDate(inv.issueDate, lang)],
    [w.dueDate, formatLetterDate(inv.dueDate, lang)],
    ...(inv.description ? [[w.description, inv.description] as [string, string]] : []),
    [w.currency, inv.currency],
  ];
  for (const [label, value] of fields) {
    wrap(value, flow.fonts.regular, SIZE, RIGHT - VALUE).forEach((line, i) => {
      flow.ensure(LINE);
      if (i === 0) flow.text(label, MARGIN, { bold: true });
      flow.text(line, VALUE);
      flow.y -= LINE;
    });
  }
  flow.y -= LINE;
  const at = { label: MARGIN, right: AMOUNT_RIGHT };
  amountLine(flow, w.amount, money(inv.amountCents), at);
  flow.y -= LINE * 0.5;

  flow.ensure(LINE * 3);
  flow.text(w.payments, MARGIN, { bold: true });
  flow.y -= LINE;
  if (data.payments.length === 0) flow.paragraph(w.noPayments);
  else {
    const { regular } = flow.fonts;
    const header = () => {
      flow.text(w.paymentCols.date, MARGIN, { bold: true, size: TABLE });
      flow.text(w.paymentCols.reference, MARGIN + 84, { bold: true, size: TABLE });
      flow.text(w.paymentCols.amount, 0, { right: AMOUNT_RIGHT, bold: true, size: TABLE });
      flow.y -= ROW;
    };
    flow.ensure(ROW * 2);
    header();
    for (const p of data.payments) {
      if (flow.ensure(ROW)) header();
      flow.text(formatShortDate(p.valueDate, lang), MARGIN, { size: TABLE });
      flow.text(fitText(`${p.reference ?? "-"}${w.kind[p.kind]}`, regular, TABLE, AMOUNT_RIGHT - 80 - (MARGIN + 84)), MARGIN + 84, { size: TABLE });
      flow.text(money(p.amountCents), 0, { right: AMOUNT_RIGHT, size: TABLE });
      flow.y -= ROW;
    }
    flow.y -= ROW * 0.5;
    amountLine(flow, w.paid, money(totals.paidCents), at);
  }
  flow.y -= LINE * 0.5;

  amountLine(flow, w.open, money(inv.openCents), at);
  if (inv.costsOpenCents !== 0n) amountLine(flow, w.costs, money(inv.costsOpenCents), at);
  if (inv.interestOpenCents !== 0n) amountLine(flow, w.interest, money(inv.interestOpenCents), at);
  amountLine(flow, w.totalOpen, money(totals.totalOpenCents), { ...at, bold: true });
  flow.y -= LINE;

  const longDue = formatLetterDate(inv.dueDate, lang);
  flow.paragraph(
    totals.totalOpenCents < 0n ? w.status.credit : totals.totalOpenCents === 0n ? w.status.paid : totals.daysOverdue > 0 ? w.status.overdue(totals.daysOverdue, longDue) : w.status.notYetDue(longDue),
  );
  if (data.dispute) flow.paragraph((data.dispute.creditExpected ? w.creditExpected : w.dispute)(money(data.dispute.disputedCents)));
  if (totals.payNowCents > 0n) flow.paragraph(w.pay(money(totals.payNowCents), head.creditor.iban ?? null, head.creditor.name, inv.number));
  closeDocument(flow, head.creditor, lang, "invoice");
  return finishDocument(flow, head, lang);
}
