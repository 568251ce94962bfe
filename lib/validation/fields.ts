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
 * Characters no person types: C0 controls other than TAB, CR and LF, DEL, and UTF-16 surrogates
 * without their partner (the `u` flag reads a valid pair as one code point, so only a lone half
 * matches). They come from pasted binary or broken clients and garble e-mails, letters and
 * exports. Markup is not refused: it is text like any other, and every output escapes it
 * (React, plain-text e-mails, PDF strings, quoted CSV cells).
 */
export function hasControlChars(s: string): boolean {
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDFFF]/u.test(s);
}

/** Trimmed text of at most `max` characters, without control characters. */
export const textField = (max: number) => z.string().trim().max(max).refine((s) => !hasControlChars(s), msg("validation.controlChars"));

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
