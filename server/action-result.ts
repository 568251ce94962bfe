/**
 * What every server action answers: data, or the user's message with per-field messages.
 * A type only, so client components may import it without pulling server code.
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
