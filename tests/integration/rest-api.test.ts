import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApiToken } from "@/lib/users/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { databaseUrl, provider, testDb } from "./test-db";

/**
 * The REST API through its real route handlers, as Next.js calls them: every operation x role x
 * token scope, tokens that are revoked, expired, unknown or belong to a disabled user, ids of
 * another controller's portfolio, idempotent replays (also concurrent), paging, validation and
 * the answers' shapes checked against the OpenAPI schemas.
 */
process.env.DATABASE_URL = databaseUrl;
process.env.BETTER_AUTH_SECRET ??= "integration-secret-0123456789abcdefghijklmnop";
delete process.env.TRUSTED_PROXIES;

const { OPERATIONS } = await import("@/server/api/operations");
const { apiRouteFactory } = await import("@/server/api/api-route");
const { fixedWindowLimiter } = await import("@/server/api/rate-limit");
const { trustedProxies } = await import("@/server/client-address");
type Handler = (request: Request, segments?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;
const MODULES: [string, RouteModule][] = [
  ["/me", await import("@/app/api/v1/me/route")],
  ["/debtors", await import("@/app/api/v1/debtors/route")],
  ["/debtors/{debtorId}", await import("@/app/api/v1/debtors/[debtorId]/route")],
  ["/debtors/{debtorId}/timeline", await import("@/app/api/v1/debtors/[debtorId]/timeline/route")],
  ["/contacts", await import("@/app/api/v1/contacts/route")],
  ["/contacts/{contactId}", await import("@/app/api/v1/contacts/[contactId]/route")],
  ["/invoices", await import("@/app/api/v1/invoices/route")],
  ["/invoices/{invoiceId}", await import("@/app/api/v1/invoices/[invoiceId]/route")],
  ["/payments", await import("@/app/api/v1/payments/route")],
  ["/payments/{paymentId}", await import("@/app/api/v1/payments/[paymentId]/route")],
  ["/agreements", await import("@/app/api/v1/agreements/route")],
  ["/agreements/{agreementId}", await import("@/app/api/v1/agreements/[agreementId]/route")],
  ["/tasks", await import("@/app/api/v1/tasks/route")],
  ["/events", await import("@/app/api/v1/events/route")],
  ["/imports", await import("@/app/api/v1/imports/route")],
];

type Call = { method: string; path: string; token?: string | null; body?: unknown; rawBody?: Uint8Array; headers?: Record<string, string>; key?: string };
/** One request through the route module that serves the path, with the path parameters Next.js would pass. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read answers field by field; shapes are checked against the schemas
async function call(c: Call): Promise<{ status: number; body: any; headers: Headers }> {
  const [pathname] = c.path.split("?");
  for (const [template, mod] of MODULES) {
    const names: string[] = [];
    const re = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`);
    const m = re.exec(pathname!);
    if (!m) continue;
    const handler = mod[c.method as keyof RouteModule];
    if (!handler) throw new Error(`no ${c.method} on ${template}`);
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    const headers: Record<string, string> = { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...(c.key ? { "idempotency-key": c.key } : {}), ...(c.body !== undefined ? { "content-type": "application/json" } : {}), ...c.headers };
    const res = await handler(new Request(`http://localhost/api/v1${c.path}`, { method: c.method, headers, body: (c.rawBody as BodyInit | undefined) ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) }), { params: Promise.resolve(params) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  throw new Error(`no route for ${c.path}`);
}

type Actor = { id: string; role: Role; read: string; write: string };
const actors = {} as Record<"admin" | "manager" | "controller" | "controller2" | "viewer", Actor>;
let mine: { debtorId: string; contactId: string; invoiceId: string };
let theirs: { debtorId: string; contactId: string; invoiceId: string };
const now = new Date();
const PAST = "2026-01-15";

async function actor(role: Role): Promise<Actor> {
  const u = await createUser(testDb, role);
  const a = { id: u.id, role };
  const read = await createApiToken(testDb, a, { name: "read", scope: "read", expiresInDays: 30 }, now);
  const write = await createApiToken(testDb, a, { name: "write", scope: "write", expiresInDays: 30 }, now);
  return { ...a, read: read.token, write: write.token };
}

beforeAll(async () => {
  actors.admin = await actor("admin");
  actors.manager = await actor("manager");
  actors.controller = await actor("controller");
  actors.controller2 = await actor("controller");
  actors.viewer = await actor("viewer");
  for (const [slot, owner] of [["mine", actors.controller], ["theirs", actors.controller2]] as const) {
    const d = await createDebtor(testDb, { assignedControllerId: owner.id });
    const contact = await createContact(testDb, d.id, { email: `c-${randomUUID().slice(0, 8)}@klant.test` });
    const inv = await createInvoice(testDb, d.id, { dueDate: "2026-01-01", amountCents: 100_000 });
    const rec = { debtorId: d.id, contactId: contact.id, invoiceId: inv.id };
    if (slot === "mine") mine = rec;
    else theirs = rec;
  }
});

const uid = () => randomUUID().slice(0, 8).toUpperCase();

/** A valid request for each operation, aimed at a slot (the controller's own records, or controller2's). */
function sample(opId: keyof typeof OPERATIONS, slot: typeof mine): Call {
  switch (opId) {
    case "getMe": return { method: "GET", path: "/me" };
    case "listDebtors": return { method: "GET", path: "/debtors?limit=5" };
    case "createDebtor": return { method: "POST", path: "/debtors", key: randomUUID(), body: { customerNumber: `API${uid()}`, name: "Nieuwe Klant B.V.", email: "ap@nieuw.test", paymentTermDays: 14 } };
    case "getDebtor": return { method: "GET", path: `/debtors/${slot.debtorId}` };
    case "updateDebtor": return { method: "PATCH", path: `/debtors/${slot.debtorId}`, body: { phone: "+31 20 123 4567" } };
    case "getDebtorTimeline": return { method: "GET", path: `/debtors/${slot.debtorId}/timeline` };
    case "listContacts": return { method: "GET", path: `/contacts?debtorId=${slot.debtorId}` };
    case "createContact": return { method: "POST", path: "/contacts", key: randomUUID(), body: { debtorId: slot.debtorId, name: "Petra Boekhouding", email: "petra@klant.test" } };
    case "getContact": return { method: "GET", path: `/contacts/${slot.contactId}` };
    case "updateContact": return { method: "PATCH", path: `/contacts/${slot.contactId}`, body: { jobTitle: "Crediteurenadministratie" } };
    case "listInvoices": return { method: "GET", path: `/invoices?debtorId=${slot.debtorId}` };
    case "createInvoice": return { method: "POST", path: "/invoices", key: randomUUID(), body: { debtorId: slot.debtorId, number: `INV-${uid()}`, issueDate: "2026-10-01", dueDate: "2026-10-31", amountCents: 12_100 } };
    case "getInvoice": return { method: "GET", path: `/invoices/${slot.invoiceId}` };
    case "updateInvoice": return { method: "PATCH", path: `/invoices/${slot.invoiceId}`, body: { description: "Onderhoud Q3" } };
    case "listPayments": return { method: "GET", path: `/payments?debtorId=${slot.debtorId}` };
    case "createPayment": return { method: "POST", path: "/payments", key: randomUUID(), body: { debtorId: slot.debtorId, amountCents: 100, valueDate: PAST, reference: "matrix" } };
    case "getPayment": return { method: "GET", path: "/payments/none" };
    case "listAgreements": return { method: "GET", path: `/agreements?debtorId=${slot.debtorId}` };
    case "getAgreement": return { method: "GET", path: "/agreements/none" };
    case "listTasks": return { method: "GET", path: "/tasks?assignedTo=me" };
    case "listEvents": return { method: "GET", path: "/events?limit=5" };
    case "createImport": return { method: "POST", path: `/imports?source=api-matrix&kind=open_items&dryRun=true&fileName=open.csv`, key: randomUUID(), rawBody: new Uint8Array(Buffer.from(`Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag\r\nM${uid()};Matrix BV;MX-${uid()};01-10-2026;31-10-2026;100,00;100,00\r\n`, "latin1")), headers: { "content-type": "text/csv" } };
  }
}
/** Reads of one record aimed at an id that does not exist answer 404 when allowed. */
const NOT_FOUND_SAMPLES = new Set(["getPayment", "getAgreement"]);
const PERMISSIONS: Record<Role, string[]> = {
  admin: ["debtors:read", "debtors:write", "payments:write", "imports:write", "profile:write"],
  manager: ["debtors:read", "debtors:write", "payments:write", "imports:write", "profile:write"],
  controller: ["debtors:read", "debtors:write", "payments:write", "profile:write"],
  viewer: ["debtors:read", "profile:write"],
};
/** Writes under the portfolio rule: a controller aiming at a colleague's debtor is refused. */
const PORTFOLIO_WRITES = new Set(["createContact", "updateContact", "createPayment"]);

describe("REST API: every operation x role x token scope", () => {
  const opIds = Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[];

  it("has a route module for every operation and an operation for every route method", () => {
    const served = MODULES.flatMap(([path, mod]) => Object.keys(mod).filter((k) => ["GET", "POST", "PATCH", "DELETE"].includes(k)).map((m) => `${m} ${path}`)).sort();
    expect(served).toEqual(opIds.map((id) => `${OPERATIONS[id].method} ${OPERATIONS[id].path}`).sort());
  });

  it("refuses every operation without a token, with an unknown one, and a malformed header (401, WWW-Authenticate)", async () => {
    for (const id of opIds) {
      for (const token of [null, "dwb_" + "A".repeat(43), "not-a-token"]) {
        const r = await call({ ...sample(id, mine), token });
        expect(r.status, `${id} ${token}`).toBe(401);
        expect(r.headers.get("www-authenticate")).toMatch(/^Bearer realm="dunning-workbench"/);
        expect(r.headers.get("content-type")).toBe("application/problem+json");
        expect(r.body).toMatchObject({ status: 401, code: "unauthenticated" });
      }
    }
  });

  for (const who of ["admin", "manager", "controller", "viewer"] as const) {
    for (const scope of ["read", "write"] as const) {
      it(`answers ${who === "admin" ? "an" : "a"} ${who} with a ${scope} token as their role and the scope allow`, async () => {
        const a = actors[who];
        for (const id of opIds) {
          const op = OPERATIONS[id];
          const r = await call({ ...sample(id, mine), token: a[scope] });
          const label = `${who}/${scope} ${id}`;
          if (op.scope === "write" && scope === "read") {
            expect(r.status, label).toBe(403);
            expect(r.body.code, label).toBe("insufficient_scope");
            expect(r.headers.get("www-authenticate"), label).toContain('error="insufficient_scope"');
          } else if (!PERMISSIONS[who].includes(op.permission)) {
            expect(r.status, label).toBe(403);
            expect(r.body.code, label).toBe("forbidden");
          } else if (NOT_FOUND_SAMPLES.has(id)) {
            expect(r.status, label).toBe(404);
          } else {
            expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(op.response.status);
            // The answer is what the OpenAPI description says (strict shapes: no extra fields).
            if (op.response.schema) expect(() => (op.response.schema as z.ZodType).parse(r.body), label).not.toThrow();
            expect(r.headers.get("ratelimit-limit"), label).toMatch(/^\d+$/);
          }
        }
      });
    }
  }

  it("refuses a controller's writes on a colleague's debtor and changes nothing (id swapping)", async () => {
    const before = await snapshot(theirs.debtorId);
    for (const id of PORTFOLIO_WRITES) {
      const r = await call({ ...sample(id as keyof typeof OPERATIONS, theirs), token: actors.controller.write });
      expect(r.status, id).toBe(403);
    }
    expect(await snapshot(theirs.debtorId)).toEqual(before);
    // The same writes on their own debtor go through.
    for (const id of PORTFOLIO_WRITES) expect((await call({ ...sample(id as keyof typeof OPERATIONS, mine), token: actors.controller.write })).status, id).toBeLessThan(300);
  });

  it("answers 404 for ids that do not exist, on every read and change of one record", async () => {
    const t = actors.admin.write;
    for (const path of ["/debtors/nope", "/debtors/nope/timeline", "/contacts/nope", "/invoices/nope", "/payments/nope", "/agreements/nope"]) expect((await call({ method: "GET", path, token: t })).status, path).toBe(404);
    expect((await call({ method: "PATCH", path: "/debtors/nope", token: t, body: { name: "X" } })).status).toBe(404);
    expect((await call({ method: "PATCH", path: "/contacts/nope", token: t, body: { name: "X" } })).status).toBe(404);
    expect((await call({ method: "PATCH", path: "/invoices/nope", token: t, body: { description: "X" } })).status).toBe(404);
  });
});

async function snapshot(debtorId: string) {
  const [debtor, contacts, payments, invoices] = await Promise.all([
    testDb.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { phone: true, version: true, openCents: true } }),
    testDb.contact.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, jobTitle: true, version: true } }),
    testDb.payment.count({ where: { debtorId } }),
    testDb.invoice.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, openCents: true, description: true } }),
  ]);
  return { debtor, contacts, payments, invoices };
}

describe("REST API tokens", () => {
  it("refuses a revoked token, an expired token and a disabled user's token, each saying why", async () => {
    const u = await createUser(testDb, "manager");
    const a = { id: u.id, role: "manager" as const };
    const revoked = await createApiToken(testDb, a, { name: "r", scope: "read", expiresInDays: 1 }, now);
    await testDb.apiToken.update({ where: { id: revoked.row.id }, data: { revokedAt: now } });
    const expired = await createApiToken(testDb, a, { name: "e", scope: "read", expiresInDays: 1 }, new Date(now.getTime() - 2 * 86_400_000));
    expect((await call({ method: "GET", path: "/me", token: revoked.token })).body.detail).toMatch(/revoked/);
    expect((await call({ method: "GET", path: "/me", token: expired.token })).body.detail).toMatch(/expired/);
    const live = await createApiToken(testDb, a, { name: "l", scope: "read", expiresInDays: 1 }, now);
    const ok = await call({ method: "GET", path: "/me", token: live.token });
    expect(ok.body).toMatchObject({ id: u.id, role: "manager", token: { id: live.row.id, scope: "read" } });
    // Last use is recorded (the list shows it).
    expect((await testDb.apiToken.findUniqueOrThrow({ where: { id: live.row.id } })).lastUsedAt).not.toBeNull();
    await testDb.user.update({ where: { id: u.id }, data: { active: false } });
    const off = await call({ method: "GET", path: "/me", token: live.token });
    expect(off.status).toBe(401);
    expect(off.body.detail).toMatch(/disabled/);
  });

  it("stores only the token's hash", async () => {
    const u = await createUser(testDb, "viewer");
    const created = await createApiToken(testDb, { id: u.id, role: "viewer" }, { name: "h", scope: "read", expiresInDays: 5 }, now);
    const row = await testDb.apiToken.findUniqueOrThrow({ where: { id: created.row.id } });
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("REST API writes: idempotency and validation", () => {
  it("creates a debtor once for a key, replays the answer, refuses the key for another request", async () => {
    const t = actors.manager.write;
    const key = randomUUID();
    const body = { customerNumber: `IDEM${uid()}`, name: "Herhaal B.V." };
    const first = await call({ method: "POST", path: "/debtors", token: t, key, body });
    expect(first.status).toBe(201);
    const again = await call({ method: "POST", path: "/debtors", token: t, key, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await testDb.debtor.count({ where: { customerNumber: body.customerNumber } })).toBe(1);
    const other = await call({ method: "POST", path: "/debtors", token: t, key, body: { ...body, name: "Ander" } });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
    const noKey = await call({ method: "POST", path: "/debtors", token: t, body: { customerNumber: `NK${uid()}`, name: "Zonder sleutel" } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe("idempotency_key_required");
  });

  it("books a payment once when the same request arrives five times at once (a client retrying a lost reply)", async () => {
    const t = actors.controller.write;
    const key = randomUUID();
    const body = { debtorId: mine.debtorId, amountCents: "2500", valueDate: PAST, reference: "retry storm" };
    const before = await testDb.payment.count({ where: { debtorId: mine.debtorId } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => call({ method: "POST", path: "/payments", token: t, key, body })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await testDb.payment.count({ where: { debtorId: mine.debtorId } })).toBe(before + 1);
    expect(answers[0]!.body.allocations[0]).toMatchObject({ invoiceId: expect.any(String), kind: "principal", amountCents: "2500" });
  });

  it("creates an invoice once when the same create arrives three times at once", async () => {
    const t = actors.admin.write;
    const key = randomUUID();
    const body = { debtorId: mine.debtorId, number: `RACE-${uid()}`, issueDate: "2026-10-01", dueDate: "2026-10-31", amountCents: 5_000 };
    const answers = await Promise.all(Array.from({ length: 3 }, () => call({ method: "POST", path: "/invoices", token: t, key, body })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(await testDb.invoice.count({ where: { number: body.number } })).toBe(1);
  });

  it("says what is wrong with a bad request and writes nothing", async () => {
    const t = actors.admin.write;
    const count = await testDb.debtor.count();
    const bad = await call({ method: "POST", path: "/debtors", token: t, key: randomUUID(), body: { customerNumber: "", name: "X", currency: "EURO", email: "no-mail", kvkNumber: "12" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["currency", "customerNumber", "email", "kvkNumber"]);
    const unknownField = await call({ method: "POST", path: "/debtors", token: t, key: randomUUID(), body: { customerNumber: `U${uid()}`, name: "X", openCents: 5 } });
    expect(unknownField.status).toBe(400);
    const notJson = await call({ method: "POST", path: "/debtors", token: t, key: randomUUID(), rawBody: new Uint8Array(Buffer.from("{name:")), headers: { "content-type": "application/json" } });
    expect(notJson.body.code).toBe("malformed_json");
    const wrongType = await call({ method: "POST", path: "/debtors", token: t, key: randomUUID(), rawBody: new Uint8Array(Buffer.from("name=x")), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(wrongType.status).toBe(415);
    const huge = await call({ method: "POST", path: "/debtors", token: t, key: randomUUID(), rawBody: new Uint8Array(1_100_000).fill(32), headers: { "content-type": "application/json" } });
    expect(huge.status).toBe(413);
    const dup = await call({ method: "POST", path: "/invoices", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, number: (await testDb.invoice.findUniqueOrThrow({ where: { id: mine.invoiceId } })).number, issueDate: "2026-10-01", dueDate: "2026-10-31", amountCents: 1 } });
    expect(dup.status).toBe(409);
    const dueFirst = await call({ method: "POST", path: "/invoices", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, number: `D-${uid()}`, issueDate: "2026-10-31", dueDate: "2026-10-01", amountCents: 1 } });
    expect(dueFirst.status).toBe(400);
    expect(dueFirst.body.errors.dueDate).toBeDefined();
    const future = await call({ method: "POST", path: "/payments", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, amountCents: 100, valueDate: "2099-01-01" } });
    expect(future.status).toBe(400);
    const negative = await call({ method: "POST", path: "/payments", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, amountCents: -100, valueDate: PAST } });
    expect(negative.status).toBe(400);
    expect(await testDb.debtor.count()).toBe(count);
  });

  it("keeps what was paid when an invoice's amount changes, and refuses an amount below it", async () => {
    const t = actors.admin.write;
    const inv = await call({ method: "POST", path: "/invoices", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, number: `AMT-${uid()}`, issueDate: "2026-10-01", dueDate: "2026-10-31", amountCents: 10_000 } });
    await testDb.$transaction(async (tx) => {
      const p = await tx.payment.create({ data: { debtorId: mine.debtorId, amountCents: 4_000n, valueDate: PAST } });
      await tx.paymentAllocation.create({ data: { paymentId: p.id, invoiceId: inv.body.id, amountCents: 4_000n } });
      await tx.invoice.update({ where: { id: inv.body.id }, data: { openCents: 6_000n } });
    });
    const up = await call({ method: "PATCH", path: `/invoices/${inv.body.id}`, token: t, body: { amountCents: 12_000 } });
    expect(up.body).toMatchObject({ amountCents: "12000", openCents: "8000" });
    const below = await call({ method: "PATCH", path: `/invoices/${inv.body.id}`, token: t, body: { amountCents: 3_000 } });
    expect(below.status).toBe(400);
    expect(below.body.errors.amountCents).toBeDefined();
    const credit = await call({ method: "POST", path: "/invoices", token: t, key: randomUUID(), body: { debtorId: mine.debtorId, number: `CN-${uid()}`, issueDate: "2026-10-01", dueDate: "2026-10-01", amountCents: "-2500" } });
    expect(credit.body).toMatchObject({ type: "credit_note", amountCents: "-2500" });
  });

  it("refuses a change on a stale version (409) and applies one on the current version", async () => {
    const t = actors.admin.write;
    const d = await call({ method: "GET", path: `/debtors/${mine.debtorId}`, token: t });
    const ok = await call({ method: "PATCH", path: `/debtors/${mine.debtorId}`, token: t, body: { city: "Utrecht", version: d.body.version } });
    expect(ok.body).toMatchObject({ address: { city: "Utrecht" }, version: d.body.version + 1 });
    const stale = await call({ method: "PATCH", path: `/debtors/${mine.debtorId}`, token: t, body: { city: "Zwolle", version: d.body.version } });
    expect(stale.status).toBe(409);
  });
});

describe("REST API reads", () => {
  it("pages every debtor exactly once with the cursor", async () => {
    const t = actors.viewer.read;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await call({ method: "GET", path: `/debtors?limit=3${cursor ? `&cursor=${cursor}` : ""}`, token: t });
      expect(r.status).toBe(200);
      seen.push(...r.body.data.map((d) => d.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await testDb.debtor.count());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await call({ method: "GET", path: "/debtors?cursor=bogus", token: t })).status).toBe(400);
  });

  it("pages a debtor's timeline newest first without repeats, also with many payments on one day", async () => {
    const d = await createDebtor(testDb, { assignedControllerId: actors.controller.id });
    for (let i = 0; i < 7; i++) await testDb.payment.create({ data: { debtorId: d.id, amountCents: BigInt(100 + i), valueDate: i < 5 ? "2026-11-02" : "2026-11-03" } });
    await testDb.dunningCommunication.create({ data: { debtorId: d.id, level: 1, channel: "email", sentAt: new Date("2026-11-02T12:00:00Z") } });
    await testDb.dunningCommunication.create({ data: { debtorId: d.id, level: 2, channel: "letter", sentAt: new Date("2026-11-02T09:00:00Z") } });
    const seen: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { data: { id: string; at: string; amountCents?: string }[]; nextCursor: string | null } } = await call({ method: "GET", path: `/debtors/${d.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ""}`, token: actors.viewer.read });
      seen.push(...r.body.data);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((s) => s.id)).size).toBe(9);
    expect([...seen].map((s) => s.at)).toEqual([...seen].map((s) => s.at).sort().reverse());
    const payment = seen.find((s) => "amountCents" in s) as { amountCents: unknown } | undefined;
    expect(typeof payment?.amountCents).toBe("string");
  });

  it("filters invoices by status and number", async () => {
    const t = actors.viewer.read;
    const inv = await testDb.invoice.findUniqueOrThrow({ where: { id: theirs.invoiceId } });
    const byNumber = await call({ method: "GET", path: `/invoices?number=${encodeURIComponent(inv.number)}`, token: t });
    expect(byNumber.body.data.map((i: { id: string }) => i.id)).toEqual([inv.id]);
    const closed = await call({ method: "GET", path: `/invoices?status=closed&debtorId=${theirs.debtorId}`, token: t });
    expect(closed.body.data).toEqual([]);
  });

  it("feeds the events of a payment booked through the API", async () => {
    const r = await call({ method: "POST", path: "/payments", token: actors.controller.write, key: randomUUID(), body: { debtorId: mine.debtorId, amountCents: 700, valueDate: PAST } });
    expect(r.status).toBe(201);
    // PostgreSQL hands out events only once they are older than the longest transaction: age them.
    if (provider === "postgresql") await testDb.domainEvent.updateMany({ data: { occurredAt: new Date(Date.now() - 60_000) } });
    const feed = await call({ method: "GET", path: `/events?types=payment.booked&debtorId=${mine.debtorId}&limit=500`, token: actors.viewer.read });
    expect(feed.status).toBe(200);
    expect(feed.body.data.some((e: { type: string; data: { paymentId?: string } }) => e.type === "payment.booked" && e.data.paymentId === r.body.id)).toBe(true);
    const next = await call({ method: "GET", path: `/events?types=payment.booked&debtorId=${mine.debtorId}&after=${feed.body.nextAfter}`, token: actors.viewer.read });
    expect(next.body.data).toEqual([]);
    expect((await call({ method: "GET", path: "/events?types=nonsense", token: actors.viewer.read })).status).toBe(400);
  });

  it("imports a file pushed by a nightly job; the same file again changes nothing; a bad file imports nothing (422)", async () => {
    const t = actors.manager.write;
    const k = uid();
    const csv = `Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag\r\nN${k};Nachtjob B.V.;NJ-${k};01-10-2026;31-10-2026;1.250,00;1.250,00\r\n`;
    const push = (bytes: string, key = randomUUID()) => call({ method: "POST", path: `/imports?source=nightly&kind=open_items&fileName=open.csv`, token: t, key, rawBody: new Uint8Array(Buffer.from(bytes, "latin1")), headers: { "content-type": "text/csv" } });
    const first = await push(csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "applied", invoices: { created: 1 } });
    const again = await push(csv);
    expect(again.body).toMatchObject({ status: "applied", invoices: { created: 0 } });
    expect(await testDb.invoice.count({ where: { number: `NJ-${k}` } })).toBe(1);
    const bad = await push(csv.replace("01-10-2026", "31-02-2026").replace(`NJ-${k}`, `NJX-${k}`));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(await testDb.invoice.count({ where: { number: `NJX-${k}` } })).toBe(0);
  });
});

describe("REST API rate limit", () => {
  it("answers 429 with Retry-After past the limit, per token, and counts reads and writes apart", async () => {
    let clock = Date.UTC(2026, 11, 2, 10, 0, 5);
    const apiRoute = apiRouteFactory({ db: () => testDb, now: () => new Date(clock), limiter: fixedWindowLimiter(), limits: () => ({ reads: 3, writes: 1 }), proxies: () => trustedProxies([]) });
    const route = apiRoute(OPERATIONS.getMe, async ({ caller }) => ({ body: { id: caller.id } }));
    const req = (token: string) => route(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token}` } }));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await req(actors.viewer.read));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers[3]!.headers.get("retry-after")).toBe("55");
    expect(((await answers[3]!.json()) as { code: string }).code).toBe("rate_limited");
    // Another token of the same user has its own count.
    expect((await req(actors.viewer.write)).status).toBe(200);
    // The next minute starts afresh.
    clock += 60_000;
    expect((await req(actors.viewer.read)).status).toBe(200);
  });
});
