import { addDays, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The goal of a call, set before dialling: the overdue amount minus what is disputed, paid within
 * 7 days (business) or 14 days (consumers, matching the 14-day letter), by bank transfer.
 */
export type GoalInvoice = { id: string; number: string; dueDate: CalendarDate; openCents: bigint; disputedCents: bigint };
export type CallGoal = {
  amountCents: bigint;
  overdueCents: bigint;
  disputedCents: bigint;
  /** overdue invoices with an undisputed remainder, oldest due first */
  invoiceIds: string[];
  payBy: CalendarDate;
  payWithinDays: 7 | 14;
  method: "bank_transfer";
};

export function computeCallGoal(input: { today: CalendarDate; kind: "b2b" | "consumer"; invoices: GoalInvoice[]; payWithinDays?: 7 | 14 }): CallGoal {
  // Overdue: past the due date (not on it) with something still open; oldest first.
  const overdue = input.invoices.filter((i) => i.dueDate < input.today && i.openCents > 0n).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  let overdueCents = 0n;
  let disputedCents = 0n;
  const invoiceIds: string[] = [];
  for (const i of overdue) {
    // A dispute counts for between nothing and what is still open on the invoice.
    const disputed = i.disputedCents <= 0n ? 0n : i.disputedCents < i.openCents ? i.disputedCents : i.openCents;
    overdueCents += i.openCents;
    disputedCents += disputed;
    if (i.openCents - disputed > 0n) invoiceIds.push(i.id);
  }
  const payWithinDays = input.payWithinDays ?? (input.kind === "consumer" ? 14 : 7);
  return {
    amountCents: overdueCents - disputedCents,
    overdueCents,
    disputedCents,
    invoiceIds,
    payBy: addDays(input.today, payWithinDays),
    payWithinDays,
    method: "bank_transfer",
  };
}

export type LadderStep = "reminder" | "formal_reminder" | "notice_of_default" | "fourteen_day_letter" | "handover";

/** The next rung of the Dutch collection ladder after the highest level reached. */
export function nextLadderStep(currentLevel: number, kind: "b2b" | "consumer"): LadderStep {
  if (currentLevel <= 0) return "reminder";
  if (currentLevel === 1) return "formal_reminder";
  if (currentLevel === 2) return kind === "consumer" ? "fourteen_day_letter" : "notice_of_default";
  return "handover";
}
