/**
 * The API's rate limit: a fixed window per token and kind (reads, writes), kept in this server
 * process's memory. A limit exists to keep one runaway integration from starving the team, not
 * as a security boundary (tokens are already authenticated), so a per-process count is enough:
 * with N processes a token gets at most N times the limit. Answers carry the RateLimit headers
 * of the IETF draft (RateLimit-Limit, -Remaining, -Reset in seconds) and Retry-After on 429.
 */
export type RateLimitVerdict = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };
export type RateLimiter = { take(key: string, limit: number, nowMs: number): RateLimitVerdict };

export const WINDOW_MS = 60_000;

export function fixedWindowLimiter(windowMs = WINDOW_MS, maxKeys = 50_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, limit, nowMs) {
      const start = nowMs - (nowMs % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        // Old windows are dropped when the map grows large: memory stays bounded under any load.
        if (windows.size >= maxKeys) for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
        w = { start, count: 0 };
        windows.set(key, w);
      }
      const resetSeconds = Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
      if (w.count >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
      w.count += 1;
      return { allowed: true, limit, remaining: limit - w.count, resetSeconds };
    },
  };
}

export function rateLimitHeaders(v: RateLimitVerdict): Record<string, string> {
  return {
    "ratelimit-limit": String(v.limit),
    "ratelimit-remaining": String(v.remaining),
    "ratelimit-reset": String(v.resetSeconds),
    "ratelimit-policy": `${v.limit};w=${WINDOW_MS / 1000}`,
    ...(v.allowed ? {} : { "retry-after": String(v.resetSeconds) }),
  };
}
