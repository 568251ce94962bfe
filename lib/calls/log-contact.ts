import { audit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { assertContactOfDebtor, writableCallDebtor, type Actor } from "./call-drafts";
import type { LogContactInput } from "./call-schemas";
import { isUniqueViolation } from "@/lib/db/transaction";

/**
 * Contact outside a call made from the workbench: an internal note ("spoke to sales: credit note
 * on its way"), the debtor calling in, an e-mail in or out. It lands on the shared timeline like a
 * call; everything but a note counts as contact with the debtor (the worklist's "no contact for 14
 * days" rule). Logged once per idempotency key: a repeated submit (a lost reply) gets the same
 * entry back.
 */
export async function logContact(db: Db, actor: Actor, input: LogContactInput, ctx: { now: Date }): Promise<{ callId: string; replayed: boolean }> {
  await writableCallDebtor(db, actor, input.debtorId);
  const existing = await db.callLog.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, authorId: true, debtorId: true } });
  if (existing) {
    if (existing.authorId !== actor.id || existing.debtorId !== input.debtorId) throw new DomainError("conflict", "key reused");
    return { callId: existing.id, replayed: true };
  }
  const contact = input.contactId ? await assertContactOfDebtor(db, input.debtorId, input.contactId) : null;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.callLog.create({
        data: {
          debtorId: input.debtorId,
          authorId: actor.id,
          channel: input.kind,
          status: "final",
          outcome: input.kind === "note" ? null : "reached",
          contactId: contact?.id ?? null,
          spokeWith: input.spokeWith ?? contact?.name ?? null,
          reasonCategory: input.reasonCategory ?? null,
          notes: input.text,
          startedAt: ctx.now,
          endedAt: ctx.now,
          idempotencyKey: input.idempotencyKey,
        },
        select: { id: true },
      });
      await audit(tx, { actorId: actor.id, action: "contact.log", entity: "call", entityId: row.id, data: { kind: input.kind } });
      return { callId: row.id, replayed: false };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const again = await db.callLog.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    return { callId: again.id, replayed: true };
  }
}
