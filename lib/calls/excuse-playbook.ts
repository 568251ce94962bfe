/**
 * The excuse playbook: the common reasons debtors give, the answer that keeps the call moving,
 * and the facts to pin down before hanging up. Plus phrasing guidance. Written for the call, so
 * short; no "moeten"/"must" and no "waarom"/"why" in the suggested answers.
 */
export const EXCUSES = ["invoice_not_received", "payment_run", "waiting_for_customer", "approver_absent", "dispute", "no_money", "already_paid"] as const;
export type Excuse = (typeof EXCUSES)[number];
export type PlaybookEntry = { excuse: Excuse; label: string; response: string; pinDown: string[] };

type Text = { label: string; response: string; pinDown: string[] };

const NL: Record<Excuse, Text> = {
  invoice_not_received: {
    label: "Factuur niet ontvangen",
    response: "Dan stuur ik de factuur nu direct opnieuw. Naar welk e-mailadres mag die, en klopt het factuuradres nog? Dan spreken we meteen de betaaldatum af.",
    pinDown: ["juist factuuradres en e-mailadres", "naam van de contactpersoon", "ontvangst bevestigd tijdens het gesprek", "datum waarop betaald wordt"],
  },
  payment_run: {
    label: "Betaling loopt al / zit in de betaalrun",
    response: "Fijn om te horen. Op welke datum gaat de betaalrun, om welk bedrag gaat het en met welk kenmerk? Dan noteer ik dat en houd ik de betaling die dag in de gaten.",
    pinDown: ["datum van de betaalrun", "bedrag", "welke facturen", "betalingskenmerk"],
  },
  waiting_for_customer: {
    label: "Wacht op betaling van eigen klant",
    response: "Dat begrijp ik. Onze afspraak staat los van die betaling. Welk deel kunt u nu al voldoen, en wanneer volgt de rest?",
    pinDown: ["deelbetaling nu", "datum voor het restant", "eventueel betalingsregeling"],
  },
  approver_absent: {
    label: "Degene die fiatteert is afwezig",
    response: "Wie neemt het fiatteren in de tussentijd waar? Dan neem ik vandaag nog contact op met die persoon. Wanneer kan ik die het beste bellen?",
    pinDown: ["naam en nummer van de vervanger", "datum van terugkeer", "terugbelmoment"],
  },
  dispute: {
    label: "Klacht of onenigheid over de factuur",
    response: "Goed dat u het meldt. Om welke factuur en welk bedrag gaat het precies? Dat leg ik vast en laat ik uitzoeken. Voor het overige deel spreken we nu alvast een betaaldatum af.",
    pinDown: ["factuur en betwist bedrag", "aard van de klacht", "betaling van het onbetwiste deel"],
  },
  no_money: {
    label: "Nu geen geld",
    response: "Welk bedrag kunt u nu wel betalen, en per wanneer? Voor het restant stel ik een haalbare betalingsregeling voor, die ik u schriftelijk bevestig.",
    pinDown: ["aanbetaling en datum", "aantal termijnen binnen de ruimte", "betaalwijze"],
  },
  already_paid: {
    label: "Zegt al betaald te hebben",
    response: "Dank u. Op welke datum is dat betaald, welk bedrag en van welke rekening? Dan zoek ik de betaling direct op.",
    pinDown: ["betaaldatum", "bedrag", "rekeningnummer en kenmerk", "betaalbewijs per e-mail"],
  },
};

const EN: Record<Excuse, Text> = {
  invoice_not_received: {
    label: "Invoice not received",
    response: "Then I'll resend the invoice right now. Which e-mail address shall I send it to, and is the invoice address still correct? Then let's agree on the payment date straight away.",
    pinDown: ["correct invoice and e-mail address", "name of the contact person", "receipt confirmed during the call", "date they will pay"],
  },
  payment_run: {
    label: "Payment is on its way / in the payment run",
    response: "Good to hear. On which date is the payment run, what amount is included and with which reference? I'll note that and look out for the payment that day.",
    pinDown: ["date of the payment run", "amount", "which invoices", "payment reference"],
  },
  waiting_for_customer: {
    label: "Waiting for their own customer to pay",
    response: "I understand. Our arrangement is separate from that payment. What part can you settle now, and when does the rest follow?",
    pinDown: ["part payment now", "date for the remainder", "a payment plan if needed"],
  },
  approver_absent: {
    label: "The person who approves is away",
    response: "Who approves payments in the meantime? Then I'll contact that person today. When is the best time to call them?",
    pinDown: ["name and number of the stand-in", "return date", "call-back time"],
  },
  dispute: {
    label: "Complaint about the invoice",
    response: "Thank you for raising it. Which invoice and which amount is it about exactly? I'll record that and have it looked into. For the rest, let's agree on a payment date now.",
    pinDown: ["invoice and disputed amount", "nature of the complaint", "payment of the undisputed part"],
  },
  no_money: {
    label: "No money right now",
    response: "What amount can you pay now, and by when? For the rest I'll propose a workable payment plan, which I'll confirm in writing.",
    pinDown: ["down payment and date", "number of instalments within the room", "payment method"],
  },
  already_paid: {
    label: "Says it has already been paid",
    response: "Thank you. On what date was it paid, what amount and from which account? I'll look up the payment straight away.",
    pinDown: ["payment date", "amount", "account number and reference", "proof of payment by e-mail"],
  },
};

/** How to phrase things on the phone (the tips may quote the words to avoid). */
const TIPS: Record<"nl" | "en", string[]> = {
  nl: [
    "Vraag \"wat is de reden\" in plaats van \"waarom\": dat zet niemand in de verdediging.",
    "Stel voor en spreek af in plaats van \"u moet\".",
    "Geef geen smoes cadeau (\"heeft u de factuur niet ontvangen?\"): stel open vragen.",
    "Luister meer dan u praat; laat stiltes vallen, dan komt de echte reden boven.",
    "Sluit af met een samenvatting: bedrag, datum, betaalwijze, en wat er gebeurt als het niet lukt.",
  ],
  en: [
    "Ask \"what is the reason\" instead of \"why\": it puts nobody on the defence.",
    "Propose and agree instead of saying \"you must\".",
    "Never hand the debtor an excuse (\"didn't you receive the invoice?\"): ask open questions.",
    "Listen more than you talk; use silence, and the real reason surfaces.",
    "Close with a summary: amount, date, method, and what happens if it is not kept.",
  ],
};

/** Every excuse, in EXCUSES order, with the answer and the facts to pin down. */
export function playbook(language: "nl" | "en"): PlaybookEntry[] {
  const texts = language === "en" ? EN : NL;
  return EXCUSES.map((excuse) => ({ excuse, ...texts[excuse], pinDown: [...texts[excuse].pinDown] }));
}

export function phrasingTips(language: "nl" | "en"): string[] {
  return [...TIPS[language]];
}
