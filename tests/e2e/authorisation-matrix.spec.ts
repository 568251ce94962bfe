import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { en } from "@/lib/i18n/messages/en";
import { nl } from "@/lib/i18n/messages/nl";
import { ACTION_ROWS, ACTORS, LOGIN_OF, ROUTE_ROWS, type Actor, type ActionRow, type CaseContext, type FormInput, type Login, type MatrixRecords, type Outcome, type RouteRow, type Watch } from "./authorisation-matrix";
import { createMatrixRecords, slotSnapshot, stableJson } from "./fixtures/authorisation-matrix-records";
import { DEMO_PASSWORD, LOGINS } from "./helpers";

/**
 * Runs the authorisation matrix (authorisation-matrix.ts): every server action and route x every
 * actor as a direct request, ids swapped for controllerOther. Action ids come from the build's
 * server-reference manifest; the rows must cover exactly the exports of server/actions/*.ts and
 * the methods exported by every route.ts under app/api.
 */
const ROOT = process.cwd();
const REFUSALS = new Set([nl["errors.forbidden"], nl["errors.signedOut"], en["errors.forbidden"], en["errors.signedOut"]]);
/** Actors whose requests may never change their slot, whatever the answer. */
const READ_ONLY_ACTORS = new Set<Actor>(["anonymous", "viewer", "controllerOther"]);

type BuiltAction = { id: string; key: string; pages: string[] };

/** The build's actions: Next 16 maps each id to its file and export name (and the pages that load it). */
function builtActions(): BuiltAction[] {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node).map(([id, e]) => {
    expect(e.filename && e.exportedName, `manifest entry ${id} without filename/exportedName`).toBeTruthy();
    const key = `${e.filename!.replace(/^server\/actions\//, "").replace(/\.tsx?$/, "")}#${e.exportedName!}`;
    return { id, key, pages: Object.keys(e.workers) };
  });
}

/** Every export of a 'use server' file in server/actions is a public endpoint. */
function sourceActions(): string[] {
  const dir = path.join(ROOT, "server/actions");
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).flatMap((f) => {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    if (/^export\s+(default|\{|\*)/m.test(src)) throw new Error(`server/actions/${f}: only named 'export const/function' is understood here`);
    return [...src.matchAll(/^export\s+(?:async\s+)?(?:const|let|var|function)\s+(\w+)/gm)].map((m) => `${f.replace(/\.ts$/, "")}#${m[1]}`);
  });
}

/** "GET /api/emails/[emailId]/eml": every method exported by a route.ts under app/api. */
function sourceRoutes(): string[] {
  const api = path.join(ROOT, "app/api");
  const files = (fs.readdirSync(api, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts");
  return files.flatMap((f) => {
    const src = fs.readFileSync(path.join(api, f), "utf8");
    const route = `/api/${path.dirname(f).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
    return [...src.matchAll(/^export\s+(?:async\s+function|function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/gm)].map((m) => `${m[1]} ${route}`);
  });
}

const difference = (a: Iterable<string>, b: Iterable<string>) => {
  const bs = new Set(b);
  return [...new Set(a)].filter((x) => !bs.has(x)).sort();
};

test.describe.configure({ mode: "serial" });

test("every server action and route method has a row in the authorisation matrix, and every row a target", () => {
  const built = builtActions();
  const source = sourceActions();
  const rows = ACTION_ROWS.map((r) => r.action);
  expect(difference(source, rows), "exported actions without a matrix row").toEqual([]);
  expect(difference(built.map((b) => b.key), rows), "actions in the build (also outside server/actions) without a matrix row").toEqual([]);
  expect(difference(rows, source), "matrix rows naming an action that no longer exists").toEqual([]);
  expect(difference(source, built.map((b) => b.key)), "exported actions missing from the build: run `next build` again").toEqual([]);
  const routes = sourceRoutes();
  const routeRows = ROUTE_ROWS.map((r) => r.route);
  expect(difference(routes, routeRows), "route methods without a matrix row").toEqual([]);
  expect(difference(routeRows, routes), "matrix rows naming a route method that no longer exists").toEqual([]);
  expect(routes.length).toBeGreaterThan(0);
});

/** React's encodeReply for plain JSON arguments: a string starting with "$" is escaped as "$$". */
function encodeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_k, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v));
}
const isFormInput = (v: unknown): v is FormInput => typeof v === "object" && v !== null && "formData" in v;

/** The page an action is posted to: one that loads it, with the slot's debtor for a [debtorId]. */
function pageOf(action: BuiltAction, c: CaseContext): string {
  // A workbench page where there is one (the sign-in and account pages redirect a session that has nothing to do there).
  const page = action.pages.find((p) => p.includes("(workbench)") && !p.includes("[")) ?? action.pages.find((p) => !p.includes("[")) ?? action.pages[0]!;
  const url = page.replace(/^app/, "").replace(/\/page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/");
  return url.replace(/\[(\w+)\]/g, (_m, name: string) => {
    if (name !== "debtorId") throw new Error(`no value for [${name}] in ${page}`);
    return c.slot.debtorId;
  }) || "/";
}

type Answer = { outcome: Outcome | "other"; detail: string; body?: string };

/**
 * The action's result from the RSC reply: row 0 points at the row holding `{ ok, ... }`. Rows are
 * "<id>:<json>\n", except text rows "<id>:T<hex byte length>,<text>" which have no newline (a long
 * string in the result, e.g. a QR code image, is sent that way and referenced as "$<id>").
 */
function actionResult(text: string): unknown {
  const bytes = Buffer.from(text, "utf8");
  const rows = new Map<string, string>();
  const texts = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(":", at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString();
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(",", colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString(), 16);
      texts.set(id, bytes.subarray(comma + 1, comma + 1 + length).toString("utf8"));
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf("\n", colon);
      rows.set(id, bytes.subarray(colon + 1, end < 0 ? bytes.length : end).toString("utf8"));
      at = end < 0 ? bytes.length : end + 1;
    }
  }
  const revive = (_k: string, v: unknown) => (typeof v === "string" && /^\$[0-9a-f]+$/.test(v) && texts.has(v.slice(1)) ? texts.get(v.slice(1)) : v);
  const root = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const ref = root?.a?.startsWith("$@") ? root.a.slice(2) : null;
  return ref && rows.has(ref) ? JSON.parse(rows.get(ref)!, revive) : undefined;
}

async function sendAction(request: APIRequestContext, action: BuiltAction, row: ActionRow, c: CaseContext, input: unknown): Promise<Answer> {
  const headers = { "next-action": action.id, accept: "text/x-component" };
  const url = pageOf(action, c);
  let res: APIResponse;
  if (isFormInput(input)) {
    // A FormData argument travels as multipart, as captured from the browser: the form's own
    // fields named "_1_<name>" first, then field "0", the argument list ("$K1" = form 1). The
    // order matters: the server resolves the arguments when "0" arrives.
    const multipart = new FormData();
    for (const [k, v] of Object.entries(input.formData)) {
      if (typeof v === "string") multipart.append(`_1_${k}`, v);
      else multipart.append(`_1_${k}`, new Blob([new Uint8Array(v.buffer)], { type: v.mimeType }), v.name);
    }
    multipart.append("0", '["$K1"]');
    res = await request.post(url, { headers, multipart, maxRedirects: 0, timeout: 120_000 });
  } else {
    const args = row.input ? [input] : [];
    res = await request.post(url, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: encodeArgs(args), maxRedirects: 0, timeout: 120_000 });
  }
  const text = await res.text();
  if (res.status() !== 200) return { outcome: "other", detail: `HTTP ${res.status()} ${text.slice(0, 200)}` };
  const redirect = res.headers()["x-action-redirect"];
  const result = actionResult(text) as { ok?: boolean; error?: string; fieldErrors?: unknown } | undefined;
  if (result && typeof result === "object" && "ok" in result) {
    if (result.ok) return { outcome: "allowed", detail: stableJson(result).slice(0, 300) };
    if (result.error && REFUSALS.has(result.error)) return { outcome: "refused", detail: result.error };
    return { outcome: "other", detail: stableJson(result).slice(0, 300) };
  }
  if (redirect && row.redirects) return { outcome: redirect.startsWith("/sign-in") ? "allowed" : "other", detail: `redirect ${redirect}` };
  return { outcome: "other", detail: `no result${redirect ? `, redirect ${redirect}` : ""}: ${text.slice(0, 200)}` };
}

async function sendRoute(request: APIRequestContext, row: RouteRow, c: CaseContext): Promise<Answer> {
  const method = row.route.split(" ")[0]!;
  const body = row.body?.(c);
  const res = await request.fetch(row.path(c), { method, maxRedirects: 0, ...(body === undefined ? {} : { data: body }) });
  const text = await res.text();
  const status = res.status();
  const outcome = status >= 200 && status < 300 ? "allowed" : [401, 403, 404].includes(status) ? "refused" : "other";
  return { outcome, detail: `HTTP ${status} ${text.slice(0, 120).replace(/\s+/g, " ")}`, body: text };
}

/** The slot's records and the watched ones, read before and after a case. */
async function observe(db: Db, c: CaseContext, watch: Watch[]): Promise<Record<string, string>> {
  const models = db as unknown as Record<Watch["model"], { findMany(args: { where: Record<string, unknown> }): Promise<unknown[]> }>;
  const watched = await Promise.all(watch.map(async (w) => [`watched ${w.model} ${stableJson(w.where)}`, stableJson(await models[w.model].findMany({ where: w.where }))] as const));
  return { ...(await slotSnapshot(db, c.slot)), ...Object.fromEntries(watched) };
}

/** What differs between two observations: the slot's tables, and the watched rows when `withWatched`. */
function changed(before: Record<string, string>, after: Record<string, string>, withWatched: boolean): string[] {
  return Object.keys(before).filter((k) => (withWatched || !k.startsWith("watched ")) && before[k] !== after[k]);
}

async function signedIn(newContext: () => Promise<APIRequestContext>, login: Login): Promise<APIRequestContext> {
  const request = await newContext();
  const res = await request.post("/api/auth/sign-in/email", { data: { email: LOGINS[login], password: DEMO_PASSWORD } });
  expect(res.status(), `sign-in of ${login}`).toBe(200);
  return request;
}

async function hasSession(request: APIRequestContext): Promise<boolean> {
  const res = await request.get("/api/auth/get-session");
  return (await res.text()).trim() !== "null";
}

type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;

// Every e-mail the cases send (summaries, resends, today's dunning run) is delivered here at once,
// so nothing is left in the outbox for a later journey's mail server.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let delivered = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, cb) {
    stream.on("end", () => {
      delivered++;
      cb();
    });
    stream.resume();
  },
});
test.beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test("each actor gets exactly what the authorisation matrix says, by direct requests with swapped ids", async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const db = createDb(process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db");
  const actions = new Map(builtActions().map((a) => [a.key, a]));
  const records: MatrixRecords = await createMatrixRecords(db);
  // Requests carry the app's own Origin, as a browser's do (better-auth refuses a POST with cookies and without one).
  const newContext = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL!).origin } });
  const replayHasSession = async (storageState: StorageState) => {
    const replay = await playwright.request.newContext({ baseURL, storageState });
    const has = await hasSession(replay);
    await replay.dispose();
    return has;
  };
  const sessions = new Map<Login, APIRequestContext>();
  for (const login of new Set(Object.values(LOGIN_OF).filter((l): l is Login => l !== null))) sessions.set(login, await signedIn(newContext, login));

  type Row = ({ kind: "action" } & ActionRow) | ({ kind: "route" } & RouteRow);
  const all: Row[] = [...ACTION_ROWS.map((r) => ({ kind: "action" as const, ...r })), ...ROUTE_ROWS.map((r) => ({ kind: "route" as const, ...r }))];
  const ordered = [...all.filter((r) => !r.destructive), ...all.filter((r) => r.destructive)];
  const failures: string[] = [];
  const failedCases = new Set<string>();
  const fail = (name: string, actor: Actor, text: string) => {
    failedCases.add(`${name} x ${actor}`);
    failures.push(`${name} x ${actor}: ${text}`);
  };
  const count = { cases: 0, allowed: 0, refused: 0 };

  for (const [i, row] of ordered.entries()) {
    const name = `${row.kind === "action" ? row.action : row.route}${row.variant ? ` (${row.variant})` : ""}`;
    for (const [j, actor] of ACTORS.entries()) {
      const login = LOGIN_OF[actor];
      const c: CaseContext = { actor, slot: records.slots[actor], records, db, caseId: `${records.tag}R${i}A${j}` };
      // Anonymous gets a fresh cookie jar for every case, so a sign-in case cannot leak into the next.
      const request = login ? sessions.get(login)! : await newContext();
      const watch = row.watch?.(c) ?? [];
      const before = await observe(db, c, watch);
      const cookies: StorageState | null = login && row.endsSession ? await request.storageState() : null;
      if (cookies && !(await replayHasSession(cookies))) fail(name, actor, "the replayed session cookie does not work even before signing out");
      let input: unknown;
      let answer: Answer;
      if (row.kind === "action") {
        const action = actions.get(row.action);
        if (!action) throw new Error(`${row.action} is not in the build`);
        input = await row.input?.(c);
        answer = await sendAction(request, action, row, c, input);
      } else {
        input = `${row.route.split(" ")[0]} ${row.path(c)}${row.body ? ` ${stableJson(row.body(c))}` : ""}`;
        answer = await sendRoute(request, row, c);
        const same = row.sameBodyAs?.(c);
        if (same && answer.outcome === "allowed") {
          const reference = await (await request.get(same)).text();
          if (reference !== answer.body) fail(name, actor, `answer differs from ${same} (a filter widened the scope)\n    input: ${String(input)}`);
        }
      }
      const after = await observe(db, c, watch);
      await row.after?.(c);
      const expected = row.expect[actor];
      count.cases++;
      if (answer.outcome === "allowed") count.allowed++;
      if (answer.outcome === "refused") count.refused++;
      const shown = typeof input === "object" && input !== null && isFormInput(input) ? `FormData ${Object.keys(input.formData).join(",")}` : typeof input === "string" ? input : stableJson(input);
      if (answer.outcome !== expected) fail(name, actor, `expected ${expected}, got ${answer.outcome}\n    input: ${shown}\n    answer: ${answer.detail}`);
      // A refusal changes nothing; anonymous, viewer and controllerOther never change their slot, even when allowed.
      const diff = expected === "refused" ? changed(before, after, true) : READ_ONLY_ACTORS.has(actor) ? changed(before, after, false) : [];
      if (diff.length) fail(name, actor, `changed ${diff.join(", ")} (${actor === "controllerOther" ? "controller2's" : `${actor}'s`} slot)\n    input: ${shown}`);
      if (!login) await request.dispose();
      else if (cookies) {
        // The cookie the client held before signing out must be worthless now, even replayed.
        if (await replayHasSession(cookies)) fail(name, actor, "the session cookie still works after signing out");
        await request.dispose();
        sessions.set(login, await signedIn(newContext, login));
      }
    }
  }
  for (const s of sessions.values()) await s.dispose();
  await db.$disconnect();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`authorisation matrix: ${count.cases} cases run (${ordered.length} rows x ${ACTORS.length} actors), ${count.allowed} allowed, ${count.refused} refused, ${failedCases.size} failing cases (${failures.length} failed checks), ${delivered} e-mails delivered, ${seconds} s`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  expect(failures, "cases that differ from the authorisation matrix").toEqual([]);
});
