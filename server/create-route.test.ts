import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { DomainError, DOMAIN_ERROR_CODES, ERROR_STATUS } from "@/lib/errors/domain-error";
import { ROUTE_SECURITY_HEADERS, routeFactory } from "./create-route";
import type { CurrentUser } from "./session";

const manager: CurrentUser = { id: "m1", name: "M", email: "m@x.nl", role: "manager", locale: "en", sessionId: "s1" };
const viewer: CurrentUser = { ...manager, id: "v1", role: "viewer", locale: "nl" };
const request = (url = "http://app.test/api/x?date=2026-12-01") => new Request(url);

function route(user: CurrentUser | null, handler: Parameters<ReturnType<typeof routeFactory>>[0]["handler"], extra: { query?: z.ZodType; params?: z.ZodType } = {}) {
  const createRoute = routeFactory({ currentUser: async () => user, db: () => ({}) as Db });
  return createRoute({ permission: "dashboard:read", ...extra, handler });
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { status: number; code: string; title: string; errors?: Record<string, string[]>; ref?: string };
}

describe("the route wrapper", () => {
  it("maps every error code to one HTTP status", () => {
    expect(Object.fromEntries(DOMAIN_ERROR_CODES.map((c) => [c, ERROR_STATUS[c]]))).toEqual({
      unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, invalid: 400, duplicate: 409, rate_limited: 429, unavailable: 503,
    });
  });

  it("answers 401 problem details to a caller without a session, without running the handler", async () => {
    const handler = vi.fn();
    const res = await route(null, handler)(request());
    expect(res.status).toBe(401);
    expect(await problemOf(res)).toMatchObject({ status: 401, code: "unauthenticated", title: "Je bent afgemeld. Meld je opnieuw aan." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 403 to a role without the permission, in the user's language", async () => {
    const res = await route(viewer, vi.fn())(request());
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toMatchObject({ code: "forbidden", title: "Je hebt geen rechten voor deze actie." });
  });

  it("validates the query string and the path parameters: 400 with the field messages", async () => {
    const handler = vi.fn();
    const bad = await route(manager, handler, { query: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date" }) }) })(request("http://app.test/api/x?date=tomorrow"));
    expect(bad.status).toBe(400);
    expect(await problemOf(bad)).toMatchObject({ code: "invalid", errors: { date: ["Enter a valid date."] } });
    const badPath = await route(manager, handler, { params: z.object({ id: z.string().max(3) }) })(request(), { params: Promise.resolve({ id: "too-long" }) });
    expect(badPath.status).toBe(400);
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the parsed query and params to the handler and answers JSON with the security headers", async () => {
    const res = await route(manager, async ({ query, params, user }) => ({ query, params, who: user.id }), { query: z.object({ date: z.string() }), params: z.object({ id: z.string() }) })(request(), { params: Promise.resolve({ id: "abc" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ query: { date: "2026-12-01" }, params: { id: "abc" }, who: "m1" });
    for (const [k, v] of Object.entries(ROUTE_SECURITY_HEADERS)) expect(res.headers.get(k)).toBe(v);
  });

  it("sends a file as an attachment with a safe file name", async () => {
    const res = await route(manager, async () => ({ file: "a;b\n", contentType: "text/csv; charset=utf-8", fileName: 'report "x"\r\n.csv' }))(request());
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="report__x___.csv"');
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe("a;b\n");
  });

  it.each([
    ["not_found", 404],
    ["conflict", 409],
    ["unavailable", 503],
  ] as const)("answers a %s DomainError from the handler with %i", async (code, status) => {
    const res = await route(manager, async () => Promise.reject(new DomainError(code, "detail for the log")))(request());
    expect(res.status).toBe(status);
    expect(JSON.stringify(await problemOf(res))).not.toContain("detail for the log");
  });

  it("answers 500 with a reference and no internals for a bug", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await route(manager, async () => Promise.reject(new Error("relation \"Invoice\" does not exist")))(request());
    expect(res.status).toBe(500);
    const body = await problemOf(res);
    expect(body.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("Invoice");
    expect(body.ref).toMatch(/^\w{8}$/);
    log.mockRestore();
  });
});

describe("the route wrapper when the database is out of reach", () => {
  it("answers 503 problem details with the app's message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await route(manager, async () => Promise.reject(Object.assign(new Error("connection terminated"), { code: "57P01" })))(request());
    expect(res.status).toBe(503);
    expect(await problemOf(res)).toMatchObject({ code: "unavailable", title: "The database cannot be reached right now. Try again shortly." });
    log.mockRestore();
  });
});
