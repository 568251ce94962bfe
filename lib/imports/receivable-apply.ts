import type { Actor } from "@/lib/auth/guards";
import { providerOfClient, type Tx } from "@/lib/db/client";
import { insertRows, same, updateRows } from "@/lib/db/bulk-insert";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { recordEvents, type NewEvent } from "@/lib/events/domain-events";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { newId } from "./import-ids";
import type { ImportRequest } from "./import-outcome";
import type { Plan } from "./receivable-plan";

/**
 * Writes a receivables plan inside the caller's transaction: new rows in bulk (lib/db/bulk-insert.ts),
 * changed invoices in bulk updates, one payment per debtor and currency for what was paid outside
 * the workbench, and the balances of the debtors whose invoices changed (only those: the same file
 * twice writes nothing here).
 */
export async function applyPlan(tx: Tx, actor: Actor, req: ImportRequest, plan: Plan, fileDate: CalendarDate, phase: (name: string) => void = () => {}): Promise<void> {
  const touched = new Set<string>();
  const now = new Date();
  const { rows } = plan;
  await insertRows(
    tx, "Debtor",
    {
      id: "text", customerNumber: "text", name: "text", email: "text", phone: "text", street: "text", postalCode: "text", city: "text", country: "text", kvkNumber: "text", iban: "text", paymentTermDays: "int",
      kind: same("text", "b2b"), customerSince: same("text", fileDate), createdAt: same("timestamp", now), updatedAt: same("timestamp", now),
    },
    plan.newDebtors.map(({ id, row }) => [id, row.customerNumber, row.name!, row.email, row.phone, row.street, row.postalCode, row.city, row.country ?? "NL", row.kvkNumber, row.iban, row.paymentTermDays ?? 30]),
  );
  await insertRows(
    tx, "Contact",
    { id: "text", debtorId: "text", name: "text", email: "text", phone: "text", role: same("text", "accounts_payable"), isPrimaryForPayments: same("bool", true), createdAt: same("timestamp", now), updatedAt: same("timestamp", now) },
    plan.newDebtors.filter(({ row }) => row.email || row.phone || row.contactName).map(({ id, row }) => [newId(), id, row.contactName ?? row.name!, row.email, row.phone]),
  );
  for (const u of plan.debtorUpdates) await tx.debtor.update({ where: { id: u.id }, data: u.data });

  const items = rows.items;
  const invoiceIds = plan.newInvoices.map(newId);
  if (items) {
    await insertRows(
      tx, "Invoice",
      { id: "text", debtorId: "text", number: "text", issueDate: "text", dueDate: "text", currency: "text", amountCents: "bigint", openCents: "bigint", description: "text", createdAt: same("timestamp", now), updatedAt: same("timestamp", now) },
      (function* () {
        for (let k = 0; k < plan.newInvoices.length; k++) {
          const i = plan.newInvoices[k]!;
          yield [invoiceIds[k], plan.debtorIdOf.get(rows.customerNumber[i]!), items.invoiceNumber[i], items.issueDate[i], items.dueDate[i], items.currency[i], items.amountCents[i], items.openCents[i], items.description[i]];
        }
      })(),
    );
    for (const i of plan.newInvoices) touched.add(plan.debtorIdOf.get(rows.customerNumber[i]!)!);
  }
  const keys = (kind: string) => ({ id: "text", key: "text", entityId: "text", source: same("text", req.source), kind: same("text", kind), createdAt: same("timestamp", now) }) as const;
  await insertRows(tx, "ExternalKey", keys("debtor"), [...plan.newDebtors.map((d) => [newId(), d.row.customerNumber, d.id]), ...plan.adoptDebtorKeys.map((d) => [newId(), d.key, d.id])]);
  await insertRows(
    tx, "ExternalKey", keys("invoice"),
    (function* () {
      for (let k = 0; k < plan.newInvoices.length; k++) yield [newId(), items!.invoiceNumber[plan.newInvoices[k]!]!, invoiceIds[k]!];
      for (const i of plan.adoptInvoiceKeys) yield [newId(), i.key, i.id];
    })(),
  );

  const amounts = new Map(plan.amountUpdates.map((u) => [u.id, u] as const));
  await updateRows(tx, "Invoice", { id: "text", amountCents: "bigint", openCents: "bigint", updatedAt: same("timestamp", now) }, [...amounts.values()].map((u) => [u.id, u.amountCents, u.openDelta]), ["openCents"]);
  const credits = new Map(plan.creditUpdates.map((u) => [u.id, u] as const));
  await updateRows(tx, "Invoice", { id: "text", openCents: "bigint", updatedAt: same("timestamp", now) }, [...credits.values()].map((u) => [u.id, u.openCents]));
  for (const u of [...plan.amountUpdates, ...plan.creditUpdates]) touched.add(u.debtorId);

  const booked = await bookPaidOutside(tx, actor, req, plan, fileDate, now);
  for (const id of booked.debtorIds) touched.add(id);
  for (const u of plan.debtorUpdates) touched.add(u.id);
  phase("write");

  // PostgreSQL plans the balance updates below from the tables' statistics, which still describe
  // the tables before this import: with many rows just added it picks plans that take minutes
  // (200,000 invoices: ~110 s instead of ~2 s). Analysed inside the transaction, the statistics
  // include its own rows; a rollback drops them with the rest.
  if (providerOfClient(tx) === "postgresql" && plan.newInvoices.length + plan.newDebtors.length >= 10_000) {
    await tx.$executeRawUnsafe(`ANALYZE "Debtor", "Invoice", "ExternalKey"`);
  }
  const list = [...touched];
  for (let i = 0; i < list.length; i += 500) await recomputeDebtorBalances(tx, list.slice(i, i + 500));
  // Last in this long transaction, so the events' numbers are taken just before it commits (lib/events/event-feed.ts).
  await recordEvents(tx, booked.events, now);
  phase("balances");
}

/** Paid outside the workbench: one payment per debtor and currency, principal allocations per invoice. */
async function bookPaidOutside(tx: Tx, actor: Actor, req: ImportRequest, plan: Plan, fileDate: CalendarDate, now: Date): Promise<{ debtorIds: string[]; events: NewEvent[] }> {
  const perDebtor = new Map<string, Plan["paidOutside"]>();
  for (const p of plan.paidOutside) {
    const list = perDebtor.get(p.debtorId);
    if (list) list.push(p);
    else perDebtor.set(p.debtorId, [p]);
  }
  const payments: unknown[][] = [];
  const allocations: unknown[][] = [];
  const decrements = new Map<string, bigint>();
  const events: NewEvent[] = [];
  const reference = `Betaald buiten de workbench volgens ${req.source} (${fileDate})`.slice(0, 140);
  for (const [debtorId, list] of perDebtor) {
    for (const currency of new Set(list.map((p) => p.currency))) {
      const part = list.filter((p) => p.currency === currency);
      const paymentId = newId();
      const amountCents = part.reduce((s, p) => s + p.cents, 0n);
      payments.push([paymentId, debtorId, amountCents, currency]);
      for (const p of part) {
        allocations.push([newId(), paymentId, p.invoiceId, p.cents]);
        decrements.set(p.invoiceId, (decrements.get(p.invoiceId) ?? 0n) - p.cents);
      }
      events.push({ type: "payment.booked", debtorId, data: { paymentId, amountCents, currency, valueDate: fileDate, method: "other", source: "import", allocations: part.map((p) => ({ invoiceId: p.invoiceId, kind: "principal", amountCents: p.cents })), unallocatedCents: 0n } });
    }
  }
  await insertRows(
    tx, "Payment",
    { id: "text", debtorId: "text", amountCents: "bigint", currency: "text", valueDate: same("text", fileDate), method: same("text", "other"), source: same("text", "import"), reference: same("text", reference), createdById: same("text", actor.id), createdAt: same("timestamp", now) },
    payments,
  );
  await insertRows(tx, "PaymentAllocation", { id: "text", paymentId: "text", invoiceId: "text", amountCents: "bigint", kind: same("text", "principal"), createdAt: same("timestamp", now) }, allocations);
  await updateRows(tx, "Invoice", { id: "text", openCents: "bigint", updatedAt: same("timestamp", now) }, [...decrements].map(([id, cents]) => [id, cents]), ["openCents"]);
  return { debtorIds: [...perDebtor.keys()], events };
}
