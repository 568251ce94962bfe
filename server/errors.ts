import { randomUUID } from "node:crypto";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { ERROR_MESSAGE, ERROR_STATUS, isDomainError, type DomainErrorCode } from "@/lib/errors/domain-error";
import type { Locale } from "@/lib/i18n/locale";
import { isMessageKey, translate } from "@/lib/i18n/translate";

/** How any door sees a failure: the code, the user's message, per-field messages, HTTP status. */
export type MappedError = {
  code: DomainErrorCode | "internal";
  status: number;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** set for unexpected errors: the reference the user can report, also in the log */
  ref?: string;
};

/**
 * Expected DomainErrors become the catalogue message of their code (and the internal message
 * is logged at debug level for the support trail); anything else is a bug: logged in full with
 * a short reference, and the user sees only the generic message with that reference.
 */
export function mapError(e: unknown, locale: Locale, log: (line: string, e?: unknown) => void = defaultLog): MappedError {
  if (isDomainError(e)) {
    const fieldErrors = e.fieldErrors
      ? Object.fromEntries(Object.entries(e.fieldErrors).map(([f, keys]) => [f, keys.map((k) => (isMessageKey(k) ? translate(locale, k) : k))]))
      : undefined;
    if (e.message !== e.code) log(`[domain ${e.code}] ${e.message}`);
    return { code: e.code, status: ERROR_STATUS[e.code], message: translate(locale, ERROR_MESSAGE[e.code]), ...(fieldErrors ? { fieldErrors } : {}) };
  }
  const ref = randomUUID().slice(0, 8);
  if (isDatabaseUnavailable(e)) {
    // Not a bug: the database is restarting or out of reach. Say so; the user can simply retry.
    log(`[unavailable ${ref}]`, e);
    return { code: "unavailable", status: ERROR_STATUS.unavailable, message: translate(locale, ERROR_MESSAGE.unavailable), ref };
  }
  log(`[error ${ref}]`, e);
  return { code: "internal", status: 500, message: translate(locale, "errors.generic", { ref }), ref };
}

function defaultLog(line: string, e?: unknown): void {
  if (e === undefined) {
    // An expected refusal (a conflict, a stale version): kept for the support trail at debug level.
    console.debug(line);
    return;
  }
  console.error(line, e);
}
