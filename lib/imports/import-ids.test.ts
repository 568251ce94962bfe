import { describe, expect, it } from "vitest";
import { newId } from "./import-ids";

describe("ids of imported rows", () => {
  it("are version 7 UUIDs that ascend in the order they are made, all different", () => {
    const ids = Array.from({ length: 5_000 }, newId);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("start with the time they were made", () => {
    const before = Date.now();
    const ms = parseInt(newId().replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before - 1_000);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
