import { describe, expect, it } from "vitest";
import { MAX_NAMED_STATEMENTS, statementName } from "./client";

/** PostgreSQL prepared statements: one name per SQL text, and a bound on how many texts get one. */
describe("statementName", () => {
  it("gives a text the same name every time, another text another name, and stops naming past the bound", () => {
    const a = statementName({ sql: "SELECT 1 /* a */" });
    expect(a).toMatch(/^dw[0-9a-z]+$/);
    expect(statementName({ sql: "SELECT 1 /* a */" })).toBe(a);
    const b = statementName({ sql: "SELECT 1 /* b */" });
    expect(b).not.toBe(a);

    const names = new Set<string | undefined>([a, b]);
    for (let i = 0; names.size < MAX_NAMED_STATEMENTS; i++) names.add(statementName({ sql: `SELECT ${i} /* fill */` }));
    expect(names.has(undefined)).toBe(false);
    // Past the bound a new text runs unnamed; the texts named before keep their names.
    expect(statementName({ sql: "SELECT 1 /* one too many */" })).toBeUndefined();
    expect(statementName({ sql: "SELECT 1 /* a */" })).toBe(a);
  });
});
