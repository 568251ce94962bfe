import type { z } from "zod";
import type { FinishCallInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";

/**
 * What the call panel sends, typed by the schemas' input side (amounts stay text until the server
 * reads them). The panel always sends a write id (optional on the server for other callers): it
 * is what lets the server recognise a save or finish repeated after a lost reply.
 */
export type SaveDraftRequest = z.input<typeof SaveCallDraftInput> & { writeId: string };
export type FinishCallRequest = z.input<typeof FinishCallInput> & { writeId: string };
/** An outcome not chosen yet is sent as "", so the server answers with its own field message. */
export type FinishCallSubmission = Omit<FinishCallRequest, "outcome"> & { outcome: FinishCallRequest["outcome"] | "" };
export type CallResultRequest = FinishCallRequest["result"];
export type NewContactRequest = NonNullable<FinishCallRequest["newContact"]>;
export type ContactUpdateRequest = NonNullable<FinishCallRequest["contactUpdate"]>;

export type CallPanelContact = { id: string; name: string; phone: string | null; mobile: string | null; email: string | null };
export type CallPanelInvoice = { id: string; number: string; dueDate: string; openCents: number; disputedCents: number; daysOverdue: number; hasOpenPromise: boolean };
export type NegotiationRoom = { maxInstalments: number; minDownPaymentPct: number };

/**
 * Typed amounts are read the Dutch way ("1.234,56"), in either UI language, as the server reads
 * them; the panel's prefilled amounts are written that way too (`centsToInput`'s default).
 */
export const AMOUNT_LOCALE = "nl";

/** The server's messages per field path ("result.instalments.0.amount"). */
export type FieldErrors = Record<string, string[]>;

/** The messages of a field and of everything under it, each once. */
export function messagesFor(errors: FieldErrors, name: string): string[] {
  const all = Object.entries(errors)
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .flatMap(([, v]) => v);
  return [...new Set(all)];
}

/** `value` when it is one of `options` (a select's or a stored value), else `fallback`. */
export function oneOf<T extends string, F extends string>(options: readonly T[], value: string | null | undefined, fallback: F): T | F {
  return options.find((o) => o === value) ?? fallback;
}

export const labelClass = "mb-0.5 block text-[12px] font-medium text-slate-600";
export const inputClass = "w-full rounded border border-slate-300 px-2 py-1 text-[13px]";
