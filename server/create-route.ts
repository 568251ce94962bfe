import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { fieldErrorsOf } from "@/lib/i18n/field-errors";
import type { Locale } from "@/lib/i18n/locale";
import { mapError } from "@/server/errors";
import { getCurrentUser, type CurrentUser } from "@/server/session";

/** Headers on every answer of a route handler: never cached, never sniffed, never framed. */
export const ROUTE_SECURITY_HEADERS: Record<string, string> = {
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

export type RouteContext<Q, P> = { user: CurrentUser; db: Db; query: Q; params: P; request: Request };
type RouteDeps = { currentUser: (request: Request) => Promise<CurrentUser | null>; db: () => Db };
type Segments = { params: Promise<Record<string, string | string[]>> };

/** A file to download: bytes, type and file name; the wrapper adds the headers. */
export type FileBody = { file: Uint8Array | string; contentType: string; fileName: string };
const isFile = (v: unknown): v is FileBody => typeof v === "object" && v !== null && "file" in v && "contentType" in v && "fileName" in v;

/**
 * Builds the route-handler wrapper from its outside dependencies (the caller's identity, the
 * database), so it is unit-tested with stand-ins. Order: identify the caller (a session today;
 * an API token later plugs in as another `currentUser`), check the permission, validate the
 * query string and the path parameters with zod, run, and answer: a file download, JSON, or a
 * JSON problem details document (RFC 9457) whose status comes from the error's code.
 */
export function routeFactory(deps: RouteDeps) {
  return function createRoute<Q extends z.ZodType, P extends z.ZodType>(opts: {
    permission: Permission;
    query?: Q;
    params?: P;
    handler: (ctx: RouteContext<z.infer<Q>, z.infer<P>>) => Promise<FileBody | Response | unknown>;
  }): (request: Request, segments?: Segments) => Promise<Response> {
    return async (request, segments) => {
      let locale: Locale = "nl";
      try {
        const user = await deps.currentUser(request);
        if (!user) throw new DomainError("unauthenticated");
        locale = user.locale;
        if (!can(user.role, opts.permission)) throw new DomainError("forbidden", `${user.role} lacks ${opts.permission}`);
        const query = parse(opts.query, Object.fromEntries(new URL(request.url).searchParams), locale, "query");
        const params = parse(opts.params, segments ? await segments.params : {}, locale, "path");
        const out = await opts.handler({ user, db: deps.db(), query, params, request });
        if (out instanceof Response) {
          for (const [k, v] of Object.entries(ROUTE_SECURITY_HEADERS)) out.headers.set(k, v);
          return out;
        }
        if (isFile(out)) {
          const body = typeof out.file === "string" ? out.file : new Uint8Array(out.file);
          return new Response(body, { headers: { ...ROUTE_SECURITY_HEADERS, "content-type": out.contentType, "content-disposition": `attachment; filename="${safeFileName(out.fileName)}"` } });
        }
        return Response.json(out ?? null, { headers: ROUTE_SECURITY_HEADERS });
      } catch (e) {
        return problem(e, locale);
      }
    };
  };
}

function parse<S extends z.ZodType>(schema: S | undefined, raw: unknown, locale: Locale, where: string): z.infer<S> {
  if (!schema) return raw as z.infer<S>;
  const r = schema.safeParse(raw);
  if (!r.success) throw new DomainError("invalid", `bad ${where}`, fieldErrorsOf(r.error, locale));
  return r.data;
}

/** Only characters that are safe inside a quoted Content-Disposition file name. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120) || "download";
}

/** An error as RFC 9457 problem details; never a stack trace or SQL. */
export function problem(e: unknown, locale: Locale): Response {
  const m = mapError(e, locale);
  const body = { type: "about:blank", title: m.message, status: m.status, code: m.code, ...(m.fieldErrors ? { errors: m.fieldErrors } : {}), ...(m.ref ? { ref: m.ref } : {}) };
  return new Response(JSON.stringify(body), { status: m.status, headers: { ...ROUTE_SECURITY_HEADERS, "content-type": "application/problem+json" } });
}

/** The one wrapper every route handler goes through (see `routeFactory`). */
export const createRoute = routeFactory({ currentUser: () => getCurrentUser(), db });
