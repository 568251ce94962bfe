import type { DbOrTx } from "@/lib/db/client";
import type { LetterData } from "./letter-text";
import { parseLetter } from "./letter-json";

export type RunRow = { id: string; runDate: string; status: string; startedAt: string; finishedAt: string | null; messages: number; emails: number; letters: number; tasks: number; lastError: string | null; failedEmails: number };

export async function listRuns(db: DbOrTx, take = 14): Promise<RunRow[]> {
  const rows = await db.dunningRun.findMany({ orderBy: { runDate: "desc" }, take });
  // E-mails of a run that the mail server refused for good (they went out as letters instead).
  const failed = await db.emailOutbox.findMany({ where: { kind: "dunning", status: "failed", idempotencyKey: { startsWith: "dunning:" } }, select: { idempotencyKey: true } });
  const failedOn = new Map<string, number>();
  for (const f of failed) {
    const date = f.idempotencyKey.split(":").at(-1) ?? "";
    failedOn.set(date, (failedOn.get(date) ?? 0) + 1);
  }
  return rows.map((r) => ({ id: r.id, runDate: r.runDate, status: r.status, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, messages: r.messages, emails: r.emails, letters: r.letters, tasks: r.tasks, lastError: r.lastError, failedEmails: failedOn.get(r.runDate) ?? 0 }));
}

/** Letters as sent, from their stored content, in customer-number order for printing. */
export async function listLetters(db: DbOrTx, where: { id: string } | { runDate: string }): Promise<{ id: string; customerNumber: string; runDate: string; letter: LetterData }[]> {
  const rows = await db.dunningCommunication.findMany({
    where: { ...where, channel: "letter", content: { not: null } },
    select: { id: true, runDate: true, content: true, debtor: { select: { customerNumber: true } } },
    orderBy: { debtor: { customerNumber: "asc" } },
    take: 5000,
  });
  return rows.map((r) => ({ id: r.id, customerNumber: r.debtor.customerNumber, runDate: r.runDate ?? "", letter: parseLetter(r.content!) }));
}

export type DebtorDunningRow = { id: string; sentAt: string; level: number; stepCode: string | null; channel: string; subject: string | null; hasLetter: boolean; principalCents: string; interestCents: string; costsCents: string; payByDate: string | null };

export async function listDebtorDunning(db: DbOrTx, debtorId: string, take = 10): Promise<DebtorDunningRow[]> {
  const rows = await db.dunningCommunication.findMany({ where: { debtorId }, orderBy: { sentAt: "desc" }, take, select: { id: true, sentAt: true, level: true, stepCode: true, channel: true, subject: true, content: true, principalCents: true, interestCents: true, costsCents: true, payByDate: true } });
  return rows.map((r) => ({ id: r.id, sentAt: r.sentAt.toISOString(), level: r.level, stepCode: r.stepCode, channel: r.channel, subject: r.subject, hasLetter: !!r.content && r.channel === "letter", principalCents: r.principalCents.toString(), interestCents: r.interestCents.toString(), costsCents: r.costsCents.toString(), payByDate: r.payByDate }));
}

/**
 * When a debtor's file is with the collection agency (an open invoice reached the hand-over rung)
 * and its policy stops other reminders: the date of the hand-over, to say why nothing else goes out.
 */
export async function findHandoverStop(db: DbOrTx, debtor: { id: string; dunningPolicyId: string | null }): Promise<{ handedOverOn: string } | null> {
  const debtorId = debtor.id;
  const policy = await db.dunningPolicy.findFirst({
    where: debtor.dunningPolicyId ? { id: debtor.dunningPolicyId } : { isDefault: true },
    select: { remindAfterHandover: true, steps: { where: { template: "handover" }, select: { level: true }, orderBy: { level: "asc" }, take: 1 } },
  });
  const level = policy?.steps[0]?.level;
  if (!policy || policy.remindAfterHandover || level === undefined) return null;
  const handedOver = await db.invoice.findFirst({ where: { debtorId, openCents: { gt: 0 }, dunningLevel: { gte: level } }, orderBy: { lastDunnedOn: "asc" }, select: { lastDunnedOn: true } });
  return handedOver ? { handedOverOn: handedOver.lastDunnedOn ?? "" } : null;
}
