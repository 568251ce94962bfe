/**
 * Drill: the real outbox (processOutbox + smtpTransport) against a local SMTP server that fails
 * in the ways real ones do, on a simulated clock (the worker's 15-second passes, `now` passed in).
 *   npx tsx scripts/drills/smtp-faults.ts [--long] [--pg postgresql://...]   (SQLite, and PostgreSQL with --pg)
 * Scenarios: a) server down 6 h, b) 421/451 bursts, slow) slow replies, c) 550 at RCPT,
 * d) connection dropped after the message was received, e) worker SIGKILLed mid-send,
 * timeout) (long only) no reply after DATA until the client's socket time-out.
 * Per scenario: queued, delivered (unique Message-IDs), lost, duplicates (all copies of a message
 * must carry its one Message-ID), longest time to delivery after the fault ended.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { enqueueEmails, processOutbox, retryDelayMs, smtpTransport, STUCK_AFTER_MS, type MailTransport, type NewEmail } from "@/lib/email/outbox";
import { parseSmtpConfig, type SmtpConfig } from "@/lib/env/settings";
import { createDebtor } from "@/tests/factories/portfolio";
import { Figures, type DrillOptions, type DrillResult } from "./drill";
import { ROOT, runAlone } from "./harness";
import { FaultySmtpServer, type ReceivedMessage, type SmtpBehaviour } from "./lib-smtp-server";

/** As server/jobs/outbox.ts: the app's worker runs a pass every 15 seconds (default limit 20). */
const TICK_MS = 15_000;
const MINUTE = 60_000;
const MAIL = { messageIdDomain: "drill.local", smtpConfigured: true };
/** The longest backoff step: a message is due again at most this long after the server returns. */
const BACKOFF_CAP_S = retryDelayMs(1_000) / 1000;
const CHILD = path.join(ROOT, "scripts/drills/lib-smtp-child.ts");

type Ctx = {
  db: Db;
  dbUrl: string;
  server: FaultySmtpServer;
  transport: MailTransport;
  from: SmtpConfig["from"];
  debtorId: string;
  f: Figures;
};

async function queue(ctx: Ctx, scenario: string, n: number): Promise<string[]> {
  const run = randomBytes(3).toString("hex");
  const list: NewEmail[] = Array.from({ length: n }, (_, i) => ({
    debtorId: ctx.debtorId,
    to: { address: `ap-${scenario}-${i}@example.test`, name: null },
    subject: `drill ${scenario} ${i} ${run}`,
    body: `Message ${i} of drill scenario ${scenario}.`,
    kind: "dunning",
    idempotencyKey: `drill:${scenario}:${run}:${i}`,
    createdById: null,
    state: "send",
  }));
  await enqueueEmails(ctx.db, list, MAIL);
  const rows = await ctx.db.emailOutbox.findMany({ where: { idempotencyKey: { in: list.map((e) => e.idempotencyKey) } }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function pass(ctx: Ctx, ids: string[], now: number) {
  ctx.server.clock = () => now;
  return processOutbox(ctx.db, ctx.transport, ctx.from, { now: new Date(now), ids });
}

/**
 * The worker's passes from `from` to `until` on a 15-second grid. Passes in which nothing of
 * `ids` is due are skipped (they would do nothing), so six hours take seconds.
 */
async function runWorker(ctx: Ctx, ids: string[], from: number, until: number, beforePass?: (now: number) => Promise<void> | void): Promise<{ passes: number; end: number }> {
  let now = from;
  let passes = 0;
  for (;;) {
    await beforePass?.(now);
    await pass(ctx, ids, now);
    passes++;
    const next = await ctx.db.emailOutbox.aggregate({ where: { id: { in: ids }, status: "pending" }, _min: { nextAttemptAt: true } });
    const due = next._min.nextAttemptAt?.getTime();
    if (due === undefined) return { passes, end: now };
    const onGrid = from + Math.ceil((due - from) / TICK_MS) * TICK_MS;
    const nextNow = Math.max(now + TICK_MS, onGrid);
    if (nextNow > until) return { passes, end: now };
    now = nextNow;
  }
}

type Tally = { queued: number; delivered: number; lost: number; duplicates: number; failedVisibly: number; wrongMessageId: number; notMarkedSent: number; maxDeliveryAfterReturnS: number; attemptsMin: number; attemptsMax: number };

/** What the receiver got for each outbox row (matched by its unique subject), against the row. */
async function tally(ctx: Ctx, ids: string[], returnedAt: number): Promise<Tally> {
  const rows = await ctx.db.emailOutbox.findMany({ where: { id: { in: ids } } });
  const bySubject = new Map<string, ReceivedMessage[]>();
  for (const m of ctx.server.received) if (m.subject) bySubject.set(m.subject, [...(bySubject.get(m.subject) ?? []), m]);
  const messageIds = new Set<string | null>();
  const t: Tally = { queued: rows.length, delivered: 0, lost: 0, duplicates: 0, failedVisibly: 0, wrongMessageId: 0, notMarkedSent: 0, maxDeliveryAfterReturnS: 0, attemptsMin: Infinity, attemptsMax: 0 };
  for (const row of rows) {
    const copies = bySubject.get(row.subject) ?? [];
    const visiblyFailed = row.status === "failed" && !!row.lastError;
    t.attemptsMin = Math.min(t.attemptsMin, row.attempts);
    t.attemptsMax = Math.max(t.attemptsMax, row.attempts);
    if (visiblyFailed) t.failedVisibly++;
    if (copies.length === 0) {
      if (!visiblyFailed) t.lost++;
      continue;
    }
    for (const c of copies) messageIds.add(c.messageId);
    t.duplicates += copies.length - 1;
    if (copies.some((c) => c.messageId !== row.messageId)) t.wrongMessageId++;
    if (row.status !== "sent") t.notMarkedSent++;
    // the copy the outbox saw acknowledged is the last one
    t.maxDeliveryAfterReturnS = Math.max(t.maxDeliveryAfterReturnS, (copies[copies.length - 1]!.at - returnedAt) / 1000);
  }
  if (rows.length === 0) t.attemptsMin = 0;
  t.delivered = messageIds.size;
  return t;
}

/** The figures every scenario reports (duplicates: each scenario states its own bound). */
function record(ctx: Ctx, scenario: string, t: Tally, opts: { sinceFault?: boolean } = {}): void {
  const { f } = ctx;
  f.set(`${scenario}: queued`, t.queued);
  f.set(`${scenario}: delivered (unique Message-IDs)`, t.delivered);
  f.must(`${scenario}: lost`, t.lost, 0);
  f.must(`${scenario}: copies under another Message-ID`, t.wrongMessageId, 0);
  f.must(`${scenario}: received but not marked sent`, t.notMarkedSent, 0);
  f.set(`${scenario}: attempts per message`, t.attemptsMin === t.attemptsMax ? t.attemptsMax : `${t.attemptsMin}-${t.attemptsMax}`);
  if (opts.sinceFault) f.atMost(`${scenario}: longest s to delivery after the fault ended`, Math.round(t.maxDeliveryAfterReturnS), BACKOFF_CAP_S);
}

/** Attempts one message gets on the backoff schedule while the server is away, plus the delivery. */
function scheduledAttempts(outageMs: number): number {
  let attempts = 0;
  for (let t = 0; t < outageMs; t += retryDelayMs(attempts)) attempts++;
  return attempts + 1;
}

async function serverDown(ctx: Ctx, long: boolean): Promise<void> {
  const outage = 6 * 3_600_000;
  const ids = await queue(ctx, "a", long ? 200 : 3);
  const t0 = Date.now();
  const back = t0 + outage;
  await ctx.server.down();
  const run = await runWorker(ctx, ids, t0, back + 60 * MINUTE, async (now) => {
    if (now >= back && !ctx.server.isUp) await ctx.server.up();
  });
  await ctx.server.up();
  const t = await tally(ctx, ids, back);
  const s = "a down 6 h";
  record(ctx, s, t, { sinceFault: true });
  ctx.f.set(`${s}: worker passes`, run.passes);
  ctx.f.must(`${s}: failed`, t.failedVisibly, 0);
  ctx.f.must(`${s}: duplicates`, t.duplicates, 0);
  // every message retried on the backoff schedule, no more often, and not given up
  ctx.f.atMost(`${s}: most attempts of a message`, t.attemptsMax, scheduledAttempts(outage));
  if (t.attemptsMin < 2) ctx.f.fail(`${s}: a message was tried only ${t.attemptsMin} time(s)`);
}

const BURSTS_END = 18 * MINUTE;

async function bursts(ctx: Ctx, long: boolean): Promise<void> {
  const ids = await queue(ctx, "b", long ? 100 : 4);
  const t0 = Date.now();
  const before = { ...ctx.server.counts };
  // 421 at connect, then 451 at RCPT, then 451 after DATA, six minutes each: longer than the
  // longest backoff step, so every message meets every kind of refusal
  const phases: [number, Partial<SmtpBehaviour>][] = [
    [0, { greeting: "421", rcpt: "250", data: "250" }],
    [6 * MINUTE, { greeting: "220", rcpt: "451", data: "250" }],
    [12 * MINUTE, { greeting: "220", rcpt: "250", data: "451" }],
    [BURSTS_END, { greeting: "220", rcpt: "250", data: "250" }],
  ];
  await runWorker(ctx, ids, t0, t0 + 90 * MINUTE, (now) => {
    for (const [at, b] of phases) if (now - t0 >= at) ctx.server.set(b);
  });
  ctx.server.accept();
  const t = await tally(ctx, ids, t0 + BURSTS_END);
  const c = ctx.server.counts;
  const seen = [c.refused421 - before.refused421, c.rcpt451 - before.rcpt451, c.data451 - before.data451];
  const s = "b 421/451 bursts";
  record(ctx, s, t, { sinceFault: true });
  ctx.f.set(`${s}: refusals 421 connect/451 RCPT/451 DATA`, seen.join("/"));
  if (seen.some((n) => n === 0)) ctx.f.fail(`${s}: not every kind of temporary refusal was exercised (${seen.join("/")})`);
  if (t.attemptsMin < 4) ctx.f.fail(`${s}: a message was delivered after only ${t.attemptsMin - 1} refusal(s), expected one of each kind`);
  ctx.f.must(`${s}: failed`, t.failedVisibly, 0);
  ctx.f.must(`${s}: duplicates`, t.duplicates, 0);
}

const SLOW_MS = 100;

async function slowReplies(ctx: Ctx, long: boolean): Promise<void> {
  const ids = await queue(ctx, "slow", long ? 6 : 2);
  ctx.server.set({ delayMs: SLOW_MS });
  const started = Date.now();
  await pass(ctx, ids, Date.now());
  const ms = Date.now() - started;
  ctx.server.accept();
  const t = await tally(ctx, ids, 0);
  const s = `slow replies (${SLOW_MS} ms each)`;
  record(ctx, s, t);
  ctx.f.set(`${s}: pass ms`, ms);
  ctx.f.must(`${s}: duplicates`, t.duplicates, 0);
  ctx.f.must(`${s}: retried`, t.attemptsMax > 1 ? "yes" : "no", "no");
}

async function permanent(ctx: Ctx, long: boolean): Promise<void> {
  const ids = await queue(ctx, "c", long ? 50 : 3);
  const t0 = Date.now();
  ctx.server.set({ rcpt: "550" });
  await runWorker(ctx, ids, t0, t0 + 30 * MINUTE);
  ctx.server.accept();
  const t = await tally(ctx, ids, t0);
  const rows = await ctx.db.emailOutbox.findMany({ where: { id: { in: ids } }, select: { status: true, lastError: true } });
  const s = "c 550 at RCPT";
  record(ctx, s, t);
  ctx.f.must(`${s}: failed visibly (status failed, 550 in lastError)`, rows.filter((r) => r.status === "failed" && /550/.test(r.lastError ?? "")).length, t.queued);
  ctx.f.must(`${s}: most attempts of a message`, t.attemptsMax, 1);
  ctx.f.must(`${s}: duplicates`, t.duplicates, 0);
}

async function dropAfterData(ctx: Ctx, long: boolean): Promise<void> {
  const n = long ? 100 : 4;
  const ids = await queue(ctx, "d", n);
  const t0 = Date.now();
  const dropped0 = ctx.server.counts.dropped;
  ctx.server.set({ data: "drop" });
  // drop every message's first delivery, then accept: the time to delivery counts from the drop
  await runWorker(ctx, ids, t0, t0 + 60 * MINUTE, () => {
    if (ctx.server.counts.dropped - dropped0 >= n) ctx.server.accept();
  });
  ctx.server.accept();
  const drops = ctx.server.counts.dropped - dropped0;
  const t = await tally(ctx, ids, t0);
  const s = "d drop after DATA";
  record(ctx, s, t, { sinceFault: true });
  ctx.f.set(`${s}: connections dropped`, drops);
  ctx.f.must(`${s}: failed`, t.failedVisibly, 0);
  ctx.f.atMost(`${s}: duplicates`, t.duplicates, drops);
  if (drops < n) ctx.f.fail(`${s}: only ${drops} drops for ${n} messages`);
}

/** One kill: a child process claims the batch and is SIGKILLed while the server holds the reply to its DATA. */
async function killOnce(ctx: Ctx, ids: string[]): Promise<{ killedAt: number } | { error: string }> {
  ctx.server.clock = () => Date.now();
  ctx.server.set({ data: "hold" });
  const held = new Promise<void>((resolve) => (ctx.server.onHeld = () => resolve()));
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ctx.dbUrl, String(ctx.server.port), ids.join(",")], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([held.then(() => "held"), exited.then(() => "exited"), new Promise<string>((r) => (timer = setTimeout(() => r("timed out"), 30_000)))]);
  clearTimeout(timer);
  const killedAt = Date.now();
  child.kill("SIGKILL");
  await exited;
  ctx.server.onHeld = null;
  ctx.server.accept();
  return outcome === "held" ? { killedAt } : { error: `the child never reached the held reply (${outcome}): ${stderr.slice(0, 300)}` };
}

async function killedMidSend(ctx: Ctx, long: boolean): Promise<void> {
  const s = "e kill -9 mid-send";
  const kills = long ? 20 : 1;
  const batch = long ? 10 : 2;
  let done = 0;
  let stuckRows = 0;
  let takenOverEarly = 0;
  let redeliveryMaxS = 0;
  const all: string[] = [];
  for (let k = 0; k < kills; k++) {
    const ids = await queue(ctx, `e${k}`, batch);
    all.push(...ids);
    const kill = await killOnce(ctx, ids);
    if ("error" in kill) {
      ctx.f.fail(`${s}: ${kill.error}`);
      continue;
    }
    done++;
    const stuck = await ctx.db.emailOutbox.findMany({ where: { id: { in: ids }, status: "sending" } });
    stuckRows += stuck.length;
    // Before the 5 minutes are up the row stays with its worker (it may still be alive); the rest of the batch goes out.
    await pass(ctx, ids, kill.killedAt + 4 * MINUTE);
    takenOverEarly += await ctx.db.emailOutbox.count({ where: { id: { in: stuck.map((r) => r.id) }, status: { not: "sending" } } });
    const after = Math.max(kill.killedAt, ...stuck.map((r) => r.updatedAt.getTime())) + STUCK_AFTER_MS + 1_000;
    await pass(ctx, ids, after);
    redeliveryMaxS = Math.max(redeliveryMaxS, (after - kill.killedAt) / 1000);
  }
  const t = await tally(ctx, all, 0);
  record(ctx, s, t);
  ctx.f.set(`${s}: kills`, done);
  ctx.f.must(`${s}: rows left in "sending" by the kills`, stuckRows, done);
  ctx.f.must(`${s}: taken from a worker before 5 min`, takenOverEarly, 0);
  ctx.f.set(`${s}: longest s from kill to redelivery`, Math.round(redeliveryMaxS));
  ctx.f.must(`${s}: failed`, t.failedVisibly, 0);
  ctx.f.atMost(`${s}: duplicates`, t.duplicates, done);
}

/** Long form only: no reply after DATA at all; the client's 20-second socket time-out decides. */
async function replyTimeout(ctx: Ctx): Promise<void> {
  const ids = await queue(ctx, "timeout", 1);
  const t0 = Date.now();
  ctx.server.set({ data: "hold" });
  await runWorker(ctx, ids, t0, t0 + 30 * MINUTE, (now) => {
    if (now > t0) ctx.server.accept();
  });
  ctx.server.accept();
  const t = await tally(ctx, ids, t0);
  const s = "no reply after DATA (time-out)";
  record(ctx, s, t);
  ctx.f.must(`${s}: failed`, t.failedVisibly, 0);
  ctx.f.atMost(`${s}: duplicates`, t.duplicates, 1);
}

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("smtp-faults");
  const db = createDb(opts.databaseUrl);
  const server = new FaultySmtpServer();
  try {
    await server.up();
    const config = parseSmtpConfig({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(server.port), SMTP_FROM: "debiteuren@drill.local" })!;
    const debtorId = (await createDebtor(db)).id;
    const ctx: Ctx = { db, dbUrl: opts.databaseUrl, server, transport: smtpTransport(config), from: config.from, debtorId, f };
    const scenarios: [string, () => Promise<void>][] = [
      ["a", () => serverDown(ctx, opts.long)],
      ["b", () => bursts(ctx, opts.long)],
      ["slow", () => slowReplies(ctx, opts.long)],
      ["c", () => permanent(ctx, opts.long)],
      ["d", () => dropAfterData(ctx, opts.long)],
      ["e", () => killedMidSend(ctx, opts.long)],
    ];
    if (opts.long) scenarios.push(["timeout", () => replyTimeout(ctx)]);
    const seconds: string[] = [];
    for (const [name, run] of scenarios) {
      const started = Date.now();
      try {
        await run();
      } catch (e) {
        f.fail(`${name}: threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      seconds.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}`);
    }
    f.set("seconds per scenario", seconds.join(", "));
  } finally {
    await server.down();
    await db.$disconnect();
  }
  return f.result();
}

await runAlone(import.meta.url, "smtp-faults", drill);
