import { officeHolidays } from "@/lib/clock/working-days";
import { assertCan } from "@/lib/auth/guards";
import { can, canWriteDebtor, type Role } from "@/lib/auth/roles";
import { computeCallGoal, nextLadderStep, type CallGoal, type LadderStep } from "@/lib/calls/call-goal";
import { findOwnDraft, getPaymentBehaviour, listNumbersUsed, listSummaryDrafts, type CallDraft, type SummaryDraft } from "@/lib/calls/call-queries";
import { adviseCallTime, type CallTimeAdvice } from "@/lib/calls/call-time-advice";
import type { OfficeClock } from "@/lib/clock/office-clock";
import type { DbOrTx } from "@/lib/db/client";
import { listPolicyChoices } from "@/lib/dunning/dunning-policy";
import { findHandoverStop, listDebtorDunning, type DebtorDunningRow } from "@/lib/dunning/dunning-queries";
import { daysBetween, type CalendarDate } from "@/lib/format/calendar-date";
import { getOpenPosition, type OpenPosition } from "@/lib/invoices/invoice-queries";
import { listTimeline, type TimelineEntry, type TimelineKind } from "@/lib/timeline/timeline-queries";
import { findDebtor, listContacts, type ContactRow, type DebtorDetail } from "./debtor-queries";
import { insurerDeadline } from "./insurer-deadline";
import type { PaymentBehaviour } from "./payment-behaviour";

export type WorkbenchUser = { id: string; role: Role };
export type InsurerDeadline = { insurer: string; date: CalendarDate; daysLeft: number };
export type NumberUsed = Awaited<ReturnType<typeof listNumbersUsed>>[number];
export type PolicyOption = { id: string; name: string; isDefault: boolean };

/** Everything the debtor workbench shows, with the collection rules already applied. */
export type DebtorWorkbench = {
  today: CalendarDate;
  debtor: DebtorDetail;
  position: OpenPosition;
  contacts: ContactRow[];
  /** what to ask for on the next call */
  goal: CallGoal;
  /** the next rung of the ladder if nothing is agreed */
  consequence: LadderStep;
  /** open amount as a percentage of the credit limit; null without a limit */
  creditUsePct: number | null;
  callTime: CallTimeAdvice;
  /** when the credit insurer must be told of non-payment; null when that does not apply */
  insurer: InsurerDeadline | null;
  behaviour: PaymentBehaviour;
  numbersUsed: NumberUsed[];
  /** the user's own unfinished call on this debtor (only when they may write) */
  callDraft: CallDraft | null;
  summaryDrafts: SummaryDraft[];
  dunning: DebtorDunningRow[];
  /** the file is with the collection agency and the policy stops other reminders */
  handoverStop: { handedOverOn: string } | null;
  /** the ladders to choose from (only when the user may change this debtor's dunning) */
  policies: PolicyOption[];
  canWrite: boolean;
  canRecordPayment: boolean;
};

/** Longer than any id we issue: not a debtor, and not worth a query. */
const MAX_ID_LENGTH = 64;

/** Timeline entries per step on the debtor page: the newest first, older ones on request. */
export const HISTORY_STEP = 20;
/** The most the page shows at once; the whole history is in the export and the API. */
export const HISTORY_MAX = 500;

export type DebtorHistory = { entries: TimelineEntry[]; take: number; more: boolean };

/** How many entries to show for what the page was asked (`?history=`): whole steps, at least one, at most HISTORY_MAX. */
export function historyTake(asked: unknown): number {
  const steps = Math.ceil(Number(asked) / HISTORY_STEP);
  return Number.isFinite(steps) ? Math.min(HISTORY_MAX, Math.max(1, steps) * HISTORY_STEP) : HISTORY_STEP;
}

/**
 * A debtor's shared history (calls, payments, letters, e-mails, notes) as the debtor page shows
 * it: the newest `take` entries (HISTORY_STEP unless asked for more), and whether there are older ones.
 */
export async function getDebtorHistory(db: DbOrTx, user: WorkbenchUser, debtorId: string, opts: { timelineKind?: TimelineKind; take?: number } = {}): Promise<DebtorHistory> {
  assertCan(user, "debtors:read");
  const take = historyTake(opts.take ?? HISTORY_STEP);
  if (debtorId.length > MAX_ID_LENGTH) return { entries: [], take, more: false };
  const rows = await listTimeline(db, debtorId, { kinds: opts.timelineKind ? [opts.timelineKind] : undefined, limit: take + 1 });
  return { entries: rows.slice(0, take), take, more: rows.length > take };
}

/**
 * The debtor workbench of one user: the debtor, their open position (the history is read apart,
 * getDebtorHistory, so the page can stream it in after the rest), what to aim
 * for on a call and what happens otherwise, and what this user may change. Null when there is
 * no such debtor. Every role that may read debtors may read this; `canWrite` says whether the
 * call, dunning and payment forms are offered.
 */
export async function getDebtorWorkbench(
  db: DbOrTx,
  user: WorkbenchUser,
  debtorId: string,
  clock: OfficeClock,
): Promise<DebtorWorkbench | null> {
  if (debtorId.length > MAX_ID_LENGTH) return null;
  const debtor = await findDebtor(db, debtorId);
  if (!debtor) return null;

  const { today } = clock;
  const canWrite = canWriteDebtor(user, debtor);
  const [position, contacts, behaviour, numbersUsed, callDraft, summaryDrafts, dunning, policies, handoverStop] = await Promise.all([
    getOpenPosition(db, debtor.id, today),
    listContacts(db, debtor.id),
    getPaymentBehaviour(db, debtor.id, today),
    listNumbersUsed(db, debtor.id, debtor.timeZone),
    canWrite ? findOwnDraft(db, debtor.id, user.id) : Promise.resolve(null),
    listSummaryDrafts(db, debtor.id, user.id, clock.now),
    listDebtorDunning(db, debtor.id),
    // Only the choice (the ladder page lists steps and debtor counts, which cost a scan of all debtors).
    canWrite ? listPolicyChoices(db) : Promise.resolve([]),
    findHandoverStop(db, debtor),
  ]);

  const kind = debtor.kind === "consumer" ? "consumer" : "b2b";
  const primary = contacts.find((c) => c.isPrimaryForPayments) ?? contacts[0];
  return {
    today,
    debtor,
    position,
    contacts,
    goal: computeCallGoal({
      today,
      kind,
      invoices: position.invoices.map((i) => ({ id: i.id, number: i.number, dueDate: i.dueDate, openCents: BigInt(i.openCents), disputedCents: BigInt(i.disputedCents) })),
    }),
    consequence: nextLadderStep(highestOverdueLevel(position), kind),
    creditUsePct: debtor.creditLimitCents ? Math.round((position.openCents / debtor.creditLimitCents) * 100) : null,
    callTime: adviseCallTime(clock.now, { timeZone: debtor.timeZone, preferred: primary?.preferredCallTimes ?? [], isHoliday: officeHolidays(debtor.country) }),
    insurer: insurerNotice(debtor, position, today),
    behaviour,
    numbersUsed,
    callDraft,
    summaryDrafts,
    dunning,
    handoverStop,
    policies: policies.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault })),
    canWrite,
    canRecordPayment: canWrite && can(user.role, "payments:write"),
  };
}

/** The dunning level reached on the overdue invoices (0 when none is overdue). */
function highestOverdueLevel(position: OpenPosition): number {
  return Math.max(0, ...position.invoices.filter((i) => i.daysOverdue > 0).map((i) => i.dunningLevel));
}

function insurerNotice(debtor: DebtorDetail, position: OpenPosition, today: CalendarDate): InsurerDeadline | null {
  const oldestOverdue = position.oldest && position.oldest.daysOverdue > 0 ? position.oldest.dueDate : null;
  const date = insurerDeadline(debtor, oldestOverdue);
  // Without the insurer's name there is nobody to name in the reminder.
  if (!date || !debtor.insurer) return null;
  return { insurer: debtor.insurer, date, daysLeft: daysBetween(today, date) };
}
