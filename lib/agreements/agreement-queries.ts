import type { DbOrTx } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";

export type OpenAgreementRow = {
  id: string;
  version: number;
  kind: "promise" | "plan";
  totalCents: number;
  currency: string;
  needsApproval: boolean;
  invoiceNumbers: string[];
  instalments: { seq: number; dueDate: CalendarDate; amountCents: number; status: string }[];
};

/** The debtor's open promises and plans, oldest first, with their instalments (to change them). */
export async function listOpenAgreements(db: DbOrTx, debtorId: string): Promise<OpenAgreementRow[]> {
  const agreements = await db.agreement.findMany({
    where: { debtorId, status: "open" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, version: true, kind: true, totalCents: true, currency: true, needsApproval: true },
  });
  // Most debtors have none: then the instalments and invoices are not asked for at all (a
  // nested select would still send its queries, with an empty list of agreements).
  if (agreements.length === 0) return [];
  const ids = agreements.map((a) => a.id);
  const [instalments, links] = await Promise.all([
    db.instalment.findMany({ where: { agreementId: { in: ids } }, orderBy: [{ seq: "asc" }], select: { agreementId: true, seq: true, dueDate: true, amountCents: true, status: true } }),
    db.agreementInvoice.findMany({ where: { agreementId: { in: ids } }, select: { agreementId: true, invoice: { select: { number: true } } } }),
  ]);
  const rows = agreements.map((a) => ({ ...a, instalments: instalments.filter((i) => i.agreementId === a.id), invoices: links.filter((l) => l.agreementId === a.id) }));
  return rows.map((a) => ({
    id: a.id,
    version: a.version,
    kind: a.kind === "plan" ? "plan" : "promise",
    totalCents: Number(a.totalCents),
    currency: a.currency,
    needsApproval: a.needsApproval,
    invoiceNumbers: a.invoices.map((i) => i.invoice.number),
    instalments: a.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountCents: Number(i.amountCents), status: i.status })),
  }));
}
