import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { enqueueEmails, type NewEmail } from "@/lib/email/outbox";
import { recordEvents, type NewEvent } from "@/lib/events/domain-events";
import { createTasks, type NewTask } from "@/lib/tasks/tasks";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { decideDunning, type DunningDecision, type LadderInvoice, type LadderStep } from "./dunning-ladder";
import { ensureDefaultPolicy, listPolicies } from "./dunning-policy";
import { letterText, plainTextBody, type LetterData } from "./letter-text";
import { halfYearStart, mergeRates, staleRateKinds, type RatePeriod } from "./statutory-rates";
import { MissingRateError, statutoryInterest, type PrincipalReduction } from "./statutory-interest";
import { claimCosts, interestStart } from "./claim-charges";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";

/**
 * The daily dunning run. Idempotent: each debtor gets at most one message per run date (unique
 * key `dunning:<debtor>:<date>`), and invoices that moved carry the date, so a second run the same
 * day finds nothing to do. Crash-safe: a debtor's step (message, e-mail, task, invoice levels,
 * charges) is written in one transaction with the rest of its batch; a crash loses at most an
 * uncommitted batch, which the next run redoes. One run at a time: the run row is a lease.
 */
export type Creditor = { name: string; address: string | null; iban: string | null; email: string | null; phone: string | null };
export type RunOptions = {
  today: CalendarDate;
  timeZone: string;
  now?: Date;
  creditor: Creditor;
  messageIdDomain: string;
  smtpConfigured: boolean;
  triggeredBy: string | null;
  /** VAT on collection costs, for a creditor who cannot deduct VAT (e.g. 21); 0 or absent otherwise */
  costsVatPercent?: number;
  batchSize?: number;
  /** Test hook: throw inside the transaction of this batch (0-based) to simulate a crash. */
  crashInBatch?: number;
};
export type RunResult = {
  runDate: CalendarDate; debtorsConsidered: number; messages: number; emails: number; letters: number; tasks: number; skippedToday: number;
  /** periods without any rate: no interest was computed for them */
  missingRates: string[];
  /** kinds without a rate for the current half year: the last known rate was used */
  staleRates: string[];
};

const LEASE_MS = 15 * 60_000;
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
type Planned = { debtor: DebtorRow; decision: DunningDecision; invoices: InvoiceRow[]; consumerDefaultOn: CalendarDate | null; passedLetters: PassedLetter[]; paidClaim: InvoiceRow[] };
const INVOICE_SELECT = {
  id: true, debtorId: true, number: true, issueDate: true, dueDate: true, openCents: true, dunningLevel: true, lastDunnedOn: true,
  costsOpenCents: true, interestOpenCents: true, costsBaseCents: true, costsChargedCents: true, interestBookedUntil: true,
} as const;

/** A manager's "run now": the same idempotent run, started by someone who may set the policy. */
export async function runDunningAs(db: Db, actor: Actor, opts: Omit<RunOptions, "triggeredBy">): Promise<RunResult> {
  assertCan(actor, "policy:write");
  return runDunning(db, { ...opts, triggeredBy: actor.id });
}

/** The run itself, as the schedule and `npm run dunning:run` start it (no acting user). */
export async function runDunning(db: Db, opts: RunOptions): Promise<RunResult> {
  const now = opts.now ?? new Date();
  const run = await claimRun(db, opts.today, now, opts.triggeredBy);
  try {
    const result = await execute(db, opts, now);
    await db.dunningRun.update({ where: { id: run }, data: { status: "done", finishedAt: new Date(), debtorsConsidered: result.debtorsConsidered, messages: { increment: result.messages }, emails: { increment: result.emails }, letters: { increment: result.letters }, tasks: { increment: result.tasks }, lastError: runLog(result) } });
    await audit(db, { actorId: opts.triggeredBy, action: "dunning.run", entity: "dunningRun", entityId: run, data: { ...result } });
    return result;
  } catch (e) {
    await db.dunningRun.update({ where: { id: run }, data: { status: "failed", finishedAt: new Date(), lastError: e instanceof Error ? e.message.slice(0, 500) : "failed" } });
    throw e;
  }
}

/** What the run's row says besides its counts: rates it lacked, or used from an earlier half year. */
function runLog(r: RunResult): string | null {
  const parts = [...(r.missingRates.length ? [`missing rates: ${r.missingRates.join(", ")}`] : []), ...(r.staleRates.length ? [`no rate entered for ${r.staleRates.join(", ")}; the last known rate was used`] : [])];
  return parts.length ? parts.join("; ") : null;
}

async function claimRun(db: Db, runDate: CalendarDate, now: Date, triggeredBy: string | null): Promise<string> {
  const existing = await db.dunningRun.findUnique({ where: { runDate }, select: { id: true } });
  const id = existing?.id ?? (await db.dunningRun.create({ data: { runDate, status: "idle", triggeredBy } }).catch(async () => db.dunningRun.findUniqueOrThrow({ where: { runDate } }))).id;
  const claimed = await db.dunningRun.updateMany({
    where: { id, OR: [{ status: { not: "running" } }, { startedAt: { lt: new Date(now.getTime() - LEASE_MS) } }] },
    data: { status: "running", startedAt: now, triggeredBy },
  });
  if (claimed.count !== 1) throw new DomainError("conflict", "a dunning run is in progress");
  return id;
}

async function execute(db: Db, opts: RunOptions, now: Date): Promise<RunResult> {
  const today = opts.today;
  const defaultPolicyId = await ensureDefaultPolicy(db);
  const policies = new Map((await listPolicies(db)).map((p) => [p.id, p] as const));
  const storedRates = await db.interestRate.findMany({ select: { kind: true, validFrom: true, rateBp: true, source: true } });
  const rates = mergeRates(storedRates as RatePeriod[]);

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

  const planned: Planned[] = [];
  for (const d of debtors) {
    if (done.has(d.id)) continue;
    const list = invoicesByDebtor.get(d.id);
    if (!list) continue;
    const policy = policies.get(d.dunningPolicyId ?? defaultPolicyId) ?? policies.get(defaultPolicyId);
    const steps = stepsFor(policy?.steps ?? [], list, policy?.remindAfterHandover ?? false);
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
  const result: RunResult = { runDate: today, debtorsConsidered: debtors.length, messages: 0, emails: 0, letters: 0, tasks: 0, skippedToday: done.size, missingRates: [], staleRates: staleRateKinds(rates, today).map((k) => `${k} since ${halfYearStart(today)}`) };
  const missing = new Set<string>();
  const size = opts.batchSize ?? 250;
  for (let b = 0; b * size < planned.length; b++) {
    const batch = planned.slice(b * size, (b + 1) * size);
    const writes = batch.map((p) => buildWrites(p, { opts, rates, reductions, emailOf, now, missing }));
    await db.$transaction(
      async (tx) => {
        const communications = writes.map((w) => ({ id: randomUUID(), ...w.communication }));
        await tx.dunningCommunication.createMany({ data: communications });
        await enqueueEmails(tx, writes.flatMap((w) => (w.email ? [w.email] : [])), opts);
        await createTasks(tx, writes.flatMap((w) => (w.task ? [w.task] : [])));
        const byLevel = new Map<number, string[]>();
        for (const w of writes) for (const m of w.moves) byLevel.set(m.toLevel, [...(byLevel.get(m.toLevel) ?? []), m.invoiceId]);
        for (const [level, ids] of byLevel) {
          for (let i = 0; i < ids.length; i += 500) {
            await tx.invoice.updateMany({ where: { id: { in: ids.slice(i, i + 500) }, dunningLevel: { lt: level } }, data: { dunningLevel: level, lastDunnedOn: today } });
          }
        }
        for (const w of writes) {
          for (const c of w.charges) {
            await tx.invoice.update({
              where: { id: c.invoiceId },
              data: {
                costsOpenCents: { increment: c.costs },
                costsChargedCents: { increment: c.costs },
                ...(c.costsBase !== null ? { costsBaseCents: c.costsBase } : {}),
                interestOpenCents: { increment: c.interest },
                ...(c.interestBookedUntil ? { interestBookedUntil: c.interestBookedUntil } : {}),
              },
            });
          }
        }
        // Last, so the events' numbers are taken just before the batch commits (lib/events/event-feed.ts).
        await recordEvents(tx, communications.map((c, k) => stepSentEvent(c, batch[k]!.debtor.currency)), now);
        if (opts.crashInBatch === b) throw new Error("simulated crash");
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    for (const w of writes) {
      result.messages++;
      if (w.email) result.emails++;
      if (w.communication.channel === "letter") result.letters++;
      if (w.task) result.tasks++;
    }
  }
  result.missingRates = [...missing];
  return result;
}

/** dunning.step_sent: the step as taken (an e-mail is queued in the outbox; a letter is in the run's PDF). */
function stepSentEvent(
  c: { id: string; debtorId: string; level: number; stepCode: string; template: string; channel: string; invoiceNumbers: string; principalCents: bigint; interestCents: bigint; costsCents: bigint; payByDate: string | null; runDate: string },
  currency: string,
): NewEvent {
  const invoiceNumbers = c.invoiceNumbers.split(",").map((n) => n.trim()).filter(Boolean);
  return { type: "dunning.step_sent", debtorId: c.debtorId, data: { communicationId: c.id, level: c.level, stepCode: c.stepCode, template: c.template, channel: c.channel, runDate: c.runDate, invoiceNumbers, currency, principalCents: c.principalCents, interestCents: c.interestCents, costsCents: c.costsCents, payByDate: c.payByDate } };
}

async function principalReductions(db: Db, invoiceIds: string[]): Promise<Map<string, PrincipalReduction[]>> {
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

type Charge = { invoiceId: string; costs: bigint; costsBase: bigint | null; interest: bigint; interestBookedUntil: CalendarDate | null };

function buildWrites(
  p: Planned,
  ctx: { opts: RunOptions; rates: RatePeriod[]; reductions: Map<string, PrincipalReduction[]>; emailOf: Map<string, { email: string; name: string }>; now: Date; missing: Set<string> },
) {
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

/** The letter as sent, with amounts kept exact (bigints tagged, not turned into floats). */
export function serializeLetter(letter: LetterData): string {
  return JSON.stringify(letter, (_k, v: unknown) => (typeof v === "bigint" ? { $cents: v.toString() } : v));
}

export function parseLetter(json: string): LetterData {
  return JSON.parse(json, (_k, v: unknown) => (v && typeof v === "object" && "$cents" in v && typeof v.$cents === "string" ? BigInt(v.$cents) : v)) as LetterData;
}

