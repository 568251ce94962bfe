import { calendarDateIn, type CalendarDate } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { formatLongDate } from "./summary";

/**
 * The confirmation a debtor gets when an agreement changes outside a call: what was agreed
 * before (the date it was made), what changed and why, the new dates and amounts; in the
 * debtor's language, plain text, signed by the controller.
 */
export type ChangeConfirmationInput = {
  language: "nl" | "en";
  creditorName: string;
  debtorName: string;
  contactName: string | null;
  agreementKind: "promise" | "plan";
  madeOn: Date;
  timeZone: string;
  currency: string;
  invoiceNumbers: string[];
  change: { kind: "cancelled"; reason: string } | { kind: "rescheduled"; reason: string; instalments: { dueDate: CalendarDate; amountCents: bigint }[] };
  controller: { name: string; email: string; phone: string | null; jobTitle: string | null };
};

const TEXT = {
  nl: {
    subject: { cancelled: "Vervallen betalingsafspraak", rescheduled: "Gewijzigde betalingsafspraak" },
    greeting: (name: string | null) => (name ? `Beste ${name},` : "Geachte heer, mevrouw,"),
    what: (kind: "promise" | "plan", date: string, invoices: string) => `Dit bericht gaat over de ${kind === "plan" ? "betalingsregeling" : "betaalbelofte"} die wij op ${date} met u afspraken voor ${invoices}.`,
    cancelled: (reason: string) => `Deze afspraak vervalt. Reden: ${reason}`,
    cancelledNext: "De openstaande bedragen zijn daarmee weer direct opeisbaar; neem contact met ons op als u een nieuwe afspraak wilt maken.",
    rescheduled: (reason: string) => `Op uw verzoek hebben wij de afspraak gewijzigd. Reden: ${reason}`,
    newDates: "De nieuwe termijnen zijn:",
    total: "Totaal",
    invoice: (n: string[]) => (n.length === 1 ? `factuur ${n[0]}` : `de facturen ${n.join(", ")}`),
    reference: "Vermeld bij betaling het factuurnummer.",
    questions: "Hebt u vragen, neem dan gerust contact met mij op.",
    regards: "Met vriendelijke groet,",
  },
  en: {
    subject: { cancelled: "Payment arrangement cancelled", rescheduled: "Payment arrangement changed" },
    greeting: (name: string | null) => (name ? `Dear ${name},` : "Dear Sir or Madam,"),
    what: (kind: "promise" | "plan", date: string, invoices: string) => `This concerns the ${kind === "plan" ? "payment plan" : "promise to pay"} we agreed with you on ${date} for ${invoices}.`,
    cancelled: (reason: string) => `This arrangement is cancelled. Reason: ${reason}`,
    cancelledNext: "The amounts outstanding are therefore due at once again; please contact us if you would like to make a new arrangement.",
    rescheduled: (reason: string) => `At your request we have changed the arrangement. Reason: ${reason}`,
    newDates: "The new instalments are:",
    total: "Total",
    invoice: (n: string[]) => (n.length === 1 ? `invoice ${n[0]}` : `invoices ${n.join(", ")}`),
    reference: "Please quote the invoice number with your payment.",
    questions: "If you have any questions, please do not hesitate to contact me.",
    regards: "Kind regards,",
  },
} as const;

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

export function changeConfirmation(input: ChangeConfirmationInput): { subject: string; body: string } {
  const L = TEXT[input.language];
  const money = (c: bigint) => formatMoney(Number(c), input.currency, input.language);
  const date = (d: CalendarDate) => formatLongDate(d, input.language);
  const lines: string[] = [L.greeting(input.contactName), "", L.what(input.agreementKind, date(calendarDateIn(input.madeOn, input.timeZone)), L.invoice(input.invoiceNumbers)), ""];
  const c = input.change;
  if (c.kind === "cancelled") lines.push(L.cancelled(oneLine(c.reason)), "", L.cancelledNext);
  else {
    lines.push(L.rescheduled(oneLine(c.reason)), "", L.newDates, "");
    const width = Math.max(...c.instalments.map((i) => date(i.dueDate).length));
    c.instalments.forEach((i, k) => lines.push(`  ${String(k + 1).padStart(2)}. ${date(i.dueDate).padEnd(width)}  ${money(i.amountCents).padStart(14)}`));
    const total = c.instalments.reduce((s, i) => s + i.amountCents, 0n);
    lines.push(`      ${L.total.padEnd(width)}  ${money(total).padStart(14)}`, "", L.reference);
  }
  const me = input.controller;
  lines.push("", L.questions, "", L.regards, "", me.name, ...(me.jobTitle ? [me.jobTitle] : []), input.creditorName, ...(me.phone ? [me.phone] : []), me.email);
  return { subject: oneLine(`${L.subject[c.kind]} – ${input.debtorName}`), body: lines.join("\n") + "\n" };
}
