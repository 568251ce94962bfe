import { DomainError } from "@/lib/errors/domain-error";

/**
 * Cursor paging for the API's lists. A cursor is opaque to the client (base64url of the last
 * row's sort key) so its form can change without breaking integrations; a page never repeats or
 * skips a row that existed when paging started, whatever is inserted meanwhile at other places.
 */
export type Page<T> = { data: T[]; nextCursor: string | null };

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { k?: unknown };
    if (typeof parsed.k === "string" && parsed.k.length > 0 && parsed.k.length <= 200) return parsed.k;
  } catch {
    // fall through: a cursor the API did not hand out
  }
  throw new DomainError("invalid", "bad cursor", { cursor: ["api.errors.cursor"] });
}

/** Rows fetched as limit + 1: the extra row says whether there is a next page. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (r: R) => string, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { data: shown.map(map), nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1]!)) : null };
}
