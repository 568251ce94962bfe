import type { MessageKey } from "@/lib/i18n/translate";

/**
 * Expected failures of a use case, one type for every door. The code picks the user's message
 * from the catalogue (server actions, pages) and the HTTP status (route handlers, the API);
 * anything that is not a DomainError is a bug: logged with a reference, shown generically.
 * `message` is for the log only (e.g. "stale version"), never shown to a user.
 */
export const DOMAIN_ERROR_CODES = ["unauthenticated", "forbidden", "not_found", "conflict", "invalid", "duplicate", "rate_limited", "unavailable"] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** code -> the user's message. */
export const ERROR_MESSAGE: Record<DomainErrorCode, MessageKey> = {
  unauthenticated: "errors.signedOut",
  forbidden: "errors.forbidden",
  not_found: "errors.notFound",
  conflict: "errors.conflict",
  invalid: "errors.invalid",
  duplicate: "errors.duplicate",
  rate_limited: "errors.rateLimited",
  unavailable: "errors.unavailable",
};

/** code -> the HTTP status a route handler or the API answers. */
export const ERROR_STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  duplicate: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message?: string,
    /** Per field, catalogue keys (or already readable texts, e.g. a file's row errors). */
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? code);
    this.name = "DomainError";
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
