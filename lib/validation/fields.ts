import { z } from "zod";
import { isCalendarDate } from "@/lib/format/calendar-date";
import { parseAmount } from "@/lib/format/money";
import type { MessageKey } from "@/lib/i18n/translate";

/**
 * The zod fields every schema builds on, so an id, a text, an amount or a date is checked the
 * same way at every door. Messages are catalogue keys typed as `MessageKey`: a key that does not
 * exist fails the typecheck instead of showing users a generic "invalid".
 */
export const msg = (key: MessageKey) => ({ error: key });
/** The same for `ctx.addIssue` inside a superRefine or transform. */
export const issue = (key: MessageKey, path?: (string | number)[]) => ({ code: "custom" as const, message: key, ...(path ? { path } : {}) });

/** A record id (cuid/uuid) as it travels through forms and URLs. */
export const idField = z.string().trim().min(1, msg("validation.required")).max(64, msg("validation.invalid"));

/** The version a form was loaded with (optimistic locking). */
export const versionField = z.number().int().min(1);

/**
 * Markup has no place in notes, reasons or names: React escapes it anyway, but it is refused at
 * the door so it never reaches an e-mail, a letter or an export. "a < b" is text, "<b>" is markup.
 */
export function hasMarkup(s: string): boolean {
  return /<[/!?a-z]|<\s*\/?\s*(script|iframe|object|embed|style|img|svg)\b|javascript:/i.test(s);
}

/** Trimmed text of at most `max` characters, without markup. */
export const textField = (max: number) => z.string().trim().max(max).refine((s) => !hasMarkup(s), msg("validation.noMarkup"));

/** Optional text: empty becomes null. */
export const optionalTextField = (max: number) =>
  textField(max)
    .optional()
    .transform((v) => (v ? v : null));

/** Nullable text (null or a string; an empty string becomes null). */
export const nullableTextField = (max: number) =>
  textField(max)
    .nullable()
    .transform((v) => (v ? v : null));

export const phoneField = z.string().trim().max(40).regex(/^[+()\d\s./-]*$/, msg("validation.phone"));

/**
 * A positive amount typed by a person ("1.234,56", "1234.56", "€ 12,50") -> integer cents.
 * A grouped amount without decimals ("1.500") reads the Dutch way, as the office writes it.
 */
export const moneyField = (message: MessageKey = "validation.amount") =>
  z
    .string()
    .trim()
    .max(20, msg(message))
    .transform((v, ctx) => {
      const cents = parseAmount(v, "nl");
      if (cents === null || cents <= 0n) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return cents;
    });

/** A calendar date "YYYY-MM-DD" that exists (no 31 February). */
export const dateField = (message: MessageKey = "validation.date") => z.string().refine(isCalendarDate, msg(message));
export const calendarDateField = dateField();
