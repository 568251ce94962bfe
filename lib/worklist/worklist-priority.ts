import { daysBetween, type CalendarDate } from "@/lib/format/calendar-date";
import type { WorklistSignal } from "./worklist-coverage";

/**
 * Which debtor to work first. The score weighs what a controller weighs: the most pressing item
 * on the debtor (a broken promise comes back first: the debtor must learn that agreements
 * matter), how much is overdue (log scale, so one large debtor does not bury everything), how old
 * the oldest overdue invoice is, broken promises in the last year, an insurer's notification
 * deadline close or passed (missing it costs the cover), and how long the oldest item has been
 * waiting. Every part is returned with its points, so the row can say what adds how much.
 */
export type WorklistItemType = "callback" | "broken_promise" | "dunning_call" | "service_call" | "handover" | "dispute" | "approval" | "check_payment" | "email_failed" | "other";
export type WorklistItemKind = WorklistItemType | WorklistSignal;

export type PriorityInput = {
  /** the row's items: its tasks' kinds and the position's signals */
  kinds: WorklistItemKind[];
  /** the due day of the oldest item (today for a position without a task) */
  waitingSince: CalendarDate;
  overdueCents: bigint;
  oldestOverdueDueDate: CalendarDate | null;
  brokenPromises12m: number;
  /** the insurer's deadline, when the insurer has not been told yet */
  insurerDeadline: CalendarDate | null;
  today: CalendarDate;
};
export type PriorityPartKey = "item" | "more_items" | "amount" | "age" | "broken_promises" | "insurer_deadline" | "insurer_deadline_passed" | "waiting";
export type PriorityPart = { key: PriorityPartKey; points: number };
export type Priority = { score: number; parts: PriorityPart[]; top: WorklistItemKind | null };

export const KIND_WEIGHT: Record<WorklistItemKind, number> = {
  broken_promise: 30,
  callback: 25,
  handover: 20,
  approval: 20,
  // A reminder that never arrived: the letter must go out and the address be put right.
  email_failed: 20,
  dunning_call: 15,
  dispute: 15,
  overdue_unworked: 15,
  credit_limit_exceeded: 15,
  service_call: 10,
  promise_due_today: 10,
  insurer_deadline: 10,
  insurer_deadline_passed: 10,
  check_payment: 5,
  other: 5,
};

const round1 = (n: number) => Math.round(n * 10) / 10;

export function worklistPriority(p: PriorityInput): Priority {
  const parts: PriorityPart[] = [];
  const add = (key: PriorityPartKey, points: number) => {
    if (points > 0) parts.push({ key, points: round1(points) });
  };
  const kinds = [...new Set(p.kinds)].sort((a, b) => KIND_WEIGHT[b] - KIND_WEIGHT[a]);
  const top = kinds[0] ?? null;
  add("item", top ? KIND_WEIGHT[top] : 0);
  add("more_items", Math.min(9, 3 * Math.max(0, kinds.length - 1)));
  const euros = Number(p.overdueCents / 100n);
  if (euros >= 1) add("amount", Math.min(30, Math.log10(euros) * 6));
  const age = p.oldestOverdueDueDate ? Math.max(0, daysBetween(p.oldestOverdueDueDate, p.today)) : 0;
  add("age", Math.min(20, age / 6));
  if (kinds.includes("broken_promise") || p.brokenPromises12m > 0) add("broken_promises", Math.min(15, 8 + p.brokenPromises12m * 3));
  if (p.insurerDeadline) {
    const left = daysBetween(p.today, p.insurerDeadline);
    if (left < 0) add("insurer_deadline_passed", 25);
    else if (left <= 14) add("insurer_deadline", 25 - left);
  }
  add("waiting", Math.min(10, Math.max(0, daysBetween(p.waitingSince, p.today)) * 2));
  return { score: round1(parts.reduce((s, x) => s + x.points, 0)), parts, top };
}
