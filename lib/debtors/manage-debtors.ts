import { audit } from "@/lib/audit/audit";
import { assertCan, writableDebtor, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { isCurrencyCode } from "@/lib/imports/values-currencies";
import { parseIban } from "@/lib/imports/values";
import type { CreateContactInput, CreateDebtorInput, UpdateContactInput, UpdateDebtorInput } from "./debtor-schemas";

/**
 * Debtor and contact master data written one record at a time (the REST API; the file import
 * writes in bulk). Debtors are the accounting package's: creating or changing one needs the
 * import permission. Contacts are the controller's daily work: their portfolio rule applies.
 * Each use case takes the database or the caller's transaction, and writes and audits together.
 */

async function checkDebtorFields(db: DbOrTx, input: Partial<CreateDebtorInput>): Promise<{ iban?: string | null }> {
  const errors: Record<string, string[]> = {};
  if (input.currency !== undefined && !isCurrencyCode(input.currency)) errors.currency = ["validation.invalid"];
  let iban: string | null | undefined = input.iban;
  if (input.iban) {
    const r = parseIban(input.iban);
    if (r.ok) iban = r.value;
    else errors.iban = ["validation.invalid"];
  }
  if (input.assignedControllerId) {
    const user = await db.user.findUnique({ where: { id: input.assignedControllerId }, select: { role: true, active: true } });
    if (!user || !user.active || (user.role !== "controller" && user.role !== "manager")) errors.assignedControllerId = ["validation.invalid"];
  }
  if (Object.keys(errors).length) throw new DomainError("invalid", "debtor fields", errors);
  return { iban };
}

export type DebtorRef = { id: string; version: number };

export async function createDebtor(db: DbOrTx, actor: Actor, input: CreateDebtorInput, ctx: { today: CalendarDate }): Promise<DebtorRef> {
  assertCan(actor, "imports:write");
  const { iban } = await checkDebtorFields(db, input);
  return inTransaction(db, async (tx) => {
    if (await tx.debtor.findUnique({ where: { customerNumber: input.customerNumber }, select: { id: true } })) {
      throw new DomainError("duplicate", "customer number taken", { customerNumber: ["validation.duplicateKey"] });
    }
    const { creditLimitCents, customerSince, ...rest } = input;
    const row = await tx.debtor.create({
      data: { ...rest, iban: iban ?? null, creditLimitCents: creditLimitCents ?? null, customerSince: customerSince ?? ctx.today },
      select: { id: true, version: true },
    });
    await audit(tx, { actorId: actor.id, action: "debtor.created", entity: "Debtor", entityId: row.id, data: { customerNumber: input.customerNumber } });
    return row;
  });
}

export async function updateDebtor(db: DbOrTx, actor: Actor, debtorId: string, input: UpdateDebtorInput): Promise<DebtorRef> {
  assertCan(actor, "imports:write");
  const { iban } = await checkDebtorFields(db, input);
  return inTransaction(db, async (tx) => {
    const current = await tx.debtor.findUnique({ where: { id: debtorId }, select: { id: true, version: true } });
    if (!current) throw new DomainError("not_found");
    if (input.version !== undefined && input.version !== current.version) throw new DomainError("conflict", "stale version");
    const { version: _v, ...fields } = input;
    const data = Object.fromEntries(Object.entries({ ...fields, ...(input.iban !== undefined ? { iban } : {}) }).filter(([, v]) => v !== undefined));
    if (Object.keys(data).length === 0) return current;
    // The version condition makes a concurrent change lose cleanly instead of overwriting.
    const done = await tx.debtor.updateMany({ where: { id: debtorId, version: current.version }, data: { ...data, version: { increment: 1 } } });
    if (done.count === 0) throw new DomainError("conflict", "changed meanwhile");
    await audit(tx, { actorId: actor.id, action: "debtor.updated", entity: "Debtor", entityId: debtorId, data: { fields: Object.keys(data) } });
    return { id: debtorId, version: current.version + 1 };
  });
}

export type ContactRef = { id: string; debtorId: string; version: number };

export async function createContact(db: DbOrTx, actor: Actor, input: CreateContactInput): Promise<ContactRef> {
  await writableDebtor(db, actor, input.debtorId);
  return inTransaction(db, async (tx) => {
    const { debtorId, ...fields } = input;
    if (fields.isPrimaryForPayments) await tx.contact.updateMany({ where: { debtorId, isPrimaryForPayments: true }, data: { isPrimaryForPayments: false, version: { increment: 1 } } });
    const row = await tx.contact.create({ data: { debtorId, ...fields, email: fields.email ?? null, phone: fields.phone ?? null, mobile: fields.mobile ?? null, jobTitle: fields.jobTitle ?? null }, select: { id: true, debtorId: true, version: true } });
    await audit(tx, { actorId: actor.id, action: "contact.created", entity: "Contact", entityId: row.id, data: { debtorId } });
    return row;
  });
}

export async function updateContact(db: DbOrTx, actor: Actor, contactId: string, input: UpdateContactInput): Promise<ContactRef> {
  assertCan(actor, "debtors:write");
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { id: true, debtorId: true, version: true } });
  if (!contact) throw new DomainError("not_found");
  await writableDebtor(db, actor, contact.debtorId);
  if (input.version !== undefined && input.version !== contact.version) throw new DomainError("conflict", "stale version");
  return inTransaction(db, async (tx) => {
    const { version: _v, ...fields } = input;
    const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (Object.keys(data).length === 0) return contact;
    if (fields.isPrimaryForPayments) await tx.contact.updateMany({ where: { debtorId: contact.debtorId, isPrimaryForPayments: true, id: { not: contactId } }, data: { isPrimaryForPayments: false, version: { increment: 1 } } });
    const done = await tx.contact.updateMany({ where: { id: contactId, version: contact.version }, data: { ...data, version: { increment: 1 } } });
    if (done.count === 0) throw new DomainError("conflict", "changed meanwhile");
    await audit(tx, { actorId: actor.id, action: "contact.updated", entity: "Contact", entityId: contactId, data: { fields: Object.keys(data) } });
    return { id: contactId, debtorId: contact.debtorId, version: contact.version + 1 };
  });
}

/**
 * A contact who left or was entered twice is removed (only at the version shown, audited with the
 * name). The call history keeps who was spoken to: every call stores the name as said on the phone.
 */
export async function removeContact(db: DbOrTx, actor: Actor, input: { contactId: string; version: number }): Promise<{ debtorId: string }> {
  assertCan(actor, "debtors:write");
  const contact = await db.contact.findUnique({ where: { id: input.contactId }, select: { id: true, debtorId: true, name: true } });
  if (!contact) throw new DomainError("not_found");
  await writableDebtor(db, actor, contact.debtorId);
  return inTransaction(db, async (tx) => {
    const done = await tx.contact.deleteMany({ where: { id: input.contactId, version: input.version } });
    if (done.count === 0) throw new DomainError("conflict", "changed meanwhile");
    await audit(tx, { actorId: actor.id, action: "contact.removed", entity: "Contact", entityId: input.contactId, data: { debtorId: contact.debtorId, name: contact.name } });
    return { debtorId: contact.debtorId };
  });
}
