/** Headers on every API answer. */
export const API_HEADERS: Record<string, string> = { "cache-control": "private, no-store", "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer" };

/** Problem details with the API's own codes beside the domain's. */
export class ApiProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly title: string,
    public readonly detail?: string,
    public readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

/** An ApiProblem as RFC 9457 problem details. Kept apart from api-route.ts (no database), so the proxy can answer with it too. */
export function problemResponse(e: ApiProblem, extraHeaders: Record<string, string> = {}): Response {
  const body = { type: "about:blank", title: e.title, status: e.status, code: e.code, ...(e.detail ? { detail: e.detail } : {}) };
  return new Response(JSON.stringify(body), { status: e.status, headers: { ...API_HEADERS, ...extraHeaders, ...e.headers, "content-type": "application/problem+json" } });
}
