import type { DbOrTx } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { DISPUTE_HOLDS } from "./dispute-status";

export type OpenDisputeRow = {
  id: string;
  version: number;
  invoiceId: string;
  invoiceNumber: string;
  status: string;
  reason: string;
  description: string | null;
  disputedCents: number;
  openedOn: CalendarDate;
  resolution: string | null;
};

/** The debtor's disputes that still hold an invoice (open, or waiting for the credit note), oldest first. */
export async function listHoldingDisputes(db: DbOrTx, debtorId: string): Promise<OpenDisputeRow[]> {
  const rows = await db.dispute.findMany({
    where: { debtorId, status: { in: [...DISPUTE_HOLDS] } },
    orderBy: [{ openedOn: "asc" }, { id: "asc" }],
    select: { id: true, version: true, invoiceId: true, status: true, reason: true, description: true, disputedCents: true, openedOn: true, resolution: true },
  });
  // Most debtors have none: then no invoice query at all (a nested select would still send one).
  if (rows.length === 0) return [];
  const invoices = await db.invoice.findMany({ where: { id: { in: [...new Set(rows.map((d) => d.invoiceId))] } }, select: { id: true, number: true } });
  const numberOf = new Map(invoices.map((i) => [i.id, i.number]));
  return rows.map((d) => ({ id: d.id, version: d.version, invoiceId: d.invoiceId, invoiceNumber: numberOf.get(d.invoiceId) ?? "", status: d.status, reason: d.reason, description: d.description, disputedCents: Number(d.disputedCents), openedOn: d.openedOn, resolution: d.resolution }));
}
