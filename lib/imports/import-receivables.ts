import { createHash, randomUUID } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { recordEvents, type NewEvent } from "@/lib/events/domain-events";
import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { insertRows } from "@/lib/db/bulk-insert";
import { settlePromises } from "@/lib/payments/payment-use-cases";
import { applyContacts, contactOf, planContacts, type ContactRow } from "./import-contacts";
import { SOURCE_NAME } from "./import-fields";
import { chunked, keysOf } from "./import-keys";
import { addError, addExample, emptyOutcome, rowError, zeroCounts, type ImportContext, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { bookPayments, paymentsOf, planPayments, type PaymentPlan } from "./import-payments";
import { problem } from "./import-problem";
import { readTableRows, reportDuplicates, type TypedRow } from "./import-table";
import { readEInvoices } from "./ubl";

export type { ImportContext, ImportCounts, ImportOutcome, ImportRequest, RowError } from "./import-outcome";

type DebtorRow = { row: number; customerNumber: string; name?: string; email?: string; phone?: string; contactName?: string; street?: string; postalCode?: string; city?: string; country?: string; kvkNumber?: string; iban?: string; paymentTermDays?: number };
type ItemRow = DebtorRow & { invoiceNumber: string; issueDate: CalendarDate; dueDate: CalendarDate; amountCents: bigint; openCents: bigint; currency: string; description?: string; creditNote: boolean };

/**
 * Loading a company's own receivables from an accounting package's export (or a spreadsheet), and
 * refreshing them every day. Keys are the source's own (customer number, invoice number), kept
 * per source in ExternalKey, so the same file twice changes nothing and a newer file:
 * - creates the debtors and invoices it has that the workbench does not;
 * - updates names, contact data and amounts that changed;
 * - closes invoices of this source that are no longer open, as paid outside the workbench on the
 *   file's date (a principal-only payment: costs and interest booked in the workbench stay);
 * - imports credit notes as open items with negative amounts, and closes them (nothing left to
 *   net) when the books no longer list them;
 * - never deletes anything: calls, agreements, disputes, tasks and dunning history stay linked.
 * A file is checked whole first: one bad row and nothing is written (all or nothing), and the
 * answer lists every bad row by its number. A dry run answers the same plan and writes nothing
 * but its line in the import history. Contacts (import-contacts.ts) and payments received
 * (import-payments.ts) go through the same steps, keyed the same way; payments, once the whole
 * file is found good, are booked in short transactions that a re-run completes without repeats.
 */
const T0 = { t: performance.now() };
const T = (l: string) => { const m = process.memoryUsage(); console.error(`  [phase] ${l.padEnd(20)} ${((performance.now() - T0.t) / 1000).toFixed(2)} s heap ${(m.heapUsed / 2 ** 20).toFixed(0)} rss ${(m.rss / 2 ** 20).toFixed(0)}`); T0.t = performance.now(); };
export async function importReceivables(db: Db, actor: Actor, req: ImportRequest, ctx: ImportContext): Promise<ImportOutcome> {
  assertCan(actor, "imports:write");
  // Booking money is a payments right too (a manager and an admin have both).
  if (req.kind === "payments") assertCan(actor, "payments:write");
  if (!SOURCE_NAME.test(req.source)) throw new DomainError("invalid", "source", { source: ["imports.errors.source"] });
  const fileDate = req.fileDate ?? ctx.today;
  if (fileDate > ctx.today) throw new DomainError("invalid", "file date in the future", { fileDate: ["imports.errors.futureDate"] });
  const checksum = createHash("sha256").update(req.bytes).digest("hex");

  const outcome = emptyOutcome();
  const finish = async (status: ImportOutcome["status"], tx: Db | Tx = db) => {
    outcome.status = status;
    // In the file's order, whichever check found them.
    outcome.errors.sort((a, b) => a.row - b.row);
    const { debtors: d, invoices: i, contacts: c, payments: p } = outcome;
    const counts = status === "refused" ? zeroCounts() : { created: d.created + i.created + c.created + p.created, updated: d.updated + i.updated + c.updated, closed: i.closed, unchanged: d.unchanged + i.unchanged + c.unchanged + p.unchanged };
    const run = await tx.importRun.create({
      data: {
        source: req.source, kind: req.kind, fileName: req.fileName.slice(0, 200), checksum, fileDate, status, rows: outcome.rows, ...counts, errorCount: outcome.errors.length, actorId: actor.id,
        details: JSON.stringify({ debtors: d, invoices: i, contacts: c, payments: p, errors: outcome.errors.slice(0, 50), mapping: outcome.mapping }),
      },
      select: { id: true },
    });
    outcome.runId = run.id;
    return outcome;
  };
  // The history line, the remembered mapping and the audit entry, with the last of the writes.
  const commit = async (tx: Tx) => {
    await tx.importMapping.upsert({ where: { source_kind: { source: req.source, kind: req.kind } }, create: { source: req.source, kind: req.kind, mapping: JSON.stringify(outcome.mapping) }, update: { mapping: JSON.stringify(outcome.mapping) } });
    const done = await finish("applied", tx);
    const { debtors, invoices, contacts, payments } = done;
    await audit(tx, { actorId: actor.id, action: "import.applied", entity: "importRun", entityId: done.runId, data: { source: req.source, kind: req.kind, checksum, debtors, invoices, contacts, payments } });
    return done;
  };

  // 1-3. The file, its mapping, every row typed (the raw table is let go once typed).
  T("start");
  const parsed = req.kind === "e_invoices" ? readEInvoiceRows(req, outcome) : await readTableRows(db, req, outcome);
  if (!parsed) return finish("refused");

  if (req.kind === "contacts") {
    const rows = (parsed as TypedRow[]).map((r) => contactOf(r, outcome)).filter((r): r is ContactRow => r !== null);
    const plan = await planContacts(db, req.source, rows, outcome);
    if (outcome.errors.length) return finish("refused");
    if (req.dryRun) return finish("dry_run");
    return db.$transaction(
      async (tx) => {
        await applyContacts(tx, req.source, plan, ctx.now);
        return commit(tx);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  if (req.kind === "payments") {
    const rows = paymentsOf(parsed as TypedRow[], ctx.today, outcome);
    const plan: PaymentPlan = await planPayments(db, actor, req.source, rows, outcome);
    if (outcome.errors.length) return finish("refused");
    if (req.dryRun) return finish("dry_run");
    // Checked whole, then booked in short transactions (see bookPayments): a re-run finishes an interrupted one.
    const booked = await bookPayments(db, actor, req.source, plan, ctx, outcome);
    const done = await db.$transaction((tx) => commit(tx), { timeout: 60_000, maxWait: 10_000 });
    await settlePromises(db, booked.debtorIds, { today: ctx.today, now: ctx.now, timeZone: ctx.timeZone ?? "Europe/Amsterdam", graceDays: ctx.graceDays ?? 2 });
    return done;
  }

  T("read+typed");
  // 4. The plan against what the workbench holds.
  const items = req.kind === "e_invoices" ? (parsed as ItemRow[]) : receivableRows(parsed as TypedRow[], req.kind === "debtors", outcome);
  T("rows");
  const plan = outcome.errors.length ? null : await makePlan(db, req, items, fileDate, outcome);
  T("plan");
  if (!plan || outcome.errors.length) return finish("refused");
  if (req.dryRun) return finish("dry_run");

  // 5. All of it, or none of it.
  return db.$transaction(
    async (tx) => {
      await applyPlan(tx, actor, req, plan, fileDate);
      T("apply");
      const r = await commit(tx);
      T("commit");
      return r;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

/**
 * UBL 2.1 / Peppol BIS 3.0 / NLCIUS invoices and credit notes (one XML or a zip of many): each is
 * a new open item for its buyer. The buyer's key is its own identifier in the document (party
 * identification), else its KvK number, else its VAT number.
 */
function readEInvoiceRows(req: ImportRequest, outcome: ImportOutcome): ItemRow[] | null {
  const read = readEInvoices(req.bytes, req.fileName);
  if (!read.ok) {
    outcome.errors = read.errors.map((e, i) => rowError(i + 1, e.problem));
    return null;
  }
  outcome.rows = read.invoices.length;
  const out: ItemRow[] = [];
  read.invoices.forEach((inv, i) => {
    const row = i + 1;
    const c = inv.customer;
    const customerNumber = c.id ?? c.kvk ?? c.vat;
    if (!customerNumber) {
      addError(outcome, row, problem("imports.error.inFile", { file: inv.file, problem: problem("imports.error.ublNoBuyerId") }));
      return;
    }
    out.push({
      row, customerNumber, name: c.name, email: c.email ?? undefined, street: c.street ?? undefined, postalCode: c.postalCode ?? undefined, city: c.city ?? undefined,
      country: c.country?.toUpperCase().slice(0, 2), kvkNumber: c.kvk ?? undefined, invoiceNumber: inv.number, issueDate: inv.issueDate, dueDate: inv.dueDate ?? addDays(inv.issueDate, 30),
      amountCents: inv.payableCents, openCents: inv.payableCents, currency: inv.currency, creditNote: inv.kind === "credit_note" || inv.payableCents < 0n,
      description: [inv.paymentReference ? `Betalingskenmerk ${inv.paymentReference}` : null, inv.billingReference ? `bij factuur ${inv.billingReference}` : null].filter(Boolean).join(", ") || undefined,
    });
  });
  reportDuplicates(out, (r) => r.invoiceNumber, (r, first) => problem("imports.error.duplicateDocument", { invoice: r.invoiceNumber, first: String(first) }), outcome);
  return outcome.errors.length ? null : out;
}

// ------------------------------------------------------------------ rows

/** Typed rows as debtors (a debtors file) or open items; keys twice in one file are errors. */
function receivableRows(rows: TypedRow[], isDebtors: boolean, outcome: ImportOutcome): Array<DebtorRow | ItemRow> {
  const out: Array<DebtorRow | ItemRow> = [];
  for (const { row, values } of rows) {
    const v = { ...values, row };
    if (isDebtors) out.push(debtorOf(v));
    else {
      const item = itemOf(v, row, outcome);
      if (item) out.push(item);
    }
  }
  if (isDebtors) reportDuplicates(out, (r) => r.customerNumber, (r, first) => problem("imports.error.duplicateCustomer", { customer: r.customerNumber, first: String(first) }), outcome);
  else reportDuplicates(out as ItemRow[], (r) => r.invoiceNumber, (r, first) => problem("imports.error.duplicateInvoice", { invoice: r.invoiceNumber, first: String(first) }), outcome);
  return out;
}

function debtorOf(v: Record<string, unknown>): DebtorRow {
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  return {
    row: v.row as number, customerNumber: s("customerNumber")!, name: s("customerName"), email: s("email"), phone: s("phone"), contactName: s("contactName"),
    street: s("street"), postalCode: s("postalCode"), city: s("city"), country: s("country")?.toUpperCase().slice(0, 2), kvkNumber: s("kvkNumber"), iban: s("iban"),
    paymentTermDays: typeof v.paymentTermDays === "number" ? v.paymentTermDays : undefined,
  };
}

/**
 * An open item. A credit note (the document type says so, or the amounts are negative without a
 * type that says invoice) is an open item with negative amounts, as a UBL credit note is: written
 * positive beside its type, it is turned negative. It lowers what the debtor owes, and being not
 * owed money, it is never dunned nor charged interest or costs (the dunning run takes only open
 * amounts above zero).
 */
function itemOf(v: Record<string, unknown>, row: number, outcome: ImportOutcome): ItemRow | null {
  const base = debtorOf(v);
  const fail = (p: ReturnType<typeof problem>) => {
    addError(outcome, row, p);
    return null;
  };
  let open = v.openAmount as bigint;
  let amount = typeof v.amount === "bigint" ? v.amount : open;
  const isNegative = open < 0n || amount < 0n;
  if (v.documentType === "invoice" && isNegative) return fail(problem("imports.error.negativeInvoice"));
  if (v.documentType === "credit_note" && !isNegative) {
    open = -open;
    amount = -amount;
  }
  const creditNote = v.documentType === "credit_note" || isNegative;
  if (creditNote && (open > 0n || amount > 0n)) return fail(problem("imports.error.creditNoteSigns"));
  if (creditNote ? open < amount : open > amount) return fail(problem(creditNote ? "imports.error.openMoreThanCredit" : "imports.error.openMoreThanAmount"));
  const issueDate = (v.invoiceDate as CalendarDate | undefined) ?? (v.dueDate as CalendarDate | undefined);
  const dueDate = (v.dueDate as CalendarDate | undefined) ?? (issueDate ? addDays(issueDate, base.paymentTermDays ?? 30) : undefined);
  if (!issueDate || !dueDate) return fail(problem("imports.error.noDates"));
  if (dueDate < issueDate) return fail(problem("imports.error.dueBeforeIssue", { dueDate, issueDate }));
  return Object.assign(base, { invoiceNumber: v.invoiceNumber as string, issueDate, dueDate, amountCents: amount, openCents: open, currency: (v.currency as string | undefined) ?? "EUR", description: v.description as string | undefined, creditNote });
}

// ------------------------------------------------------------------ plan

type DebtorChange = { id: string; data: Record<string, string | number> };
type Plan = {
  newDebtors: Array<{ id: string; row: DebtorRow }>;
  debtorUpdates: DebtorChange[];
  adoptDebtorKeys: Array<{ key: string; id: string }>;
  newInvoices: Array<{ id: string; debtorId: string; row: ItemRow }>;
  adoptInvoiceKeys: Array<{ key: string; id: string }>;
  amountUpdates: Array<{ id: string; debtorId: string; amountCents: bigint; openDelta: bigint }>;
  /** credit notes whose open (negative) amount the books changed */
  creditUpdates: Array<{ id: string; debtorId: string; openCents: bigint }>;
  /** principal paid outside the workbench: invoice -> cents */
  paidOutside: Array<{ invoiceId: string; debtorId: string; cents: bigint; currency: string; closes: boolean; number: string }>;
};

async function makePlan(db: Db, req: ImportRequest, rows: Array<DebtorRow | ItemRow>, fileDate: CalendarDate, outcome: ImportOutcome): Promise<Plan> {
  const plan: Plan = { newDebtors: [], debtorUpdates: [], adoptDebtorKeys: [], newInvoices: [], adoptInvoiceKeys: [], amountUpdates: [], creditUpdates: [], paidOutside: [] };
  const example = (text: string) => addExample(outcome, text);

  // Debtors: by this source's key, else an existing debtor with that customer number is adopted.
  const byCustomer = new Map<string, DebtorRow>();
  for (const r of rows) {
    const known = byCustomer.get(r.customerNumber);
    // An open-items file repeats the customer on every invoice: the first row with a name speaks for it.
    if (!known || (!known.name && r.name)) byCustomer.set(r.customerNumber, r);
  }
  const customerNumbers = [...byCustomer.keys()];
  const debtorKeys = await keysOf(db, req.source, "debtor", customerNumbers);
  const unkeyed = customerNumbers.filter((c) => !debtorKeys.has(c));
  const byNumber = new Map((await chunked(unkeyed, 2_000, (chunk) => db.debtor.findMany({ where: { customerNumber: { in: chunk } }, select: { id: true, customerNumber: true } }))).map((d) => [d.customerNumber, d.id] as const));
  const ids = [...debtorKeys.values(), ...byNumber.values()];
  const adoptedElsewhere = new Set((await chunked(ids, 2_000, (chunk) => db.externalKey.findMany({ where: { kind: "debtor", entityId: { in: chunk }, NOT: { source: req.source } }, select: { entityId: true } }))).map((k) => k.entityId));
  const current = new Map((await chunked(ids, 1_000, (chunk) => db.debtor.findMany({ where: { id: { in: chunk } }, select: { id: true, name: true, email: true, phone: true, street: true, postalCode: true, city: true, country: true, kvkNumber: true, iban: true, paymentTermDays: true, currency: true } }))).map((d) => [d.id, d] as const));
  const debtorIdOf = new Map<string, string>();
  for (const [customerNumber, r] of byCustomer) {
    let id = debtorKeys.get(customerNumber);
    if (!id) {
      const existing = byNumber.get(customerNumber);
      if (existing && adoptedElsewhere.has(existing)) {
        addError(outcome, r.row, problem("imports.error.otherSourceDebtor", { customer: customerNumber }));
        continue;
      }
      if (existing) {
        id = existing;
        plan.adoptDebtorKeys.push({ key: customerNumber, id });
      }
    }
    if (!id) {
      if (!r.name) {
        addError(outcome, r.row, problem("imports.error.newDebtorNoName", { customer: customerNumber }));
        continue;
      }
      id = randomUUID();
      plan.newDebtors.push({ id, row: r });
      outcome.debtors.created++;
      example(`new debtor ${customerNumber} ${r.name}`);
    } else {
      const d = current.get(id)!;
      const data: Record<string, string | number> = {};
      const want: Array<[keyof typeof d, string | number | undefined]> = [["name", r.name], ["email", r.email], ["phone", r.phone], ["street", r.street], ["postalCode", r.postalCode], ["city", r.city], ["country", r.country], ["kvkNumber", r.kvkNumber], ["iban", r.iban], ["paymentTermDays", r.paymentTermDays]];
      for (const [k, value] of want) if (value !== undefined && value !== d[k]) data[k] = value;
      if (Object.keys(data).length) {
        plan.debtorUpdates.push({ id, data });
        outcome.debtors.updated++;
        example(`debtor ${customerNumber}: ${Object.entries(data).map(([k, v]) => `${k} "${String(d[k as keyof typeof d] ?? "")}" -> "${v}"`).join(", ")}`);
      } else outcome.debtors.unchanged++;
    }
    debtorIdOf.set(customerNumber, id);
  }
  if (req.kind === "debtors" || outcome.errors.length) return plan;

  // Invoices: by this source's key, else an invoice with that number on the same debtor is adopted.
  const items = rows as ItemRow[];
  const numbers = items.map((r) => r.invoiceNumber);
  const invoiceKeys = await keysOf(db, req.source, "invoice", numbers);
  const unkeyedNumbers = numbers.filter((n) => !invoiceKeys.has(n));
  const invSelect = { id: true, number: true, debtorId: true, amountCents: true, openCents: true, currency: true } as const;
  const byInvoiceNumber = new Map((await chunked(unkeyedNumbers, 2_000, (chunk) => db.invoice.findMany({ where: { number: { in: chunk } }, select: invSelect }))).map((i) => [i.number, i] as const));
  const keyedInvoices = new Map((await chunked([...invoiceKeys.values()], 2_000, (chunk) => db.invoice.findMany({ where: { id: { in: chunk } }, select: invSelect }))).map((i) => [i.id, i] as const));
  let paidOutside = 0n;
  for (const r of items) {
    const debtorId = debtorIdOf.get(r.customerNumber)!;
    const keyed = invoiceKeys.get(r.invoiceNumber);
    const inv = keyed ? keyedInvoices.get(keyed) : byInvoiceNumber.get(r.invoiceNumber);
    if (inv && !keyed) {
      if (inv.debtorId !== debtorId) {
        addError(outcome, r.row, problem("imports.error.invoiceOtherDebtor", { invoice: r.invoiceNumber }));
        continue;
      }
      plan.adoptInvoiceKeys.push({ key: r.invoiceNumber, id: inv.id });
    }
    if (!inv) {
      plan.newInvoices.push({ id: randomUUID(), debtorId, row: r });
      outcome.invoices.created++;
      example(`new ${r.creditNote ? "credit note" : "invoice"} ${r.invoiceNumber} for ${r.customerNumber}: open ${r.openCents} of ${r.amountCents} cents`);
      continue;
    }
    if (inv.debtorId !== debtorId) {
      addError(outcome, r.row, problem("imports.error.invoiceMoved", { invoice: r.invoiceNumber }));
      continue;
    }
    if (inv.currency !== r.currency) {
      addError(outcome, r.row, problem("imports.error.invoiceCurrency", { invoice: r.invoiceNumber, workbench: inv.currency, file: r.currency }));
      continue;
    }
    let changed = false;
    const amountDelta = r.amountCents - inv.amountCents;
    let open = inv.openCents;
    if (amountDelta !== 0n) {
      // The invoice was corrected in the books: the open amount moves with it.
      plan.amountUpdates.push({ id: inv.id, debtorId, amountCents: r.amountCents, openDelta: amountDelta });
      open += amountDelta;
      changed = true;
      example(`invoice ${r.invoiceNumber}: amount ${inv.amountCents} -> ${r.amountCents} cents`);
    }
    // Less open in the books than in the workbench: paid outside the workbench (or credited). More
    // open in the books: a payment the workbench already booked and the books not yet: left as is.
    // A credit note used up (or partly) in the books: its open amount follows the books.
    if (r.creditNote && open <= 0n && r.openCents !== open) {
      plan.creditUpdates.push({ id: inv.id, debtorId, openCents: r.openCents });
      changed = true;
      example(`credit note ${r.invoiceNumber}: open ${open} -> ${r.openCents} cents`);
    }
    if (!r.creditNote && r.openCents < open && open > 0n) {
      const cents = open - (r.openCents > 0n ? r.openCents : 0n);
      plan.paidOutside.push({ invoiceId: inv.id, debtorId, cents, currency: inv.currency, closes: r.openCents <= 0n, number: r.invoiceNumber });
      paidOutside += cents;
      changed = true;
      example(`invoice ${r.invoiceNumber}: ${cents} cents paid outside the workbench`);
    }
    if (changed) outcome.invoices.updated++;
    else outcome.invoices.unchanged++;
  }

  // A set of e-invoices is not the whole list of what is open: nothing is closed for lacking in it.
  if (req.kind !== "open_items") {
    outcome.invoices.paidOutsideCents = paidOutside.toString();
    return plan;
  }
  // Open invoices of this source that the file no longer lists: paid outside, closed on the file's date.
  const inFile = new Set(numbers);
  const sourceKeys = await db.externalKey.findMany({ where: { source: req.source, kind: "invoice" }, select: { key: true, entityId: true } });
  const gone = sourceKeys.filter((k) => !inFile.has(k.key)).map((k) => k.entityId);
  const stillOpen = await chunked(gone, 2_000, (chunk) => db.invoice.findMany({ where: { id: { in: chunk }, openCents: { gt: 0 } }, select: { id: true, number: true, debtorId: true, openCents: true, currency: true } }));
  for (const inv of stillOpen) {
    plan.paidOutside.push({ invoiceId: inv.id, debtorId: inv.debtorId, cents: inv.openCents, currency: inv.currency, closes: true, number: inv.number });
    paidOutside += inv.openCents;
    outcome.invoices.closed++;
    example(`invoice ${inv.number} is no longer open in the books: closed as paid outside the workbench on ${fileDate}`);
  }
  // Credit notes of this source the file no longer lists were used up in the books: nothing left to net.
  const usedUp = await chunked(gone, 2_000, (chunk) => db.invoice.findMany({ where: { id: { in: chunk }, openCents: { lt: 0 } }, select: { id: true, number: true, debtorId: true } }));
  for (const inv of usedUp) {
    plan.creditUpdates.push({ id: inv.id, debtorId: inv.debtorId, openCents: 0n });
    outcome.invoices.closed++;
    example(`credit note ${inv.number} is no longer open in the books: closed`);
  }
  outcome.invoices.paidOutsideCents = paidOutside.toString();
  return plan;
}

// ------------------------------------------------------------------ apply

async function applyPlan(tx: Tx, actor: Actor, req: ImportRequest, plan: Plan, fileDate: CalendarDate): Promise<void> {
  const touched = new Set<string>();
  const now = new Date();
  await insertRows(
    tx, "Debtor",
    ["id", "customerNumber", "name", "kind", "email", "phone", "street", "postalCode", "city", "country", "kvkNumber", "iban", "paymentTermDays", "customerSince", "createdAt", "updatedAt"],
    plan.newDebtors.map(({ id, row }) => [id, row.customerNumber, row.name!, "b2b", row.email ?? null, row.phone ?? null, row.street ?? null, row.postalCode ?? null, row.city ?? null, row.country ?? "NL", row.kvkNumber ?? null, row.iban ?? null, row.paymentTermDays ?? 30, fileDate, now, now]),
  );
  const contacts = plan.newDebtors.filter(({ row }) => row.email || row.phone || row.contactName);
  await insertRows(
    tx, "Contact",
    ["id", "debtorId", "name", "email", "phone", "role", "isPrimaryForPayments", "createdAt", "updatedAt"],
    contacts.map(({ id, row }) => [randomUUID(), id, row.contactName ?? row.name!, row.email ?? null, row.phone ?? null, "accounts_payable", true, now, now]),
  );
  T("debtors+contacts");
  for (const u of plan.debtorUpdates) await tx.debtor.update({ where: { id: u.id }, data: u.data });
  await insertRows(
    tx, "Invoice",
    ["id", "debtorId", "number", "issueDate", "dueDate", "currency", "amountCents", "openCents", "description", "createdAt", "updatedAt"],
    plan.newInvoices.map(({ id, debtorId, row }) => [id, debtorId, row.invoiceNumber, row.issueDate, row.dueDate, row.currency, row.amountCents, row.openCents, row.description ?? null, now, now]),
  );
  T("invoices");
  for (const i of plan.newInvoices) touched.add(i.debtorId);
  const key = (kind: string, k: string, entityId: string) => [randomUUID(), req.source, kind, k, entityId, now];
  await insertRows(tx, "ExternalKey", ["id", "source", "kind", "key", "entityId", "createdAt"], [
    ...plan.newDebtors.map((d) => key("debtor", d.row.customerNumber, d.id)),
    ...plan.adoptDebtorKeys.map((d) => key("debtor", d.key, d.id)),
    ...plan.newInvoices.map((i) => key("invoice", i.row.invoiceNumber, i.id)),
    ...plan.adoptInvoiceKeys.map((i) => key("invoice", i.key, i.id)),
  ]);
  T("keys");
  for (const u of plan.amountUpdates) {
    await tx.invoice.update({ where: { id: u.id }, data: { amountCents: u.amountCents, openCents: { increment: u.openDelta } } });
    touched.add(u.debtorId);
  }
  for (const u of plan.creditUpdates) {
    await tx.invoice.update({ where: { id: u.id }, data: { openCents: u.openCents } });
    touched.add(u.debtorId);
  }
  // Paid outside the workbench: one payment per debtor, principal allocations per invoice.
  const perDebtor = new Map<string, Plan["paidOutside"]>();
  const booked: NewEvent[] = [];
  for (const p of plan.paidOutside) perDebtor.set(p.debtorId, [...(perDebtor.get(p.debtorId) ?? []), p]);
  for (const [debtorId, list] of perDebtor) {
    for (const currency of new Set(list.map((p) => p.currency))) {
      const part = list.filter((p) => p.currency === currency);
      const payment = await tx.payment.create({
        data: { debtorId, amountCents: part.reduce((s, p) => s + p.cents, 0n), currency, valueDate: fileDate, method: "other", source: "import", reference: `Betaald buiten de workbench volgens ${req.source} (${fileDate})`.slice(0, 140), createdById: actor.id },
        select: { id: true },
      });
      await tx.paymentAllocation.createMany({ data: part.map((p) => ({ paymentId: payment.id, invoiceId: p.invoiceId, amountCents: p.cents, kind: "principal" })) });
      booked.push({ type: "payment.booked", debtorId, data: { paymentId: payment.id, amountCents: part.reduce((s, p) => s + p.cents, 0n), currency, valueDate: fileDate, method: "other", source: "import", allocations: part.map((p) => ({ invoiceId: p.invoiceId, kind: "principal", amountCents: p.cents })), unallocatedCents: 0n } });
      for (const p of part) await tx.invoice.update({ where: { id: p.invoiceId }, data: { openCents: { decrement: p.cents } } });
    }
    touched.add(debtorId);
  }
  for (const u of plan.debtorUpdates) touched.add(u.id);
  T("apply-writes");
  const list = [...touched];
  for (let i = 0; i < list.length; i += 500) await recomputeDebtorBalances(tx, list.slice(i, i + 500));
  T("balances");
  // Last in this long transaction, so the events' numbers are taken just before it commits (lib/events/event-feed.ts).
  await recordEvents(tx, booked, now);
}
