import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/domain-events";
import type { ApiOperation } from "./api-route";
import { OPERATIONS } from "./operations";
import { ProblemSchema } from "./schemas";

/**
 * The OpenAPI 3.1 description of /api/v1, built from the operation list and the same zod
 * schemas that validate the requests (OpenAPI 3.1 uses JSON Schema 2020-12, zod's own target),
 * so the description is the code's, not a second copy.
 */
type Json = Record<string, unknown>;
const components: Record<string, Json> = {};

/** JSON Schema of one zod schema; named parts go to components.schemas. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete out.$schema;
  const defs = (out.$defs ?? {}) as Record<string, Json>;
  delete out.$defs;
  const fix = (v: Json): Json => JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries(defs)) components[name] ??= fix(def);
  return fix(out);
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

function operationObject(o: ApiOperation): Json {
  const parameters: Json[] = [];
  for (const [where, schema] of [["path", o.params], ["query", o.query]] as const) {
    if (!schema) continue;
    const s = schemaOf(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const { description, ...rest } = prop as { description?: string };
      parameters.push({ name, in: where, required: where === "path" || (s.required ?? []).includes(name) && !("default" in rest), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (o.idempotency) parameters.push({ name: "Idempotency-Key", in: "header", required: true, description: "8–200 printable characters, e.g. a UUID: a repeat with the same key (a retry after a lost reply) gets the first answer and changes nothing; the same key with another request is refused (422).", schema: { type: "string", minLength: 8, maxLength: 200 } });
  const responses: Json = {
    [String(o.response.status)]: { description: o.response.description, headers: { "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" }, "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" }, "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" } }, ...(o.response.schema ? { content: { "application/json": { schema: schemaOf(o.response.schema, "output") } } } : {}) },
    "400": problem("invalid input: `errors` names each field"),
    "401": problem("no token, or an unknown, revoked or expired one"),
    "403": problem("the token's scope or the user's role does not allow this (also: a debtor outside a controller's portfolio)"),
    "429": problem("rate limit reached: see Retry-After"),
  };
  if (o.params) responses["404"] = problem("not found");
  // Reads only: an overloaded server process answers them at once with 503 instead of queueing them (server/load-shedding.ts); writes are always taken.
  if (o.method === "GET") responses["503"] = problem("the server is busy (code `busy`): try again after Retry-After seconds");
  if (o.method !== "GET") responses["409"] = problem("a duplicate key, or the record changed meanwhile (send the new version)");
  if (o.idempotency) responses["422"] = problem("the Idempotency-Key was used for another request");
  return {
    operationId: o.operationId, summary: o.summary, ...(o.description ? { description: o.description } : {}), tags: [o.tag],
    security: [{ bearerToken: [o.scope] }], "x-required-scope": o.scope, "x-required-permission": o.permission,
    ...(parameters.length ? { parameters } : {}),
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(o.body, "input") } } } } : {}),
    ...(o.rawBody ? { requestBody: { required: true, content: Object.fromEntries(o.rawBody.contentTypes.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])) } } : {}),
    responses,
  };
}

let cached: Json | null = null;

export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const o of Object.values(OPERATIONS) as ApiOperation[]) {
    paths[o.path] ??= {};
    paths[o.path]![o.method.toLowerCase()] = operationObject(o);
  }
  schemaOf(ProblemSchema, "output");
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Dunning Workbench API",
      version: "1.0.0",
      description: [
        "Debtors, contacts, invoices, payments, agreements, tasks, timelines and events of the collection workbench.",
        "Authenticate with a personal access token (Settings → API tokens): `Authorization: Bearer dwb_…`. A token acts as its user — the same role and portfolio rules as the screens — narrowed to its scope (read or write).",
        "Amounts are integer cents as strings; calendar dates are YYYY-MM-DD; instants are ISO 8601 UTC. Lists are cursor-paged: pass `nextCursor` as `cursor`.",
        "Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.",
        `Webhooks (set up by an admin) send the events ${EVENT_TYPES.join(", ")}, signed per the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">).`,
      ].join("\n\n"),
    },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set((Object.values(OPERATIONS) as ApiOperation[]).map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", bearerFormat: "dwb_ personal access token" } },
      headers: {
        "RateLimit-Limit": { description: "requests allowed per window", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "requests left in this window", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "seconds until the window resets", schema: { type: "integer" } },
      },
    },
  };
  return cached;
}
