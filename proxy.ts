import { NextResponse, type NextRequest } from "next/server";
import { turnAwayWhenBusy } from "@/server/load-shedding";

/**
 * Security headers on every page: a per-request CSP nonce (Next applies it to its own scripts),
 * no framing, and no caching of pages that carry personal data. Access control is not done here:
 * every page and action checks the session and role itself.
 */
export function proxy(request: NextRequest) {
  // An overloaded process answers page views with a quick 503 instead of queueing them (server/load-shedding.ts).
  const busy = turnAwayWhenBusy({ method: request.method, pathname: request.nextUrl.pathname, prefetch: request.headers.has("next-router-prefetch"), headers: request.headers });
  if (busy) return busy;
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (bar widths) only; no inline scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("cache-control", "private, no-store");
  // Served over https (the public URL says so): browsers must never fall back to plain http.
  if (process.env.BETTER_AUTH_URL?.startsWith("https://")) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|favicon.svg).*)" }],
};
