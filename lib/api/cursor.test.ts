import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf } from "./cursor";

describe("API cursors", () => {
  it("round-trips a key and refuses cursors the API did not hand out", () => {
    expect(decodeCursor(encodeCursor("clx123"))).toBe("clx123");
    expect(decodeCursor(undefined)).toBeUndefined();
    for (const bad of ["bogus", Buffer.from("{}").toString("base64url"), Buffer.from(JSON.stringify({ k: 5 })).toString("base64url")]) expect(() => decodeCursor(bad)).toThrow();
  });

  it("reads limit + 1 rows: a next cursor only when there is more", () => {
    const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(pageOf(rows, 2, (r) => r.id, (r) => r.id)).toEqual({ data: ["a", "b"], nextCursor: encodeCursor("b") });
    expect(pageOf(rows.slice(0, 2), 2, (r) => r.id, (r) => r.id)).toEqual({ data: ["a", "b"], nextCursor: null });
  });
});
