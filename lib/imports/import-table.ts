import type { Db } from "@/lib/db/client";
import { FIELDS, mappingProblems, proposeMapping, type FieldDef, type ImportKind } from "./import-fields";
import { addError, rowError, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { problem, type Problem } from "./import-problem";
import { refusal } from "./import-problem-english";
import { readTable } from "./tabular";
import {
  detectDateOrder, detectDecimalSeparator, parseAmount, parseBoolean, parseContactRole, parseCurrency, parseDate, parseEmail, parseIban, parseInvoiceNumbers, parsePhone,
  type ValueResult,
} from "./values";

/**
 * A CSV or XLSX import file to typed rows: the table read, the mapping settled (given, else the
 * one remembered for this source and kind when the file still has its columns, else proposed
 * from the headers), every mapped cell typed. Every bad cell is reported with its row (and the row
 * left out); null when the file itself is refused (unreadable, no rows, no usable mapping).
 */
export type TypedRow = { row: number; values: Record<string, unknown> };

export async function readTableRows(db: Db, req: ImportRequest, outcome: ImportOutcome): Promise<TypedRow[] | null> {
  const read = readTable(req.bytes, req.fileName);
  if (!read.ok) {
    outcome.errors = read.errors.map((e) => rowError(e.row, e.problem));
    return null;
  }
  const { headers, rows } = read.table;
  outcome.rows = rows.length;
  if (rows.length === 0) {
    outcome.errors = [rowError(0, problem("imports.error.headerOnly"))];
    return null;
  }

  const remembered = await db.importMapping.findUnique({ where: { source_kind: { source: req.source, kind: req.kind } }, select: { mapping: true } });
  const rememberedMapping = remembered ? (JSON.parse(remembered.mapping) as Record<string, string>) : null;
  const mapping = req.mapping ?? (rememberedMapping && mappingProblems(rememberedMapping, headers, req.kind).length === 0 ? rememberedMapping : proposeMapping(headers, req.kind));
  outcome.mapping = mapping;
  outcome.headers = headers;
  const problems = mappingProblems(mapping, headers, req.kind);
  if (problems.length) {
    outcome.errors = problems.map((p) => rowError(0, problem("imports.error.mapping", { problem: p, columns: headers.join(", ") })));
    return null;
  }

  // Rows with a bad cell are left out; their errors are in `outcome`, and the caller's own checks of the good rows add theirs.
  return typeRows(rows, headers, mapping, req.kind, outcome);
}

function typeRows(rows: Array<{ rowNo: number; cells: string[] }>, headers: string[], mapping: Record<string, string>, kind: ImportKind, outcome: ImportOutcome): TypedRow[] {
  const defs = FIELDS[kind].filter((f) => mapping[f.field]);
  const col = new Map(defs.map((f) => [f.field, headers.indexOf(mapping[f.field]!)] as const));
  const samples = (field: string) => rows.slice(0, 2_000).map((r) => r.cells[col.get(field)!] ?? "").filter((v) => v.trim() !== "");
  const dateOrder = new Map(defs.filter((f) => f.type === "date").map((f) => [f.field, detectDateOrder(samples(f.field))] as const));
  const decimal = new Map(defs.filter((f) => f.type === "amount").map((f) => [f.field, detectDecimalSeparator(samples(f.field))] as const));

  const out: TypedRow[] = [];
  for (const { rowNo, cells } of rows) {
    const values: Record<string, unknown> = {};
    let bad = false;
    for (const def of defs) {
      const column = mapping[def.field]!;
      const raw = (cells[col.get(def.field)!] ?? "").trim();
      if (raw === "") {
        if (def.required) {
          addError(outcome, rowNo, problem("imports.error.required", { column }));
          bad = true;
        }
        continue;
      }
      const r = parseCell(def, raw, dateOrder.get(def.field), decimal.get(def.field));
      if (!r.ok) {
        addError(outcome, rowNo, problem("imports.error.cell", { column, problem: r.problem }));
        bad = true;
      } else values[def.field] = r.value;
    }
    if (!bad) out.push({ row: rowNo, values });
  }
  return out;
}

function parseCell(def: FieldDef, raw: string, order: ReturnType<typeof detectDateOrder> | undefined, decimal: ReturnType<typeof detectDecimalSeparator> | undefined): ValueResult<unknown> {
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
