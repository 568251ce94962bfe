/**
 * Drill: PostgreSQL "restarts" under a write load. A TCP proxy sits between the app's database
 * client and PostgreSQL; mid-run it kills every connection and refuses new ones for a while.
 * Workers book manual payments (idempotency keys) and autosave call drafts (write ids) through
 * the real use cases, and repeat a failed write unchanged until it succeeds.
 *   npx tsx scripts/drills/pg-restart.ts [--long] --pg postgresql://...
 * Long form: 10 restarts, then a network that silently stops delivering for 10 s.
 * Must hold: failures are recognisable as "database unavailable" and fail fast; service returns
 * at once; 0 partial writes (allocations = amount, invoices = allocations, audit per payment,
 * cached debtor balances = computed), 0 duplicates, 0 acknowledged writes lost.
 */
import { randomUUID } from "node:crypto";
import { saveCallDraft, startCall, type Actor } from "@/lib/calls/call-drafts";
import { SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { createDb, type Db } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { findBalanceDrift, recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { isPostgresUrl } from "@/lib/env/settings";
import { isDomainError } from "@/lib/errors/domain-error";
import type { RecordPaymentInput } from "@/lib/payments/payment-schemas";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { createDebtor, createInvoice, createUser } from "@/tests/factories/portfolio";
import { Figures, type DrillOptions, type DrillResult } from "./drill";
import { runAlone } from "./harness";
import { TcpProxy } from "./lib-proxy";

const TODAY = "2031-09-15";
const PAYMENT_CTX = { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), timeZone: "Europe/Amsterdam", graceDays: 2 };
/** lib/db/client.ts gives the pool a 5 s connection time-out: no request may wait longer than that (+1 s). */
const FAIL_FAST_MS = 6_000;
/** The app client cuts a connection silent this long (production: SILENT_CONNECTION_MS, 45 s). */
const SILENT_MS = 3_000;
/** a write is repeated this often while the database is away */
const RETRY_EVERY_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Attempt = { kind: "payment" | "save"; start: number; end: number; ok: boolean; error?: string; unavailable?: boolean };
type Window = { down: number; up: number };
type AckedPayment = { key: string; paymentId: string; amount: bigint; replayed: boolean };
type Shared = { attempts: Attempt[]; acked: AckedPayment[]; submitted: Map<string, RecordPaymentInput>; gaveUp: string[]; stopAt: number; hardStopAt: number };

/** Name, code and the last line of the message (Prisma's first lines quote the calling code). */
function describe(e: unknown): string {
  if (isDomainError(e)) return `DomainError ${e.code}: ${e.message}`;
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  const last = e.message.trim().split("\n").filter((l) => l.trim()).pop() ?? "";
  return `${e.name}${typeof code === "string" ? ` ${code}` : ""}: ${last.trim().slice(0, 200)}`;
}

/** Runs one write until it succeeds, repeating it unchanged after a database-unavailable error. */
async function untilDone<T>(shared: Shared, kind: Attempt["kind"], write: () => Promise<T>): Promise<T | null> {
  for (;;) {
    const start = Date.now();
    try {
      const value = await write();
      shared.attempts.push({ kind, start, end: Date.now(), ok: true });
      return value;
    } catch (e) {
      const unavailable = isDatabaseUnavailable(e);
      const error = describe(e);
      shared.attempts.push({ kind, start, end: Date.now(), ok: false, error, unavailable });
      if (!unavailable || Date.now() > shared.hardStopAt) {
        shared.gaveUp.push(`${kind}: ${error}`);
        return null;
      }
      await sleep(RETRY_EVERY_MS);
    }
  }
}

async function worker(app: Db, shared: Shared, actor: Actor, debtorIds: string[], call: { callId: string; version: number }, last: { notes: string; version: number }) {
  let n = 0;
  while (Date.now() < shared.stopAt) {
    n++;
    const input: RecordPaymentInput = {
      debtorId: debtorIds[n % debtorIds.length]!,
      amount: BigInt(100 + Math.floor(Math.random() * 5_000)),
      valueDate: TODAY,
      reference: null,
      method: "bank_transfer",
      invoiceIds: [],
      idempotencyKey: randomUUID(),
    };
    shared.submitted.set(input.idempotencyKey, input);
    const paid = await untilDone(shared, "payment", () => recordPayment(app, actor, input, PAYMENT_CTX));
    if (paid) shared.acked.push({ key: input.idempotencyKey, paymentId: paid.paymentId, amount: input.amount, replayed: paid.replayed });
    const save = SaveCallDraftInput.parse({ callId: call.callId, version: call.version, writeId: randomUUID(), notes: `${actor.name} save ${n}` });
    const saved = await untilDone(shared, "save", () => saveCallDraft(app, actor, save));
    if (saved) {
      call.version = saved.version;
      last.notes = save.notes;
      last.version = saved.version;
    } else if (!paid) return;
  }
}

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("pg-restart");
  if (!isPostgresUrl(opts.databaseUrl)) {
    f.note("skipped: PostgreSQL only");
    return f.result();
  }
  const target = new URL(opts.databaseUrl);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.up();
  const viaProxy = new URL(opts.databaseUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  // the app's client, as lib/db/client.ts builds it, but through the proxy
  // The app's client, with the silent-connection cut shortened so the frozen-network check fits a drill.
  const app = createDb(viaProxy.toString(), { silentMs: SILENT_MS });
  const check = createDb(opts.databaseUrl, { poolSize: 2 });
  try {
    const workers = opts.long ? 8 : 4;
    const debtorIds: string[] = [];
    for (let d = 0; d < 3; d++) {
      const debtor = await createDebtor(check);
      for (let i = 0; i < 3; i++) await createInvoice(check, debtor.id, { dueDate: "2031-08-01", amountCents: 100_000_000 });
      debtorIds.push(debtor.id);
    }
    await recomputeDebtorBalances(check, debtorIds);
    const actors: Actor[] = [];
    const calls: { callId: string; version: number }[] = [];
    for (let w = 0; w < workers; w++) {
      const u = await createUser(check, "controller");
      const actor: Actor = { id: u.id, role: "controller", name: `worker${w}`, email: u.email };
      actors.push(actor);
      calls.push(await startCall(check, actor, { debtorId: debtorIds[w % debtorIds.length]!, idempotencyKey: randomUUID() }));
    }
    // a running app's pool is warm: open its connections before the clock starts
    await Promise.all(Array.from({ length: workers }, () => app.debtor.count()));
    const restarts = opts.long ? 10 : 1;
    const outageMs = (i: number) => (opts.long ? 1_000 + (i % 4) * 1_000 : 2_000);
    const between = 2_000;
    // long form only: afterwards a network that silently stops delivering (no FIN/RST) for 10 s
    // Longer than any request may take (a silent connection cut + a new connection's time-out).
    const freezeMs = 12_000;
    const total = between + Array.from({ length: restarts }, (_, i) => outageMs(i) + between).reduce((a, b) => a + b, 0) + (freezeMs ? freezeMs + between : 0) + 1_000;
    const loadStart = Date.now();
    const shared: Shared = { attempts: [], acked: [], submitted: new Map(), gaveUp: [], stopAt: loadStart + total, hardStopAt: loadStart + total + 30_000 };
    const lastSaved = calls.map((c) => ({ notes: "", version: c.version }));
    const running = actors.map((a, w) => worker(app, shared, a, debtorIds, calls[w]!, lastSaved[w]!));
    const windows: Window[] = [];
    for (let i = 0; i < restarts; i++) {
      await sleep(between);
      const down = Date.now();
      await proxy.outage(outageMs(i));
      windows.push({ down, up: Date.now() });
    }
    let frozen: Window | null = null;
    if (freezeMs) {
      await sleep(between);
      const down = Date.now();
      await proxy.freeze(freezeMs);
      frozen = { down, up: Date.now() };
    }
    await Promise.all(running);

    // --- the load, as the workers saw it
    const overlaps = (a: Attempt, w: Window) => a.end >= w.down && a.start <= w.up + 1_000;
    const inFreeze = (a: Attempt) => !!frozen && overlaps(a, frozen);
    const inWindow = (a: Attempt) => windows.some((w) => overlaps(a, w)) || inFreeze(a);
    const duringRestarts = shared.attempts.filter((a) => !inFreeze(a));
    const failed = shared.attempts.filter((a) => !a.ok);
    const unrecognised = failed.filter((a) => !a.unavailable);
    const failedOutside = failed.filter((a) => !inWindow(a));
    const firstSuccess = [...windows, ...(frozen ? [frozen] : [])].map((w) => {
      const after = shared.attempts.filter((a) => a.ok && a.start >= w.up).map((a) => a.end);
      return after.length ? Math.min(...after) - w.up : Infinity;
    });
    f.set("workers", workers);
    f.set("restarts x outage ms", `${restarts} x ${[...new Set(windows.map((w) => w.up - w.down))].join("/")}`);
    f.set("connections killed", proxy.counts.killed);
    f.set("requests (incl. repeats)", shared.attempts.length);
    f.set("payments acknowledged", shared.acked.length);
    f.set("of those answered as a replay (reply lost, write committed)", shared.acked.filter((a) => a.replayed).length);
    const okMs = duringRestarts.filter((a) => a.ok).map((a) => a.end - a.start).sort((a, b) => a - b);
    f.set("successful request ms p50/p95", `${okMs[Math.floor(okMs.length * 0.5)] ?? 0}/${okMs[Math.floor(okMs.length * 0.95)] ?? 0}`);
    f.atMost("longest request ms", Math.max(...duringRestarts.map((a) => a.end - a.start)), FAIL_FAST_MS);
    const slowestFailed = duringRestarts.filter((a) => !a.ok).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    f.set("longest failed request ms", slowestFailed ? slowestFailed.end - slowestFailed.start : 0);
    if (slowestFailed) {
      const w = windows.find((x) => overlaps(slowestFailed, x));
      f.note(`slowest failed request: ${slowestFailed.kind}, started ${w ? w.down - slowestFailed.start : "?"} ms before the outage, ended ${w ? slowestFailed.end - w.down : "?"} ms into it: ${slowestFailed.error}`);
    }
    f.set("requests failed during the outage", failed.filter(inWindow).length);
    if (!failed.some(inWindow)) f.fail("no request failed during an outage: the outage did not reach the app");
    f.must("failures not recognised as database-unavailable", unrecognised.length, 0);
    for (const e of [...new Set(unrecognised.map((a) => a.error))].slice(0, 3)) f.note(`unrecognised: ${e}`);
    f.must("failures outside an outage", failedOutside.length, 0);
    for (const e of [...new Set(failedOutside.map((a) => a.error))].slice(0, 3)) f.note(`outside an outage: ${e}`);
    f.atMost("longest ms to first success after an outage", Math.max(...firstSuccess), FAIL_FAST_MS);
    if (frozen) {
      const hit = shared.attempts.filter(inFreeze);
      f.set("frozen network (no FIN/RST) ms, then reset", frozen.up - frozen.down);
      f.atMost("frozen network: longest request ms", Math.max(0, ...hit.map((a) => a.end - a.start)), SILENT_MS + FAIL_FAST_MS);
      f.set("frozen network: requests failed", hit.filter((a) => !a.ok).length);
    }
    f.must("writes given up", shared.gaveUp.length, 0);
    for (const e of shared.gaveUp.slice(0, 3)) f.note(`given up: ${e}`);

    // --- what the database holds (read directly, not through the proxy)
    const payments = await check.payment.findMany({ include: { allocations: true } });
    const byKey = new Map<string, number>();
    for (const p of payments) if (p.idempotencyKey) byKey.set(p.idempotencyKey, (byKey.get(p.idempotencyKey) ?? 0) + 1);
    const duplicates = [...byKey.values()].reduce((s, c) => s + c - 1, 0) + payments.filter((p) => !p.idempotencyKey || !shared.submitted.has(p.idempotencyKey)).length;
    const ackedLost = shared.acked.filter((a) => !payments.some((p) => p.id === a.paymentId && p.idempotencyKey === a.key && p.amountCents === a.amount)).length;
    const ackedKeys = new Set(shared.acked.map((a) => a.key));
    const partialPayments = payments.filter((p) => p.allocations.reduce((s, a) => s + a.amountCents, 0n) !== p.amountCents).length;
    const audited = new Set((await check.auditLog.findMany({ where: { action: "payment.record" }, select: { entityId: true } })).map((a) => a.entityId));
    const invoices = await check.invoice.findMany({ where: { debtorId: { in: debtorIds } }, include: { allocations: true } });
    const drift = await findBalanceDrift(check);
    let savesLost = 0;
    for (const [w, c] of calls.entries()) {
      const row = await check.callLog.findUniqueOrThrow({ where: { id: c.callId } });
      if (row.notes !== lastSaved[w]!.notes || row.version !== lastSaved[w]!.version) savesLost++;
    }
    f.set("payments booked", payments.length);
    f.must("partial writes: payments whose allocations differ from the amount", partialPayments, 0);
    f.must("partial writes: payments without their audit entry", payments.filter((p) => !audited.has(p.id)).length, 0);
    f.must("partial writes: invoices whose open amount differs from their allocations", invoices.filter((i) => i.amountCents - i.openCents !== i.allocations.reduce((s, a) => s + a.amountCents, 0n)).length, 0);
    f.must("debtors with balance drift (check-balances)", new Set(drift.map((d) => d.debtorId)).size, 0);
    f.must("duplicate payments", duplicates, 0);
    f.must("acknowledged payments lost", ackedLost, 0);
    f.must("acknowledged draft saves lost", savesLost, 0);
    f.must("payments committed but never acknowledged", payments.filter((p) => p.idempotencyKey && !ackedKeys.has(p.idempotencyKey)).length, 0);
  } finally {
    await proxy.down();
    await app.$disconnect().catch(() => {});
    await check.$disconnect();
  }
  return f.result();
}

await runAlone(import.meta.url, "pg-restart", drill);
