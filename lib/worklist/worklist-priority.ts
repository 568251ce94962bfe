import { daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * Which item to work first. The score weighs what a controller weighs: how much is overdue
 * (log scale, so one large debtor does not bury everything), how old the oldest overdue invoice
 * is, a broken promise (the debtor must learn that agreements matter, so it comes back first),
 * an insurer's notification deadline close or passed (missing it costs the cover), and how long
 * the item itself has been waiting. The reasons explain the score on the row.
 */
export type WorklistItemType = "callback" | "broken_promise" | "dunning_call" | "service_call" | "handover" | "dispute" | "approval" | "check_payment" | "email_failed" | "other";
export type PriorityInput = {
  type: WorklistItemType;
  dueOn: CalendarDate;
  overdueCents: bigint;
  oldestOverdueDueDate: CalendarDate | null;
  brokenPromises12m: number;
  insurerDeadline: CalendarDate | null;
  today: CalendarDate;
};
export type PriorityReason = "broken_promise" | "insurer_deadline" | "insurer_deadline_passed" | "large_amount" | "long_overdue" | "waiting";
export type Priority = { score: number; reasons: PriorityReason[] };

const TYPE_WEIGHT: Record<WorklistItemType, number> = {
  broken_promise: 30,
  callback: 25,
  handover: 20,
  dunning_call: 15,
  dispute: 15,
  approval: 20,
  service_call: 10,
  check_payment: 5,
  // A reminder that never arrived: the letter must go out and the address be put right.
  email_failed: 20,
  other: 5,
};

export function worklistPriority(p: PriorityInput): Priority {
  const reasons: PriorityReason[] = [];
  let score = TYPE_WEIGHT[p.type];
  const euros = Number(p.overdueCents / 100n);
  if (euros > 0) score += Math.min(30, Math.log10(euros) * 6);
  if (euros >= 10_000) reasons.push("large_amount");
  const age = p.oldestOverdueDueDate ? Math.max(0, daysBetween(p.oldestOverdueDueDate, p.today)) : 0;
  score += Math.min(20, age / 6);
  if (age >= 60) reasons.push("long_overdue");
  if (p.type === "broken_promise" || p.brokenPromises12m > 0) {
    score += Math.min(15, 8 + p.brokenPromises12m * 3);
    reasons.push("broken_promise");
  }
  if (p.insurerDeadline) {
    const left = daysBetween(p.today, p.insurerDeadline);
    if (left < 0) {
      score += 25;
      reasons.push("insurer_deadline_passed");
    } else if (left <= 14) {
      score += 25 - left;
      reasons.push("insurer_deadline");
    }
  }
  const waiting = Math.max(0, daysBetween(p.dueOn, p.today));
  score += Math.min(10, waiting * 2);
  if (waiting >= 2) reasons.push("waiting");
  return { score: Math.round(score * 10) / 10, reasons };
}
