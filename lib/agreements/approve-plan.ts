import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { closeTasks, createTask } from "@/lib/tasks/tasks";
import { DomainError } from "@/lib/errors/domain-error";

/**
 * A manager's decision on a plan outside the debtor's negotiation room. Approved: the plan stands
 * as recorded. Rejected: the agreement is cancelled (so dunning resumes on its invoices), its
 * payment checks are cancelled, and the controller who made it gets a callback to tell the debtor.
 */
export async function decidePlan(db: Db, actor: Actor, input: { agreementId: string; version: number; approve: boolean; note: string | null }, ctx: { now: Date }): Promise<{ status: string }> {
  assertCan(actor, "agreements:approve");
  return db.$transaction(async (tx) => {
    const agreement = await tx.agreement.findUnique({ where: { id: input.agreementId }, select: { id: true, debtorId: true, status: true, needsApproval: true, createdById: true, callLogId: true } });
    if (!agreement) throw new DomainError("not_found");
    if (!agreement.needsApproval || agreement.status !== "open") throw new DomainError("conflict", "already decided");
    const claimed = await tx.agreement.updateMany({
      where: { id: agreement.id, version: input.version, needsApproval: true, status: "open" },
      data: input.approve ? { needsApproval: false, approvedById: actor.id, version: { increment: 1 } } : { needsApproval: false, status: "cancelled", version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new DomainError("conflict");
    await closeTasks(tx, { agreementId: agreement.id, types: ["approval"] }, "done", ctx.now);
    if (!input.approve) {
      await closeTasks(tx, { agreementId: agreement.id, types: ["check_payment"] }, "cancelled", ctx.now);
      // The confirmation held for this plan must never go out now.
      if (agreement.callLogId) await tx.emailOutbox.updateMany({ where: { idempotencyKey: `summary:${agreement.callLogId}`, status: "draft" }, data: { status: "cancelled" } });
      await createTask(tx, { debtorId: agreement.debtorId, type: "callback", purpose: "plan_rejected", note: input.note, dueAt: ctx.now, assigneeId: agreement.createdById, agreementId: agreement.id, createdById: actor.id });
    }
    await audit(tx, { actorId: actor.id, action: input.approve ? "agreement.approve" : "agreement.reject", entity: "agreement", entityId: agreement.id, data: { note: input.note } });
    return { status: input.approve ? "open" : "cancelled" };
  });
}
