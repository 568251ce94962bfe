import type { DbOrTx } from "@/lib/db/client";

export type DueTaskRow = {
  id: string;
  type: string;
  dueAt: string;
  note: string | null;
  debtorId: string;
  debtorName: string;
  customerNumber: string;
  assigneeName: string | null;
};

/** Open tasks due before `until` (oldest first), for one assignee or, with null, the whole team. */
export async function listDueTasks(db: DbOrTx, opts: { assigneeId: string | null; until: Date; take?: number }): Promise<DueTaskRow[]> {
  const rows = await db.task.findMany({
    where: {
      status: "open",
      dueAt: { lt: opts.until },
      ...(opts.assigneeId ? { assigneeId: opts.assigneeId } : {}),
      OR: [{ snoozedUntil: null }, { snoozedUntil: { lt: opts.until } }],
    },
    orderBy: { dueAt: "asc" },
    take: opts.take ?? 100,
    select: {
      id: true,
      type: true,
      dueAt: true,
      note: true,
      debtor: { select: { id: true, name: true, customerNumber: true } },
      assignee: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    dueAt: r.dueAt.toISOString(),
    note: r.note,
    debtorId: r.debtor.id,
    debtorName: r.debtor.name,
    customerNumber: r.debtor.customerNumber,
    assigneeName: r.assignee?.name ?? null,
  }));
}
