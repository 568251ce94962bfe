import { nextWorkingDay } from "@/lib/clock/working-days";
import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";
import { fourteenDayDeadline, letterDate, presumedReceipt } from "./fourteen-day-term";

/**
 * The dunning ladder and the one rule that moves an invoice up it. Each step has a day offset
 * from the due date (negative: before it, for a service call), a channel and conditions. An
 * invoice climbs one rung per run and not within MIN_DAYS_BETWEEN_STEPS of its previous rung,
 * so a debtor first seen 60 days late still gets a reminder before a notice of default.
 * Disputed invoices and invoices under an open promise or plan are not pushed up the ladder.
 * A debtor gets one consolidated message at the highest rung any of its invoices reached.
 */
export const CHANNELS = ["email", "letter", "call_task", "handover"] as const;
export type Channel = (typeof CHANNELS)[number];

export const TEMPLATES = ["service_call", "reminder", "formal_reminder", "notice_of_default", "fourteen_day_letter", "handover"] as const;
export type Template = (typeof TEMPLATES)[number];
export const SEGMENTS = ["all", "b2b", "consumer"] as const;
export type Segment = (typeof SEGMENTS)[number];

export type LadderStep = {
  level: number;
  code: string;
  offsetDays: number;
  channel: Channel;
  template: Template;
  /** With onlyNewCustomers also set, either condition is enough ("large or new customer"). */
  minAmountCents: bigint | null;
  onlyNewCustomers: boolean;
  segment: Segment;
  /** Books the collection costs and interest on the invoices (only after a 14-day letter's deadline for consumers). */
  chargesCosts: boolean;
  payWithinDays: number;
};

export const MIN_DAYS_BETWEEN_STEPS = 7;
export const NEW_CUSTOMER_DAYS = 365;
/** A letter is taken to arrive two days after the run; an e-mail the same day. */

/** The Dutch default ladder (see DOMAIN: invoice → service call → reminder → call → aanmaning → ingebrekestelling / 14-dagenbrief → incasso). */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  { level: 1, code: "service_call", offsetDays: -5, channel: "call_task", template: "service_call", minAmountCents: 500_000n, onlyNewCustomers: true, segment: "all", chargesCosts: false, payWithinDays: 0 },
  { level: 2, code: "reminder", offsetDays: 7, channel: "email", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 },
  { level: 3, code: "call", offsetDays: 14, channel: "call_task", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 0 },
  { level: 4, code: "formal_reminder", offsetDays: 28, channel: "letter", template: "formal_reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 },
  { level: 5, code: "notice_of_default", offsetDays: 42, channel: "letter", template: "notice_of_default", minAmountCents: null, onlyNewCustomers: false, segment: "b2b", chargesCosts: false, payWithinDays: 14 },
  { level: 6, code: "fourteen_day_letter", offsetDays: 42, channel: "letter", template: "fourteen_day_letter", minAmountCents: null, onlyNewCustomers: false, segment: "consumer", chargesCosts: false, payWithinDays: 14 },
  { level: 7, code: "handover", offsetDays: 63, channel: "handover", template: "handover", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: true, payWithinDays: 0 },
];

export type LadderDebtor = { kind: "b2b" | "consumer"; customerSince: CalendarDate; isPaused: boolean; hasEmail: boolean };
export type LadderInvoice = {
  id: string;
  dueDate: CalendarDate;
  openCents: bigint;
  dunningLevel: number;
  lastDunnedOn: CalendarDate | null;
  isDisputed: boolean;
  isUnderAgreement: boolean;
};
export type InvoiceMove = { invoiceId: string; toLevel: number };
export type DunningDecision = {
  step: LadderStep;
  channel: Channel;
  moves: InvoiceMove[];
  /** Overdue invoices the message lists (all eligible overdue ones, not only those that moved). */
  coveredInvoiceIds: string[];
  /** the date the message carries and goes out: the run's day, or the next working day */
  sendOn: CalendarDate;
  payByDate: CalendarDate;
};

export function stepApplies(step: LadderStep, debtor: LadderDebtor, invoice: LadderInvoice, today: CalendarDate): boolean {
  if (step.segment !== "all" && step.segment !== debtor.kind) return false;
  const isNew = daysBetween(debtor.customerSince, today) < NEW_CUSTOMER_DAYS;
  const isLarge = step.minAmountCents !== null && invoice.openCents >= step.minAmountCents;
  if (step.minAmountCents !== null && step.onlyNewCustomers) return isLarge || isNew;
  if (step.minAmountCents !== null) return isLarge;
  if (step.onlyNewCustomers) return isNew;
  return true;
}

/** The next rung for one invoice today, or null. */
export function nextStepFor(steps: readonly LadderStep[], debtor: LadderDebtor, invoice: LadderInvoice, today: CalendarDate, opts: { consumerDefaultPassed: boolean }): LadderStep | null {
  if (invoice.openCents <= 0n || invoice.isDisputed || invoice.isUnderAgreement) return null;
  if (invoice.lastDunnedOn && daysBetween(invoice.lastDunnedOn, today) < MIN_DAYS_BETWEEN_STEPS) return null;
  const daysOverdue = daysBetween(invoice.dueDate, today);
  const ordered = [...steps].sort((a, b) => a.level - b.level);
  for (const step of ordered) {
    if (step.level <= invoice.dunningLevel) continue;
    // A step before the due date only makes sense while the invoice is not yet due.
    if (step.offsetDays < 0 && daysOverdue >= 0) continue;
    if (!stepApplies(step, debtor, invoice, today)) continue;
    if (daysOverdue < step.offsetDays) return null;
    // Consumers may only be charged costs after a 14-day letter's period has passed (art. 6:96 lid 6 BW).
    if (step.chargesCosts && debtor.kind === "consumer" && !opts.consumerDefaultPassed) return null;
    return step;
  }
  return null;
}

export function decideDunning(steps: readonly LadderStep[], debtor: LadderDebtor, invoices: readonly LadderInvoice[], today: CalendarDate, opts: { consumerDefaultPassed: boolean }): DunningDecision | null {
  if (debtor.isPaused) return null;
  const moves: { invoiceId: string; step: LadderStep }[] = [];
  for (const inv of invoices) {
    const step = nextStepFor(steps, debtor, inv, today, opts);
    if (step) moves.push({ invoiceId: inv.id, step });
  }
  if (moves.length === 0) return null;
  const top = moves.reduce((a, m) => (m.step.level > a.step.level ? m : a)).step;
  const covered = invoices.filter((i) => i.openCents > 0n && !i.isDisputed && !i.isUnderAgreement && (top.offsetDays < 0 ? moves.some((m) => m.invoiceId === i.id) : daysBetween(i.dueDate, today) > 0));
  // Without an e-mail address a written step goes by post.
  const channel: Channel = top.channel === "email" && !debtor.hasEmail ? "letter" : top.channel;
  // Nothing is dated on a weekend or public holiday: it goes out on the next working day. A pay-by
  // date is never a weekend or holiday either; a 14-day letter's last day follows the law exactly.
  const sendOn = letterDate(today);
  const written = channel === "letter" || channel === "handover";
  const payByDate =
    top.template === "fourteen_day_letter"
      ? fourteenDayDeadline(sendOn).lastDay
      : nextWorkingDay(addDays(written ? presumedReceipt(sendOn) : sendOn, top.payWithinDays));
  return {
    step: top,
    channel,
    moves: moves.map((m) => ({ invoiceId: m.invoiceId, toLevel: m.step.level })),
    coveredInvoiceIds: covered.map((i) => i.id),
    sendOn,
    payByDate,
  };
}
