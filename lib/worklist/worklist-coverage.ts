import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The worklist covers the portfolio, not only the tasks: a debtor whose position needs a
 * controller is on the list even when no task asks for it. These are the rules, as a controller
 * would state them:
 *
 * - overdue_unworked: more than COVERAGE.minOverdueCents overdue, no open agreement, no open
 *   dispute, and nobody has called the debtor (any outcome) for COVERAGE.quietDays days;
 * - insurer_deadline / insurer_deadline_passed: the credit insurer must be told of non-payment
 *   within COVERAGE.insurerWarnDays days, or the term has passed, and it has not been told since
 *   the oldest overdue item fell due;
 * - credit_limit_exceeded: the open balance is above the credit limit;
 * - promise_due_today: an instalment of an open promise or plan falls due today.
 *
 * The position leaves the list by itself when the rule stops holding: the money arrives, an
 * agreement is made, a call is logged, the insurer is told.
 */
export const COVERAGE = {
  minOverdueCents: 100_000n,
  quietDays: 14,
  insurerWarnDays: 14,
} as const;

export const SIGNALS = ["overdue_unworked", "insurer_deadline", "insurer_deadline_passed", "credit_limit_exceeded", "promise_due_today"] as const;
export type WorklistSignal = (typeof SIGNALS)[number];

export type DebtorPosition = {
  overdueCents: bigint;
  oldestOverdueDueDate: CalendarDate | null;
  openCents: bigint;
  creditLimitCents: bigint | null;
  hasOpenAgreement: boolean;
  openDisputeCount: number;
  /** the day of the last logged contact with the debtor (a call, whatever its outcome, or the debtor calling or writing in) */
  lastWorkedOn: CalendarDate | null;
  insurerDeadline: CalendarDate | null;
  insurerNotifiedOn: CalendarDate | null;
  promiseDueToday: boolean;
};

/** Whether the insurer was told of the current overdue episode (on or after its oldest due date). */
export function insurerToldOfCurrentArrears(p: Pick<DebtorPosition, "insurerNotifiedOn" | "oldestOverdueDueDate">): boolean {
  return p.insurerNotifiedOn !== null && p.oldestOverdueDueDate !== null && p.insurerNotifiedOn >= p.oldestOverdueDueDate;
}

export function signalsOf(p: DebtorPosition, today: CalendarDate): WorklistSignal[] {
  const out: WorklistSignal[] = [];
  const quietSince = addDays(today, -COVERAGE.quietDays);
  if (p.overdueCents > COVERAGE.minOverdueCents && !p.hasOpenAgreement && p.openDisputeCount === 0 && (p.lastWorkedOn === null || p.lastWorkedOn <= quietSince)) out.push("overdue_unworked");
  if (p.insurerDeadline && p.overdueCents > 0n && !insurerToldOfCurrentArrears(p)) {
    const left = daysBetween(today, p.insurerDeadline);
    if (left < 0) out.push("insurer_deadline_passed");
    else if (left <= COVERAGE.insurerWarnDays) out.push("insurer_deadline");
  }
  if (p.creditLimitCents !== null && p.openCents > p.creditLimitCents) out.push("credit_limit_exceeded");
  if (p.promiseDueToday) out.push("promise_due_today");
  return out;
}

/**
 * A money-chasing task is moot once nothing is overdue: it leaves the list even before the
 * payment run closes it (a payment booked elsewhere, an import, a credit note).
 */
export function isMootWithoutArrears(kind: string, purpose: string | null = null): boolean {
  return kind === "dunning_call" || kind === "broken_promise" || kind === "handover" || kind === "check_payment" || purpose === "no_answer_retry";
}
