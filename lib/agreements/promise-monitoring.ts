import { nextWorkingDay } from "@/lib/clock/working-days";
import { audit } from "@/lib/audit/audit";
import { closeTasks, createTask } from "@/lib/tasks/tasks";
import type { Db } from "@/lib/db/client";
import { addDays, calendarDateIn, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { recordEvent, type EventData } from "@/lib/events/domain-events";
import { evaluateAgreement, type AgreementVerdict } from "./promise-evaluation";

/**
 * Promise monitoring: open promises and plans whose instalments are past their date plus the
 * grace days are judged against the payments on the promised invoices. Kept: the check-payment
 * tasks are done. Broken: a callback task for the assigned controller today (that is how the
 * controller hears of it) and the remaining check-payment tasks are cancelled. The agreement's
 * version guards every change, so two runs at once or a rerun change nothing twice.
 */
export type MonitorResult = { evaluated: number; kept: number; broken: number };

export async function monitorPromises(db: Db, opts: { today: CalendarDate; graceDays: number; timeZone: string; now?: Date; debtorIds?: string[] }): Promise<MonitorResult> {
  const now = opts.now ?? new Date();
  const result: MonitorResult = { evaluated: 0, kept: 0, broken: 0 };
  const due = await db.agreement.findMany({
    // With debtorIds (after a payment): every open agreement of those debtors, as money may have
    // settled one early; otherwise the ones with an instalment past its date plus the grace days.
    where: opts.debtorIds
      ? { status: "open", debtorId: { in: opts.debtorIds } }
      : { status: "open", instalments: { some: { status: "open", dueDate: { lt: addDays(opts.today, -opts.graceDays) } } } },
    include: { instalments: true, invoices: { select: { invoiceId: true } }, debtor: { select: { assignedControllerId: true } } },
  });
  for (const agreement of due) {
    const allocations = await db.paymentAllocation.findMany({
      // Money the bank reversed never counted: neither the payment nor its reversal.
      where: { invoiceId: { in: agreement.invoices.map((i) => i.invoiceId) }, payment: { reversedAt: null, reversalOfId: null } },
      select: { amountCents: true, payment: { select: { valueDate: true } } },
    });
    const verdict = evaluateAgreement({
      madeOn: calendarDateIn(agreement.createdAt, opts.timeZone),
      instalments: agreement.instalments,
      payments: allocations.map((a) => ({ valueDate: a.payment.valueDate, cents: a.amountCents })),
      today: opts.today,
      graceDays: opts.graceDays,
    });
    result.evaluated++;
    if (!verdict.changed) continue;
    const applied = await db.$transaction(async (tx) => {
      const claimed = await tx.agreement.updateMany({
        where: { id: agreement.id, version: agreement.version, status: "open" },
        data: { status: verdict.status, evaluatedAt: now, version: { increment: 1 } },
      });
      if (claimed.count !== 1) return false;
      for (const v of verdict.instalments) {
        await tx.instalment.updateMany({ where: { agreementId: agreement.id, seq: v.seq }, data: { status: v.status, paidCents: v.paidCents } });
      }
      if (verdict.status === "kept") {
        // Paid in full: nothing is left to approve either (the approval item closes itself).
        await closeTasks(tx, { agreementId: agreement.id, types: ["check_payment", "approval"] }, "done", now);
      } else if (verdict.status === "broken") {
        await closeTasks(tx, { agreementId: agreement.id, types: ["check_payment", "approval"] }, "cancelled", now);
        await createTask(tx, {
          debtorId: agreement.debtorId,
          type: "callback",
          purpose: "broken_promise",
          // Called on the next working morning (today, when today is one).
          dueAt: new Date(startOfDayIn(nextWorkingDay(opts.today), opts.timeZone).getTime() + 9 * 3_600_000),
          assigneeId: agreement.debtor.assignedControllerId ?? agreement.createdById,
          agreementId: agreement.id,
        });
      }
      await audit(tx, { actorId: null, action: `agreement.${verdict.status}`, entity: "agreement", entityId: agreement.id, data: { instalments: verdict.instalments.map((i) => i.status) } });
      if (verdict.status !== "open") await recordEvent(tx, { type: verdict.status === "kept" ? "promise.kept" : "promise.broken", debtorId: agreement.debtorId, data: promiseEventData(agreement, verdict) }, now);
      return true;
    });
    if (!applied) continue;
    if (verdict.status === "kept") result.kept++;
    if (verdict.status === "broken") result.broken++;
  }
  return result;
}

/** What promise.kept / promise.broken carry: the agreement and each instalment's verdict. */
function promiseEventData(
  agreement: { id: string; kind: string; totalCents: bigint; currency: string; instalments: { seq: number; dueDate: string; amountCents: bigint }[] },
  verdict: AgreementVerdict,
): EventData {
  const instalments = verdict.instalments.map((v) => {
    const i = agreement.instalments.find((x) => x.seq === v.seq)!;
    return { seq: v.seq, dueDate: i.dueDate, amountCents: i.amountCents, paidCents: v.paidCents, status: v.status };
  });
  return { agreementId: agreement.id, kind: agreement.kind, totalCents: agreement.totalCents, currency: agreement.currency, paidCents: verdict.instalments.reduce((s, v) => s + v.paidCents, 0n), instalments };
}
