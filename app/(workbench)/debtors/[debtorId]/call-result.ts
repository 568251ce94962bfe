import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { centsToInput } from "@/lib/format/money";
import { AMOUNT_LOCALE, type CallResultRequest, type NegotiationRoom } from "./call-form";

type ResultOf<K extends CallResultRequest["kind"]> = Extract<CallResultRequest, { kind: K }>;
export type ResultKind = CallResultRequest["kind"];
export const RESULT_KINDS: readonly ResultKind[] = ["none", "promise", "plan", "dispute", "callback"];

/**
 * The result part of the call form. Every kind keeps its own fields while another is chosen,
 * so switching back and forth loses nothing; only the chosen kind is sent.
 */
export type ResultState = {
  kind: ResultKind;
  /** the promised amount, or the plan's total */
  amount: string;
  dueDate: CalendarDate;
  method: ResultOf<"promise">["method"];
  invoiceIds: string[];
  plan: ResultOf<"plan">["instalments"];
  planCount: number;
  disputeReason: ResultOf<"dispute">["reason"];
  disputeText: string;
  /** disputed amount per invoice id */
  disputed: Record<string, string>;
  callbackAt: string;
  /** the chosen invoices are under an open agreement and this one replaces it */
  supersedes: boolean;
};

export type ResultUpdate = (patch: Partial<ResultState> | ((s: ResultState) => Partial<ResultState>)) => void;

/** Starts from the call goal: its amount, pay-by date and invoices; a plan of 2 or 3 within the room. */
export function initialResultState(goal: { amountCents: number; payBy: CalendarDate; invoiceIds: string[] }, room: NegotiationRoom, today: CalendarDate): ResultState {
  return {
    kind: "none",
    amount: centsToInput(goal.amountCents, AMOUNT_LOCALE),
    dueDate: goal.payBy,
    method: "bank_transfer",
    invoiceIds: goal.invoiceIds,
    plan: [],
    planCount: Math.min(3, Math.max(2, room.maxInstalments)),
    disputeReason: "goods",
    disputeText: "",
    disputed: {},
    callbackAt: `${addDays(today, 1)}T10:00`,
    supersedes: false,
  };
}

export function buildResult(s: ResultState): CallResultRequest {
  switch (s.kind) {
    case "promise":
      return { kind: s.kind, amount: s.amount, dueDate: s.dueDate, method: s.method, invoiceIds: s.invoiceIds, ...(s.supersedes ? { supersedes: true } : {}) };
    case "plan":
      return { kind: s.kind, total: s.amount, method: s.method, invoiceIds: s.invoiceIds, instalments: s.plan, ...(s.supersedes ? { supersedes: true } : {}) };
    case "dispute":
      return { kind: s.kind, reason: s.disputeReason, description: s.disputeText, invoices: Object.entries(s.disputed).map(([invoiceId, amount]) => ({ invoiceId, amount })) };
    case "callback":
      return { kind: s.kind, at: s.callbackAt };
    case "none":
      return { kind: "none" };
  }
}

/**
 * The result kept with a draft (JSON), laid over the fresh state: every known field whose kept
 * value has the fresh one's type; anything else (an older layout, a damaged value) starts fresh.
 */
export function restoreResult(kept: string, fresh: ResultState): ResultState {
  if (!kept) return fresh;
  let parsed: unknown;
  try {
    parsed = JSON.parse(kept);
  } catch {
    return fresh;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return fresh;
  const o = parsed as Record<string, unknown>;
  const out: Record<string, unknown> = { ...fresh };
  for (const [key, value] of Object.entries(fresh)) {
    const k = o[key];
    const sameType = Array.isArray(value) ? Array.isArray(k) : typeof k === typeof value && k !== null;
    if (sameType) out[key] = k;
  }
  if (!RESULT_KINDS.includes(out.kind as ResultKind)) return fresh;
  return out as ResultState;
}
