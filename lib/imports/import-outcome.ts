import type { CalendarDate } from "@/lib/format/calendar-date";
import type { ImportKind } from "./import-fields";
import type { Problem } from "./import-problem";
import { inEnglish } from "./import-problem-english";

/** What every import is told and answers, whatever its kind (see import-receivables.ts). */
export type ImportContext = {
  today: CalendarDate;
  now: Date;
  /** for judging payment promises after a payments import; default Europe/Amsterdam */
  timeZone?: string;
  /** days a promised payment may be late before the promise counts as broken; default 2 */
  graceDays?: number;
  /** told as each step of a receivables import ends ("read", "rows", "plan", "write", "balances", "commit"): for timing it */
  onPhase?: (phase: string) => void;
};
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
/** `problem` for the page (the user's language), `message` its English text (command line, history). */
export type RowError = { row: number; message: string; problem: Problem };
export type ImportCounts = { created: number; updated: number; closed: number; unchanged: number };
export type ImportOutcome = {
  runId: string;
  status: "dry_run" | "applied" | "refused";
  rows: number;
  mapping: Record<string, string>;
  /** the file's column headers (for the mapping screen) */
  headers: string[];
  debtors: ImportCounts;
  /** open items; for a payments file, the invoices the payments settle in part (updated) or in full (closed) */
  invoices: ImportCounts & { paidOutsideCents: string };
  contacts: ImportCounts;
  /** created: booked now; unchanged: booked by an earlier import of the same payments */
  payments: ImportCounts & { bookedCents: string; unallocatedCents: string };
  errors: RowError[];
  /** up to 60 examples of what changes, in English, for the command line's dry run */
  examples: string[];
};

export const MAX_ROW_ERRORS = 200;

export const zeroCounts = (): ImportCounts => ({ created: 0, updated: 0, closed: 0, unchanged: 0 });

export function emptyOutcome(): ImportOutcome {
  return {
    runId: "", status: "refused", rows: 0, mapping: {}, headers: [], debtors: zeroCounts(), invoices: { ...zeroCounts(), paidOutsideCents: "0" },
    contacts: zeroCounts(), payments: { ...zeroCounts(), bookedCents: "0", unallocatedCents: "0" }, errors: [], examples: [],
  };
}

export function rowError(row: number, p: Problem): RowError {
  return { row, message: inEnglish(p), problem: p };
}

/** Adds a row's error, up to MAX_ROW_ERRORS (a file with an error on every row still answers quickly). */
export function addError(outcome: ImportOutcome, row: number, p: Problem): void {
  if (outcome.errors.length < MAX_ROW_ERRORS) outcome.errors.push(rowError(row, p));
}

export function addExample(outcome: ImportOutcome, text: string): void {
  if (outcome.examples.length < 60) outcome.examples.push(text);
}
