import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";

/** Unique data per test: every factory call makes new rows that no other test touches. */
const unique = () => randomUUID().replace(/-/g, "").slice(0, 12);

export async function createUser(db: Db, role: Role, overrides: { name?: string; locale?: string; active?: boolean } = {}) {
  const id = `usr_${unique()}`;
  const user = await db.user.create({
    data: { id, name: overrides.name ?? `Test ${role} ${id}`, email: `${id}@example.test`, role, locale: overrides.locale ?? "nl", active: overrides.active ?? true, emailVerified: true },
  });
  return { ...user, role };
}

export async function createDebtor(
  db: Db,
  overrides: Partial<{ name: string; kind: string; assignedControllerId: string | null; creditHold: boolean; city: string }> = {},
) {
  const u = unique();
  return db.debtor.create({
    data: {
      customerNumber: `T${u}`,
      name: overrides.name ?? `Testdebiteur ${u} B.V.`,
      kind: overrides.kind ?? "b2b",
      customerSince: "2024-01-01",
      city: overrides.city ?? "Utrecht",
      assignedControllerId: overrides.assignedControllerId ?? null,
      creditHold: overrides.creditHold ?? false,
    },
  });
}

export async function createInvoice(
  db: Db,
  debtorId: string,
  overrides: { dueDate: string; amountCents: number; openCents?: number; issueDate?: string },
) {
  return db.invoice.create({
    data: {
      debtorId,
      number: `TF-${unique()}`,
      issueDate: overrides.issueDate ?? overrides.dueDate,
      dueDate: overrides.dueDate,
      amountCents: BigInt(overrides.amountCents),
      openCents: BigInt(overrides.openCents ?? overrides.amountCents),
    },
  });
}

export async function createDispute(db: Db, invoice: { id: string; debtorId: string }, disputedCents: number, status = "open") {
  return db.dispute.create({
    data: { debtorId: invoice.debtorId, invoiceId: invoice.id, reason: "goods", disputedCents: BigInt(disputedCents), status, openedOn: "2026-11-01" },
  });
}

export async function createContact(db: Db, debtorId: string, overrides: Partial<{ name: string; email: string | null; phone: string | null; isPrimaryForPayments: boolean }> = {}) {
  const u = unique();
  return db.contact.create({
    data: {
      debtorId,
      name: overrides.name ?? `Contact ${u}`,
      role: "accounts_payable",
      phone: overrides.phone === undefined ? "+31 30 123 4567" : overrides.phone,
      email: overrides.email === undefined ? `ap-${u}@example.test` : overrides.email,
      isPrimaryForPayments: overrides.isPrimaryForPayments ?? true,
    },
  });
}
