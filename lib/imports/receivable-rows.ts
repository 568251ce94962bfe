import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { addError, rowError, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { problem, type Problem } from "./import-problem";
import type { TypedColumns } from "./import-table";
import { readEInvoices } from "./ubl";

/**
 * The good rows of a debtors, open-items or e-invoices file, column by column as import-table.ts
 * types them: a 200,000-row file is a dozen arrays, not 200,000 objects of a dozen optional
 * properties. A debtor's fields are on every row of its invoices; the plan reads them from the one
 * row that speaks for the debtor (`debtorAt`).
 */
export const DEBTOR_FIELDS = ["name", "email", "phone", "contactName", "street", "postalCode", "city", "country", "kvkNumber", "iban"] as const;
export type DebtorField = (typeof DEBTOR_FIELDS)[number];
export type DebtorRow = { row: number; customerNumber: string; paymentTermDays?: number } & { [K in DebtorField]?: string };

export type ReceivableRows = {
  count: number;
  /** the file's row number of each row */
  row: Int32Array;
  customerNumber: string[];
  /** field -> its value per row; null where the file has no such column */
  debtor: Record<DebtorField, Array<string | undefined> | null>;
  paymentTermDays: Array<number | undefined> | null;
  /** open items; null for a debtors file */
  items: ItemColumns | null;
};

export type ItemColumns = {
  invoiceNumber: string[];
  issueDate: CalendarDate[];
  dueDate: CalendarDate[];
  amountCents: BigInt64Array;
  openCents: BigInt64Array;
  currency: string[];
  description: Array<string | undefined>;
  /** 1 for a credit note */
  creditNote: Uint8Array;
};

export function debtorAt(rows: ReceivableRows, i: number): DebtorRow {
  const out: DebtorRow = { row: rows.row[i]!, customerNumber: rows.customerNumber[i]! };
  for (const field of DEBTOR_FIELDS) {
    const value = rows.debtor[field]?.[i];
    if (value !== undefined) out[field] = value;
  }
  const days = rows.paymentTermDays?.[i];
  if (days !== undefined) out.paymentTermDays = days;
  return out;
}

/** The file's typed values as debtors (a debtors file) or open items; keys twice in one file are errors. Null when any row is bad. */
export function receivableRows(typed: TypedColumns, isDebtors: boolean, outcome: ImportOutcome): ReceivableRows | null {
  const { count, rowNo, values } = typed;
  const text = (field: string) => (values.get(field) as Array<string | undefined> | undefined) ?? null;
  const country = text("country")?.map((c) => c?.toUpperCase().slice(0, 2)) ?? null;
  const rows: ReceivableRows = {
    count, row: rowNo, customerNumber: text("customerNumber") as string[],
    debtor: { name: text("customerName"), email: text("email"), phone: text("phone"), contactName: text("contactName"), street: text("street"), postalCode: text("postalCode"), city: text("city"), country, kvkNumber: text("kvkNumber"), iban: text("iban") },
    paymentTermDays: (values.get("paymentTermDays") as Array<number | undefined> | undefined) ?? null, items: null,
  };
  if (isDebtors) {
    reportDuplicateKeys(rows.customerNumber, rows.row, null, (key, first) => problem("imports.error.duplicateCustomer", { customer: key, first: String(first) }), outcome);
    return outcome.errors.length ? null : rows;
  }
  const good = new Uint8Array(count);
  const items = itemColumns(typed, rows.paymentTermDays, good, outcome);
  reportDuplicateKeys(items.invoiceNumber, rows.row, good, (key, first) => problem("imports.error.duplicateInvoice", { invoice: key, first: String(first) }), outcome);
  if (outcome.errors.length) return null;
  rows.items = items;
  return rows;
}

/**
 * Open items. A credit note (the document type says so, or the amounts are negative without a
 * type that says invoice) is an open item with negative amounts, as a UBL credit note is: written
 * positive beside its type, it is turned negative. It lowers what the debtor owes, and being not
 * owed money, it is never dunned nor charged interest or costs (the dunning run takes only open
 * amounts above zero). Marks each row that passes in `good`.
 */
function itemColumns(typed: TypedColumns, termDays: Array<number | undefined> | null, good: Uint8Array, outcome: ImportOutcome): ItemColumns {
  const { count, rowNo, values } = typed;
  const column = <T>(field: string) => (values.get(field) as Array<T | undefined> | undefined) ?? [];
  const openAmount = column<bigint>("openAmount");
  const amountColumn = column<bigint>("amount");
  const documentType = column<string>("documentType");
  const invoiceDate = column<CalendarDate>("invoiceDate");
  const dueDateColumn = column<CalendarDate>("dueDate");
  const currencyColumn = column<string>("currency");
  const out: ItemColumns = {
    invoiceNumber: column<string>("invoiceNumber") as string[], issueDate: new Array<CalendarDate>(count), dueDate: new Array<CalendarDate>(count),
    amountCents: new BigInt64Array(count), openCents: new BigInt64Array(count), currency: new Array<string>(count), description: column<string>("description"), creditNote: new Uint8Array(count),
  };
  const computedDates = new Map<string, CalendarDate>();
  for (let i = 0; i < count; i++) {
    const fail = (p: Problem) => addError(outcome, rowNo[i]!, p);
    let open = openAmount[i]!;
    let amount = amountColumn[i] ?? open;
    const isNegative = open < 0n || amount < 0n;
    const type = documentType[i];
    if (type === "invoice" && isNegative) {
      fail(problem("imports.error.negativeInvoice"));
      continue;
    }
    if (type === "credit_note" && !isNegative) {
      open = -open;
      amount = -amount;
    }
    const creditNote = type === "credit_note" || isNegative;
    if (creditNote && (open > 0n || amount > 0n)) {
      fail(problem("imports.error.creditNoteSigns"));
      continue;
    }
    if (creditNote ? open < amount : open > amount) {
      fail(problem(creditNote ? "imports.error.openMoreThanCredit" : "imports.error.openMoreThanAmount"));
      continue;
    }
    const issueDate = invoiceDate[i] ?? dueDateColumn[i];
    let dueDate = dueDateColumn[i];
    if (dueDate === undefined && issueDate !== undefined) {
      const key = `${issueDate}+${termDays?.[i] ?? 30}`;
      dueDate = computedDates.get(key) ?? addDays(issueDate, termDays?.[i] ?? 30);
      computedDates.set(key, dueDate);
    }
    if (!issueDate || !dueDate) {
      fail(problem("imports.error.noDates"));
      continue;
    }
    if (dueDate < issueDate) {
      fail(problem("imports.error.dueBeforeIssue", { dueDate, issueDate }));
      continue;
    }
    out.issueDate[i] = issueDate;
    out.dueDate[i] = dueDate;
    out.amountCents[i] = amount;
    out.openCents[i] = open;
    out.currency[i] = currencyColumn[i] ?? "EUR";
    out.creditNote[i] = creditNote ? 1 : 0;
    good[i] = 1;
  }
  return out;
}

/** A key twice in one file (letter case aside): the second and later rows are errors naming the first. Rows not `good` are skipped. */
function reportDuplicateKeys(keys: string[], rowNo: Int32Array, good: Uint8Array | null, errorOf: (key: string, firstRow: number) => Problem, outcome: ImportOutcome): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    if (good && !good[i]) continue;
    const key = keys[i]!.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) addError(outcome, rowNo[i]!, errorOf(keys[i]!, first));
    else seen.set(key, rowNo[i]!);
  }
}

/**
 * UBL 2.1 / Peppol BIS 3.0 / NLCIUS invoices and credit notes (one XML or a zip of many): each is
 * a new open item for its buyer. The buyer's key is its own identifier in the document (party
 * identification), else its KvK number, else its VAT number.
 */
export function eInvoiceRows(req: ImportRequest, outcome: ImportOutcome): ReceivableRows | null {
  const read = readEInvoices(req.bytes, req.fileName);
  if (!read.ok) {
    outcome.errors = read.errors.map((e, i) => rowError(i + 1, e.problem));
    return null;
  }
  outcome.rows = read.invoices.length;
  const kept = read.invoices.flatMap((inv, i) => {
    const c = inv.customer;
    const customerNumber = c.id ?? c.kvk ?? c.vat;
    if (customerNumber) return [{ inv, row: i + 1, customerNumber }];
    addError(outcome, i + 1, problem("imports.error.inFile", { file: inv.file, problem: problem("imports.error.ublNoBuyerId") }));
    return [];
  });
  const count = kept.length;
  const of = <T>(f: (k: (typeof kept)[number]) => T) => kept.map(f);
  const rows: ReceivableRows = {
    count, row: Int32Array.from(of((k) => k.row)), customerNumber: of((k) => k.customerNumber),
    debtor: {
      name: of((k) => k.inv.customer.name), email: of((k) => k.inv.customer.email ?? undefined), phone: null, contactName: null, street: of((k) => k.inv.customer.street ?? undefined),
      postalCode: of((k) => k.inv.customer.postalCode ?? undefined), city: of((k) => k.inv.customer.city ?? undefined), country: of((k) => k.inv.customer.country?.toUpperCase().slice(0, 2)),
      kvkNumber: of((k) => k.inv.customer.kvk ?? undefined), iban: null,
    },
    paymentTermDays: null,
    items: {
      invoiceNumber: of((k) => k.inv.number), issueDate: of((k) => k.inv.issueDate), dueDate: of((k) => k.inv.dueDate ?? addDays(k.inv.issueDate, 30)),
      amountCents: BigInt64Array.from(of((k) => k.inv.payableCents)), openCents: BigInt64Array.from(of((k) => k.inv.payableCents)), currency: of((k) => k.inv.currency),
      description: of((k) => [k.inv.paymentReference ? `Betalingskenmerk ${k.inv.paymentReference}` : null, k.inv.billingReference ? `bij factuur ${k.inv.billingReference}` : null].filter(Boolean).join(", ") || undefined),
      creditNote: Uint8Array.from(of((k) => (k.inv.kind === "credit_note" || k.inv.payableCents < 0n ? 1 : 0))),
    },
  };
  reportDuplicateKeys(rows.items!.invoiceNumber, rows.row, null, (key, first) => problem("imports.error.duplicateDocument", { invoice: key, first: String(first) }), outcome);
  return outcome.errors.length ? null : rows;
}
