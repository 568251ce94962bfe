import { loadWordingTable } from "@/lib/creditor/creditor-queries";
import type { WordingTable } from "@/lib/creditor/message-templates";
import type { DbOrTx } from "@/lib/db/client";
import type { NewEmail } from "@/lib/email/outbox";
import type { NewTask } from "@/lib/tasks/tasks";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { DEFAULT_LADDER, decideDunning, type DunningDecision, type InvoiceMove, type LadderInvoice, type LadderStep } from "./dunning-ladder";
import { listPolicies } from "./dunning-policy";
import { serializeLetter } from "./letter-json";
import { letterText, plainTextBody, type LetterData } from "./letter-text";
import { halfYearStart, mergeRates, staleRateKinds, type RatePeriod } from "./statutory-rates";
import { MissingRateError, statutoryInterest, type PrincipalReduction } from "./statutory-interest";
import { claimCosts, interestStart } from "./claim-charges";

/**
 * The deciding half of the daily dunning run: who gets which step today, on which channel, with
 * which amounts. It only reads, so the manager's preview and the run itself take the same
 * decisions from the same code; the run (run-dunning.ts) then writes what this plans.
 */
export type Creditor = { name: string; address: string | null; iban: string | null; email: string | null; phone: string | null; bic?: string | null; cocNumber?: string | null; vatNumber?: string | null };
export type PlanOptions = {
  today: CalendarDate;
  timeZone: string;
  now?: Date;
  creditor: Creditor;
  messageIdDomain: string;
  smtpConfigured: boolean;
  triggeredBy: string | null;
  /** VAT on collection costs, for a creditor who cannot deduct VAT (e.g. 21); 0 or absent otherwise */
  costsVatPercent?: number;
};

const MAX_PRE_DUE_DAYS = 60;
const TEMPLATES_STATING_COSTS = new Set(["formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"]);

type DebtorRow = {
  id: string; name: string; customerNumber: string; kind: string; language: string; customerSince: string; dunningPolicyId: string | null; isDunningPaused: boolean;
  email: string | null; street: string | null; postalCode: string | null; city: string | null; country: string; assignedControllerId: string | null; currency: string;
};
type InvoiceRow = {
  id: string; debtorId: string; number: string; issueDate: string; dueDate: string; openCents: bigint; dunningLevel: number; lastDunnedOn: string | null;
  costsOpenCents: bigint; interestOpenCents: bigint; costsBaseCents: bigint; costsChargedCents: bigint; interestBookedUntil: string | null;
};
/** A consumer's 14-day letter whose own term has passed: the invoices it named and the costs it stated. */
type PassedLetter = { lastDay: CalendarDate; numbers: Set<string>; statedCostsCents: bigint };
/** One debtor's step today, with what deciding it and stating its amounts needs. */
export type PlannedStep = { debtor: DebtorRow; decision: DunningDecision; invoices: InvoiceRow[]; consumerDefaultOn: CalendarDate | null; passedLetters: PassedLetter[]; paidClaim: InvoiceRow[] };
const INVOICE_SELECT = {
  id: true, debtorId: true, number: true, issueDate: true, dueDate: true, openCents: true, dunningLevel: true, lastDunnedOn: true,
  costsOpenCents: true, interestOpenCents: true, costsBaseCents: true, costsChargedCents: true, interestBookedUntil: true,
} as const;

type Charge = { invoiceId: string; costs: bigint; costsBase: bigint | null; interest: bigint; interestBookedUntil: CalendarDate | null };
/** What taking one step writes: the message, its e-mail or task, the invoices' new levels and the charges booked. */
export type StepWrites = {
  moves: InvoiceMove[];
  email: NewEmail | null;
  task: NewTask | null;
  charges: Charge[];
  communication: {
    debtorId: string; level: number; channel: string; sentAt: Date; subject: string; invoiceNumbers: string; createdById: string | null; runDate: CalendarDate;
    stepCode: string; template: string; content: string | null; principalCents: bigint; interestCents: bigint; costsCents: bigint; payByDate: string | null; idempotencyKey: string;
  };
};

export type DunningPlan = {
  runDate: CalendarDate;
  /** debtors with something open and dunning not paused */
  debtorsConsidered: number;
  /** debtors that already had their step today (the run is idempotent per day) */
  skippedToday: number;
  /** kinds without a rate for the current half year: the last known rate is used */
  staleRates: string[];
  steps: PlannedStep[];
  /** The writes of one planned step (pure: builds rows, writes nothing). Built per batch by the run, so a large book is not held in memory at once. */
  writesOf: (step: PlannedStep) => StepWrites;
  /** periods without any rate met by the steps built so far: no interest was computed for them */
  missingRates: () => string[];
};

/** Reads the book and decides today's steps. Writes nothing (not even the default policy: without one, the default ladder applies). */
export async function planDunning(db: DbOrTx, opts: PlanOptions): Promise<DunningPlan> {
  const today = opts.today;
  const now = opts.now ?? new Date();
  const policyList = await listPolicies(db);
  const policies = new Map(policyList.map((p) => [p.id, p] as const));
  const defaultPolicy = policyList.find((p) => p.isDefault) ?? { steps: DEFAULT_LADDER, remindAfterHandover: false };
  const storedRates = await db.interestRate.findMany({ select: { kind: true, validFrom: true, rateBp: true, source: true } });
  const rates = mergeRates(storedRates as RatePeriod[]);
  // The creditor's own wording of the letters (settings screen), if saved.
  const wording = await loadWordingTable(db);

  const [debtors, invoices, disputed, underAgreement, fourteenDay, doneToday, primaryEmails] = await Promise.all([
    db.debtor.findMany({
      where: { openCents: { gt: 0 }, isDunningPaused: false },
      select: { id: true, name: true, customerNumber: true, kind: true, language: true, customerSince: true, dunningPolicyId: true, isDunningPaused: true, email: true, street: true, postalCode: true, city: true, country: true, assignedControllerId: true, currency: true },
    }),
    db.invoice.findMany({
      where: { openCents: { gt: 0 }, dueDate: { lte: addDays(today, MAX_PRE_DUE_DAYS) } },
      select: INVOICE_SELECT,
      orderBy: [{ debtorId: "asc" }, { dueDate: "asc" }],
    }),
    db.dispute.findMany({ where: { status: { in: [...DISPUTE_HOLDS] } }, select: { invoiceId: true } }),
    db.agreementInvoice.findMany({ where: { agreement: { status: "open" } }, select: { invoiceId: true } }),
    db.dunningCommunication.findMany({ where: { template: "fourteen_day_letter", payByDate: { not: null } }, select: { debtorId: true, payByDate: true, invoiceNumbers: true, costsCents: true } }),
    db.dunningCommunication.findMany({ where: { runDate: today }, select: { debtorId: true } }),
    db.contact.findMany({ where: { isPrimaryForPayments: true, email: { not: null } }, select: { debtorId: true, email: true, name: true } }),
  ]);
  const disputedIds = new Set(disputed.map((d) => d.invoiceId));
  const agreedIds = new Set(underAgreement.map((a) => a.invoiceId));
  // A 14-day letter counts only for the invoices it named, and only once its own term has passed.
  const passedLetters = new Map<string, PassedLetter[]>();
  for (const f of fourteenDay) {
    if (f.payByDate! >= today) continue;
    const letter = { lastDay: f.payByDate!, numbers: new Set(f.invoiceNumbers.split(",").map((n) => n.trim()).filter(Boolean)), statedCostsCents: f.costsCents };
    passedLetters.set(f.debtorId, [...(passedLetters.get(f.debtorId) ?? []), letter]);
  }
  const done = new Set(doneToday.map((d) => d.debtorId));
  const emailOf = new Map(primaryEmails.map((c) => [c.debtorId, { email: c.email!, name: c.name }]));
  const invoicesByDebtor = new Map<string, InvoiceRow[]>();
  for (const inv of invoices) {
    const list = invoicesByDebtor.get(inv.debtorId);
    if (list) list.push(inv);
    else invoicesByDebtor.set(inv.debtorId, [inv]);
  }

  const planned: PlannedStep[] = [];
  for (const d of debtors) {
    if (done.has(d.id)) continue;
    const list = invoicesByDebtor.get(d.id);
    if (!list) continue;
    const policy = (d.dunningPolicyId ? policies.get(d.dunningPolicyId) : undefined) ?? defaultPolicy;
    const steps = stepsFor(policy.steps, list, policy.remindAfterHandover);
    const ladderInvoices: LadderInvoice[] = list.map((i) => ({ id: i.id, dueDate: i.dueDate, openCents: i.openCents, dunningLevel: i.dunningLevel, lastDunnedOn: i.lastDunnedOn, isDisputed: disputedIds.has(i.id), isUnderAgreement: agreedIds.has(i.id) }));
    const kind = d.kind === "consumer" ? "consumer" : "b2b";
    const letters = passedLetters.get(d.id) ?? [];
    const consumerDefaultOn = letters.length ? letters.reduce((a, l) => (l.lastDay < a ? l.lastDay : a), letters[0]!.lastDay) : null;
    const decision = decideDunning(steps, { kind, customerSince: d.customerSince, isPaused: d.isDunningPaused, hasEmail: !!(emailOf.get(d.id)?.email ?? d.email) }, ladderInvoices, today, { consumerDefaultPassed: consumerDefaultOn !== null });
    if (decision) planned.push({ debtor: d, decision, invoices: list, consumerDefaultOn, passedLetters: letters, paidClaim: [] });
  }
  // Invoices paid off since they joined a claim still count for the one fee per claim.
  const charging = planned.filter((p) => p.decision.step.chargesCosts || TEMPLATES_STATING_COSTS.has(p.decision.step.template));
  const byDebtor = new Map(charging.map((p) => [p.debtor.id, p] as const));
  for (let i = 0; i < charging.length; i += 500) {
    const ids = charging.slice(i, i + 500).map((p) => p.debtor.id);
    for (const inv of await db.invoice.findMany({ where: { debtorId: { in: ids }, openCents: { lte: 0 }, costsBaseCents: { gt: 0 } }, select: INVOICE_SELECT })) byDebtor.get(inv.debtorId)?.paidClaim.push(inv);
  }

  const reductions = await principalReductions(db, planned.flatMap((p) => p.decision.coveredInvoiceIds));
  const missing = new Set<string>();
  return {
    runDate: today,
    debtorsConsidered: debtors.length,
    skippedToday: done.size,
    staleRates: staleRateKinds(rates, today).map((k) => `${k} since ${halfYearStart(today)}`),
    steps: planned,
    writesOf: (p) => buildWrites(p, { opts, rates, reductions, emailOf, now, missing, wording }),
    missingRates: () => [...missing],
  };
}

/** What a set of steps amounts to, counted the one way the run reports it. */
export function tally(writes: readonly StepWrites[]): { messages: number; emails: number; letters: number; tasks: number } {
  const t = { messages: 0, emails: 0, letters: 0, tasks: 0 };
  for (const w of writes) {
    t.messages++;
    if (w.email) t.emails++;
    if (w.communication.channel === "letter") t.letters++;
    if (w.task) t.tasks++;
  }
  return t;
}

async function principalReductions(db: DbOrTx, invoiceIds: string[]): Promise<Map<string, PrincipalReduction[]>> {
  const map = new Map<string, PrincipalReduction[]>();
  for (let i = 0; i < invoiceIds.length; i += 1000) {
    const rows = await db.paymentAllocation.findMany({
      where: { invoiceId: { in: invoiceIds.slice(i, i + 1000) }, kind: "principal" },
      select: { invoiceId: true, amountCents: true, payment: { select: { valueDate: true } } },
    });
    for (const r of rows) map.set(r.invoiceId, [...(map.get(r.invoiceId) ?? []), { valueDate: r.payment.valueDate, cents: r.amountCents }]);
  }
  return map;
}

/**
 * Once a debtor is handed over (an open invoice reached the hand-over rung), the collection agency
 * has the file: other invoices get no more reminders, only the hand-over rung when they are due
 * for it, unless the policy says otherwise.
 */
export function stepsFor(steps: readonly LadderStep[], invoices: readonly { openCents: bigint; dunningLevel: number }[], remindAfterHandover: boolean): readonly LadderStep[] {
  const handoverLevel = Math.min(...steps.filter((s) => s.template === "handover").map((s) => s.level));
  const handedOver = Number.isFinite(handoverLevel) && invoices.some((i) => i.openCents > 0n && i.dunningLevel >= handoverLevel);
  return handedOver && !remindAfterHandover ? steps.filter((s) => s.template === "handover") : steps;
}

function buildWrites(
  p: PlannedStep,
  ctx: { opts: PlanOptions; rates: RatePeriod[]; reductions: Map<string, PrincipalReduction[]>; emailOf: Map<string, { email: string; name: string }>; now: Date; missing: Set<string>; wording: WordingTable },
): StepWrites {
  const { debtor: d, decision } = p;
  const { opts } = ctx;
  const today = opts.today;
  const isConsumer = d.kind === "consumer";
  const covered = p.invoices.filter((i) => decision.coveredInvoiceIds.includes(i.id));
  // Commercial interest runs from the day after the due date without notice; consumer interest
  // only from the day after the deadline of a 14-day letter that named the invoice (default).
  // Interest already booked is never counted again: a booking continues from the day after.
  const defaultOf = (inv: InvoiceRow): CalendarDate | null =>
    p.passedLetters.filter((l) => l.numbers.has(inv.number)).reduce<CalendarDate | null>((a, l) => (a === null || l.lastDay < a ? l.lastDay : a), null);
  const newInterestOf = (inv: InvoiceRow): { cents: bigint; booked: boolean } => {
    const runsFrom = isConsumer ? (defaultOf(inv) ? addDays(defaultOf(inv)! > inv.dueDate ? defaultOf(inv)! : inv.dueDate, 1) : null) : addDays(inv.dueDate, 1);
    const from = interestStart(runsFrom, inv.interestBookedUntil, today);
    if (!from) return { cents: 0n, booked: false };
    const paidPrincipal = (ctx.reductions.get(inv.id) ?? []).reduce((s, r) => s + r.cents, 0n);
    try {
      return { cents: statutoryInterest({ principalCents: inv.openCents + paidPrincipal, from, until: today, kind: isConsumer ? "statutory" : "commercial", rates: ctx.rates, reductions: ctx.reductions.get(inv.id) ?? [] }), booked: true };
    } catch (e) {
      if (e instanceof MissingRateError) {
        ctx.missing.add(`${e.kind}@${e.date}`);
        return { cents: 0n, booked: false };
      }
      throw e;
    }
  };
  const accrued = covered.map((i) => newInterestOf(i));
  // What the letter states per invoice: interest booked and still open, plus what ran since.
  const interest = covered.map((i, k) => i.interestOpenCents + accrued[k]!.cents);
  const principalCents = covered.reduce((s, i) => s + i.openCents, 0n);
  // A consumer may only be told of costs in the 14-day letter itself and charged after it.
  const statesCosts = TEMPLATES_STATING_COSTS.has(decision.step.template) && (!isConsumer || decision.step.template === "fourteen_day_letter" || decision.step.template === "handover");
  // One fee per claim: the scale on the claim's total, less what was charged before. A consumer is
  // charged only for invoices a 14-day letter named whose term has passed, never above what it stated.
  const chargesConsumer = isConsumer && decision.step.chargesCosts;
  const joining = chargesConsumer ? covered.filter((i) => defaultOf(i) !== null).map((i) => i.id) : covered.map((i) => i.id);
  const capCents = chargesConsumer ? p.passedLetters.filter((l) => covered.some((i) => joining.includes(i.id) && l.numbers.has(i.number))).reduce((s, l) => s + l.statedCostsCents, 0n) : null;
  const claim = statesCosts ? claimCosts({ claim: [...p.invoices, ...p.paidClaim], joining, vatPercent: opts.costsVatPercent, capCents }) : null;
  const costsCents = claim ? covered.reduce((s, i) => s + i.costsOpenCents, 0n) + claim.addedCents : 0n;
  const interestCents = interest.reduce((s, x) => s + x, 0n);
  const recipient = ctx.emailOf.get(d.id) ?? (d.email ? { email: d.email, name: d.name } : null);
  const letter: LetterData = {
    template: decision.step.template,
    language: d.language === "en" ? "en" : "nl",
    kind: isConsumer ? "consumer" : "b2b",
    letterDate: decision.sendOn,
    creditor: opts.creditor,
    debtor: { name: d.name, customerNumber: d.customerNumber, contactName: recipient?.name ?? null, street: d.street, postalCode: d.postalCode, city: d.city, country: d.country },
    invoices: covered.map((i, k) => ({ number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, openCents: i.openCents, interestCents: interest[k]! })),
    currency: d.currency,
    principalCents,
    interestCents,
    costsCents,
    interestKind: interestCents > 0n ? (isConsumer ? "statutory" : "commercial") : null,
    payByDate: decision.payByDate,
    senderName: opts.creditor.name,
  };
  const ownWording = ctx.wording[letter.template]?.[letter.language];
  if (ownWording) letter.wording = ownWording;
  const text = letterText(letter);
  const key = `dunning:${d.id}:${today}`;
  const sentAt = ctx.now;
  // A run on a weekend or holiday prepares the step; it goes out (and is due) the next working day at 09:00.
  const outAt = new Date(startOfDayIn(decision.sendOn, opts.timeZone).getTime() + 9 * 3_600_000);
  const email: NewEmail | null =
    decision.channel === "email" && recipient
      ? { debtorId: d.id, to: { address: recipient.email, name: recipient.name }, subject: text.subject, body: plainTextBody(letter), kind: "dunning", state: "send", idempotencyKey: key, createdById: opts.triggeredBy, ...(decision.sendOn > today ? { notBefore: outAt } : {}) }
      : null;
  const dueAt = decision.sendOn > today ? outAt : new Date(startOfDayIn(today, opts.timeZone).getTime() + 9 * 3_600_000);
  const task: NewTask | null =
    decision.channel === "call_task" || decision.channel === "handover"
      ? { debtorId: d.id, type: decision.channel === "handover" ? "handover" : decision.step.template === "service_call" ? "service_call" : "dunning_call", dueAt, assigneeId: d.assignedControllerId, note: decision.step.code, createdById: opts.triggeredBy }
      : null;
  const charges: Charge[] = [];
  if (decision.step.chargesCosts) {
    const joined = new Map((claim?.joined ?? []).map((j) => [j.id, j] as const));
    covered.forEach((inv, k) => {
      const j = joined.get(inv.id);
      const a = accrued[k]!;
      if (!j && !a.booked) return;
      charges.push({ invoiceId: inv.id, costs: j?.costsCents ?? 0n, costsBase: j?.baseCents ?? null, interest: a.cents, interestBookedUntil: a.booked ? today : null });
    });
  }
  const channel = decision.channel === "handover" ? "letter" : decision.channel;
  return {
    moves: decision.moves,
    email,
    task,
    charges,
    communication: {
      debtorId: d.id,
      level: decision.step.level,
      channel,
      sentAt,
      subject: text.subject,
      invoiceNumbers: covered.map((i) => i.number).join(", ").slice(0, 4000),
      createdById: opts.triggeredBy,
      runDate: today,
      stepCode: decision.step.code,
      template: decision.step.template,
      // Kept for e-mails too: when one bounces, the same message goes out as this letter.
      content: channel === "letter" || channel === "email" ? serializeLetter(letter) : null,
      principalCents,
      interestCents,
      costsCents,
      payByDate: decision.payByDate,
      idempotencyKey: key,
    },
  };
}
