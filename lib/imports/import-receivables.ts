import { createHash, randomUUID } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { insertRows } from "@/lib/db/bulk-insert";
import { FIELDS, SOURCE_NAME, mappingProblems, proposeMapping, type FieldDef, type ImportKind } from "./import-fields";
import { readTable } from "./tabular";
import { readEInvoices } from "./ubl";
import { detectDateOrder, detectDecimalSeparator, parseAmount, parseCurrency, parseDate, parseEmail, parseIban, parsePhone } from "./values";

/**
 * Loading a company's own receivables from an accounting package's export (or a spreadsheet), and
 * refreshing them every day. Keys are the source's own (customer number, invoice number), kept
 * per source in ExternalKey, so the same file twice changes nothing and a newer file:
 * - creates the debtors and invoices it has that the workbench does not;
 * - updates names, contact data and amounts that changed;
 * - closes invoices of this source that are no longer open, as paid outside the workbench on the
 *   file's date (a principal-only payment: costs and interest booked in the workbench stay);
 * - never deletes anything: calls, agreements, disputes, tasks and dunning history stay linked.
 * A file is checked whole first: one bad row and nothing is written (all or nothing), and the
 * answer lists every bad row by its number. A dry run answers the same plan and writes nothing
 * but its line in the import history.
 */
export type ImportContext = { today: CalendarDate; now: Date };
export type ImportRequest = {
  source: string;
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** the export's date; default today */
  fileDate?: CalendarDate;
  /** field -> column header; default: the source's remembered mapping, else the proposal */
  mapping?: Record<string, string>;
  dryRun: boolean;
};
export type RowError = { row: number; message: string };
export type ImportCounts = { created: number; updated: number; closed: number; unchanged: number };
export type ImportOutcome = {
  runId: string;
  status: "dry_run" | "applied" | "refused";
  rows: number;
  mapping: Record<string, string>;
  /** the file's column headers (for the mapping screen) */
  headers: string[];
  debtors: ImportCounts;
  invoices: ImportCounts & { paidOutsideCents: string };
  errors: RowError[];
  /** up to 20 examples per change, for the dry run's screen */
  examples: string[];
};

const MAX_ERRORS = 200;

type DebtorRow = { row: number; customerNumber: string; name?: string; email?: string; phone?: string; contactName?: string; street?: string; postalCode?: string; city?: string; country?: string; kvkNumber?: string; iban?: string; paymentTermDays?: number };
type ItemRow = DebtorRow & { invoiceNumber: string; issueDate: CalendarDate; dueDate: CalendarDate; amountCents: bigint; openCents: bigint; currency: string; description?: string; creditNote: boolean };

const zeroCounts = (): ImportCounts => ({ created: 0, updated: 0, closed: 0, unchanged: 0 });

export async function importReceivables(db: Db, actor: Actor, req: ImportRequest, ctx: ImportContext): Promise<ImportOutcome> {
  assertCan(actor, "imports:write");
  if (!SOURCE_NAME.test(req.source)) throw new DomainError("invalid", "source", { source: ["imports.errors.source"] });
  const fileDate = req.fileDate ?? ctx.today;
  if (fileDate > ctx.today) throw new DomainError("invalid", "file date in the future", { fileDate: ["imports.errors.futureDate"] });
  const checksum = createHash("sha256").update(req.bytes).digest("hex");

  const outcome: ImportOutcome = { runId: "", status: "refused", rows: 0, mapping: {}, headers: [], debtors: zeroCounts(), invoices: { ...zeroCounts(), paidOutsideCents: "0" }, errors: [], examples: [] };
  const finish = async (status: ImportOutcome["status"], tx: Db | Tx = db) => {
    outcome.status = status;
    const counts = status === "refused" ? zeroCounts() : { created: outcome.debtors.created + outcome.invoices.created, updated: outcome.debtors.updated + outcome.invoices.updated, closed: outcome.invoices.closed, unchanged: outcome.invoices.unchanged + outcome.debtors.unchanged };
    const run = await tx.importRun.create({
      data: {
        source: req.source, kind: req.kind, fileName: req.fileName.slice(0, 200), checksum, fileDate, status, rows: outcome.rows, ...counts, errorCount: outcome.errors.length, actorId: actor.id,
        details: JSON.stringify({ debtors: outcome.debtors, invoices: outcome.invoices, errors: outcome.errors.slice(0, 50), mapping: outcome.mapping }),
      },
      select: { id: true },
    });
    outcome.runId = run.id;
    return outcome;
  };

  // 1-3. The file, its mapping, every row typed (the raw table is let go once typed).
  const parsed = await readRows(db, req, outcome);
  if (!parsed) return finish("refused");

  // 4. The plan against what the workbench holds.
  const plan = await makePlan(db, req, parsed, fileDate, outcome);
  if (outcome.errors.length) return finish("refused");
  if (req.dryRun) return finish("dry_run");

  // 5. All of it, or none of it.
  return db.$transaction(
    async (tx) => {
      await applyPlan(tx, actor, req, plan, fileDate);
      await tx.importMapping.upsert({ where: { source_kind: { source: req.source, kind: req.kind } }, create: { source: req.source, kind: req.kind, mapping: JSON.stringify(outcome.mapping) }, update: { mapping: JSON.stringify(outcome.mapping) } });
      const done = await finish("applied", tx);
      await audit(tx, { actorId: actor.id, action: "import.applied", entity: "importRun", entityId: done.runId, data: { source: req.source, kind: req.kind, checksum, debtors: outcome.debtors, invoices: outcome.invoices } });
      return done;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}

/** Reads the file, settles the mapping and types every row; null when the file is refused (errors in `outcome`). */
async function readRows(db: Db, req: ImportRequest, outcome: ImportOutcome): Promise<Array<DebtorRow | ItemRow> | null> {
  if (req.kind === "e_invoices") return readEInvoiceRows(req, outcome);
  // 1. The file.
  const read = readTable(req.bytes, req.fileName);
  if (!read.ok) {
    outcome.errors = read.errors.map((e) => ({ row: e.row, message: e.message }));
    return null;
  }
  const { headers, rows } = read.table;
  outcome.rows = rows.length;
  if (rows.length === 0) {
    outcome.errors = [{ row: 0, message: "the file has a header but no rows" }];
    return null;
  }

  // 2. The mapping: given, else remembered for this source (if the file still has its columns), else proposed.
  const remembered = await db.importMapping.findUnique({ where: { source_kind: { source: req.source, kind: req.kind } }, select: { mapping: true } });
  const rememberedMapping = remembered ? (JSON.parse(remembered.mapping) as Record<string, string>) : null;
  const mapping = req.mapping ?? (rememberedMapping && mappingProblems(rememberedMapping, headers, req.kind).length === 0 ? rememberedMapping : proposeMapping(headers, req.kind));
  outcome.mapping = mapping;
  outcome.headers = headers;
  const problems = mappingProblems(mapping, headers, req.kind);
  if (problems.length) {
    outcome.errors = problems.map((message) => ({ row: 0, message: `${message}; the file's columns: ${headers.join(", ")}` }));
    return null;
  }

  // 3. Every row, typed; every bad cell reported with its row.
  const parsed = parseRows(rows, headers, mapping, req.kind, outcome.errors);
  return outcome.errors.length ? null : parsed;
}

/**
 * UBL 2.1 / Peppol BIS 3.0 / NLCIUS invoices and credit notes (one XML or a zip of many): each is
 * a new open item for its buyer. The buyer's key is its own identifier in the document (party
 * identification), else its KvK number, else its VAT number.
 */
function readEInvoiceRows(req: ImportRequest, outcome: ImportOutcome): ItemRow[] | null {
  const read = readEInvoices(req.bytes, req.fileName);
  if (!read.ok) {
    outcome.errors = read.errors.map((e, i) => ({ row: i + 1, message: `${e.file}: ${e.message}` }));
    return null;
  }
  outcome.rows = read.invoices.length;
  const out: ItemRow[] = [];
  read.invoices.forEach((inv, i) => {
    const row = i + 1;
    const c = inv.customer;
    const customerNumber = c.id ?? c.kvk ?? c.vat;
    if (!customerNumber) {
      outcome.errors.push({ row, message: `${inv.file}: the buyer has no identifier, KvK or VAT number to know it by` });
      return;
    }
    out.push({
      row, customerNumber, name: c.name, email: c.email ?? undefined, street: c.street ?? undefined, postalCode: c.postalCode ?? undefined, city: c.city ?? undefined,
      country: c.country?.toUpperCase().slice(0, 2), kvkNumber: c.kvk ?? undefined, invoiceNumber: inv.number, issueDate: inv.issueDate, dueDate: inv.dueDate ?? addDays(inv.issueDate, 30),
      amountCents: inv.payableCents, openCents: inv.payableCents, currency: inv.currency, creditNote: inv.kind === "credit_note" || inv.payableCents < 0n,
      description: [inv.paymentReference ? `Betalingskenmerk ${inv.paymentReference}` : null, inv.billingReference ? `bij factuur ${inv.billingReference}` : null].filter(Boolean).join(", ") || undefined,
    });
  });
  const seen = new Map<string, number>();
  for (const r of out) {
    const first = seen.get(r.invoiceNumber.toUpperCase());
    if (first !== undefined) outcome.errors.push({ row: r.row, message: `invoice number ${r.invoiceNumber} is also document ${first}` });
    else seen.set(r.invoiceNumber.toUpperCase(), r.row);
  }
  return outcome.errors.length ? null : out;
}

// ------------------------------------------------------------------ rows

function parseRows(rows: Array<{ rowNo: number; cells: string[] }>, headers: string[], mapping: Record<string, string>, kind: ImportKind, errors: RowError[]): Array<DebtorRow | ItemRow> {
  const defs = FIELDS[kind].filter((f) => mapping[f.field]);
  const col = new Map(defs.map((f) => [f.field, headers.indexOf(mapping[f.field]!)] as const));
  const samples = (field: string) => rows.slice(0, 2_000).map((r) => r.cells[col.get(field)!] ?? "").filter((v) => v.trim() !== "");
  const dateOrder = new Map(defs.filter((f) => f.type === "date").map((f) => [f.field, detectDateOrder(samples(f.field))] as const));
  const decimal = new Map(defs.filter((f) => f.type === "amount").map((f) => [f.field, detectDecimalSeparator(samples(f.field))] as const));
  const fail = (row: number, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, message });
  };

  const out: Array<DebtorRow | ItemRow> = [];
  for (const { rowNo, cells } of rows) {
    const v: Record<string, unknown> = { row: rowNo };
    let bad = false;
    for (const def of defs) {
      const raw = (cells[col.get(def.field)!] ?? "").trim();
      if (raw === "") {
        if (def.required) {
          fail(rowNo, `${mapping[def.field]}: empty (required)`);
          bad = true;
        }
        continue;
      }
      const r = parseCell(def, raw, dateOrder.get(def.field), decimal.get(def.field));
      if (!r.ok) {
        fail(rowNo, `${mapping[def.field]}: ${r.message}`);
        bad = true;
      } else v[def.field] = r.value;
    }
    if (bad) continue;
    if (kind === "debtors") {
      out.push(debtorOf(v));
      continue;
    }
    const item = itemOf(v, rowNo, fail);
    if (item) out.push(item);
  }
  // Keys twice in one file.
  const seen = new Map<string, number>();
  for (const r of out) {
    const key = kind === "debtors" ? r.customerNumber : (r as ItemRow).invoiceNumber;
    const first = seen.get(key.toUpperCase());
    if (first !== undefined) fail(r.row, `${kind === "debtors" ? "customer number" : "invoice number"} ${key} is also on row ${first}`);
    else seen.set(key.toUpperCase(), r.row);
  }
  return out;
}

type Cell = { ok: true; value: unknown } | { ok: false; message: string };
function parseCell(def: FieldDef, raw: string, order: ReturnType<typeof detectDateOrder> | undefined, decimal: ReturnType<typeof detectDecimalSeparator> | undefined): Cell {
  switch (def.type) {
    case "text":
      return raw.length > 200 ? { ok: false, message: `longer than 200 characters` } : { ok: true, value: raw };
    case "amount":
      return parseAmount(raw, decimal ?? undefined);
    case "date":
      return parseDate(raw, order ?? undefined);
    case "currency":
      return parseCurrency(raw);
    case "email":
      return parseEmail(raw);
    case "phone":
      return parsePhone(raw);
    case "iban":
      return parseIban(raw);
    case "days": {
      const n = Number(raw.replace(/\s*(dagen|days|d)$/i, ""));
      return Number.isInteger(n) && n >= 0 && n <= 365 ? { ok: true, value: n } : { ok: false, message: `"${raw}" is not a number of days (0-365)` };
    }
    case "doctype":
      return { ok: true, value: /credit|creditnota|creditfactuur|\bcn\b/i.test(raw) ? "credit_note" : "invoice" };
  }
}

function debtorOf(v: Record<string, unknown>): DebtorRow {
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  return {
    row: v.row as number, customerNumber: s("customerNumber")!, name: s("customerName"), email: s("email"), phone: s("phone"), contactName: s("contactName"),
    street: s("street"), postalCode: s("postalCode"), city: s("city"), country: s("country")?.toUpperCase().slice(0, 2), kvkNumber: s("kvkNumber"), iban: s("iban"),
    paymentTermDays: typeof v.paymentTermDays === "number" ? v.paymentTermDays : undefined,
  };
}

function itemOf(v: Record<string, unknown>, row: number, fail: (row: number, message: string) => void): ItemRow | null {
  const base = debtorOf(v);
  const open = v.openAmount as bigint;
  const creditNote = v.documentType === "credit_note" || open < 0n || (typeof v.amount === "bigint" && v.amount < 0n);
  const amount = typeof v.amount === "bigint" ? v.amount : open;
  if (!creditNote && (open < 0n || amount < 0n)) {
    fail(row, "a negative amount on an invoice (a credit note needs a document type or negative amounts on both)");
    return null;
  }
  if (creditNote ? open < amount || open > 0n : open > amount) {
    fail(row, "the open amount is more than the invoice amount");
    return null;
  }
  const issueDate = (v.invoiceDate as CalendarDate | undefined) ?? (v.dueDate as CalendarDate | undefined);
  const dueDate = (v.dueDate as CalendarDate | undefined) ?? (issueDate ? addDays(issueDate, base.paymentTermDays ?? 30) : undefined);
  if (!issueDate || !dueDate) {
    fail(row, "no invoice date and no due date: map at least one of them");
    return null;
  }
  if (dueDate < issueDate) {
    fail(row, `the due date ${dueDate} is before the invoice date ${issueDate}`);
    return null;
  }
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
  /** principal paid outside the workbench: invoice -> cents */
  paidOutside: Array<{ invoiceId: string; debtorId: string; cents: bigint; currency: string; closes: boolean; number: string }>;
};

async function keysOf(db: Db, source: string, kind: "debtor" | "invoice", keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 2_000) {
    for (const k of await db.externalKey.findMany({ where: { source, kind, key: { in: keys.slice(i, i + 2_000) } }, select: { key: true, entityId: true } })) out.set(k.key, k.entityId);
  }
  return out;
}

async function chunked<T, R>(items: T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

async function makePlan(db: Db, req: ImportRequest, rows: Array<DebtorRow | ItemRow>, fileDate: CalendarDate, outcome: ImportOutcome): Promise<Plan> {
  const plan: Plan = { newDebtors: [], debtorUpdates: [], adoptDebtorKeys: [], newInvoices: [], adoptInvoiceKeys: [], amountUpdates: [], paidOutside: [] };
  const example = (text: string) => {
    if (outcome.examples.length < 60) outcome.examples.push(text);
  };

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
        outcome.errors.push({ row: r.row, message: `customer number ${customerNumber} belongs to a debtor of another source` });
        continue;
      }
      if (existing) {
        id = existing;
        plan.adoptDebtorKeys.push({ key: customerNumber, id });
      }
    }
    if (!id) {
      if (!r.name) {
        outcome.errors.push({ row: r.row, message: `customer ${customerNumber} is new and the file gives no name for it` });
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
        outcome.errors.push({ row: r.row, message: `invoice number ${r.invoiceNumber} already exists on another debtor` });
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
      outcome.errors.push({ row: r.row, message: `invoice ${r.invoiceNumber} belonged to another customer in an earlier import` });
      continue;
    }
    if (inv.currency !== r.currency) {
      outcome.errors.push({ row: r.row, message: `invoice ${r.invoiceNumber} is in ${inv.currency} in the workbench, ${r.currency} in the file` });
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
  for (const u of plan.debtorUpdates) await tx.debtor.update({ where: { id: u.id }, data: u.data });
  await insertRows(
    tx, "Invoice",
    ["id", "debtorId", "number", "issueDate", "dueDate", "currency", "amountCents", "openCents", "description", "createdAt", "updatedAt"],
    plan.newInvoices.map(({ id, debtorId, row }) => [id, debtorId, row.invoiceNumber, row.issueDate, row.dueDate, row.currency, row.amountCents, row.openCents, row.description ?? null, now, now]),
  );
  for (const i of plan.newInvoices) touched.add(i.debtorId);
  const key = (kind: string, k: string, entityId: string) => [randomUUID(), req.source, kind, k, entityId, now];
  await insertRows(tx, "ExternalKey", ["id", "source", "kind", "key", "entityId", "createdAt"], [
    ...plan.newDebtors.map((d) => key("debtor", d.row.customerNumber, d.id)),
    ...plan.adoptDebtorKeys.map((d) => key("debtor", d.key, d.id)),
    ...plan.newInvoices.map((i) => key("invoice", i.row.invoiceNumber, i.id)),
    ...plan.adoptInvoiceKeys.map((i) => key("invoice", i.key, i.id)),
  ]);
  for (const u of plan.amountUpdates) {
    await tx.invoice.update({ where: { id: u.id }, data: { amountCents: u.amountCents, openCents: { increment: u.openDelta } } });
    touched.add(u.debtorId);
  }
  // Paid outside the workbench: one payment per debtor, principal allocations per invoice.
  const perDebtor = new Map<string, Plan["paidOutside"]>();
  for (const p of plan.paidOutside) perDebtor.set(p.debtorId, [...(perDebtor.get(p.debtorId) ?? []), p]);
  for (const [debtorId, list] of perDebtor) {
    for (const currency of new Set(list.map((p) => p.currency))) {
      const part = list.filter((p) => p.currency === currency);
      const payment = await tx.payment.create({
        data: { debtorId, amountCents: part.reduce((s, p) => s + p.cents, 0n), currency, valueDate: fileDate, method: "other", source: "import", reference: `Betaald buiten de workbench volgens ${req.source} (${fileDate})`.slice(0, 140), createdById: actor.id },
        select: { id: true },
      });
      await tx.paymentAllocation.createMany({ data: part.map((p) => ({ paymentId: payment.id, invoiceId: p.invoiceId, amountCents: p.cents, kind: "principal" })) });
      for (const p of part) await tx.invoice.update({ where: { id: p.invoiceId }, data: { openCents: { decrement: p.cents } } });
    }
    touched.add(debtorId);
  }
  for (const u of plan.debtorUpdates) touched.add(u.id);
  const list = [...touched];
  for (let i = 0; i < list.length; i += 500) await recomputeDebtorBalances(tx, list.slice(i, i + 500));
}
