import type { Db } from "@/lib/db/client";
import { FIELDS, mappingProblems, proposeMapping, type FieldDef, type ImportKind } from "./import-fields";
import { addError, emptyOutcome, rowError, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { problem, type Problem } from "./import-problem";
import { refusal } from "./import-problem-english";
import { scanTable, type TableRow } from "./tabular";
import {
  detectDateOrder, detectDecimalSeparator, parseAmount, parseBoolean, parseContactRole, parseCurrency, parseDate, parseEmail, parseIban, parseInvoiceNumbers, parsePhone,
  type DateColumnOrder, type ValueResult,
} from "./values";

/**
 * A CSV or XLSX import file to typed values: the table read, the mapping settled (given, else the
 * one remembered for this source and kind when the file still has its columns, else proposed
 * from the headers), every mapped cell typed. Every bad cell is reported with its row (and the row
 * left out); null when the file itself is refused (unreadable, no rows, no usable mapping).
 *
 * The values are kept column by column: one array per mapped field over the good rows, repeated
 * values (a customer's name on each of its invoices, dates, currencies) stored once, and each
 * row's text cells let go as soon as it is typed, so a 200,000-row export costs tens of megabytes
 * once read instead of an object per row and cell. Small files (contacts, payments) take them
 * row by row (`readTableRows`).
 */
export type TypedColumns = {
  /** good rows */
  count: number;
  /** the row number of each good row as the file shows it */
  rowNo: Int32Array;
  /** field -> its value on each good row (undefined where the cell was empty) */
  values: Map<string, unknown[]>;
};
export type TypedRow = { row: number; values: Record<string, unknown> };

export async function readTableColumns(db: Db, req: ImportRequest, outcome: ImportOutcome): Promise<TypedColumns | null> {
  const remembered = await db.importMapping.findUnique({ where: { source_kind: { source: req.source, kind: req.kind } }, select: { mapping: true } });
  const rememberedMapping = remembered ? (JSON.parse(remembered.mapping) as Record<string, string>) : null;
  let headers: string[] = [];
  let mapping: Record<string, string> = {};
  let problems: Problem[] = [];
  let typer: ColumnTyper | null = null;
  // Cell errors wait here: a file refused as a whole (found only at its end) answers only why.
  const typing = emptyOutcome();
  const read = scanTable(req.bytes, req.fileName, {
    start(names) {
      // Kept in the outcome and the mapping: copies, not views on the file's text (see `own`).
      headers = names.map(own);
      mapping = req.mapping ?? (rememberedMapping && mappingProblems(rememberedMapping, headers, req.kind).length === 0 ? rememberedMapping : proposeMapping(headers, req.kind));
      problems = mappingProblems(mapping, headers, req.kind);
      if (problems.length === 0) typer = new ColumnTyper(headers, mapping, req.kind, typing);
    },
    row: (row) => typer?.add(row),
  });
  if (!read.ok) {
    outcome.errors = read.errors.map((e) => rowError(e.row, e.problem));
    return null;
  }
  outcome.rows = read.table.rowCount;
  if (read.table.rowCount === 0) {
    outcome.errors = [rowError(0, problem("imports.error.headerOnly"))];
    return null;
  }
  outcome.mapping = mapping;
  outcome.headers = headers;
  if (problems.length || !typer) {
    outcome.errors = problems.map((p) => rowError(0, problem("imports.error.mapping", { problem: p, columns: headers.join(", ") })));
    return null;
  }
  // Rows with a bad cell are left out; their errors are in `outcome`, and the caller's own checks of the good rows add theirs.
  outcome.errors = typing.errors;
  return (typer as ColumnTyper).finish();
}

export async function readTableRows(db: Db, req: ImportRequest, outcome: ImportOutcome): Promise<TypedRow[] | null> {
  const typed = await readTableColumns(db, req, outcome);
  if (!typed) return null;
  const fields = [...typed.values];
  const out: TypedRow[] = [];
  for (let i = 0; i < typed.count; i++) {
    const values: Record<string, unknown> = {};
    for (const [field, column] of fields) if (column[i] !== undefined) values[field] = column[i];
    out.push({ row: typed.rowNo[i]!, values });
  }
  return out;
}

/** The first rows decide how a column writes its dates and amounts (day or month first, decimal comma or point). */
const SAMPLE_ROWS = 2_000;
/** Past this many different values a column is taken to be unique (invoice numbers) and no longer shared. */
const MAX_SHARED = 20_000;
/** V8 keeps a string cut from a longer one (this length and up) as a view on the whole decoded file. */
const VIEW_LENGTH = 13;

/** Types rows into columns as they come; a row is let go once typed. */
class ColumnTyper {
  private readonly defs: FieldDef[];
  private readonly indexes: number[];
  private readonly columns: unknown[][];
  /** per field: cell text -> its typed value, while the column repeats itself (not for amounts, nearly all different) */
  private readonly memo: Array<Map<string, ValueResult<unknown>> | null>;
  private readonly rowNo: number[] = [];
  private readonly typed: unknown[];
  /** the first rows' cells of the mapped fields, row after row, until the columns are read */
  private waiting: string[] | null = [];
  private waitingRowNo: number[] = [];
  private dateOrder = new Map<string, DateColumnOrder>();
  private decimal = new Map<string, "," | "." | null>();

  constructor(
    headers: string[],
    private readonly mapping: Record<string, string>,
    kind: ImportKind,
    private readonly outcome: ImportOutcome,
  ) {
    this.defs = FIELDS[kind].filter((f) => mapping[f.field]);
    this.indexes = this.defs.map((f) => headers.indexOf(mapping[f.field]!));
    this.columns = this.defs.map(() => []);
    this.memo = this.defs.map((f) => (f.type === "amount" ? null : new Map()));
    this.typed = new Array<unknown>(this.defs.length);
  }

  add(row: TableRow): void {
    if (!this.waiting) return this.type(row.rowNo, row.cells);
    // The first rows wait for the column readings, their cells copied out: keeping the reader's
    // row objects alive would teach V8 that such objects live long, and it would then put every
    // later row straight into the old generation, where garbage stays until a full collection.
    const at = this.waitingRowNo.length * this.indexes.length;
    this.waitingRowNo.push(row.rowNo);
    for (let k = 0; k < this.indexes.length; k++) this.waiting[at + k] = row.cells[this.indexes[k]!] ?? "";
    if (this.waitingRowNo.length === SAMPLE_ROWS) this.settle();
  }

  finish(): TypedColumns {
    if (this.waiting) this.settle();
    return { count: this.rowNo.length, rowNo: Int32Array.from(this.rowNo), values: new Map(this.defs.map((d, k) => [d.field, this.columns[k]!] as const)) };
  }

  /** The column readings from the rows so far, then those rows typed. */
  private settle(): void {
    const cells = this.waiting!;
    const width = this.indexes.length;
    const count = this.waitingRowNo.length;
    this.waiting = null;
    const samples = (k: number) => Array.from({ length: count }, (_, r) => cells[r * width + k]!).filter((v) => v.trim() !== "");
    this.defs.forEach((f, k) => {
      if (f.type === "date") this.dateOrder.set(f.field, detectDateOrder(samples(k)));
      if (f.type === "amount") this.decimal.set(f.field, detectDecimalSeparator(samples(k)));
    });
    const direct = this.indexes.map((_, k) => k);
    for (let r = 0; r < count; r++) this.type(this.waitingRowNo[r]!, cells.slice(r * width, (r + 1) * width), direct);
    this.waitingRowNo = [];
  }

  /** `at[k]`: where field k's cell is in `cells` (the file's column, unless given). */
  private type(rowNo: number, cells: string[], at: number[] = this.indexes): void {
    const { defs, typed } = this;
    let bad = false;
    for (let k = 0; k < defs.length; k++) {
      const def = defs[k]!;
      typed[k] = undefined;
      const raw = (cells[at[k]!] ?? "").trim();
      if (raw === "") {
        if (def.required) {
          addError(this.outcome, rowNo, problem("imports.error.required", { column: this.mapping[def.field]! }));
          bad = true;
        }
        continue;
      }
      const r = this.typeOf(k, raw);
      if (!r.ok) {
        addError(this.outcome, rowNo, problem("imports.error.cell", { column: this.mapping[def.field]!, problem: r.problem }));
        bad = true;
      } else typed[k] = r.value;
    }
    if (bad) return;
    this.rowNo.push(rowNo);
    for (let k = 0; k < defs.length; k++) this.columns[k]!.push(typed[k]);
  }

  /**
   * A cell's typed value. A column's values repeat (a customer's name and e-mail on each of its
   * invoices, dates, currencies): each different one is typed once and then shared, as a string
   * of its own rather than a view on the file's text, so the text can go once the rows are typed.
   */
  private typeOf(k: number, raw: string): ValueResult<unknown> {
    const memo = this.memo[k];
    const known = memo?.get(raw);
    if (known) return known;
    const def = this.defs[k]!;
    let r = parseCell(def, raw, this.dateOrder.get(def.field), this.decimal.get(def.field));
    if (r.ok && typeof r.value === "string") r = { ok: true, value: own(r.value) };
    if (memo && memo.size >= MAX_SHARED) this.memo[k] = null;
    else memo?.set(r.ok && r.value === raw ? (r.value as string) : own(raw), r);
    return r;
  }
}

/** The text as a string of its own: a cell or header cut from the file keeps the whole file's text alive. */
function own(text: string): string {
  return text.length >= VIEW_LENGTH ? Buffer.from(text, "utf8").toString("utf8") : text;
}

function parseCell(def: FieldDef, raw: string, order: DateColumnOrder | undefined, decimal: "," | "." | null | undefined): ValueResult<unknown> {
  switch (def.type) {
    case "text":
      return raw.length > 200 ? refusal("imports.error.tooLong", { max: 200 }) : { ok: true, value: raw };
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
    case "boolean":
      return parseBoolean(raw);
    case "role":
      return parseContactRole(raw);
    case "numbers":
      return parseInvoiceNumbers(raw);
    case "days": {
      const n = Number(raw.replace(/\s*(dagen|days|d)$/i, ""));
      return Number.isInteger(n) && n >= 0 && n <= 365 ? { ok: true, value: n } : refusal("imports.error.notDays", { value: raw });
    }
    case "doctype":
      // "Creditnota", "Credit note", "CN"; an invoice by name ("Factuur", "Verkoopfactuur", "Invoice"); else another
      // item (an unapplied payment, a memo), which is a credit when negative.
      return { ok: true, value: /credit|\bcn\b/i.test(raw) ? "credit_note" : /factuur|invoice|^(vf|inv|fa)$/i.test(raw) ? "invoice" : "other" };
  }
}

/** A key twice in one file: the second and later rows are errors naming the first. */
export function reportDuplicates<T extends { row: number }>(rows: T[], keyOf: (r: T) => string | null, errorOf: (r: T, firstRow: number) => Problem, outcome: ImportOutcome): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    const first = seen.get(key.toUpperCase());
    if (first !== undefined) addError(outcome, r.row, errorOf(r, first));
    else seen.set(key.toUpperCase(), r.row);
  }
}
