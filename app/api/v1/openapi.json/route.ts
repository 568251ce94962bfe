import { openApiDocument } from "@/server/api/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 description: public, like any API's documentation; it holds no data. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300", "x-content-type-options": "nosniff", "access-control-allow-origin": "*" } });
}
