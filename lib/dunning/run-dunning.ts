import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { enqueueEmails } from "@/lib/email/outbox";
import { recordEvents, type NewEvent } from "@/lib/events/domain-events";
import { createTasks } from "@/lib/tasks/tasks";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { ensureDefaultPolicy } from "./dunning-policy";
import { planDunning, tally, type PlanOptions } from "./plan-dunning";

export type { Creditor } from "./plan-dunning";
export { parseLetter, serializeLetter } from "./letter-json";

/**
 * The daily dunning run. Idempotent: each debtor gets at most one message per run date (unique
 * key `dunning:<debtor>:<date>`), and invoices that moved carry the date, so a second run the same
 * day finds nothing to do. Crash-safe: a debtor's step (message, e-mail, task, invoice levels,
 * charges) is written in one transaction with the rest of its batch; a crash loses at most an
 * uncommitted batch, which the next run redoes. One run at a time: the run row is a lease.
 * What each debtor gets is decided by planDunning (plan-dunning.ts), which the preview uses too.
 */
export type RunOptions = PlanOptions & {
  batchSize?: number;
  /** Test hook: throw inside the transaction of this batch (0-based) to simulate a crash. */
  crashInBatch?: number;
};
export type RunResult = {
  runDate: CalendarDate; debtorsConsidered: number; messages: number; emails: number; letters: number; tasks: number; skippedToday: number;
  /** periods without any rate: no interest was computed for them */
  missingRates: string[];
  /** kinds without a rate for the current half year: the last known rate was used */
  staleRates: string[];
};

const LEASE_MS = 15 * 60_000;

/** A manager's "run now": the same idempotent run, started by someone who may set the policy. */
export async function runDunningAs(db: Db, actor: Actor, opts: Omit<RunOptions, "triggeredBy">): Promise<RunResult> {
  assertCan(actor, "policy:write");
  return runDunning(db, { ...opts, triggeredBy: actor.id });
}

/** The run itself, as the schedule and `npm run dunning:run` start it (no acting user). */
export async function runDunning(db: Db, opts: RunOptions): Promise<RunResult> {
  const now = opts.now ?? new Date();
  const run = await claimRun(db, opts.today, now, opts.triggeredBy);
  try {
    const result = await execute(db, opts, now);
    await db.dunningRun.update({ where: { id: run }, data: { status: "done", finishedAt: new Date(), debtorsConsidered: result.debtorsConsidered, messages: { increment: result.messages }, emails: { increment: result.emails }, letters: { increment: result.letters }, tasks: { increment: result.tasks }, lastError: runLog(result) } });
    await audit(db, { actorId: opts.triggeredBy, action: "dunning.run", entity: "dunningRun", entityId: run, data: { ...result } });
    return result;
  } catch (e) {
    await db.dunningRun.update({ where: { id: run }, data: { status: "failed", finishedAt: new Date(), lastError: e instanceof Error ? e.message.slice(0, 500) : "failed" } });
    throw e;
  }
}

/** What the run's row says besides its counts: rates it lacked, or used from an earlier half year. */
function runLog(r: RunResult): string | null {
  const parts = [...(r.missingRates.length ? [`missing rates: ${r.missingRates.join(", ")}`] : []), ...(r.staleRates.length ? [`no rate entered for ${r.staleRates.join(", ")}; the last known rate was used`] : [])];
  return parts.length ? parts.join("; ") : null;
}

async function claimRun(db: Db, runDate: CalendarDate, now: Date, triggeredBy: string | null): Promise<string> {
  const existing = await db.dunningRun.findUnique({ where: { runDate }, select: { id: true } });
  const id = existing?.id ?? (await db.dunningRun.create({ data: { runDate, status: "idle", triggeredBy } }).catch(async () => db.dunningRun.findUniqueOrThrow({ where: { runDate } }))).id;
  const claimed = await db.dunningRun.updateMany({
    where: { id, OR: [{ status: { not: "running" } }, { startedAt: { lt: new Date(now.getTime() - LEASE_MS) } }] },
    data: { status: "running", startedAt: now, triggeredBy },
  });
  if (claimed.count !== 1) throw new DomainError("conflict", "a dunning run is in progress");
  return id;
}

async function execute(db: Db, opts: RunOptions, now: Date): Promise<RunResult> {
  const today = opts.today;
  await ensureDefaultPolicy(db);
  // Decided now, under the lease: whatever changed since a preview (a payment, a dispute) counts.
  const plan = await planDunning(db, { ...opts, now });
  const result: RunResult = { runDate: today, debtorsConsidered: plan.debtorsConsidered, messages: 0, emails: 0, letters: 0, tasks: 0, skippedToday: plan.skippedToday, missingRates: [], staleRates: plan.staleRates };
  const size = opts.batchSize ?? 250;
  for (let b = 0; b * size < plan.steps.length; b++) {
    const batch = plan.steps.slice(b * size, (b + 1) * size);
    const writes = batch.map((p) => plan.writesOf(p));
    await db.$transaction(
      async (tx) => {
        const communications = writes.map((w) => ({ id: randomUUID(), ...w.communication }));
        await tx.dunningCommunication.createMany({ data: communications });
        await enqueueEmails(tx, writes.flatMap((w) => (w.email ? [w.email] : [])), opts);
        await createTasks(tx, writes.flatMap((w) => (w.task ? [w.task] : [])));
        const byLevel = new Map<number, string[]>();
        for (const w of writes) for (const m of w.moves) byLevel.set(m.toLevel, [...(byLevel.get(m.toLevel) ?? []), m.invoiceId]);
        for (const [level, ids] of byLevel) {
          for (let i = 0; i < ids.length; i += 500) {
            await tx.invoice.updateMany({ where: { id: { in: ids.slice(i, i + 500) }, dunningLevel: { lt: level } }, data: { dunningLevel: level, lastDunnedOn: today } });
          }
        }
        for (const w of writes) {
          for (const c of w.charges) {
            await tx.invoice.update({
              where: { id: c.invoiceId },
              data: {
                costsOpenCents: { increment: c.costs },
                costsChargedCents: { increment: c.costs },
                ...(c.costsBase !== null ? { costsBaseCents: c.costsBase } : {}),
                interestOpenCents: { increment: c.interest },
                ...(c.interestBookedUntil ? { interestBookedUntil: c.interestBookedUntil } : {}),
              },
            });
          }
        }
        // Last, so the events' numbers are taken just before the batch commits (lib/events/event-feed.ts).
        await recordEvents(tx, communications.map((c, k) => stepSentEvent(c, batch[k]!.debtor.currency)), now);
        if (opts.crashInBatch === b) throw new Error("simulated crash");
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    const counted = tally(writes);
    result.messages += counted.messages;
    result.emails += counted.emails;
    result.letters += counted.letters;
    result.tasks += counted.tasks;
  }
  result.missingRates = plan.missingRates();
  return result;
}

/** dunning.step_sent: the step as taken (an e-mail is queued in the outbox; a letter is in the run's PDF). */
function stepSentEvent(
  c: { id: string; debtorId: string; level: number; stepCode: string; template: string; channel: string; invoiceNumbers: string; principalCents: bigint; interestCents: bigint; costsCents: bigint; payByDate: string | null; runDate: string },
  currency: string,
): NewEvent {
  const invoiceNumbers = c.invoiceNumbers.split(",").map((n) => n.trim()).filter(Boolean);
  return { type: "dunning.step_sent", debtorId: c.debtorId, data: { communicationId: c.id, level: c.level, stepCode: c.stepCode, template: c.template, channel: c.channel, runDate: c.runDate, invoiceNumbers, currency, principalCents: c.principalCents, interestCents: c.interestCents, costsCents: c.costsCents, payByDate: c.payByDate } };
}
