import type { DbOrTx } from "@/lib/db/client";

export type StatementRow = { id: string; fileName: string; format: string; createdAt: string; lineCount: number; appliedCount: number; reviewCount: number; importedBy: string | null; complete: boolean };
export type ReviewLineRow = {
  id: string;
  version: number;
  statementFile: string;
  lineNo: number;
  valueDate: string;
  amountCents: string;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  description: string;
  reason: string | null;
  suggestedCustomerNumber: string | null;
  suggestedDebtorName: string | null;
  suggestedInvoiceNumbers: string[];
};

export async function listStatements(db: DbOrTx, take = 10): Promise<StatementRow[]> {
  const rows = await db.bankStatement.findMany({ orderBy: { createdAt: "desc" }, take });
  const users = new Map((await db.user.findMany({ where: { id: { in: rows.map((r) => r.importedById ?? "") } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, format: r.format, createdAt: r.createdAt.toISOString(), lineCount: r.lineCount, appliedCount: r.appliedCount, reviewCount: r.reviewCount, importedBy: r.importedById ? (users.get(r.importedById) ?? null) : null, complete: r.completedAt !== null }));
}

/** Lines waiting for a person, oldest statement first, with the matcher's suggestion. */
export async function listReviewLines(db: DbOrTx, take = 100): Promise<ReviewLineRow[]> {
  const lines = await db.bankLine.findMany({ where: { status: "review" }, orderBy: [{ createdAt: "asc" }, { lineNo: "asc" }], take, include: { statement: { select: { fileName: true } } } });
  const debtorIds = [...new Set(lines.map((l) => l.matchDebtorId).filter((x): x is string => !!x))];
  const invoiceIds = [...new Set(lines.flatMap((l) => (l.matchInvoiceIds ? l.matchInvoiceIds.split(",") : [])))];
  const [debtors, invoices] = await Promise.all([
    db.debtor.findMany({ where: { id: { in: debtorIds } }, select: { id: true, name: true, customerNumber: true } }),
    db.invoice.findMany({ where: { id: { in: invoiceIds } }, select: { id: true, number: true } }),
  ]);
  const d = new Map(debtors.map((x) => [x.id, x]));
  const inv = new Map(invoices.map((x) => [x.id, x.number]));
  return lines.map((l) => ({
    id: l.id,
    version: l.version,
    statementFile: l.statement.fileName,
    lineNo: l.lineNo,
    valueDate: l.valueDate,
    amountCents: l.amountCents.toString(),
    currency: l.currency,
    counterpartyName: l.counterpartyName,
    counterpartyIban: l.counterpartyIban,
    description: l.description,
    reason: l.matchReason,
    suggestedCustomerNumber: l.matchDebtorId ? (d.get(l.matchDebtorId)?.customerNumber ?? null) : null,
    suggestedDebtorName: l.matchDebtorId ? (d.get(l.matchDebtorId)?.name ?? null) : null,
    suggestedInvoiceNumbers: (l.matchInvoiceIds ? l.matchInvoiceIds.split(",") : []).map((id) => inv.get(id)).filter((x): x is string => !!x),
  }));
}

export type StatementLineRow = { lineNo: number; valueDate: string; amountCents: string; counterpartyName: string | null; description: string; status: string; reason: string | null; debtorId: string | null; debtorName: string | null };

export async function listStatementLines(db: DbOrTx, statementId: string): Promise<StatementLineRow[]> {
  const lines = await db.bankLine.findMany({ where: { statementId }, orderBy: { lineNo: "asc" }, take: 1000 });
  const debtors = new Map((await db.debtor.findMany({ where: { id: { in: lines.map((l) => l.matchDebtorId ?? "") } }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  return lines.map((l) => ({ lineNo: l.lineNo, valueDate: l.valueDate, amountCents: l.amountCents.toString(), counterpartyName: l.counterpartyName, description: l.description, status: l.status, reason: l.matchReason, debtorId: l.matchDebtorId, debtorName: l.matchDebtorId ? (debtors.get(l.matchDebtorId) ?? null) : null }));
}
