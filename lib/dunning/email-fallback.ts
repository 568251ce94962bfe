import { audit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { nextWorkingDay } from "@/lib/clock/working-days";
import { addDays, startOfDayIn, type CalendarDate } from "@/lib/format/calendar-date";
import { createTask } from "@/lib/tasks/tasks";

/**
 * A dunning e-mail the mail server refused for good (a 5xx, an unknown mailbox, or two days of
 * temporary failures) was never delivered, so the step is not done by it: the same message goes
 * out as a letter (its data was kept with the step), and the debtor's controller gets a worklist
 * item to print it and to correct the address. Idempotent: a step falls back once (its channel
 * changes from e-mail to letter in the same transaction as the task).
 */
export async function fallBackFailedDunningEmails(db: Db, ctx: { today: CalendarDate; timeZone: string }): Promise<{ fallenBack: number }> {
  // Steps of the last weeks still marked as sent by e-mail (retries give up after two days),
  // whose e-mail the mail server refused for good.
  const since = addDays(ctx.today, -14);
  const emailSteps = await db.dunningCommunication.findMany({ where: { channel: "email", runDate: { gte: since }, idempotencyKey: { not: null } }, select: { id: true, debtorId: true, idempotencyKey: true, debtor: { select: { assignedControllerId: true } } } });
  if (emailSteps.length === 0) return { fallenBack: 0 };
  const failed = await db.emailOutbox.findMany({ where: { kind: "dunning", status: "failed", idempotencyKey: { in: emailSteps.map((s) => s.idempotencyKey!) } }, select: { id: true, idempotencyKey: true, toAddress: true, lastError: true } });
  const steps = emailSteps.filter((s) => failed.some((f) => f.idempotencyKey === s.idempotencyKey));
  let fallenBack = 0;
  for (const step of steps) {
    const email = failed.find((f) => f.idempotencyKey === step.idempotencyKey)!;
    const done = await db.$transaction(async (tx) => {
      const switched = await tx.dunningCommunication.updateMany({ where: { id: step.id, channel: "email" }, data: { channel: "letter" } });
      if (switched.count !== 1) return false;
      await createTask(tx, {
        debtorId: step.debtorId,
        type: "email_failed",
        dueAt: new Date(startOfDayIn(nextWorkingDay(ctx.today), ctx.timeZone).getTime() + 9 * 3_600_000),
        assigneeId: step.debtor.assignedControllerId,
        note: `${email.toAddress}: ${(email.lastError ?? "").slice(0, 160)}`,
      });
      await audit(tx, { actorId: null, action: "dunning.email_failed", entity: "dunningCommunication", entityId: step.id, data: { emailId: email.id, to: email.toAddress, error: email.lastError } });
      return true;
    });
    if (done) fallenBack++;
  }
  return { fallenBack };
}
