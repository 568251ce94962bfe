import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { OPERATIONS } from "./operations";

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

describe("the OpenAPI description", () => {
  const doc = openApiDocument() as Doc;

  it("is OpenAPI 3.1 with one operation per entry of the operation list, ids unique", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths).flatMap((m) => Object.values(m));
    expect(ops.map((o) => o.operationId).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it("resolves every $ref to a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(schemas|headers)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, kind, name] of refs) expect((doc.components as Record<string, Record<string, unknown>>)[kind!]![name!], `${kind}/${name}`).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });

  it("declares every path parameter as required, and the Idempotency-Key on creates", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(methods)) {
        const pathParams = (op.parameters ?? []).filter((p) => p.in === "path");
        expect(pathParams.map((p) => p.name), `${method} ${path}`).toEqual(names);
        expect(pathParams.every((p) => p.required)).toBe(true);
        const spec = OPERATIONS[op.operationId as keyof typeof OPERATIONS];
        expect((op.parameters ?? []).some((p) => p.in === "header" && p.name === "Idempotency-Key"), op.operationId).toBe("idempotency" in spec && spec.idempotency !== undefined);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
        // An overloaded server turns reads away (503, code busy), never writes.
        expect("503" in op.responses, op.operationId).toBe(method === "get");
      }
    }
  });
});
