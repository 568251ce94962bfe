import { createHash } from "node:crypto";
import { EVENT_TRANSACTION_TIMEOUT_MS } from "@/lib/events/event-feed";
import { canWriteDebtor } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { allocatePayment, type AllocatableInvoice } from "@/lib/payments/allocate-payment";
import { bookPaymentAs } from "@/lib/payments/book-payment";
import { chunked, findDebtors, keysOf } from "./import-keys";
import { addError, addExample, type ImportContext, type ImportOutcome } from "./import-outcome";
import { problem } from "./import-problem";
import { reportDuplicates, type TypedRow } from "./import-table";

/**
 * Payments received, from the package's export: each row is booked once through the payments
 * domain's own booking (costs, then interest, then principal per invoice, art. 6:44 BW; invoices
 * the row names first, then the oldest), so balances, tasks and promises follow as they do for a
 * payment entered by hand. A payment is known by the file's payment or transaction id, else by a
 * checksum of customer, value date, amount, currency and reference plus its occurrence in the
 * file (two equal payments on one day are two payments), remembered per source (ExternalKey kind
 * "payment"): importing the same file again, or a later file that repeats it, books nothing twice.
 * Refunds and reversals (negative amounts) are not imported: they undo a booking and belong in the
 * workbench, where the payment they undo is chosen.
 */
export type PaymentRow = {
  row: number;
  customerNumber: string;
  key: string;
  paymentId?: string;
  amountCents: bigint;
  valueDate: CalendarDate;
  reference?: string;
  invoiceNumbers: string[];
  currency?: string;
};

type ToBook = { row: PaymentRow; debtorId: string; currency: string; preferredInvoiceIds: string[] };
export type PaymentPlan = { toBook: ToBook[] };

/** Payments are booked in short transactions of this many (a long file never holds the write lock for long). */
export const PAYMENT_BATCH = 200;

export function paymentsOf(rows: TypedRow[], today: CalendarDate, outcome: ImportOutcome): PaymentRow[] {
  const out: PaymentRow[] = [];
  const occurrences = new Map<string, number>();
  for (const r of rows) {
    const s = (k: string) => (typeof r.values[k] === "string" ? (r.values[k] as string) : undefined);
    const amountCents = r.values.paidAmount as bigint;
    const valueDate = r.values.valueDate as CalendarDate;
    const customerNumber = s("customerNumber")!;
    if (amountCents < 0n) {
      addError(outcome, r.row, problem("imports.error.negativePayment", { amount: centsText(amountCents) }));
      continue;
    }
    if (amountCents === 0n) {
      addError(outcome, r.row, problem("imports.error.zeroPayment"));
      continue;
    }
    if (valueDate > today) {
      addError(outcome, r.row, problem("imports.error.futurePayment", { date: valueDate }));
      continue;
    }
    const paymentId = s("paymentId");
    const reference = s("reference");
    const currency = s("currency");
    let key: string;
    if (paymentId) key = `id:${paymentId}`;
    else {
      const content = createHash("sha256").update([customerNumber, valueDate, amountCents.toString(), currency ?? "", reference ?? ""].join("\u0001")).digest("hex");
      const n = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, n);
      key = `sum:${n === 1 ? content : createHash("sha256").update(`${content}#${n}`).digest("hex")}`;
    }
    out.push({ row: r.row, customerNumber, key, paymentId, amountCents, valueDate, reference, invoiceNumbers: (r.values.invoiceNumbers as string[] | undefined) ?? [], currency });
  }
  return out;
}

export async function planPayments(db: Db, actor: Actor, source: string, rows: PaymentRow[], outcome: ImportOutcome): Promise<PaymentPlan> {
  const plan: PaymentPlan = { toBook: [] };
  reportDuplicates(rows, (r) => (r.paymentId ? r.key : null), (r, first) => problem("imports.error.duplicatePayment", { payment: r.paymentId!, first: String(first) }), outcome);
  const debtors = await findDebtors(db, source, rows.map((r) => r.customerNumber));
  const booked = await keysOf(db, source, "payment", rows.map((r) => r.key));
  const earlier = new Map((await chunked([...booked.values()], 2_000, (chunk) => db.payment.findMany({ where: { id: { in: chunk } }, select: { id: true, debtorId: true, amountCents: true } }))).map((p) => [p.id, p] as const));

  // Invoice numbers the rows name: this source's key first, else the invoice number itself.
  const numbers = [...new Set(rows.flatMap((r) => r.invoiceNumbers))];
  const invoiceKeys = await keysOf(db, source, "invoice", numbers);
  const select = { id: true, number: true, debtorId: true } as const;
  const byId = new Map((await chunked([...invoiceKeys.values()], 2_000, (chunk) => db.invoice.findMany({ where: { id: { in: chunk } }, select }))).map((i) => [i.id, i] as const));
  const byNumber = new Map((await chunked(numbers.filter((n) => !invoiceKeys.has(n)), 2_000, (chunk) => db.invoice.findMany({ where: { number: { in: chunk } }, select }))).map((i) => [i.number, i] as const));

  for (const r of rows) {
    const debtor = debtors.found.get(r.customerNumber);
    if (debtors.otherSource.has(r.customerNumber)) {
      addError(outcome, r.row, problem("imports.error.otherSourceDebtor", { customer: r.customerNumber }));
      continue;
    }
    if (!debtor) {
      addError(outcome, r.row, problem("imports.error.unknownDebtor", { customer: r.customerNumber }));
      continue;
    }
    const bookedId = booked.get(r.key);
    if (bookedId) {
      const p = earlier.get(bookedId);
      if (p && (p.debtorId !== debtor.id || p.amountCents !== r.amountCents)) addError(outcome, r.row, problem("imports.error.paymentChanged", { payment: r.paymentId ?? r.key }));
      else outcome.payments.unchanged++;
      continue;
    }
    if (!canWriteDebtor(actor, debtor)) {
      addError(outcome, r.row, problem("imports.error.notYourDebtor", { customer: r.customerNumber }));
      continue;
    }
    if (r.currency && r.currency !== debtor.currency) {
      addError(outcome, r.row, problem("imports.error.paymentCurrency", { currency: r.currency, debtorCurrency: debtor.currency }));
      continue;
    }
    const preferred: string[] = [];
    for (const n of r.invoiceNumbers) {
      const keyed = invoiceKeys.get(n);
      const inv = keyed ? byId.get(keyed) : byNumber.get(n);
      if (!inv || inv.debtorId !== debtor.id) addError(outcome, r.row, problem("imports.error.paymentInvoice", { invoice: n, customer: r.customerNumber }));
      else preferred.push(inv.id);
    }
    plan.toBook.push({ row: r, debtorId: debtor.id, currency: debtor.currency, preferredInvoiceIds: preferred });
  }
  if (outcome.errors.length) return plan;

  // Older money first, as it arrived; the same order on every run of the same file.
  plan.toBook.sort((a, b) => (a.row.valueDate === b.row.valueDate ? a.row.row - b.row.row : a.row.valueDate < b.row.valueDate ? -1 : 1));
  await preview(db, plan, outcome);
  return plan;
}

/** What the booking will do, with the same allocation rule, on a copy of the debtors' open items. */
async function preview(db: Db, plan: PaymentPlan, outcome: ImportOutcome): Promise<void> {
  const debtorIds = [...new Set(plan.toBook.map((p) => p.debtorId))];
  const open = await chunked(debtorIds, 1_000, (chunk) =>
    db.invoice.findMany({
      where: { debtorId: { in: chunk }, OR: [{ openCents: { gt: 0 } }, { costsOpenCents: { gt: 0 } }, { interestOpenCents: { gt: 0 } }] },
      select: { id: true, number: true, debtorId: true, dueDate: true, openCents: true, costsOpenCents: true, interestOpenCents: true },
    }),
  );
  const byDebtor = new Map<string, Array<AllocatableInvoice & { number: string }>>();
  for (const i of open) byDebtor.set(i.debtorId, [...(byDebtor.get(i.debtorId) ?? []), { ...i }]);
  const touched = new Set<string>();
  const closed = new Set<string>();
  let bookedCents = 0n;
  let unallocatedCents = 0n;
  for (const p of plan.toBook) {
    const invoices = byDebtor.get(p.debtorId) ?? [];
    const allocation = allocatePayment(p.row.amountCents, invoices, p.preferredInvoiceIds);
    for (const a of allocation.allocations) {
      const inv = invoices.find((i) => i.id === a.invoiceId)!;
      if (a.kind === "costs") inv.costsOpenCents -= a.amountCents;
      else if (a.kind === "interest") inv.interestOpenCents -= a.amountCents;
      else inv.openCents -= a.amountCents;
      touched.add(inv.id);
      if (a.kind === "principal" && inv.openCents === 0n) closed.add(inv.id);
    }
    bookedCents += p.row.amountCents;
    unallocatedCents += allocation.unallocatedCents;
    outcome.payments.created++;
    const settled = allocation.allocations.map((a) => `${a.kind} ${centsText(a.amountCents)} on ${invoices.find((i) => i.id === a.invoiceId)!.number}`);
    addExample(outcome, `payment ${centsText(p.row.amountCents)} from ${p.row.customerNumber} on ${p.row.valueDate}: ${settled.join(", ") || "nothing open"}${allocation.unallocatedCents > 0n ? `; ${centsText(allocation.unallocatedCents)} unallocated` : ""}`);
  }
  outcome.invoices.closed = closed.size;
  outcome.invoices.updated = touched.size - closed.size;
  outcome.payments.bookedCents = bookedCents.toString();
  outcome.payments.unallocatedCents = unallocatedCents.toString();
}

export type BookingResult = { debtorIds: string[] };

/**
 * Books the plan in short transactions. Each payment's key is written in the transaction that
 * books it, and each batch first skips keys already written, so a run that stopped halfway (a
 * crash, a lost connection) is finished by importing the same file again, and two runs of one
 * file at once cannot book a payment twice (the key is unique: the later transaction fails).
 */
export async function bookPayments(db: Db, actor: Actor, source: string, plan: PaymentPlan, ctx: ImportContext, outcome: ImportOutcome): Promise<BookingResult> {
  const debtorIds = new Set<string>();
  const touched = new Set<string>();
  let bookedCents = 0n;
  let unallocatedCents = 0n;
  let created = 0;
  let skipped = 0;
  for (let i = 0; i < plan.toBook.length; i += PAYMENT_BATCH) {
    const batch = plan.toBook.slice(i, i + PAYMENT_BATCH);
    await db.$transaction(
      async (tx) => {
        const done = await keysOf(tx, source, "payment", batch.map((p) => p.row.key));
        for (const p of batch) {
          if (done.has(p.row.key)) {
            skipped++;
            continue;
          }
          const r = p.row;
          const paid = await bookPaymentAs(tx, actor, {
            debtorId: p.debtorId, amountCents: r.amountCents, currency: p.currency, valueDate: r.valueDate, reference: (r.reference ?? (r.paymentId ? `${source} ${r.paymentId}` : null))?.slice(0, 140) ?? null,
            method: "other", source: "import", preferredInvoiceIds: p.preferredInvoiceIds, today: ctx.today, now: ctx.now,
          });
          await tx.externalKey.create({ data: { source, kind: "payment", key: r.key, entityId: paid.paymentId, createdAt: ctx.now } });
          for (const a of paid.allocations) touched.add(a.invoiceId);
          debtorIds.add(p.debtorId);
          bookedCents += r.amountCents;
          unallocatedCents += paid.unallocatedCents;
          created++;
        }
      },
      // Each batch records payment.booked events early in its transaction: it must end within the
      // event feed's settling window (lib/events/event-feed.ts), as every event-writing transaction does.
      { timeout: EVENT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  }
  // What was booked, as it turned out (another user may have booked money on these debtors meanwhile).
  const after = await chunked([...touched], 2_000, (chunk) => db.invoice.findMany({ where: { id: { in: chunk } }, select: { openCents: true } }));
  const closed = after.filter((i) => i.openCents <= 0n).length;
  outcome.invoices.closed = closed;
  outcome.invoices.updated = after.length - closed;
  outcome.payments.created = created;
  outcome.payments.unchanged += skipped;
  outcome.payments.bookedCents = bookedCents.toString();
  outcome.payments.unallocatedCents = unallocatedCents.toString();
  return { debtorIds: [...debtorIds] };
}

function centsText(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
