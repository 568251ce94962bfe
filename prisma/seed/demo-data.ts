/**
 * Deterministic generators for a realistic Dutch receivables portfolio. Used by the demo seed
 * (about 200 debtors, 2,000 invoices) and by the large benchmark set (10,000 debtors, 200,000
 * invoices). Everything comes from one seeded PRNG and a reference "today", so the same inputs
 * always give the same rows. Rows are plain objects with explicit ids, inserted in batches by
 * insertPortfolio().
 */
import type { Db } from "@/lib/db/client";
import { bulkInsert } from "./bulk-insert";
import { fourteenDayDeadline } from "@/lib/dunning/fourteen-day-term";
import { wikCosts } from "@/lib/dunning/wik-costs";
import { addDays, daysBetween, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";

// ---------------------------------------------------------------- PRNG

export type Rng = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

/** mulberry32: small, fast and good enough for demo data. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------- reference data

const TRADES = [
  "Bouwbedrijf", "Installatiebedrijf", "Transport", "Drukkerij", "Hoveniersbedrijf", "Schildersbedrijf",
  "Groothandel", "Technisch Bureau", "Adviesbureau", "Autobedrijf", "Bakkerij", "Metaalbewerking",
  "Elektrotechniek", "Timmerfabriek", "Cateringbedrijf", "Schoonmaakbedrijf", "Loonbedrijf", "Koeltechniek",
  "Tegelhandel", "Dakdekkersbedrijf", "Verhuisbedrijf", "Houthandel", "Zorggroep", "Kinderopvang",
] as const;
const SURNAMES = [
  "Van Dijk", "De Jong", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot",
  "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits",
  "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Berg",
  "Van der Heijden", "Schouten", "Van Beek", "Willems", "Van Vliet", "Hoekstra", "Maas", "Verhoeven",
  "Koster", "Prins", "Blom", "Huisman", "Peeters", "Kuipers", "Van Wijk", "Postma", "Kramer", "Sanders",
] as const;
const FIRST_NAMES = [
  "Jan", "Pieter", "Kees", "Henk", "Mark", "Ruud", "Erik", "Bas", "Thijs", "Jeroen", "Sander", "Maarten",
  "Anna", "Sanne", "Lotte", "Femke", "Inge", "Marloes", "Petra", "Esther", "Linda", "Ilse", "Joyce", "Eva",
] as const;
const SUFFIXES = ["B.V.", "B.V.", "B.V.", "V.O.F.", "& Zn. B.V.", "Holding B.V.", "Nederland B.V."] as const;
const EN_NAMES = [
  "Albion Foods", "Harbour Logistics", "Northgate Engineering", "Bluewater Trading", "Kingsway Supplies",
  "Redwood Interiors", "Thames Valley Packaging", "Highland Marine", "Oakridge Components", "Brightline Media",
  "Summit Freight", "Crescent Hospitality", "Silverline Tools", "Westbrook Textiles", "Pioneer Lab Supplies",
] as const;
const EN_SUFFIXES = ["Ltd", "Ltd", "Limited", "GmbH", "N.V.", "A/S"] as const;

/** City, postal code prefix, area code. */
const CITIES = [
  ["Amsterdam", "1011", "20"], ["Rotterdam", "3011", "10"], ["Utrecht", "3511", "30"], ["Den Haag", "2511", "70"],
  ["Eindhoven", "5611", "40"], ["Groningen", "9711", "50"], ["Tilburg", "5038", "13"], ["Almere", "1315", "36"],
  ["Breda", "4811", "76"], ["Nijmegen", "6511", "24"], ["Zwolle", "8011", "38"], ["Leeuwarden", "8911", "58"],
  ["Arnhem", "6811", "26"], ["Haarlem", "2011", "23"], ["Amersfoort", "3811", "33"], ["Maastricht", "6211", "43"],
  ["'s-Hertogenbosch", "5211", "73"], ["Apeldoorn", "7311", "55"], ["Enschede", "7511", "53"], ["Delft", "2611", "15"],
] as const;
const STREETS = [
  "Industrieweg", "Stationsstraat", "Kerkstraat", "Marktplein", "Havenweg", "Nijverheidsweg", "Dorpsstraat",
  "Ambachtsweg", "Molenweg", "Handelskade", "Energieweg", "Parallelweg", "Zuiderzeelaan", "Keizersgracht",
] as const;
const INSURERS = ["Atradius", "Allianz Trade", "Coface", "Credendo"] as const;
const DISPUTE_REASONS = ["goods", "service", "price", "not_received", "duplicate", "other"] as const;
const DISPUTE_TEXT: Record<(typeof DISPUTE_REASONS)[number], string> = {
  goods: "Levering incompleet: twee colli ontbreken volgens de pakbon.",
  service: "Werkzaamheden niet naar tevredenheid afgerond, herstel gevraagd.",
  price: "Gefactureerde prijs wijkt af van de offerte.",
  not_received: "Factuur niet ontvangen op het factuuradres.",
  duplicate: "Klant stelt dat deze factuur dubbel is verstuurd.",
  other: "Inkooporder ontbreekt op de factuur.",
};
/** Reason category, what the debtor said, and what the controller noted about the follow-up. */
const REASONS = [
  ["no_money", "Liquiditeit is krap, wacht op betaling van eigen klant.", "Gevraagd naar een deelbetaling; aanbetaling besproken."],
  ["not_received", "Factuur zou niet ontvangen zijn.", "Kopie factuur gemaild naar het crediteurenadres, ontvangst bevestigd."],
  ["waiting_for_customer", "Wacht zelf op betaling van opdrachtgever.", "Uitgelegd dat onze termijn los staat van die van hun klant."],
  ["approver_absent", "Tekenbevoegde is op vakantie tot volgende week.", "Gevraagd wie de vervanger is; betaling klaargezet voor accordering."],
  ["forgotten", "Over het hoofd gezien.", "Toegezegd in de eerstvolgende betaalrun mee te nemen."],
  ["already_paid", "Zegt al betaald te hebben.", "Betaalbewijs opgevraagd; niets ontvangen op onze rekening."],
  ["dispute", "Onvrede over de levering, wil eerst een oplossing.", "Klacht doorgezet naar verkoop; onbetwist deel besproken."],
] as const;
const EXCUSES = ["invoice_not_received", "payment_run", "approver_absent", "cash_flow", "already_paid"] as const;
const NO_CONTACT_NOTES = ["Geen gehoor.", "Voicemail ingesproken met verzoek om terugbellen.", "Receptie verbindt niet door."];

// ---------------------------------------------------------------- users

export type SeedUser = { id: string; name: string; email: string; role: "admin" | "manager" | "controller" | "viewer"; locale: "nl" | "en"; phone: string | null; jobTitle: string | null };

export const DEMO_EMAIL_DOMAIN = "dunning.test";

const STAFF: Array<Omit<SeedUser, "id" | "email"> & { login: string }> = [
  { login: "admin", name: "Anke de Vries", role: "admin", locale: "nl", phone: "+31 30 700 1000", jobTitle: "Applicatiebeheerder" },
  { login: "admin2", name: "Kevin Mulder", role: "admin", locale: "en", phone: "+31 30 700 1001", jobTitle: "IT support" },
  { login: "manager", name: "Marieke Jansen", role: "manager", locale: "nl", phone: "+31 30 700 1010", jobTitle: "Hoofd debiteurenbeheer" },
  { login: "manager2", name: "Robert Hendriks", role: "manager", locale: "en", phone: "+31 30 700 1011", jobTitle: "Finance manager" },
  { login: "controller", name: "Sanne Bakker", role: "controller", locale: "nl", phone: "+31 30 700 1021", jobTitle: "Credit controller" },
  { login: "controller2", name: "Daan Visser", role: "controller", locale: "nl", phone: "+31 30 700 1022", jobTitle: "Credit controller" },
  { login: "controller3", name: "Fatima El Amrani", role: "controller", locale: "nl", phone: "+31 30 700 1023", jobTitle: "Credit controller" },
  { login: "controller4", name: "Tom Wouters", role: "controller", locale: "en", phone: "+31 30 700 1024", jobTitle: "Credit controller" },
  { login: "viewer", name: "Lisa Smit", role: "viewer", locale: "nl", phone: null, jobTitle: "Accountmanager" },
  { login: "viewer2", name: "Joost de Boer", role: "viewer", locale: "nl", phone: null, jobTitle: "Klantenservice" },
];

/** The demo team; `extraControllers` adds more controllers for the large set. */
export function buildUsers(extraControllers = 0): SeedUser[] {
  const users: SeedUser[] = STAFF.map((s) => ({ id: `usr_${s.login}`, name: s.name, email: `${s.login}@${DEMO_EMAIL_DOMAIN}`, role: s.role, locale: s.locale, phone: s.phone, jobTitle: s.jobTitle }));
  for (let i = 0; i < extraControllers; i++) {
    const n = i + 5;
    users.push({ id: `usr_controller${n}`, name: `Controller ${n}`, email: `controller${n}@${DEMO_EMAIL_DOMAIN}`, role: "controller", locale: "nl", phone: `+31 30 700 ${String(1100 + n)}`, jobTitle: "Credit controller" });
  }
  return users;
}

// ---------------------------------------------------------------- portfolio

export type PortfolioOptions = {
  seed: number;
  today: CalendarDate;
  debtors: number;
  /** average invoices per debtor; the total is exactly debtors × this */
  invoicesPerDebtor: number;
  controllerIds: string[];
  /** prefix for customer and invoice numbers, so two sets never collide */
  numberPrefix?: string;
};

type Row = Record<string, unknown>;

export type Portfolio = {
  debtors: Row[];
  contacts: Row[];
  invoices: Row[];
  payments: Row[];
  allocations: Row[];
  disputes: Row[];
  callLogs: Row[];
  agreements: Row[];
  agreementInvoices: Row[];
  instalments: Row[];
  tasks: Row[];
  communications: Row[];
  emails: Row[];
};

type Profile = "good" | "slow" | "bad";

const slug = (s: string) =>
  s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/&/g, "en").replace(/[^a-z0-9]+/g, "").slice(0, 24);
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A (pseudo) Dutch phone number in an area. */
function landline(rng: Rng, area: string) {
  const rest = area.length === 2 ? `${rng.int(100, 999)} ${rng.int(1000, 9999)}` : `${rng.int(1000, 9999)} ${rng.int(100, 999)}`;
  return `+31 ${area} ${rest}`;
}
const mobile = (rng: Rng) => `+31 6 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`;

/** An amount in cents, roughly log-uniform between min and max euros, rounded to whole cents. */
function amount(rng: Rng, minEuro: number, maxEuro: number) {
  const v = Math.exp(Math.log(minEuro) + rng.next() * (Math.log(maxEuro) - Math.log(minEuro)));
  return Math.round(v * 100);
}

/** An instant on a calendar day in Amsterdam at hh:mm. */
const dayStarts = new Map<CalendarDate, number>();
function at(date: CalendarDate, hour: number, minute: number) {
  let start = dayStarts.get(date);
  if (start === undefined) {
    start = startOfDayIn(date).getTime();
    dayStarts.set(date, start);
  }
  return new Date(start + (hour * 60 + minute) * 60_000);
}

/** Splits total into n parts that add up exactly (the remainder goes to the last part). */
export function splitExact(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - base * (n - 1) : base));
}

export function buildPortfolio(opts: PortfolioOptions): Portfolio {
  const rng = createRng(opts.seed);
  const { today } = opts;
  const prefix = opts.numberPrefix ?? "";
  const p: Portfolio = { debtors: [], contacts: [], invoices: [], payments: [], allocations: [], disputes: [], callLogs: [], agreements: [], agreementInvoices: [], instalments: [], tasks: [], communications: [], emails: [] };
  let invoiceSeq = 0;
  let paymentSeq = 0;
  let callSeq = 0;
  let agreementSeq = 0;
  let taskSeq = 0;

  // Invoice counts in pairs (avg + d, avg - d) so the total is exact.
  const counts: number[] = [];
  for (let i = 0; i < opts.debtors; i += 2) {
    const avg = opts.invoicesPerDebtor;
    const d = rng.int(0, Math.max(0, avg - 2));
    counts.push(avg + d);
    if (i + 1 < opts.debtors) counts.push(avg - d);
  }

  for (let i = 0; i < opts.debtors; i++) {
    const id = `deb_${prefix}${pad(i + 1, 6)}`;
    const consumer = rng.chance(0.2);
    const english = !consumer && rng.chance(0.19);
    const [city, postal, area] = rng.pick(CITIES);
    let name: string;
    let domain: string;
    if (consumer) {
      const first = rng.pick(FIRST_NAMES);
      name = `${first} ${rng.pick(SURNAMES)}`;
      domain = rng.pick(["gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com"]);
    } else if (english) {
      name = `${rng.pick(EN_NAMES)} ${rng.pick(EN_SUFFIXES)}`;
      domain = `${slug(name)}.com`;
    } else {
      name = `${rng.pick(TRADES)} ${rng.pick(SURNAMES)} ${rng.pick(SUFFIXES)}`;
      domain = `${slug(name.replace(/ (B\.V\.|V\.O\.F\.|Holding|Nederland|& Zn\.)/g, ""))}.nl`;
    }
    // One in five a good customer from before 2020, some brand new ("new customer" in the policy).
    const customerSince = rng.chance(0.12) ? addDays(today, -rng.int(30, 180)) : addDays(today, -rng.int(365, 365 * 12));
    const profile: Profile = rng.chance(0.55) ? "good" : rng.chance(0.6) ? "slow" : "bad";
    const term = consumer ? 14 : rng.pick([14, 30, 30, 30, 45, 60]);
    const insured = !consumer && rng.chance(0.3);
    const controllerId = rng.chance(0.93) ? opts.controllerIds[i % opts.controllerIds.length]! : null;
    const creditLimit = consumer ? null : BigInt(rng.pick([5_000, 10_000, 25_000, 50_000, 100_000, 250_000]) * 100);
    const debtorPhone = consumer ? mobile(rng) : landline(rng, area);
    p.debtors.push({
      id,
      customerNumber: `${prefix}${pad(10000 + i, 6)}`,
      name,
      iban: demoIban(i, prefix),
      kind: consumer ? "consumer" : "b2b",
      language: english ? "en" : "nl",
      timeZone: english && rng.chance(0.5) ? "Europe/London" : "Europe/Amsterdam",
      kvkNumber: consumer ? null : String(rng.int(10_000_000, 99_999_999)),
      email: consumer ? `${slug(name)}@${domain}` : `administratie@${domain}`,
      phone: debtorPhone,
      street: `${rng.pick(STREETS)} ${rng.int(1, 240)}`,
      postalCode: `${postal.slice(0, 2)}${pad(rng.int(Number(postal.slice(2)), 99), 2)} ${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
      city,
      country: "NL",
      customerSince,
      paymentTermDays: term,
      currency: "EUR",
      creditLimitCents: creditLimit,
      creditHold: profile === "bad" && rng.chance(0.5),
      isCreditInsured: insured,
      insurer: insured ? rng.pick(INSURERS) : null,
      insuredLimitCents: insured && creditLimit ? (creditLimit * 8n) / 10n : null,
      insurerNotifyDays: insured ? rng.pick([60, 90, 90, 120]) : null,
      assignedControllerId: controllerId,
      canStopDeliveries: !consumer && rng.chance(0.6),
      maxInstalments: consumer ? rng.pick([3, 6]) : rng.pick([2, 3, 3, 4, 6]),
      minDownPaymentPct: rng.pick([0, 10, 20, 25]),
      isDunningPaused: rng.chance(0.02),
    });

    // Contacts: the payments contact first (with direct number), then a buyer, sometimes management.
    const contactIds: string[] = [];
    const contactNames: string[] = [];
    const contactRows: Row[] = [];
    const addContact = (c: Row) => {
      const cid = `con_${prefix}${pad(i + 1, 6)}_${contactIds.length + 1}`;
      contactIds.push(cid);
      contactNames.push(String(c.name));
      const row = { id: cid, debtorId: id, ...c };
      contactRows.push(row);
      p.contacts.push(row);
    };
    if (consumer) {
      addContact({ name, role: "other", jobTitle: null, phone: null, mobile: debtorPhone, email: `${slug(name)}@${domain}`, isPrimaryForPayments: true, preferredCallTimes: rng.chance(0.5) ? JSON.stringify([{ days: [1, 2, 3, 4, 5], from: "17:30", to: "20:00" }]) : null });
    } else {
      const contactCount = rng.int(1, 3);
      const ap = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
      addContact({
        name: ap,
        role: "accounts_payable",
        jobTitle: english ? "Accounts payable" : rng.pick(["Crediteurenadministratie", "Financieel medewerker", "Boekhouder"]),
        phone: landline(rng, area),
        mobile: rng.chance(0.4) ? mobile(rng) : null,
        email: `${slug(ap.split(" ")[0]!)}.${slug(ap.split(" ").slice(1).join(""))}@${domain}`,
        isPrimaryForPayments: true,
        preferredCallTimes: rng.chance(0.6) ? JSON.stringify([rng.pick([{ days: [1, 2, 3, 4], from: "09:00", to: "12:00" }, { days: [2, 3, 4], from: "13:30", to: "16:00" }, { days: [1, 2, 3, 4, 5], from: "08:30", to: "10:30" }])]) : null,
      });
      if (contactCount >= 2) {
        const buyer = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
        addContact({ name: buyer, role: "buyer", jobTitle: english ? "Purchasing manager" : "Inkoper", phone: landline(rng, area), mobile: mobile(rng), email: `inkoop@${domain}`, isPrimaryForPayments: false, preferredCallTimes: null });
      }
      if (contactCount >= 3) {
        const boss = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
        addContact({ name: boss, role: "management", jobTitle: english ? "Managing director" : rng.pick(["Directeur", "Eigenaar", "Financieel directeur"]), phone: null, mobile: mobile(rng), email: `directie@${domain}`, isPrimaryForPayments: false, preferredCallTimes: null });
      }
    }

    // Invoices over the last ~14 months. Good payers pay (slightly late) and only have recent ones
    // open; slow payers leave some in 1-60 days; bad payers have items deep into 90+.
    const n = counts[i]!;
    const openInvoices: Array<{ id: string; number: string; dueDate: string; open: number }> = [];
    const invoiceRows = new Map<string, Row>();
    const history = profile === "bad" ? 300 : 420;
    for (let k = 0; k < n; k++) {
      const invId = `inv_${prefix}${pad(++invoiceSeq, 7)}`;
      // Spread issue dates; the newest few invoices are "current" (not yet due).
      const issueDate = addDays(today, -Math.floor(((n - k) / n) * history) + rng.int(0, 10) - 5);
      const safeIssue = issueDate > today ? today : issueDate;
      const number = `${prefix}F${safeIssue.slice(0, 4)}-${pad(invoiceSeq, 6)}`;
      const dueDate = addDays(safeIssue, term);
      const amountCents = consumer ? amount(rng, 25, 1_500) : amount(rng, 150, 25_000);
      const overdueDays = daysBetween(dueDate, today);
      let paid = 0;
      let payDate: string | null = null;
      if (overdueDays > 0) {
        const late = profile === "good" ? rng.int(-5, 12) : profile === "slow" ? rng.int(5, 70) : rng.int(20, 200);
        const wouldPayOn = addDays(dueDate, late);
        if (wouldPayOn < today) {
          paid = amountCents;
          payDate = wouldPayOn;
        } else if (rng.chance(0.15)) {
          // A part payment while the rest stays open.
          paid = Math.round(amountCents * rng.pick([0.25, 0.4, 0.5]));
          payDate = addDays(dueDate, rng.int(1, Math.max(1, overdueDays)));
          if (payDate > today) payDate = today;
        }
      } else if (rng.chance(0.05)) {
        paid = amountCents;
        payDate = addDays(safeIssue, rng.int(0, Math.max(0, daysBetween(safeIssue, today))));
      }
      const open = amountCents - paid;
      const invoiceRow: Row = {
        id: invId,
        debtorId: id,
        number,
        issueDate: safeIssue,
        dueDate,
        currency: "EUR",
        amountCents: BigInt(amountCents),
        openCents: BigInt(open),
        dunningLevel: 0,
        description: consumer ? "Levering en installatie" : rng.pick(["Levering volgens order", "Werkzaamheden", "Onderhoudscontract", "Materialen", "Transportkosten", "Advieswerkzaamheden"]),
      };
      invoiceRows.set(invId, invoiceRow);
      p.invoices.push(invoiceRow);
      if (paid > 0 && payDate) {
        const payId = `pay_${prefix}${pad(++paymentSeq, 7)}`;
        p.payments.push({ id: payId, debtorId: id, amountCents: BigInt(paid), currency: "EUR", valueDate: payDate, method: consumer && rng.chance(0.3) ? "direct_debit" : "bank_transfer", reference: number, source: rng.chance(0.8) ? "import" : "manual" });
        p.allocations.push({ id: `all_${prefix}${pad(paymentSeq, 7)}`, paymentId: payId, invoiceId: invId, amountCents: BigInt(paid), kind: "principal" });
      }
      if (open > 0) openInvoices.push({ id: invId, number, dueDate, open });
    }

    const overdue = openInvoices.filter((inv) => inv.dueDate < today);
    const controllerForCalls = controllerId ?? opts.controllerIds[0]!;
    const primaryPhone = String(contactRows[0]?.phone ?? contactRows[0]?.mobile ?? debtorPhone);

    // Disputes: about one debtor in ten has an open dispute on an overdue invoice; some resolved.
    const disputedIds = new Set<string>();
    if (overdue.length > 0 && rng.chance(profile === "good" ? 0.05 : 0.18)) {
      const inv = rng.pick(overdue);
      const reason = rng.pick(DISPUTE_REASONS);
      disputedIds.add(inv.id);
      p.disputes.push({ id: `dis_${inv.id}`, debtorId: id, invoiceId: inv.id, reason, description: DISPUTE_TEXT[reason], disputedCents: BigInt(rng.chance(0.5) ? inv.open : Math.round(inv.open * 0.3)), status: "open", openedOn: addDays(inv.dueDate, rng.int(1, Math.max(1, daysBetween(inv.dueDate, today)))), createdById: controllerForCalls });
    }
    if (rng.chance(0.06)) {
      const inv = [...invoiceRows.values()][rng.int(0, n - 1)]!;
      if (!disputedIds.has(String(inv.id))) {
        p.disputes.push({ id: `dis_${String(inv.id)}`, debtorId: id, invoiceId: inv.id, reason: "price", description: DISPUTE_TEXT.price, disputedCents: BigInt(Math.round(Number(inv.amountCents) * 0.1)), status: rng.pick(["resolved_credited", "resolved_rejected", "withdrawn"]), openedOn: String(inv.issueDate), resolvedOn: addDays(String(inv.issueDate), 20) > today ? today : addDays(String(inv.issueDate), 20), createdById: controllerForCalls });
      }
    }

    // Dunning communications: one consolidated message per level reached by the oldest overdue item.
    const undisputedOverdue = overdue.filter((inv) => !disputedIds.has(inv.id));
    if (undisputedOverdue.length > 0) {
      const oldest = undisputedOverdue.reduce((a, b) => (a.dueDate < b.dueDate ? a : b));
      // The history follows the default ladder (lib/dunning/dunning-ladder.ts): level, days after
      // the oldest due date, channel, step code, subject.
      const steps: Array<[number, number, string, string, string, string]> = [
        [2, 7, "email", "reminder", consumer ? "Herinnering" : "Betalingsherinnering", "Payment reminder"],
        [4, 28, "letter", "formal_reminder", "Aanmaning", "Formal reminder"],
        consumer ? [6, 42, "letter", "fourteen_day_letter", "Veertiendagenbrief", "14-day letter"] : [5, 42, "letter", "notice_of_default", "Ingebrekestelling", "Notice of default"],
        [7, 75, "letter", "handover", "Overdracht incassobureau", "Hand-over to collection agency"],
      ];
      const reached: Array<{ level: number; sentOn: string }> = [];
      for (const [lvl, offset, channel, code, subject, subjectEn] of steps) {
        const sentOn = addDays(oldest.dueDate, offset);
        if (sentOn > today || (code === "handover" && profile !== "bad")) break;
        reached.push({ level: lvl, sentOn });
        // What the letter stated, as the run writes it: the principal, and the collection costs on
        // it where the law lets the letter name them (a consumer only in the 14-day letter).
        const listed = undisputedOverdue.filter((inv) => inv.dueDate < sentOn);
        const principal = listed.reduce((sum, inv) => sum + BigInt(inv.open), 0n);
        const statesCosts = consumer ? code === "fourteen_day_letter" || code === "handover" : code !== "reminder";
        const payByDate = code === "fourteen_day_letter" ? fourteenDayDeadline(sentOn).lastDay : addDays(sentOn, code === "reminder" ? 7 : 14);
        p.communications.push({ id: `com_${id}_${lvl}`, debtorId: id, level: lvl, channel, sentAt: at(sentOn, 6, 0), subject: english ? subjectEn : subject, invoiceNumbers: listed.map((inv) => inv.number).join(","), createdById: null, runDate: sentOn, stepCode: code, template: code, payByDate, principalCents: principal, costsCents: statesCosts ? wikCosts(principal) : 0n });
      }
      // An invoice is at the highest rung of a message that listed it, dated by that message.
      for (const inv of undisputedOverdue) {
        const row = invoiceRows.get(inv.id);
        const last = reached.filter((r) => r.sentOn > inv.dueDate).at(-1);
        if (row && last) {
          row.dunningLevel = last.level;
          row.lastDunnedOn = last.sentOn;
        }
      }
    }

    // Call history and agreements for debtors with overdue items (and some good ones earlier).
    if (overdue.length > 0 && (profile !== "good" || rng.chance(0.3))) {
      const calls = profile === "bad" ? rng.int(2, 6) : rng.int(1, 3);
      for (let c = 0; c < calls; c++) {
        const callId = `cal_${prefix}${pad(++callSeq, 7)}`;
        const day = addDays(today, -rng.int(1, 80));
        const reached = rng.chance(0.65);
        const contactIdx = reached && contactIds.length > 1 && rng.chance(0.2) ? 1 : 0;
        const reason = rng.pick(REASONS);
        const startedAt = at(day, rng.int(9, 16), rng.int(0, 59));
        p.callLogs.push({
          id: callId,
          debtorId: id,
          contactId: contactIds[contactIdx],
          spokeWith: reached ? contactNames[contactIdx] : null,
          phoneUsed: primaryPhone,
          outcome: reached ? "reached" : rng.pick(["no_answer", "voicemail", "callback_requested"]),
          reasonCategory: reached ? reason[0] : null,
          reasonText: reached ? reason[1] : null,
          notes: reached ? reason[2] : rng.pick(NO_CONTACT_NOTES),
          excuseUsed: reached && rng.chance(0.4) ? rng.pick(EXCUSES) : null,
          status: "final",
          startedAt,
          endedAt: new Date(startedAt.getTime() + rng.int(1, 9) * 60_000),
          authorId: controllerForCalls,
        });
        if (!reached || !rng.chance(0.7)) continue;
        // A promise (one instalment) or, for larger debts, a plan.
        const target = undisputedOverdue;
        if (target.length === 0) continue;
        const invs = target.slice(0, rng.int(1, Math.min(3, target.length)));
        const total = invs.reduce((s, inv) => s + inv.open, 0);
        const plan = total > 300_000 && rng.chance(0.5);
        const agId = `agr_${prefix}${pad(++agreementSeq, 7)}`;
        const firstDue = addDays(day, rng.pick([7, 14]));
        const parts = plan ? splitExact(total, Math.min(3, Math.max(2, Number(p.debtors[i]!.maxInstalments)))) : [total];
        const dueDates = parts.map((_, k) => addDays(firstDue, k * 30));
        // Passed dates: kept or broken; future dates: open. Kept promises come with their payment.
        const lastDue = dueDates[dueDates.length - 1]!;
        const status = lastDue >= today ? "open" : rng.chance(profile === "bad" ? 0.3 : 0.6) ? "kept" : "broken";
        p.agreements.push({ id: agId, debtorId: id, callLogId: callId, kind: plan ? "plan" : "promise", status, totalCents: BigInt(total), currency: "EUR", method: "bank_transfer", needsApproval: false, createdById: controllerForCalls, idempotencyKey: `seed-${agId}`, evaluatedAt: status === "open" ? null : at(addDays(lastDue, 2), 6, 0), createdAt: startedAt });
        for (const inv of invs) p.agreementInvoices.push({ agreementId: agId, invoiceId: inv.id });
        parts.forEach((amt, k) => {
          const due = dueDates[k]!;
          const instStatus = due >= today ? "open" : status === "kept" ? "kept" : k === 0 && plan && rng.chance(0.5) ? "kept" : "broken";
          p.instalments.push({ id: `${agId}_${k + 1}`, agreementId: agId, seq: k + 1, dueDate: due, amountCents: BigInt(amt), status: instStatus, paidCents: BigInt(instStatus === "kept" ? amt : 0) });
          if (due >= today) {
            p.tasks.push({ id: `tsk_${prefix}${pad(++taskSeq, 7)}`, debtorId: id, type: "check_payment", dueAt: at(addDays(due, 1), 9, 0), assigneeId: controllerForCalls, status: "open", note: null, agreementId: agId, createdById: controllerForCalls });
          }
        });
        if (status === "broken") {
          const callbackOn = addDays(lastDue, rng.int(2, 4));
          p.tasks.push({ id: `tsk_${prefix}${pad(++taskSeq, 7)}`, debtorId: id, type: "callback", dueAt: at(callbackOn > today ? today : callbackOn, 10, 0), assigneeId: controllerForCalls, status: callbackOn >= addDays(today, -5) ? "open" : "done", completedAt: callbackOn >= addDays(today, -5) ? null : at(callbackOn, 11, 0), note: "broken_promise", agreementId: agId, createdById: null });
        }
        if (status === "kept") {
          // The promised money arrived: a payment on the (last) due date for the promised invoices.
          // Their open amounts go to zero.
          const payId = `pay_${prefix}${pad(++paymentSeq, 7)}`;
          p.payments.push({ id: payId, debtorId: id, amountCents: BigInt(total), currency: "EUR", valueDate: lastDue, method: "bank_transfer", reference: invs.map((inv) => inv.number).join(" "), source: "import" });
          invs.forEach((inv, k) => {
            p.allocations.push({ id: `all_${payId}_${k + 1}`, paymentId: payId, invoiceId: inv.id, amountCents: BigInt(inv.open), kind: "principal" });
            invoiceRows.get(inv.id)!.openCents = 0n;
            inv.open = 0;
          });
          for (let j = overdue.length - 1; j >= 0; j--) if (overdue[j]!.open === 0) overdue.splice(j, 1);
          for (let j = undisputedOverdue.length - 1; j >= 0; j--) if (undisputedOverdue[j]!.open === 0) undisputedOverdue.splice(j, 1);
          if (overdue.length === 0) break;
        }
        if (c === calls - 1 && status === "open" && rng.chance(0.3)) {
          const email = contactRows[0]?.email;
          if (email) {
            p.emails.push({ id: `eml_${agId}`, debtorId: id, toAddress: email, toName: contactNames[0], subject: english ? `Payment arrangement ${name}` : `Bevestiging betalingsafspraak ${name}`, body: english ? `Dear ${contactNames[0]},\n\nThank you for our call. As agreed, you will pay EUR ${(total / 100).toFixed(2)} by ${dueDates[0]}.\n` : `Beste ${contactNames[0]},\n\nBedankt voor het telefoongesprek. Zoals afgesproken betaalt u EUR ${(total / 100).toFixed(2).replace(".", ",")} uiterlijk ${dueDates[0]}.\n`, kind: "agreement_summary", status: "sent", attempts: 1, nextAttemptAt: new Date(startedAt.getTime() + 15 * 60_000), idempotencyKey: `seed-email-${agId}`, messageId: `<${agId}@${DEMO_EMAIL_DOMAIN}>`, sentAt: new Date(startedAt.getTime() + 15 * 60_000), createdById: controllerForCalls, createdAt: startedAt });
          }
        }
      }
    }

    // Callbacks: some due today (for the worklist), some tomorrow, some done earlier.
    if (overdue.length > 0 && rng.chance(0.25)) {
      const due = rng.chance(0.5) ? today : addDays(today, rng.int(1, 3));
      p.tasks.push({ id: `tsk_${prefix}${pad(++taskSeq, 7)}`, debtorId: id, type: "callback", dueAt: at(due, rng.int(9, 15), rng.pick([0, 30])), assigneeId: controllerForCalls, status: "open", note: "Terugbellen op verzoek van de klant", agreementId: null, createdById: controllerForCalls });
    }
  }
  return p;
}

// ---------------------------------------------------------------- insert

/** Inserts a portfolio in dependency order (bulk insert; the url names the same database as db). */
export async function insertPortfolio(url: string, p: Portfolio): Promise<void> {
  await bulkInsert(url, [
    { table: "Debtor", rows: p.debtors, timestamps: "both" },
    { table: "Contact", rows: p.contacts, timestamps: "both" },
    { table: "Invoice", rows: p.invoices, timestamps: "both" },
    { table: "Payment", rows: p.payments, timestamps: "created" },
    { table: "PaymentAllocation", rows: p.allocations, timestamps: "created" },
    { table: "Dispute", rows: p.disputes, timestamps: "both" },
    { table: "CallLog", rows: p.callLogs, timestamps: "both" },
    { table: "Agreement", rows: p.agreements, timestamps: "both" },
    { table: "AgreementInvoice", rows: p.agreementInvoices, timestamps: "none" },
    { table: "Instalment", rows: p.instalments, timestamps: "none" },
    { table: "Task", rows: p.tasks, timestamps: "both" },
    { table: "DunningCommunication", rows: p.communications, timestamps: "created" },
    { table: "EmailOutbox", rows: p.emails, timestamps: "both" },
  ]);
}

const ALL_TABLES = ["CreditorSettings", "MessageTemplate", "JobLease", "WebhookDelivery", "WebhookSubscription", "DomainEvent", "ApiIdempotency", "ApiToken", "ExternalKey", "ImportRun", "ImportMapping", "TwoFactorRecoveryCode", "BankLine", "BankStatement", "DunningRun", "DunningStep", "DunningPolicy", "InterestRate", "DailySnapshot", "EmailAttachment", "EmailOutbox", "DunningCommunication", "Task", "Instalment", "AgreementInvoice", "Agreement", "CallLog", "Dispute", "PaymentAllocation", "Payment", "Invoice", "Contact", "Debtor", "AuditLog", "session", "account", "verification", "rateLimit", "user"];

/** A valid-looking Dutch IBAN (mod-97 check digits right) that depends only on the debtor's number. */
export function demoIban(i: number, prefix = ""): string {
  const bank = ["INGB", "RABO", "ABNA", "SNSB"][i % 4]!;
  const account = String(1_000_000_000 + ((i * 7_919 + prefix.length * 104_729) % 8_999_999_999)).padStart(10, "0");
  const digits = (bank + account + "NL00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return `NL${String(98 - rest).padStart(2, "0")}${bank}${account}`;
}

/** Deletes every portfolio row and every user (children first; works on both databases). */
export async function wipeAll(db: Db, provider: "sqlite" | "postgresql" = "sqlite"): Promise<void> {
  if (provider === "postgresql") {
    // One TRUNCATE: much faster than row-by-row deletes on the large set.
    await db.$executeRawUnsafe(`TRUNCATE ${ALL_TABLES.map((t) => `"${t}"`).join(", ")} CASCADE`);
    return;
  }
  await db.creditorSettings.deleteMany();
  await db.messageTemplate.deleteMany();
  await db.jobLease.deleteMany();
  await db.webhookDelivery.deleteMany();
  await db.webhookSubscription.deleteMany();
  await db.domainEvent.deleteMany();
  await db.apiIdempotency.deleteMany();
  await db.apiToken.deleteMany();
  await db.externalKey.deleteMany();
  await db.importRun.deleteMany();
  await db.importMapping.deleteMany();
  await db.bankLine.deleteMany();
  await db.bankStatement.deleteMany();
  await db.dunningRun.deleteMany();
  await db.interestRate.deleteMany();
  await db.debtor.updateMany({ data: { dunningPolicyId: null } });
  await db.dunningStep.deleteMany();
  await db.dunningPolicy.deleteMany();
  await db.dailySnapshot.deleteMany();
  await db.emailAttachment.deleteMany();
  await db.emailOutbox.deleteMany();
  await db.dunningCommunication.deleteMany();
  await db.task.deleteMany();
  await db.instalment.deleteMany();
  await db.agreementInvoice.deleteMany();
  await db.agreement.deleteMany();
  await db.callLog.deleteMany();
  await db.dispute.deleteMany();
  await db.paymentAllocation.deleteMany();
  await db.payment.deleteMany();
  await db.invoice.deleteMany();
  await db.contact.deleteMany();
  await db.debtor.deleteMany();
  await db.auditLog.deleteMany();
  await db.session.deleteMany();
  await db.account.deleteMany();
  await db.verification.deleteMany();
  await db.rateLimit.deleteMany();
  await db.user.deleteMany();
}
