import { audit } from "@/lib/audit/audit";
import { assertCanWriteDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvent } from "@/lib/events/domain-events";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { closeTasks } from "@/lib/tasks/tasks";
import type { DisputeStatus } from "./dispute-status";
import type { ResolveDisputeInput } from "./dispute-schemas";

/**
 * A controller decides a dispute, with a reason:
 * - unjustified: closed (resolved_rejected); the invoice is chased again from the next dunning run;
 * - justified: the whole disputed amount will be credited; the dispute keeps holding the invoice
 *   (credit_expected) until the credit note is in ("credit_received" closes it as resolved_credited);
 * - partly: only `acceptedAmount` will be credited; the dispute shrinks to that part and keeps
 *   holding it (credit_expected), the rest is no longer disputed.
 * Only from the version the screen showed. When no dispute of the debtor is open any more, its
 * dispute item leaves the worklist.
 */
export async function resolveDispute(db: Db, actor: Actor, input: ResolveDisputeInput, ctx: { today: CalendarDate; now: Date }): Promise<{ status: DisputeStatus; version: number; debtorId: string }> {
  const dispute = await db.dispute.findUnique({
    where: { id: input.disputeId },
    select: { id: true, status: true, version: true, disputedCents: true, debtorId: true, invoice: { select: { number: true } }, debtor: { select: { id: true, assignedControllerId: true } } },
  });
  if (!dispute) throw new DomainError("not_found");
  assertCanWriteDebtor(actor, dispute.debtor, "calls:write");
  const { status, disputedCents } = decide(dispute.status, dispute.disputedCents, input);
  return db.$transaction(async (tx) => {
    const r = await tx.dispute.updateMany({
      where: { id: dispute.id, version: input.version, status: dispute.status },
      data: { status, disputedCents, resolution: input.reason, resolvedById: actor.id, resolvedOn: ctx.today, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new DomainError("conflict", "dispute changed since the page was loaded");
    await recomputeDebtorBalances(tx, [dispute.debtorId]);
    const stillOpen = await tx.dispute.count({ where: { debtorId: dispute.debtorId, status: "open" } });
    if (stillOpen === 0) await closeTasks(tx, { debtorId: dispute.debtorId, types: ["dispute"] }, "done", ctx.now);
    await audit(tx, { actorId: actor.id, action: "dispute.resolve", entity: "dispute", entityId: dispute.id, data: { decision: input.decision, reason: input.reason, from: dispute.disputedCents, to: disputedCents } });
    await recordEvent(
      tx,
      { type: "dispute.resolved", debtorId: dispute.debtorId, data: { disputeId: dispute.id, invoiceNumber: dispute.invoice.number, decision: input.decision, status, creditExpectedCents: status === "credit_expected" ? disputedCents : 0n, resolvedOn: ctx.today } },
      ctx.now,
    );
    return { status, version: input.version + 1, debtorId: dispute.debtorId };
  });
}

/** The dispute's new status and held amount; a decision that does not fit its state is refused. */
export function decide(current: string, disputedCents: bigint, input: Pick<ResolveDisputeInput, "decision" | "acceptedAmount">): { status: DisputeStatus; disputedCents: bigint } {
  if (input.decision === "credit_received") {
    if (current !== "credit_expected") throw new DomainError("conflict", "no credit note is expected");
    return { status: "resolved_credited", disputedCents };
  }
  if (current !== "open") throw new DomainError("conflict", "dispute already decided");
  if (input.decision === "unjustified") return { status: "resolved_rejected", disputedCents };
  if (input.decision === "justified") return { status: "credit_expected", disputedCents };
  const accepted = input.acceptedAmount ?? 0n;
  if (accepted <= 0n || accepted >= disputedCents) throw new DomainError("invalid", "partly: less than the disputed amount", { acceptedAmount: ["disputes.errors.partlyRange"] });
  return { status: "credit_expected", disputedCents: accepted };
}
