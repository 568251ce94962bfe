import type { DbOrTx } from "@/lib/db/client";

/** Appends to the audit log; call inside the use case's transaction. */
export async function audit(
  db: DbOrTx,
  entry: { actorId: string | null; action: string; entity: string; entityId: string; data?: Record<string, unknown> },
): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      data: entry.data ? JSON.stringify(entry.data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) : null,
    },
  });
}
