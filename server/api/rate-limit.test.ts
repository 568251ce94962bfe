import { describe, expect, it } from "vitest";
import { fixedWindowLimiter, rateLimitHeaders } from "./rate-limit";

describe("the API rate limit", () => {
  it("allows the limit per key and window, then refuses until the next window", () => {
    const l = fixedWindowLimiter(60_000);
    const t0 = 1_800_000_000_000 + 10_000; // 10 s into a window
    expect([1, 2, 3].map(() => l.take("a", 2, t0).allowed)).toEqual([true, true, false]);
    expect(l.take("b", 2, t0).allowed).toBe(true);
    const refused = l.take("a", 2, t0 + 5_000);
    expect(refused).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 45 });
    expect(rateLimitHeaders(refused)).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "45", "retry-after": "45" });
    expect(l.take("a", 2, t0 + 50_000).allowed).toBe(true);
  });

  it("keeps its memory bounded by dropping past windows", () => {
    const l = fixedWindowLimiter(60_000, 100);
    for (let i = 0; i < 100; i++) l.take(`k${i}`, 5, 0);
    // A new window: the old keys go when the map is full, and counting starts afresh.
    for (let i = 0; i < 100; i++) expect(l.take(`k${i}`, 1, 60_000).allowed).toBe(true);
  });
});
