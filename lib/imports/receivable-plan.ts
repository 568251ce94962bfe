import { Prisma, type Db } from "@/lib/db/client";
import { selectRows, textList } from "@/lib/db/bulk-insert";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { newId } from "./import-ids";
import { addError, addExample, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { problem } from "./import-problem";
import { debtorAt, type DebtorRow, type ReceivableRows } from "./receivable-rows";

/**
 * What a receivables file changes, worked out against what the workbench holds (see
 * import-receivables.ts for the rules). The workbench is read in a few wide queries, each
 * returning its rows as one JSON text (lib/db/bulk-insert.ts), and only the rows that change are
 * kept: the same 200,000-row file a second time plans nothing and holds nothing per row.
 */
export type DebtorChange = { id: string; data: Record<string, string | number> };
export type Plan = {
  rows: ReceivableRows;
  newDebtors: Array<{ id: string; row: DebtorRow }>;
  debtorUpdates: DebtorChange[];
  adoptDebtorKeys: Array<{ key: string; id: string }>;
  /** customer number -> debtor */
  debtorIdOf: Map<string, string>;
  /** the rows (indexes into `rows`) that are new open items */
  newInvoices: number[];
  adoptInvoiceKeys: Array<{ key: string; id: string }>;
  amountUpdates: Array<{ id: string; debtorId: string; amountCents: bigint; openDelta: bigint }>;
  /** credit notes whose open (negative) amount the books changed */
  creditUpdates: Array<{ id: string; debtorId: string; openCents: bigint }>;
  /** principal paid outside the workbench: invoice -> cents */
  paidOutside: Array<{ invoiceId: string; debtorId: string; cents: bigint; currency: string; closes: boolean; number: string }>;
};

/** An invoice of the workbench as the plan compares it. */
type Known = { id: string; number: string; debtorId: string; amountCents: bigint; openCents: bigint; currency: string };

/**
 * Keys (customer or invoice numbers) per query, as one JSON parameter, and a source's keys per
 * page. A page is parsed whole: small enough that it dies young instead of filling the old
 * generation (50,000 left the re-import's peak higher and saved no time).
 */
const KEYS_PER_QUERY = 10_000;
const DEBTOR_FIELDS = ["name", "email", "phone", "street", "postalCode", "city", "country", "kvkNumber", "iban", "paymentTermDays"] as const;
type CurrentDebtor = Record<(typeof DEBTOR_FIELDS)[number], string | number | null>;

export async function makePlan(db: Db, req: ImportRequest, rows: ReceivableRows, fileDate: CalendarDate, outcome: ImportOutcome): Promise<Plan> {
  const plan: Plan = { rows, newDebtors: [], debtorUpdates: [], adoptDebtorKeys: [], debtorIdOf: new Map(), newInvoices: [], adoptInvoiceKeys: [], amountUpdates: [], creditUpdates: [], paidOutside: [] };
  await planDebtors(db, req.source, plan, outcome);
  if (req.kind === "debtors" || outcome.errors.length) return plan;
  await planInvoices(db, req, plan, fileDate, outcome);
  return plan;
}

/** Debtors: by this source's key, else an existing debtor with that customer number is adopted. */
async function planDebtors(db: Db, source: string, plan: Plan, outcome: ImportOutcome): Promise<void> {
  const { rows } = plan;
  // An open-items file repeats the customer on every invoice: the first row with a name speaks for it.
  const speaker = new Map<string, number>();
  const names = rows.debtor.name;
  for (let i = 0; i < rows.count; i++) {
    const known = speaker.get(rows.customerNumber[i]!);
    if (known === undefined || (!names?.[known] && names?.[i])) speaker.set(rows.customerNumber[i]!, i);
  }
  const customerNumbers = [...speaker.keys()];
  const fields = DEBTOR_FIELDS.map((f) => `d."${f}"`);
  const current = new Map<string, CurrentDebtor>();
  const remember = (r: unknown[]) => {
    current.set(r[1] as string, Object.fromEntries(DEBTOR_FIELDS.map((f, k) => [f, r[k + 2] as string | number | null])) as CurrentDebtor);
    return [r[0] as string, r[1] as string] as const;
  };
  const debtorKeys = new Map<string, string>();
  for (const chunk of chunks(customerNumbers)) {
    const found = await selectRows(db, [`k."key"`, `d."id"`, ...fields], Prisma.sql`FROM "ExternalKey" k JOIN "Debtor" d ON d."id" = k."entityId" WHERE k."source" = ${source} AND k."kind" = 'debtor' AND k."key" IN ${textList(db, chunk)}`);
    for (const r of found) debtorKeys.set(...remember(r));
  }
  const byNumber = new Map<string, string>();
  for (const chunk of chunks(customerNumbers.filter((c) => !debtorKeys.has(c)))) {
    for (const r of await selectRows(db, [`d."customerNumber"`, `d."id"`, ...fields], Prisma.sql`FROM "Debtor" d WHERE d."customerNumber" IN ${textList(db, chunk)}`)) byNumber.set(...remember(r));
  }
  const adoptedElsewhere = new Set<string>();
  for (const chunk of chunks([...byNumber.values()])) {
    const found = await selectRows(db, [`k."entityId"`], Prisma.sql`FROM "ExternalKey" k WHERE k."kind" = 'debtor' AND k."entityId" IN ${textList(db, chunk)} AND k."source" <> ${source}`);
    for (const [id] of found) adoptedElsewhere.add(id as string);
  }

  for (const [customerNumber, i] of speaker) {
    const r = debtorAt(rows, i);
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
      id = newId();
      plan.newDebtors.push({ id, row: r });
      outcome.debtors.created++;
      addExample(outcome, `new debtor ${customerNumber} ${r.name}`);
    } else {
      const d = current.get(id)!;
      const data: Record<string, string | number> = {};
      for (const k of DEBTOR_FIELDS) {
        const value = r[k];
        if (value !== undefined && value !== d[k]) data[k] = value;
      }
      if (Object.keys(data).length) {
        plan.debtorUpdates.push({ id, data });
        outcome.debtors.updated++;
        addExample(outcome, `debtor ${customerNumber}: ${Object.entries(data).map(([k, v]) => `${k} "${String(d[k as keyof CurrentDebtor] ?? "")}" -> "${v}"`).join(", ")}`);
      } else outcome.debtors.unchanged++;
    }
    plan.debtorIdOf.set(customerNumber, id);
  }
}

/** What the workbench knows of a row of the file. */
const Found = {
  Nothing: 0,
  /** this source's key, its invoice the same as the file says: nothing to do */
  Unchanged: 1,
  /** this source's key; the invoice is in `known` */
  Keyed: 2,
  /** this source's key, but its invoice is gone: the row is created anew */
  KeyedNoInvoice: 3,
  /** no key; an invoice with that number, in `known` */
  ByNumber: 4,
} as const;

/** Invoices: by this source's key, else an invoice with that number on the same debtor is adopted. */
async function planInvoices(db: Db, req: ImportRequest, plan: Plan, fileDate: CalendarDate, outcome: ImportOutcome): Promise<void> {
  const { rows, debtorIdOf } = plan;
  const items = rows.items!;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < rows.count; i++) indexOf.set(items.invoiceNumber[i]!, i);
  const found = new Uint8Array(rows.count);
  const known = new Map<number, Known>();
  const debtorOfRow = (i: number) => debtorIdOf.get(rows.customerNumber[i]!)!;
  // An open-items file is the whole list of what is open: the source's invoices it no longer lists are closed below.
  const gone: Known[] = [];

  const keyColumns = [`p."key"`, `i."id"`, `i."debtorId"`, `CAST(i."amountCents" AS TEXT)`, `CAST(i."openCents" AS TEXT)`, `i."currency"`, `CASE WHEN i."number" <> p."key" THEN i."number" END`];
  const onKey = (r: unknown[]) => {
    const key = r[0] as string;
    const inv = r[1] === null ? null : knownOf(r, (r[6] as string | null) ?? key);
    const i = indexOf.get(key);
    if (i === undefined) {
      if (inv && inv.openCents !== 0n) gone.push(inv);
    } else if (!inv) found[i] = Found.KeyedNoInvoice;
    else if (isUnchanged(plan, i, inv, debtorOfRow(i))) found[i] = Found.Unchanged;
    else {
      found[i] = Found.Keyed;
      known.set(i, inv);
    }
  };
  const keyRows = Prisma.sql`FROM "ExternalKey" p LEFT JOIN "Invoice" i ON i."id" = p."entityId" WHERE p."source" = ${req.source} AND p."kind" = 'invoice'`;
  if (req.kind === "open_items") {
    for await (const page of keyPages(db, req.source, keyRows, keyColumns)) page.forEach(onKey);
  } else {
    for (const chunk of chunks(items.invoiceNumber)) (await selectRows(db, keyColumns, Prisma.sql`${keyRows} AND p."key" IN ${textList(db, chunk)}`)).forEach(onKey);
  }
  const unkeyed = items.invoiceNumber.filter((_, i) => found[i] === Found.Nothing);
  for (const chunk of chunks(unkeyed)) {
    const byNumber = await selectRows(db, [`i."number"`, `i."id"`, `i."debtorId"`, `CAST(i."amountCents" AS TEXT)`, `CAST(i."openCents" AS TEXT)`, `i."currency"`], Prisma.sql`FROM "Invoice" i WHERE i."number" IN ${textList(db, chunk)}`);
    for (const r of byNumber) {
      const i = indexOf.get(r[0] as string)!;
      found[i] = Found.ByNumber;
      known.set(i, knownOf(r, r[0] as string));
    }
  }

  // In the file's order, so the examples and the errors read as the file does.
  let paidOutside = 0n;
  for (let i = 0; i < rows.count; i++) {
    if (found[i] === Found.Unchanged) {
      outcome.invoices.unchanged++;
      continue;
    }
    const number = items.invoiceNumber[i]!;
    const row = rows.row[i]!;
    const debtorId = debtorOfRow(i);
    const inv = known.get(i);
    if (inv && found[i] === Found.ByNumber) {
      if (inv.debtorId !== debtorId) {
        addError(outcome, row, problem("imports.error.invoiceOtherDebtor", { invoice: number }));
        continue;
      }
      plan.adoptInvoiceKeys.push({ key: number, id: inv.id });
    }
    if (!inv) {
      plan.newInvoices.push(i);
      outcome.invoices.created++;
      addExample(outcome, `new ${items.creditNote[i] ? "credit note" : "invoice"} ${number} for ${rows.customerNumber[i]}: open ${items.openCents[i]} of ${items.amountCents[i]} cents`);
      continue;
    }
    if (inv.debtorId !== debtorId) {
      addError(outcome, row, problem("imports.error.invoiceMoved", { invoice: number }));
      continue;
    }
    if (inv.currency !== items.currency[i]) {
      addError(outcome, row, problem("imports.error.invoiceCurrency", { invoice: number, workbench: inv.currency, file: items.currency[i]! }));
      continue;
    }
    const change = changeOf(plan, i, inv);
    if (change.amountDelta !== 0n) {
      // The invoice was corrected in the books: the open amount moves with it.
      plan.amountUpdates.push({ id: inv.id, debtorId, amountCents: items.amountCents[i]!, openDelta: change.amountDelta });
      addExample(outcome, `invoice ${number}: amount ${inv.amountCents} -> ${items.amountCents[i]} cents`);
    }
    if (change.creditOpen !== null) {
      plan.creditUpdates.push({ id: inv.id, debtorId, openCents: change.creditOpen });
      addExample(outcome, `credit note ${number}: open ${change.open} -> ${change.creditOpen} cents`);
    }
    if (change.paidCents !== null) {
      plan.paidOutside.push({ invoiceId: inv.id, debtorId, cents: change.paidCents, currency: inv.currency, closes: items.openCents[i]! <= 0n, number });
      paidOutside += change.paidCents;
      addExample(outcome, `invoice ${number}: ${change.paidCents} cents paid outside the workbench`);
    }
    if (change.amountDelta !== 0n || change.creditOpen !== null || change.paidCents !== null) outcome.invoices.updated++;
    else outcome.invoices.unchanged++;
  }

  // A set of e-invoices is not the whole list of what is open: nothing is closed for lacking in it.
  if (req.kind === "open_items") {
    // Open invoices of this source that the file no longer lists: paid outside, closed on the file's date.
    for (const inv of gone.filter((g) => g.openCents > 0n)) {
      plan.paidOutside.push({ invoiceId: inv.id, debtorId: inv.debtorId, cents: inv.openCents, currency: inv.currency, closes: true, number: inv.number });
      paidOutside += inv.openCents;
      outcome.invoices.closed++;
      addExample(outcome, `invoice ${inv.number} is no longer open in the books: closed as paid outside the workbench on ${fileDate}`);
    }
    // Credit notes of this source the file no longer lists were used up in the books: nothing left to net.
    for (const inv of gone.filter((g) => g.openCents < 0n)) {
      plan.creditUpdates.push({ id: inv.id, debtorId: inv.debtorId, openCents: 0n });
      outcome.invoices.closed++;
      addExample(outcome, `credit note ${inv.number} is no longer open in the books: closed`);
    }
  }
  outcome.invoices.paidOutsideCents = paidOutside.toString();
}

/**
 * What the file's row changes on an invoice of the workbench. Less open in the books than in the
 * workbench: paid outside the workbench (or credited). More open in the books: a payment the
 * workbench already booked and the books not yet: left as is. A credit note used up (or partly)
 * in the books: its open amount follows the books.
 */
function changeOf(plan: Plan, i: number, inv: Known): { amountDelta: bigint; open: bigint; creditOpen: bigint | null; paidCents: bigint | null } {
  const items = plan.rows.items!;
  const fileOpen = items.openCents[i]!;
  const amountDelta = items.amountCents[i]! - inv.amountCents;
  const open = inv.openCents + amountDelta;
  const isCredit = items.creditNote[i] === 1;
  return {
    amountDelta, open,
    creditOpen: isCredit && open <= 0n && fileOpen !== open ? fileOpen : null,
    paidCents: !isCredit && fileOpen < open && open > 0n ? open - (fileOpen > 0n ? fileOpen : 0n) : null,
  };
}

/** The row's own invoice (this source's key), on the same debtor, in the same currency, and nothing to change. */
function isUnchanged(plan: Plan, i: number, inv: Known, debtorId: string): boolean {
  if (inv.debtorId !== debtorId || inv.currency !== plan.rows.items!.currency[i]) return false;
  const change = changeOf(plan, i, inv);
  return change.amountDelta === 0n && change.creditOpen === null && change.paidCents === null;
}

function knownOf(r: unknown[], number: string): Known {
  return { id: r[1] as string, number, debtorId: r[2] as string, amountCents: BigInt(r[3] as string), openCents: BigInt(r[4] as string), currency: r[5] as string };
}

/** All of the source's invoice keys, a page at a time in key order (the page's last key found first, so a page is one range). */
async function* keyPages(db: Db, source: string, from: Prisma.Sql, columns: string[]): AsyncGenerator<unknown[][]> {
  let after: string | null = null;
  for (;;) {
    const range: Prisma.Sql = after === null ? Prisma.empty : Prisma.sql` AND "key" > ${after}`;
    const last = await db.$queryRaw<Array<{ key: string }>>`SELECT "key" FROM "ExternalKey" WHERE "source" = ${source} AND "kind" = 'invoice'${range} ORDER BY "key" LIMIT 1 OFFSET ${Prisma.raw(String(KEYS_PER_QUERY - 1))}`;
    const upTo = last[0]?.key ?? null;
    yield await selectRows(db, columns, Prisma.sql`${from}${after === null ? Prisma.empty : Prisma.sql` AND p."key" > ${after}`}${upTo === null ? Prisma.empty : Prisma.sql` AND p."key" <= ${upTo}`}`);
    if (upTo === null) return;
    after = upTo;
  }
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += KEYS_PER_QUERY) yield items.slice(i, i + KEYS_PER_QUERY);
}
