import { formatLetterDate, formatShortDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { daysOverdue } from "@/lib/invoices/aging";
import { fitText, fittingSize, type PageFlow } from "@/lib/pdf/pdf-kit";
import { listAmounts } from "./document-email";
import { amountLine, closeDocument, finishDocument, LINE, MARGIN, RIGHT, startDocument, type DocumentLetterhead } from "./document-layout";
import { statementAmountsDue, statementTotals, STATEMENT_PAYMENT_DAYS, type StatementCurrency, type StatementData, type StatementTotals } from "./statement-data";

/**
 * The statement of account as PDF: per currency a table of the open invoices (oldest due first,
 * the header repeated on every page it runs onto), the booked costs and interest, the totals, the
 * credit deducted, and the payments received lately; then what to pay, to where, quoting what.
 */
const WORDS = {
  nl: {
    title: "Rekeningoverzicht",
    intro: (creditor: string, date: string) => `Hieronder vindt u een overzicht van de posten die op ${date} in de administratie van ${creditor} op uw naam openstaan.`,
    currency: (c: string) => `Bedragen in ${c}`,
    cols: { number: "Factuur", issue: "Datum", due: "Vervaldatum", amount: "Bedrag", open: "Openstaand", status: "Vervallen" },
    days: (n: number) => (n === 1 ? "1 dag" : `${n} dagen`),
    notYetDue: "niet vervallen",
    disputed: "in geschil",
    costs: "Incassokosten",
    interest: "Rente",
    none: "Er staan geen facturen open.",
    totalNotYetDue: "Nog niet vervallen",
    totalOverdue: "Vervallen",
    totalOpen: "Totaal openstaand",
    creditNotes: "Af: openstaande creditnota's",
    unallocated: "Af: niet toegewezen betalingen",
    balance: "Saldo",
    disputeNote: (amount: string) => `Over de facturen gemarkeerd met "in geschil" loopt een geschil. Het betwiste deel (${amount}) vragen wij niet van u zolang het geschil loopt.`,
    payments: `Ontvangen betalingen (laatste ${STATEMENT_PAYMENT_DAYS} dagen)`,
    paymentCols: { date: "Datum", reference: "Omschrijving", amount: "Bedrag" },
    noPayments: `Geen betalingen ontvangen in de laatste ${STATEMENT_PAYMENT_DAYS} dagen.`,
    pay: (amounts: string, iban: string | null, creditor: string, customer: string) =>
      `Wij verzoeken u het vervallen bedrag van ${amounts} over te maken${iban ? ` op rekening ${iban} t.n.v. ${creditor}` : ""}, onder vermelding van uw klantnummer ${customer}.`,
    nothingToPay: "Op dit moment staat er geen vervallen bedrag open. Hartelijk dank voor uw betalingen.",
    continued: (customer: string, date: string) => `Rekeningoverzicht klantnummer ${customer} per ${date} (vervolg)`,
  },
  en: {
    title: "Statement of account",
    intro: (creditor: string, date: string) => `Below is an overview of the items open in your name in the accounts of ${creditor} on ${date}.`,
    currency: (c: string) => `Amounts in ${c}`,
    cols: { number: "Invoice", issue: "Date", due: "Due date", amount: "Amount", open: "Open", status: "Overdue" },
    days: (n: number) => (n === 1 ? "1 day" : `${n} days`),
    notYetDue: "not yet due",
    disputed: "in dispute",
    costs: "Collection costs",
    interest: "Interest",
    none: "There are no open invoices.",
    totalNotYetDue: "Not yet due",
    totalOverdue: "Overdue",
    totalOpen: "Total open",
    creditNotes: "Less: open credit notes",
    unallocated: "Less: unallocated payments",
    balance: "Balance",
    disputeNote: (amount: string) => `The invoices marked "in dispute" are under dispute. We do not ask you to pay the disputed part (${amount}) while the dispute is open.`,
    payments: `Payments received (last ${STATEMENT_PAYMENT_DAYS} days)`,
    paymentCols: { date: "Date", reference: "Reference", amount: "Amount" },
    noPayments: `No payments received in the last ${STATEMENT_PAYMENT_DAYS} days.`,
    pay: (amounts: string, iban: string | null, creditor: string, customer: string) =>
      `Please transfer the overdue amount of ${amounts}${iban ? ` to account ${iban} in the name of ${creditor}` : ""}, quoting your customer number ${customer}.`,
    nothingToPay: "At present no overdue amount is open. Thank you for your payments.",
    continued: (customer: string, date: string) => `Statement of account customer number ${customer} as of ${date} (continued)`,
  },
};

const TABLE = 9;
const ROW = 12.5;
const COL = { number: MARGIN, issue: MARGIN + 104, due: MARGIN + 162, amount: MARGIN + 280, open: MARGIN + 348, status: MARGIN + 356, dispute: MARGIN + 420 };
const NUMBER_WIDTH = COL.issue - COL.number - 4;
const TOTAL_LABEL = COL.issue;

export async function renderStatementPdf(data: StatementData, head: DocumentLetterhead): Promise<Uint8Array> {
  const w = WORDS[data.language];
  const longDate = formatLetterDate(data.date, data.language);
  const flow = await startDocument(head, { title: w.title, running: w.continued(data.debtor.customerNumber, longDate), date: data.date, debtor: data.debtor, language: data.language });
  flow.paragraph(w.intro(head.creditor.name, longDate));
  if (data.currencies.length === 0) flow.paragraph(w.none);
  for (const section of data.currencies) renderCurrency(flow, data, section, statementTotals(section, data.date), data.currencies.length > 1);
  const due = statementAmountsDue(data);
  flow.y -= LINE * 0.5;
  flow.paragraph(due.length ? w.pay(listAmounts(due, data.language), head.creditor.iban ?? null, head.creditor.name, data.debtor.customerNumber) : w.nothingToPay);
  closeDocument(flow, head.creditor, data.language, "statement");
  return finishDocument(flow, head, data.language);
}

function renderCurrency(flow: PageFlow, data: StatementData, c: StatementCurrency, totals: StatementTotals, isOneOfSeveral: boolean): void {
  const lang = data.language;
  const w = WORDS[lang];
  const money = (cents: bigint) => formatCents(cents, c.currency, lang);
  const { regular, bold } = flow.fonts;
  const cell = (s: string, x: number, width: number, isBold = false) => flow.text(fitText(s, isBold ? bold : regular, TABLE, width), x, { size: TABLE, bold: isBold });
  // An invoice number is printed whole: smaller when it is long, cut only beyond that.
  const numberCell = (s: string) => {
    const size = fittingSize(s, regular, TABLE, NUMBER_WIDTH);
    flow.text(fitText(s, regular, size, NUMBER_WIDTH), COL.number, { size });
  };
  const header = () => {
    flow.ensure(ROW * 2);
    cell(w.cols.number, COL.number, NUMBER_WIDTH, true);
    cell(w.cols.issue, COL.issue, COL.due - COL.issue - 4, true);
    cell(w.cols.due, COL.due, 70, true);
    flow.text(w.cols.amount, 0, { right: COL.amount, bold: true, size: TABLE });
    flow.text(w.cols.open, 0, { right: COL.open, bold: true, size: TABLE });
    cell(w.cols.status, COL.status, COL.dispute - COL.status - 4, true);
    flow.page.drawLine({ start: { x: MARGIN, y: flow.y - 3 }, end: { x: RIGHT, y: flow.y - 3 }, thickness: 0.5 });
    flow.y -= ROW + 1;
  };

  if (isOneOfSeveral) {
    flow.ensure(LINE * 4);
    flow.y -= LINE * 0.5;
    flow.text(w.currency(c.currency), MARGIN, { bold: true, size: 11 });
    flow.y -= LINE * 1.5;
  }
  if (c.invoices.length || c.costsCents || c.interestCents) {
    flow.ensure(ROW * 3);
    header();
    for (const inv of c.invoices) {
      if (flow.ensure(ROW)) header();
      const days = daysOverdue(inv.dueDate, data.date);
      numberCell(inv.number);
      cell(formatShortDate(inv.issueDate, lang), COL.issue, COL.due - COL.issue - 4);
      cell(formatShortDate(inv.dueDate, lang), COL.due, 70);
      flow.text(money(inv.amountCents), 0, { right: COL.amount, size: TABLE });
      flow.text(money(inv.openCents), 0, { right: COL.open, size: TABLE });
      cell(days > 0 ? w.days(days) : w.notYetDue, COL.status, COL.dispute - COL.status - 4);
      if (inv.isDisputed) cell(w.disputed, COL.dispute, RIGHT - COL.dispute, true);
      flow.y -= ROW;
    }
    for (const [label, cents] of [[w.costs, c.costsCents], [w.interest, c.interestCents]] as const) {
      if (cents === 0n) continue;
      if (flow.ensure(ROW)) header();
      cell(label, COL.number, 200);
      flow.text(money(cents), 0, { right: COL.open, size: TABLE });
      flow.y -= ROW;
    }
  } else {
    flow.paragraph(w.none);
  }

  flow.y -= LINE * 0.5;
  // The totals stay together on one page.
  const creditLines = (c.creditNoteCents > 0n ? 1 : 0) + (c.unallocatedCents > 0n ? 1 : 0);
  flow.ensure(LINE * (3 + (creditLines ? creditLines + 1 : 0)));
  const at = { label: TOTAL_LABEL, right: COL.open };
  amountLine(flow, w.totalNotYetDue, money(totals.notYetDueCents), at);
  amountLine(flow, w.totalOverdue, money(totals.overdueCents), at);
  amountLine(flow, w.totalOpen, money(totals.openCents), { ...at, bold: true });
  if (totals.creditCents > 0n) {
    if (c.creditNoteCents > 0n) amountLine(flow, w.creditNotes, money(-c.creditNoteCents), at);
    if (c.unallocatedCents > 0n) amountLine(flow, w.unallocated, money(-c.unallocatedCents), at);
    amountLine(flow, w.balance, money(totals.balanceCents), { ...at, bold: true });
  }
  flow.y -= LINE * 0.5;
  if (totals.disputedOverdueCents > 0n) flow.paragraph(w.disputeNote(money(totals.disputedOverdueCents)));

  flow.ensure(LINE * 3);
  flow.text(w.payments, MARGIN, { bold: true });
  flow.y -= LINE;
  if (c.payments.length === 0) {
    flow.paragraph(w.noPayments);
    return;
  }
  const paymentHeader = () => {
    cell(w.paymentCols.date, COL.number, NUMBER_WIDTH, true);
    cell(w.paymentCols.reference, COL.issue, 200, true);
    flow.text(w.paymentCols.amount, 0, { right: COL.open, bold: true, size: TABLE });
    flow.y -= ROW;
  };
  flow.ensure(ROW * 2);
  paymentHeader();
  for (const p of c.payments) {
    if (flow.ensure(ROW)) paymentHeader();
    cell(formatShortDate(p.valueDate, lang), COL.number, NUMBER_WIDTH);
    cell(p.reference ?? "-", COL.issue, COL.open - 70 - COL.issue);
    flow.text(money(p.amountCents), 0, { right: COL.open, size: TABLE });
    flow.y -= ROW;
  }
  flow.y -= LINE * 0.5;
}
