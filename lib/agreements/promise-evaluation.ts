import { addDays, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * Whether a promise or payment plan was kept. Each instalment is judged once its due date plus
 * the grace days has passed: kept when the payments received on the promised invoices since the
 * agreement was made, up to that day, cover all instalments up to and including this one;
 * otherwise broken. Calendar dates only, so DST and month ends cannot shift a verdict.
 */
export type EvalInstalment = { seq: number; dueDate: CalendarDate; amountCents: bigint; status: string };
export type EvalPayment = { valueDate: CalendarDate; cents: bigint };
export type InstalmentVerdict = { seq: number; status: "open" | "kept" | "broken"; paidCents: bigint };
export type AgreementVerdict = { status: "open" | "kept" | "broken"; instalments: InstalmentVerdict[]; changed: boolean };

export function evaluateAgreement(input: { madeOn: CalendarDate; instalments: EvalInstalment[]; payments: EvalPayment[]; today: CalendarDate; graceDays: number }): AgreementVerdict {
  const ordered = [...input.instalments].sort((a, b) => a.seq - b.seq);
  const counted = input.payments.filter((p) => p.valueDate >= input.madeOn);
  let required = 0n;
  let previousPaid = 0n;
  const verdicts: InstalmentVerdict[] = [];
  for (const inst of ordered) {
    required += inst.amountCents;
    const deadline = addDays(inst.dueDate, input.graceDays);
    const paidByDeadline = counted.filter((p) => p.valueDate <= deadline).reduce((s, p) => s + p.cents, 0n);
    // What this instalment received: the cumulative payments beyond the earlier instalments, capped.
    const towardsThis = paidByDeadline - previousPaid;
    const paidCents = towardsThis <= 0n ? 0n : towardsThis > inst.amountCents ? inst.amountCents : towardsThis;
    previousPaid += paidCents;
    // Already judged instalments keep their verdict.
    if (inst.status === "kept" || inst.status === "broken") verdicts.push({ seq: inst.seq, status: inst.status, paidCents });
    else if (input.today > deadline) verdicts.push({ seq: inst.seq, status: paidByDeadline >= required ? "kept" : "broken", paidCents });
    else verdicts.push({ seq: inst.seq, status: "open", paidCents });
  }
  // Paid in full before the dates: kept at once, there is nothing left to watch.
  const total = ordered.reduce((s, i) => s + i.amountCents, 0n);
  const paidSoFar = counted.filter((p) => p.valueDate <= input.today).reduce((s, p) => s + p.cents, 0n);
  if (total > 0n && paidSoFar >= total && !verdicts.some((v) => v.status === "broken")) {
    for (const v of verdicts) {
      v.status = "kept";
      v.paidCents = ordered.find((i) => i.seq === v.seq)!.amountCents;
    }
  }
  const status = verdicts.some((v) => v.status === "broken") ? "broken" : verdicts.every((v) => v.status === "kept") ? "kept" : "open";
  const changed = verdicts.some((v, i) => v.status !== ordered[i]!.status);
  return { status, instalments: verdicts, changed };
}
