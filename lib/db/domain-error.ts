/**
 * Expected failures of a use case. The code picks the user's message from the catalogue;
 * anything that is not a DomainError is logged and shown as a generic message.
 */
export type DomainErrorCode =
  | "not_found"
  | "forbidden"
  | "conflict"
  | "invalid"
  | "duplicate"
  | "unavailable";

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message?: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? code);
    this.name = "DomainError";
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
