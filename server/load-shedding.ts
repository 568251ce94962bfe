import dc from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { localeFromAcceptLanguage } from "@/lib/i18n/locale";
import { translate, type MessageKey } from "@/lib/i18n/translate";
import { ApiProblem, problemResponse } from "@/server/api/problem";

/**
 * Overload protection for one web process. Past what the machine can carry, a server that takes
 * every request falls further behind with each second: every answer waits behind all the others,
 * the clients give up (a browser's user reloads, the bench times out at 10 s) while the server
 * still works for them, and in the end nothing is answered in time (measured on PostgreSQL at
 * 50/s: 2.9 answers a second, the pool waiting for connections). Instead, each web process counts
 * the requests it is working on (Node's own `http.server.request.start` diagnostics channel, and
 * the response's `close`, which comes also when the client hangs up) and, while that number is at
 * MAX_REQUESTS_IN_FLIGHT, turns new page views and API reads away at once with a 503 and
 * Retry-After: a short "busy, trying again" page in the person's language that reloads itself.
 * What was admitted is answered at the speed of a busy but not drowning server, and the moment
 * the rush is over everything is admitted again.
 *
 * The default, 32 per web process, is about a second of queue at a process's pace on two cores
 * (30 to 40 requests a second each): a short stall (a snapshot, a burst) is waited out, not
 * answered with 503s. Measured with `bench:load` on SQLite at 120/s, 70 % past the machine's limit:
 * without it 62/s answered, 2,884 time-outs, and still 9.9 s p95 half a minute after the load fell
 * back to 40/s; with 32: 76/s answered at p95 1.1 s, none timed out, a third turned away in 0.45
 * s, and at 40/s right after the rush p95 0.2 s. 16 answered more (86/s, p95 0.5 s) but turned
 * page views away at 60/s in a fresh server's first minute.
 *
 * Never turned away: writes (any method but GET and HEAD: a saved call note, a payment, a sign-in
 * are worth more than a page view, and there are few of them), and the health check. Prefetches
 * (the router guessing where the user goes next) are turned away from half the limit on.
 */

type LoadState = { inFlight: number; limit: number; tracking: boolean; loggedAt: number; sinceLog: number };
const KEY = Symbol.for("dunning-workbench.load");

/** One state per process: the proxy and the instrumentation are bundled apart but share globalThis. */
function state(): LoadState {
  const g = globalThis as unknown as Record<symbol, LoadState | undefined>;
  return (g[KEY] ??= { inFlight: 0, limit: 0, tracking: false, loggedAt: 0, sinceLog: 0 });
}

const STATIC = /^\/(_next\/static\/|_next\/image|favicon\.)/;

/** Starts counting this process's requests in flight (once; a second call only changes the limit). 0: never turn away. */
export function trackRequestsInFlight(limit: number): void {
  const s = state();
  s.limit = limit;
  if (s.tracking || limit === 0) return;
  s.tracking = true;
  dc.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    // The build's static files are not counted (the proxy's matcher leaves them out too): a
    // browser opening the app asks for twenty of them at once, each answered from memory.
    if (STATIC.test(request.url ?? "")) return;
    s.inFlight++;
    response.once("close", () => s.inFlight--);
  });
}

/** How many requests this process is working on now (the request asking included). */
export function requestsInFlight(): number {
  return state().inFlight;
}

export type Asking = { method: string; pathname: string; prefetch: boolean };

/**
 * Whether a request is taken, given how many others this process is working on. Pure: the rules
 * only (see the top of this file).
 */
export function admits(req: Asking, others: number, limit: number): boolean {
  if (limit <= 0) return true;
  if (req.method !== "GET" && req.method !== "HEAD") return true;
  if (req.pathname === "/api/health") return true;
  return others < (req.prefetch ? Math.ceil(limit / 2) : limit);
}

/** How long a client is asked to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a request turned away, or null to go on. Logs a line for the administrator at
 * most once every 10 s while it turns requests away (how many, and the load).
 */
export function turnAwayWhenBusy(req: Asking & { headers: Headers }, log: (line: string) => void = (l) => console.warn(l)): Response | null {
  const s = state();
  if (!s.tracking) return null;
  // The request asking is one of those in flight already.
  if (admits(req, s.inFlight - 1, s.limit)) return null;
  s.sinceLog++;
  const now = Date.now();
  if (now - s.loggedAt >= 10_000) {
    log(`[dunning-workbench] busy: turned ${s.sinceLog} request(s) away with 503 since the last such line (${s.inFlight - 1} in flight in this process, MAX_REQUESTS_IN_FLIGHT=${s.limit})`);
    s.loggedAt = now;
    s.sinceLog = 0;
  }
  return busyResponse(req.pathname, req.headers.get("accept-language"));
}

/** The 503 itself: problem details for the API, otherwise a small page that tries again by itself. */
export function busyResponse(pathname: string, acceptLanguage: string | null): Response {
  const headers: Record<string, string> = { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" };
  if (pathname.startsWith("/api/")) {
    // The API's own answer and language rule (English unless Dutch is asked first).
    const locale = localeFromAcceptLanguage(acceptLanguage, "en");
    return problemResponse(new ApiProblem(503, "busy", translate(locale, "busy.title"), translate(locale, "busy.body"), headers));
  }
  const locale = localeFromAcceptLanguage(acceptLanguage);
  const t = (key: MessageKey) => translate(locale, key);
  // No script (the page has no nonce to give one): the browser's own refresh tries again.
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>${t("busy.title")}</title><style>body{font:14px/1.5 system-ui,sans-serif;color:#1e293b;background:#f8fafc;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}main{max-width:28rem;margin:1rem;padding:1.25rem 1.5rem;background:#fff;border:1px solid #cbd5e1;border-radius:6px}h1{font-size:16px;margin:0 0 .5rem}p{margin:.25rem 0}.muted{color:#475569}</style></head><body><main role="alert"><h1>${t("busy.title")}</h1><p>${t("busy.body")}</p><p class="muted">${t("busy.retrying")}</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { ...headers, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  });
}
