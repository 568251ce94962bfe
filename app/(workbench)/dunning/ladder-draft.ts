import { centsToInput, parseAmount } from "@/lib/format/money";
import type { Locale } from "@/lib/i18n/locale";

/** A ladder step as the page hands it to the editor (the minimum amount in cents, as a string). */
export type StepJson = { level: number; code: string; offsetDays: number; channel: string; template: string; minAmountCents: string | null; onlyNewCustomers: boolean; segment: string; chargesCosts: boolean; payWithinDays: number };

/** The same step while it is edited: the number fields hold what was typed, so a cleared field stays empty instead of becoming 0 (or NaN). */
export type StepDraft = Omit<StepJson, "offsetDays" | "payWithinDays" | "minAmountCents"> & { offsetDays: string; payWithinDays: string; minAmount: string };

export function toDraft(s: StepJson, locale: Locale): StepDraft {
  const { minAmountCents, offsetDays, payWithinDays, ...rest } = s;
  return { ...rest, offsetDays: String(offsetDays), payWithinDays: String(payWithinDays), minAmount: minAmountText(minAmountCents, locale) };
}

/** Whole euros without decimals ("5000"), otherwise as an amount field shows it ("12,50"). */
function minAmountText(cents: string | null, locale: Locale): string {
  if (cents === null || cents === "") return "";
  const c = BigInt(cents);
  return c % 100n === 0n ? String(c / 100n) : centsToInput(c, locale);
}

/**
 * Days as the server reads them: a whole number, null when empty, or the text itself when it is
 * not a whole number, so the server answers with the field's message (never NaN, never a silent 0).
 */
export function daysValue(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** The minimum amount in cents as a string, null when empty, or the text itself when it is not an amount. */
export function centsValue(text: string, locale: Locale): string | null {
  const t = text.trim();
  if (t === "") return null;
  const cents = parseAmount(t, locale);
  return cents === null ? t : cents.toString();
}

/** The step as savePolicyAction takes it. */
export function stepInput(d: StepDraft, locale: Locale) {
  return {
    code: d.code,
    offsetDays: daysValue(d.offsetDays),
    channel: d.channel,
    template: d.template,
    minAmountCents: centsValue(d.minAmount, locale),
    onlyNewCustomers: d.onlyNewCustomers,
    segment: d.segment,
    chargesCosts: d.chargesCosts,
    payWithinDays: daysValue(d.payWithinDays),
  };
}
