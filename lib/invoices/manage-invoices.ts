import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { inTransaction } from "@/lib/db/transaction";
import { DomainError } from "@/lib/errors/domain-error";
import type { CreateInvoiceInput, UpdateInvoiceInput } from "./invoice-schemas";

/**
 * Open items written one at a time (the REST API; the file import writes in bulk). They are the
 * accounting package's records, so they need the import permission. A changed amount never
 * forgets money received: open = new amount - principal already paid, and an amount below what
 * was paid is refused. A credit note stays a credit note (the sign cannot flip).
 */
export type InvoiceRef = { id: string; debtorId: string };

export async function createInvoice(db: DbOrTx, actor: Actor, input: CreateInvoiceInput): Promise<InvoiceRef> {
  assertCan(actor, "imports:write");
  return inTransaction(db, async (tx) => {
    const debtor = await tx.debtor.findUnique({ where: { id: input.debtorId }, select: { id: true, currency: true } });
    if (!debtor) throw new DomainError("invalid", "unknown debtor", { debtorId: ["errors.notFound"] });
    const currency = input.currency ?? debtor.currency;
    if (currency !== debtor.currency) throw new DomainError("invalid", "currency", { currency: ["validation.currencyOfDebtor"] });
    if (await tx.invoice.findUnique({ where: { number: input.number }, select: { id: true } })) {
      throw new DomainError("duplicate", "invoice number taken", { number: ["validation.duplicateKey"] });
    }
    const row = await tx.invoice.create({
      data: { debtorId: debtor.id, number: input.number, issueDate: input.issueDate, dueDate: input.dueDate, currency, amountCents: input.amountCents, openCents: input.amountCents, description: input.description ?? null },
      select: { id: true, debtorId: true },
    });
    await recomputeDebtorBalances(tx, [debtor.id]);
    await audit(tx, { actorId: actor.id, action: "invoice.created", entity: "Invoice", entityId: row.id, data: { number: input.number, amountCents: input.amountCents } });
    return row;
  });
}

export async function updateInvoice(db: DbOrTx, actor: Actor, invoiceId: string, input: UpdateInvoiceInput): Promise<InvoiceRef> {
  assertCan(actor, "imports:write");
  return inTransaction(db, async (tx) => {
    const inv = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { id: true, debtorId: true, issueDate: true, amountCents: true, openCents: true, updatedAt: true } });
    if (!inv) throw new DomainError("not_found");
    const data: { dueDate?: string; amountCents?: bigint; openCents?: bigint; description?: string | null } = {};
    if (input.dueDate !== undefined) {
      if (input.dueDate < inv.issueDate) throw new DomainError("invalid", "due before issue", { dueDate: ["validation.dueBeforeIssue"] });
      data.dueDate = input.dueDate;
    }
    if (input.description !== undefined) data.description = input.description;
    if (input.amountCents !== undefined && input.amountCents !== inv.amountCents) {
      if (input.amountCents > 0n !== inv.amountCents > 0n) throw new DomainError("invalid", "sign flip", { amountCents: ["validation.amountSign"] });
      const paid = inv.amountCents - inv.openCents;
      if (inv.amountCents > 0n && input.amountCents < paid) throw new DomainError("invalid", "below paid", { amountCents: ["validation.belowPaid"] });
      data.amountCents = input.amountCents;
      data.openCents = input.amountCents - paid;
    }
    if (Object.keys(data).length === 0) return { id: inv.id, debtorId: inv.debtorId };
    // Conditional on the row as read: a payment booked meanwhile makes this a conflict, not a lost update.
    const done = await tx.invoice.updateMany({ where: { id: inv.id, openCents: inv.openCents, amountCents: inv.amountCents }, data });
    if (done.count === 0) throw new DomainError("conflict", "invoice changed meanwhile");
    await recomputeDebtorBalances(tx, [inv.debtorId]);
    await audit(tx, { actorId: actor.id, action: "invoice.updated", entity: "Invoice", entityId: inv.id, data: { fields: Object.keys(data), amountCents: data.amountCents ?? null } });
    return { id: inv.id, debtorId: inv.debtorId };
  });
}
