import { fillWording, type PlaceholderValues, type Wording } from "@/lib/creditor/message-templates";
import { formatMoney } from "@/lib/format/money";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { addresseeOf, greeting } from "@/lib/format/salutation";

/**
 * The written summary of a call, in the debtor's language, generated from what was recorded:
 * who was spoken to and when, what was agreed (amounts, dates, method, invoices or the
 * instalment table), what happens if it is not kept, and how to reach the controller. Plain text;
 * the controller may edit it before it is sent.
 */
export type SummaryResult =
  | { kind: "promise"; amountCents: bigint; dueDate: CalendarDate; method: string; invoiceNumbers: string[] }
  | { kind: "plan"; totalCents: bigint; method: string; invoiceNumbers: string[]; instalments: Array<{ dueDate: CalendarDate; amountCents: bigint }> }
  | { kind: "dispute"; invoiceNumbers: string[]; disputedCents: bigint; undisputed: { amountCents: bigint; dueDate: CalendarDate } | null }
  | { kind: "callback"; at: Date };

/** The creditor's own wording of the summary (settings screen), and the IBAN its {iban} names. */
export type SummaryWording = Wording & { creditorIban?: string | null };

export type SummaryInput = {
  language: "nl" | "en";
  creditorName: string;
  debtorName: string;
  /** who was spoken to */
  contactName: string | null;
  /** whom the e-mail goes to, when not the person spoken to (absent: the same person) */
  recipientName?: string | null;
  /** the saved wording; absent or null: the built-in text */
  wording?: SummaryWording | null;
  calledAt: Date;
  timeZone: string;
  currency: string;
  controller: { name: string; email: string; phone: string | null; jobTitle: string | null };
  result: SummaryResult;
  consequence: "reminder" | "formal_reminder" | "notice_of_default" | "fourteen_day_letter" | "handover";
};

const TEXT = {
  nl: {
    subject: { promise: "Bevestiging betalingsafspraak", plan: "Bevestiging betalingsregeling", dispute: "Bevestiging afspraak over uw vraag", callback: "Bevestiging terugbelafspraak" },
    thanks: (when: string, who: string | null) =>
      who ? `Dank voor het telefoongesprek van ${when} met ${who}. Hierbij bevestigen wij wat wij hebben afgesproken.` : `Dank voor ons telefoongesprek van ${when}. Hierbij bevestigen wij wat wij hebben afgesproken.`,
    promise: (amount: string, date: string, method: string, invoices: string) => `U betaalt ${amount} uiterlijk op ${date} per ${method}, voor ${invoices}.`,
    plan: (total: string, method: string, invoices: string) => `U betaalt ${total} in termijnen per ${method}, voor ${invoices}:`,
    total: "Totaal",
    dispute: (invoices: string, amount: string, count: number) =>
      `Uw vraag over ${invoices} (${amount}) zoeken wij uit; wij houden de herinneringen voor ${count === 1 ? "deze factuur" : "deze facturen"} zolang aan.`,
    undisputed: (amount: string, date: string) => `Het overige openstaande bedrag van ${amount} betaalt u uiterlijk op ${date}.`,
    callback: (when: string) => `Wij bellen u terug op ${when}.`,
    reference: "Vermeld bij uw betaling de factuurnummers.",
    consequence: {
      reminder: "Als de betaling niet op tijd binnen is, sturen wij een herinnering en nemen wij opnieuw contact met u op.",
      formal_reminder: "Als de betaling niet op tijd binnen is, sturen wij een aanmaning.",
      notice_of_default: "Als de betaling niet op tijd binnen is, sturen wij een ingebrekestelling; daarna brengen wij incassokosten in rekening.",
      fourteen_day_letter: "Als de betaling niet op tijd binnen is, ontvangt u een brief waarin wij u nog 14 dagen geven; daarna brengen wij incassokosten in rekening.",
      handover: "Als de betaling niet op tijd binnen is, dragen wij de vordering over aan een incassobureau.",
    },
    questions: "Heeft u vragen over deze afspraak? Neem dan gerust contact met mij op.",
    regards: "Met vriendelijke groet,",
    methods: { bank_transfer: "overboeking", direct_debit: "automatische incasso", ideal: "iDEAL", other: "de afgesproken betaalwijze" } as Record<string, string>,
    invoice: (n: string[]) => (n.length === 1 ? `factuur ${n[0]}` : `de facturen ${n.slice(0, -1).join(", ")} en ${n.at(-1)}`),
    locale: "nl-NL",
  },
  en: {
    subject: { promise: "Payment arrangement confirmed", plan: "Payment plan confirmed", dispute: "Your query: what we agreed", callback: "Call-back appointment confirmed" },
    thanks: (when: string, who: string | null) =>
      who ? `Thank you for the call on ${when} with ${who}. This e-mail confirms what we agreed.` : `Thank you for our call on ${when}. This e-mail confirms what we agreed.`,
    promise: (amount: string, date: string, method: string, invoices: string) => `You will pay ${amount} by ${date} by ${method}, for ${invoices}.`,
    plan: (total: string, method: string, invoices: string) => `You will pay ${total} in instalments by ${method}, for ${invoices}:`,
    total: "Total",
    dispute: (invoices: string, amount: string, count: number) =>
      `We are looking into your query about ${invoices} (${amount}) and will hold the reminders for ${count === 1 ? "it" : "them"} meanwhile.`,
    undisputed: (amount: string, date: string) => `You will pay the remaining open amount of ${amount} by ${date}.`,
    callback: (when: string) => `We will call you back on ${when}.`,
    reference: "Please quote the invoice numbers with your payment.",
    consequence: {
      reminder: "If the payment has not arrived in time, we will send a reminder and contact you again.",
      formal_reminder: "If the payment has not arrived in time, we will send a formal reminder.",
      notice_of_default: "If the payment has not arrived in time, we will send a notice of default, after which collection costs will be charged.",
      fourteen_day_letter: "If the payment has not arrived in time, you will receive a letter giving you a final 14 days, after which collection costs will be charged.",
      handover: "If the payment has not arrived in time, we will hand the claim over to a collection agency.",
    },
    questions: "If you have any questions about this arrangement, please get in touch with me.",
    regards: "Kind regards,",
    methods: { bank_transfer: "bank transfer", direct_debit: "direct debit", ideal: "iDEAL", other: "the agreed method" } as Record<string, string>,
    invoice: (n: string[]) => (n.length === 1 ? `invoice ${n[0]}` : `invoices ${n.slice(0, -1).join(", ")} and ${n.at(-1)}`),
    locale: "en-GB",
  },
} as const;

export function formatLongDate(date: CalendarDate, language: "nl" | "en"): string {
  return new Intl.DateTimeFormat(TEXT[language].locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

function formatInstant(at: Date, language: "nl" | "en", timeZone: string): string {
  const d = new Intl.DateTimeFormat(TEXT[language].locale, { day: "numeric", month: "long", year: "numeric", timeZone }).format(at);
  const t = new Intl.DateTimeFormat(TEXT[language].locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(at);
  return language === "nl" ? `${d} om ${t} uur` : `${d} at ${t}`;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

/**
 * The built-in wording as a template (what the settings screen starts from). Filled in for a call
 * with a named person it reads exactly as the built-in text.
 */
export function builtInSummaryWording(language: "nl" | "en"): Wording {
  return language === "nl"
    ? { subject: "{onderwerp} – {debiteur}", opening: "Dank voor ons telefoongesprek van {gespreksdatum}. Hierbij bevestigen wij wat wij hebben afgesproken.", closing: TEXT.nl.questions }
    : { subject: "{topic} – {debtor}", opening: "Thank you for our call on {calldate}. This e-mail confirms what we agreed.", closing: TEXT.en.questions };
}

/**
 * The call is named in the thanks only when the e-mail goes to someone else than the person spoken
 * to: "Beste Jan, dank voor het telefoongesprek met Jan" reads as if Jan were a third person.
 */
function spokenToOther(input: SummaryInput): string | null {
  const contact = input.contactName?.trim() || null;
  if (!contact) return null;
  const recipient = input.recipientName === undefined ? contact : input.recipientName?.trim() || null;
  const isGreetedPerson = recipient === contact && addresseeOf(contact).kind !== "none";
  return isGreetedPerson ? null : contact;
}

/** What the placeholders of a saved wording stand for in this summary. */
function placeholderValues(input: SummaryInput, when: string): PlaceholderValues {
  const money = (c: bigint) => formatMoney(Number(c), input.currency, input.language);
  const date = (d: CalendarDate) => formatLongDate(d, input.language);
  const r = input.result;
  const payment =
    r.kind === "promise" ? { amount: money(r.amountCents), payBy: date(r.dueDate) }
    : r.kind === "plan" ? { amount: money(r.totalCents), payBy: r.instalments[0] ? date(r.instalments[0].dueDate) : "" }
    : r.kind === "dispute" && r.undisputed ? { amount: money(r.undisputed.amountCents), payBy: date(r.undisputed.dueDate) }
    : { amount: "", payBy: "" };
  return {
    debtor: input.debtorName, contact: input.contactName ?? "", creditor: input.creditorName, iban: input.wording?.creditorIban ?? "",
    topic: TEXT[input.language].subject[r.kind], callDate: when, employee: input.controller.name, ...payment,
  };
}

export function buildSummary(input: SummaryInput): { subject: string; body: string } {
  const L = TEXT[input.language];
  const money = (c: bigint) => formatMoney(Number(c), input.currency, input.language);
  const date = (d: CalendarDate) => formatLongDate(d, input.language);
  const r = input.result;
  const when = formatInstant(input.calledAt, input.language, input.timeZone);
  const own = input.wording ? fillWording(input.wording, "summary", input.language, placeholderValues(input, when)) : null;
  const salutation = greeting(input.recipientName === undefined ? input.contactName : input.recipientName, input.language, "personal");
  const lines: string[] = [salutation, "", ...(own ? (own.opening ? [own.opening, ""] : []) : [L.thanks(when, spokenToOther(input)), ""])];
  switch (r.kind) {
    case "promise":
      lines.push(L.promise(money(r.amountCents), date(r.dueDate), L.methods[r.method] ?? r.method, L.invoice(r.invoiceNumbers)), L.reference);
      break;
    case "plan": {
      lines.push(L.plan(money(r.totalCents), L.methods[r.method] ?? r.method, L.invoice(r.invoiceNumbers)), "");
      const width = Math.max(...r.instalments.map((i) => date(i.dueDate).length));
      r.instalments.forEach((i, k) => lines.push(`  ${String(k + 1).padStart(2)}. ${date(i.dueDate).padEnd(width)}  ${money(i.amountCents).padStart(14)}`));
      lines.push(`      ${L.total.padEnd(width)}  ${money(r.totalCents).padStart(14)}`, "", L.reference);
      break;
    }
    case "dispute":
      lines.push(L.dispute(L.invoice(r.invoiceNumbers), money(r.disputedCents), r.invoiceNumbers.length));
      if (r.undisputed) lines.push(L.undisputed(money(r.undisputed.amountCents), date(r.undisputed.dueDate)));
      break;
    case "callback":
      lines.push(L.callback(formatInstant(r.at, input.language, input.timeZone)));
      break;
  }
  // The next step is only announced when a payment was agreed.
  const paymentAgreed = r.kind === "promise" || r.kind === "plan" || (r.kind === "dispute" && r.undisputed !== null);
  if (paymentAgreed) lines.push("", L.consequence[input.consequence]);
  const c = input.controller;
  const questions = own ? own.closing : L.questions;
  lines.push(...(questions ? ["", questions] : []), "", L.regards, "", c.name, ...(c.jobTitle ? [c.jobTitle] : []), input.creditorName, ...(c.phone ? [c.phone] : []), c.email);
  const subject = own?.subject || `${L.subject[r.kind]} – ${input.debtorName}`;
  return { subject: oneLine(subject), body: lines.join("\n") + "\n" };
}
