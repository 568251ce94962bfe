/**
 * The wording of dunning messages, Dutch and English. Calm and firm: the facts, the date, the
 * consequence, and an open door for a payment plan (a call beats silence). The 14-day letter
 * carries what art. 6:96 lid 6 BW requires before a consumer may be charged collection costs:
 * 14 days counted from the day after receipt, and the exact cost amount.
 */
import { fillWording, type PlaceholderValues, type Wording } from "@/lib/creditor/message-templates";
import { formatLetterDate, formatShortDate } from "@/lib/format/calendar-date";
import { formatCents } from "@/lib/format/money";
import { greeting } from "@/lib/format/salutation";

export type LetterTemplate = "service_call" | "reminder" | "formal_reminder" | "notice_of_default" | "fourteen_day_letter" | "handover";
export type LetterInvoice = { number: string; issueDate: string; dueDate: string; openCents: bigint; interestCents: bigint };
export type LetterData = {
  template: LetterTemplate;
  language: "nl" | "en";
  kind: "b2b" | "consumer";
  letterDate: string;
  creditor: { name: string; address?: string | null; iban?: string | null; email?: string | null; phone?: string | null; bic?: string | null; cocNumber?: string | null; vatNumber?: string | null };
  debtor: { name: string; customerNumber: string; contactName?: string | null; street?: string | null; postalCode?: string | null; city?: string | null; country?: string | null };
  invoices: LetterInvoice[];
  currency: string;
  principalCents: bigint;
  interestCents: bigint;
  costsCents: bigint;
  interestKind: "commercial" | "statutory" | null;
  payByDate: string;
  senderName: string;
  /**
   * The creditor's own subject, opening and closing (settings screen), as they were when the
   * letter was made, so a reprint reads the same; absent: the built-in text.
   */
  wording?: Wording | null;
};
export type LetterText = { subject: string; salutation: string; paragraphs: string[]; closing: string; totalLabel: string };

/**
 * What the letter asks to be paid. Before the hand-over that is the principal: interest and costs
 * are stated as what accrues or will be charged, not booked. At the hand-over they are booked on
 * the invoices, so the total includes them (and a payment settles them first).
 */
export function letterTotal(data: LetterData): bigint {
  return data.template === "handover" ? data.principalCents + data.interestCents + data.costsCents : data.principalCents;
}

export function letterText(data: LetterData): LetterText {
  const nl = data.language === "nl";
  const m = (c: bigint) => formatCents(c, data.currency, data.language);
  const pay = formatLetterDate(data.payByDate, data.language);
  const invoiceList = data.invoices.map((i) => i.number).join(", ");
  const total = m(letterTotal(data));
  const iban = data.creditor.iban ? (nl ? ` op rekening ${data.creditor.iban} t.n.v. ${data.creditor.name}` : ` to account ${data.creditor.iban} in the name of ${data.creditor.name}`) : "";
  const ref = nl ? `onder vermelding van de factuurnummers` : `quoting the invoice numbers`;
  const planOffer = nl
    ? `Kunt u het bedrag niet in één keer betalen? Bel ons dan${data.creditor.phone ? ` op ${data.creditor.phone}` : ""}, dan bespreken we een betalingsregeling.`
    : `If you cannot pay the full amount at once, please call us${data.creditor.phone ? ` on ${data.creditor.phone}` : ""} to discuss a payment plan.`;
  const interestLine =
    data.interestCents > 0n
      ? nl
        ? `De ${data.interestKind === "commercial" ? "wettelijke handelsrente" : "wettelijke rente"} tot en met vandaag bedraagt ${m(data.interestCents)}.`
        : `The ${data.interestKind === "commercial" ? "statutory commercial interest" : "statutory interest"} up to and including today amounts to ${m(data.interestCents)}.`
      : null;
  const salutation = greeting(data.debtor.contactName, data.language, "formal");
  const closing = nl ? "Met vriendelijke groet," : "Kind regards,";
  const totalLabel = nl ? "Totaal te betalen" : "Total to pay";
  const cn = data.debtor.customerNumber;
  const p: string[] = [];
  let subject: string;
  switch (data.template) {
    case "service_call":
      subject = nl ? `Uw facturen bij ${data.creditor.name} — klantnummer ${cn}` : `Your invoices from ${data.creditor.name} — customer number ${cn}`;
      p.push(nl ? `Binnenkort vervallen de facturen ${invoiceList}. Wij willen graag zeker weten dat u ze in goede orde hebt ontvangen en dat alles klopt.` : `Invoices ${invoiceList} fall due shortly. We would like to make sure you received them and that everything is in order.`);
      p.push(nl ? `Heeft u vragen over een factuur, neem dan gerust contact met ons op, zodat we die vóór de vervaldatum kunnen oplossen.` : `If you have any questions about an invoice, please contact us so we can resolve them before the due date.`);
      break;
    case "reminder":
      subject = nl ? `Herinnering: openstaande facturen — klantnummer ${cn}` : `Reminder: open invoices — customer number ${cn}`;
      p.push(nl ? `Volgens onze administratie staan de onderstaande facturen nog open. Wellicht is de betaling aan uw aandacht ontsnapt.` : `According to our records the invoices below are still open. Perhaps the payment slipped your attention.`);
      p.push(nl ? `Wij verzoeken u het openstaande bedrag van ${total} uiterlijk ${pay} over te maken${iban}, ${ref}.` : `We kindly ask you to transfer the outstanding amount of ${total} by ${pay}${iban}, ${ref}.`);
      p.push(nl ? `Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen.` : `If you have already paid, please disregard this reminder.`);
      break;
    case "formal_reminder":
      subject = nl ? `Aanmaning: openstaande facturen — klantnummer ${cn}` : `Formal reminder: overdue invoices — customer number ${cn}`;
      p.push(nl ? `Ondanks onze herinnering hebben wij de betaling van de onderstaande facturen nog niet ontvangen.` : `Despite our reminder we have not yet received payment of the invoices below.`);
      p.push(nl ? `Wij verzoeken u dringend het bedrag van ${total} uiterlijk ${pay} te betalen${iban}, ${ref}.` : `We urgently request you to pay ${total} by ${pay}${iban}, ${ref}.`);
      if (data.kind === "b2b") p.push(nl ? `Over het openstaande bedrag is vanaf de vervaldatum de wettelijke handelsrente verschuldigd.` : `Statutory commercial interest is due on the outstanding amount from the due date.`);
      if (interestLine) p.push(interestLine);
      if (data.costsCents > 0n) p.push(nl ? `Ontvangen wij de betaling niet uiterlijk ${pay}, dan brengen wij incassokosten van ${m(data.costsCents)} in rekening.` : `If we have not received payment by ${pay}, collection costs of ${m(data.costsCents)} will be charged.`);
      break;
    case "notice_of_default":
      subject = nl ? `Ingebrekestelling — klantnummer ${cn}` : `Notice of default — customer number ${cn}`;
      p.push(nl ? `Ondanks eerdere herinneringen zijn de onderstaande facturen nog steeds niet betaald.` : `Despite earlier reminders the invoices below remain unpaid.`);
      p.push(nl ? `Wij stellen u hierbij in gebreke: betaalt u het bedrag van ${total} niet uiterlijk ${pay}${iban}, dan bent u vanaf de dag daarna in verzuim.` : `We hereby give you notice of default: if you do not pay ${total} by ${pay}${iban}, you will be in default from the following day.`);
      if (interestLine) p.push(interestLine);
      if (data.costsCents > 0n) p.push(nl ? `Na die datum brengen wij incassokosten van ${m(data.costsCents)} in rekening en dragen wij de vordering over aan een incassobureau.` : `After that date we will charge collection costs of ${m(data.costsCents)} and hand the claim over to a collection agency.`);
      else p.push(nl ? `Na die datum dragen wij de vordering over aan een incassobureau.` : `After that date we will hand the claim over to a collection agency.`);
      break;
    case "fourteen_day_letter":
      subject = nl ? `Veertiendagenbrief: laatste kans om kosteloos te betalen — klantnummer ${cn}` : `14-day letter: last chance to pay without collection costs — customer number ${cn}`;
      p.push(nl ? `Ondanks eerdere herinneringen hebben wij de betaling van de onderstaande facturen, samen ${m(data.principalCents)}, nog niet ontvangen.` : `Despite earlier reminders we have not received payment of the invoices below, together ${m(data.principalCents)}.`);
      p.push(
        nl
          ? `U krijgt 14 dagen, gerekend vanaf de dag na ontvangst van deze brief, om dit bedrag te betalen${iban}. Dat is uiterlijk op ${pay}.`
          : `You have 14 days, counted from the day after you receive this letter, to pay this amount${iban}. That is no later than ${pay}.`,
      );
      p.push(
        nl
          ? `Betaalt u niet binnen deze termijn, dan brengen wij incassokosten van ${m(data.costsCents)} in rekening, berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten, en bent u vanaf dat moment ook de wettelijke rente verschuldigd.`
          : `If you do not pay within this period, we will charge collection costs of ${m(data.costsCents)}, calculated under the Dutch Extrajudicial Collection Costs Decree (Besluit vergoeding voor buitengerechtelijke incassokosten), and statutory interest will be due from then on.`,
      );
      break;
    case "handover":
      subject = nl ? `Overdracht aan incassobureau — klantnummer ${cn}` : `Hand-over to a collection agency — customer number ${cn}`;
      p.push(nl ? `Ondanks onze ingebrekestelling hebben wij de betaling van de onderstaande facturen niet ontvangen. Wij dragen de vordering daarom over aan een incassobureau.` : `Despite our notice we have not received payment of the invoices below. We are therefore handing the claim over to a collection agency.`);
      p.push(nl ? `Het totaal bedraagt nu ${total}, inclusief rente en incassokosten. Betaalt u vandaag nog, neem dan direct contact met ons op.` : `The total now amounts to ${total}, including interest and collection costs. If you pay today, please contact us straight away.`);
      break;
  }
  p.push(planOffer);
  if (!data.wording) return { subject, salutation, paragraphs: p, closing, totalLabel };
  // The saved wording replaces only the free parts: the subject, the opening paragraph and the
  // closing one (the offer of a plan). The request, the term and the costs stay as generated.
  const own = fillWording(data.wording, data.template, data.language, placeholderValues(data));
  const middle = p.slice(1, -1);
  return { subject: own.subject || subject, salutation, paragraphs: [...(own.opening ? [own.opening] : []), ...middle, ...(own.closing ? [own.closing] : [])], closing, totalLabel };
}

/** What the placeholders of a saved wording stand for in this letter. */
function placeholderValues(data: LetterData): PlaceholderValues {
  return {
    debtor: data.debtor.name,
    contact: data.debtor.contactName ?? "",
    customerNumber: data.debtor.customerNumber,
    amount: formatCents(letterTotal(data), data.currency, data.language),
    payBy: formatLetterDate(data.payByDate, data.language),
    invoices: data.invoices.map((i) => i.number).join(", "),
    creditor: data.creditor.name,
    iban: data.creditor.iban ?? "",
    phone: data.creditor.phone ?? "",
  };
}

const PLAN_OFFER = {
  nl: "Kunt u het bedrag niet in één keer betalen? Bel ons dan op {telefoon}, dan bespreken we een betalingsregeling.",
  en: "If you cannot pay the full amount at once, please call us on {phone} to discuss a payment plan.",
};

/**
 * The built-in subject, opening and closing of each letter as a template (what the settings
 * screen starts from). Filled in for a creditor with a phone number it reads as the built-in text.
 */
export function builtInLetterWording(template: LetterTemplate, language: "nl" | "en"): Wording {
  const nl = language === "nl";
  const cn = nl ? "klantnummer {klantnummer}" : "customer number {customernumber}";
  const closing = PLAN_OFFER[language];
  switch (template) {
    case "service_call":
      return nl
        ? { subject: `Uw facturen bij {crediteur} — ${cn}`, opening: "Binnenkort vervallen de facturen {facturen}. Wij willen graag zeker weten dat u ze in goede orde hebt ontvangen en dat alles klopt.", closing }
        : { subject: `Your invoices from {creditor} — ${cn}`, opening: "Invoices {invoices} fall due shortly. We would like to make sure you received them and that everything is in order.", closing };
    case "reminder":
      return nl
        ? { subject: `Herinnering: openstaande facturen — ${cn}`, opening: "Volgens onze administratie staan de onderstaande facturen nog open. Wellicht is de betaling aan uw aandacht ontsnapt.", closing }
        : { subject: `Reminder: open invoices — ${cn}`, opening: "According to our records the invoices below are still open. Perhaps the payment slipped your attention.", closing };
    case "formal_reminder":
      return nl
        ? { subject: `Aanmaning: openstaande facturen — ${cn}`, opening: "Ondanks onze herinnering hebben wij de betaling van de onderstaande facturen nog niet ontvangen.", closing }
        : { subject: `Formal reminder: overdue invoices — ${cn}`, opening: "Despite our reminder we have not yet received payment of the invoices below.", closing };
    case "notice_of_default":
      return nl
        ? { subject: `Ingebrekestelling — ${cn}`, opening: "Ondanks eerdere herinneringen zijn de onderstaande facturen nog steeds niet betaald.", closing }
        : { subject: `Notice of default — ${cn}`, opening: "Despite earlier reminders the invoices below remain unpaid.", closing };
    case "fourteen_day_letter":
      return nl
        ? { subject: `Veertiendagenbrief: laatste kans om kosteloos te betalen — ${cn}`, opening: "Ondanks eerdere herinneringen hebben wij de betaling van de onderstaande facturen, samen {bedrag}, nog niet ontvangen.", closing }
        : { subject: `14-day letter: last chance to pay without collection costs — ${cn}`, opening: "Despite earlier reminders we have not received payment of the invoices below, together {amount}.", closing };
    case "handover":
      return nl
        ? { subject: `Overdracht aan incassobureau — ${cn}`, opening: "Ondanks onze ingebrekestelling hebben wij de betaling van de onderstaande facturen niet ontvangen. Wij dragen de vordering daarom over aan een incassobureau.", closing }
        : { subject: `Hand-over to a collection agency — ${cn}`, opening: "Despite our notice we have not received payment of the invoices below. We are therefore handing the claim over to a collection agency.", closing };
  }
}

/** The e-mail version: the same text with the invoices as aligned lines and the totals. */
export function plainTextBody(data: LetterData): string {
  const nl = data.language === "nl";
  const text = letterText(data);
  const m = (c: bigint) => formatCents(c, data.currency, data.language);
  const lines = [text.salutation, "", ...text.paragraphs.flatMap((p) => [p, ""])];
  lines.push(nl ? "Factuur          Vervaldatum   Openstaand" : "Invoice          Due date      Open");
  for (const i of data.invoices) lines.push(`${i.number.padEnd(16)} ${formatShortDate(i.dueDate, data.language).padEnd(13)} ${m(i.openCents)}`);
  lines.push("");
  lines.push(`${nl ? "Hoofdsom" : "Principal"}: ${m(data.principalCents)}`);
  if (data.template === "handover") {
    if (data.interestCents > 0n) lines.push(`${nl ? "Rente" : "Interest"}: ${m(data.interestCents)}`);
    if (data.costsCents > 0n) lines.push(`${nl ? "Incassokosten" : "Collection costs"}: ${m(data.costsCents)}`);
  }
  lines.push(`${text.totalLabel}: ${m(letterTotal(data))}`);
  lines.push("", text.closing, data.senderName, data.creditor.name);
  const contact = [data.creditor.phone, data.creditor.email].filter(Boolean).join(" · ");
  if (contact) lines.push(contact);
  return lines.join("\n");
}
