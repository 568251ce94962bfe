/**
 * Two app instances and a cron job on one database. On the demo portfolio plus 40 queued
 * e-mails, two app-like processes (instance.ts) run the background jobs' passes - today's dunning
 * run, two outbox passes with a stub transport that counts deliveries, the promise check - all
 * at once, several rounds (short 3, long 12), while cron starts `scripts/run-dunning.ts` and
 * `scripts/check-promises.ts` beside them. Then: one dunning run per day and one step per
 * debtor, every queued e-mail delivered exactly once, no errors (SQLite "database is locked",
 * pool or transaction time-outs), cached balances right.
 *
 *   npx tsx scripts/drills/instances.ts [--long] [--pg <url>]
 */
import { execFile, spawn } from "node:child_process";
import readline from "node:readline";
import { promisify } from "node:util";
import { officeClockAt } from "@/lib/clock/office-clock";
import { createDb } from "@/lib/db/client";
import { findBalanceDrift } from "@/lib/debtors/debtor-balance";
import { enqueueEmails, processOutbox, type MailTransport } from "@/lib/email/outbox";
import { seedDemo } from "@/prisma/seed/seed";
import { Figures, type DrillOptions, type DrillResult } from "./drill";
import { ROOT, runAlone, tsxCommand } from "./harness";
import type { InstanceEvent } from "./instance";

const run = promisify(execFile);
const TIME_ZONE = "Europe/Amsterdam";
const QUEUED = 40;

function envFor(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: "drill-secret-drill-secret-drill-secret-0000",
    APP_TIME_ZONE: TIME_ZONE,
    // A mail server is configured (so dunning e-mails are queued); the drill's passes use a stub.
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: "1",
    SMTP_FROM: "debiteuren@drill.local",
  };
}

type Instance = { events: InstanceEvent[]; ready: Promise<void>; exited: Promise<{ code: number | null; stderr: string }>; go: () => void };

function startInstance(databaseUrl: string, rounds: number): Instance {
  const [cmd, args] = tsxCommand("scripts/drills/instance.ts", String(rounds));
  const child = spawn(cmd, args, { cwd: ROOT, env: envFor(databaseUrl), stdio: ["pipe", "pipe", "pipe"] });
  const events: InstanceEvent[] = [];
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const e = JSON.parse(line) as InstanceEvent;
    if (e.t === "ready") markReady();
    events.push(e);
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      markReady();
      resolve({ code, stderr });
    }),
  );
  return { events, ready, exited, go: () => child.stdin.end("go\n") };
}

/** A cron entry: the script as an operator schedules it; its output says what it did. */
async function cron(databaseUrl: string, script: string): Promise<{ ok: boolean; out: string }> {
  const [cmd, args] = tsxCommand(script);
  return run(cmd, args, { cwd: ROOT, env: envFor(databaseUrl) }).then(
    (r) => ({ ok: true, out: r.stdout }),
    (e: { stdout?: string; stderr?: string; message: string }) => ({ ok: false, out: `${e.stdout ?? ""}${e.stderr ?? e.message}` }),
  );
}

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("instances");
  const rounds = opts.long ? 12 : 3;
  const today = officeClockAt(new Date(), TIME_ZONE).today;
  const db = createDb(opts.databaseUrl);
  try {
    await seedDemo(db, opts.databaseUrl, { today });
    const debtors = await db.debtor.findMany({ take: QUEUED, orderBy: { customerNumber: "asc" }, select: { id: true } });
    await enqueueEmails(
      db,
      debtors.map((d, i) => ({ debtorId: d.id, to: { address: `klant${i}@example.test`, name: null }, subject: `Drill ${i}`, body: "Beste klant,\n\nZoals besproken.", kind: "agreement_summary", idempotencyKey: `drill:${today}:${i}`, createdById: null, state: "send" })),
      { messageIdDomain: "drill.local", smtpConfigured: true },
    );
    const before = new Map((await db.emailOutbox.findMany({ select: { messageId: true, status: true } })).map((r) => [r.messageId, r.status]));

    const apps = [startInstance(opts.databaseUrl, rounds), startInstance(opts.databaseUrl, rounds)];
    await Promise.all(apps.map((a) => a.ready));
    for (const a of apps) a.go();
    const cronRuns = Promise.all([cron(opts.databaseUrl, "scripts/run-dunning.ts"), cron(opts.databaseUrl, "scripts/check-promises.ts")]);
    const ends = await Promise.all(apps.map((a) => a.exited));
    const [cronDunning, cronPromises] = await cronRuns;

    // Whatever the last passes left due (a message queued by a run that ended after them) goes now.
    const sends = new Map<string, number>();
    const count = (id: string) => sends.set(id, (sends.get(id) ?? 0) + 1);
    const finalStub: MailTransport = { sendMail: async (m) => count(String(m.messageId)) };
    await processOutbox(db, finalStub, { name: "Drill", address: "debiteuren@drill.local" }, { limit: 1_000 });
    const events = apps.flatMap((a) => a.events);
    for (const e of events) if (e.t === "sent") count(e.messageId);

    const errors = events.flatMap((e) => (e.t === "error" ? [`${e.job}: ${e.error}`] : []));
    ends.forEach((end, i) => end.code !== 0 && errors.push(`instance ${i + 1} exited ${end.code}: ${end.stderr.trim().split("\n").slice(-2).join(" | ")}`));
    const cronRefused = !cronDunning!.ok && /a dunning run is in progress/.test(cronDunning!.out);
    if (!cronDunning!.ok && !cronRefused) errors.push(`cron run-dunning: ${cronDunning!.out.trim().split("\n").slice(-2).join(" | ")}`);
    if (!cronPromises!.ok) errors.push(`cron check-promises: ${cronPromises!.out.trim().split("\n").slice(-2).join(" | ")}`);
    const cronSteps = Number(/(\d+) steps taken/.exec(cronDunning!.out)?.[1] ?? 0);

    const runs = await db.dunningRun.findMany({ select: { runDate: true, status: true } });
    const todays = runs.filter((r) => r.runDate === today);
    const steps = await db.dunningCommunication.findMany({ where: { runDate: today }, select: { debtorId: true } });
    const perDebtor = new Map<string, number>();
    for (const s of steps) perDebtor.set(s.debtorId, (perDebtor.get(s.debtorId) ?? 0) + 1);
    const rows = await db.emailOutbox.findMany({ select: { messageId: true, status: true, nextAttemptAt: true } });
    const now = new Date();
    const toSend = rows.filter((r) => before.get(r.messageId) !== "sent" && before.get(r.messageId) !== "draft" && r.status !== "draft");
    const sentRows = rows.filter((r) => r.status === "sent" && before.get(r.messageId) !== "sent");
    const wrongCount = sentRows.filter((r) => sends.get(r.messageId) !== 1).length;
    const unknownSends = [...sends.keys()].filter((id) => !sentRows.some((r) => r.messageId === id)).length;
    const left = toSend.filter((r) => r.status !== "sent" && !(r.status === "pending" && r.nextAttemptAt > now));
    const drift = await findBalanceDrift(db);

    const dunningEvents = events.filter((e): e is Extract<InstanceEvent, { t: "dunning" }> => e.t === "dunning");
    f.set("instances x rounds (+ cron)", `2 x ${rounds} (+ run-dunning, check-promises)`);
    f.set("dunning runs answered / refused (in progress)", `${dunningEvents.length + (cronDunning!.ok ? 1 : 0)} / ${events.filter((e) => e.t === "refused").length + (cronRefused ? 1 : 0)}`);
    f.must("dunning run rows for today", todays.length, 1);
    f.must("dunning runs that took steps today", dunningEvents.filter((e) => e.messages > 0).length + (cronSteps > 0 ? 1 : 0), 1);
    f.must("debtors with two steps today", [...perDebtor.values()].filter((n) => n > 1).length, 0);
    f.set("e-mails to deliver (queued + dunning)", toSend.length);
    f.set("e-mails delivered", sentRows.length);
    f.must("e-mails not delivered exactly once", wrongCount + unknownSends, 0);
    f.atMost("deliveries of one e-mail (max)", Math.max(0, ...sends.values()), 1);
    f.must("e-mails left due and unsent", left.length, 0);
    f.must("errors (locked, time-outs, other)", errors.length, 0);
    f.must("debtors with balance drift", new Set(drift.map((d) => d.debtorId)).size, 0);
    const counts = new Map<string, number>();
    for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const [e, n] of [...counts].slice(0, 6)) f.note(`${n}x ${e}`);
    for (const r of left.slice(0, 3)) f.note(`left: ${r.messageId} ${r.status}`);
    if (todays.some((r) => r.status !== "done")) f.fail(`today's run ended ${todays.map((r) => r.status).join(", ")}`);
    return f.result();
  } finally {
    await db.$disconnect();
  }
}

await runAlone(import.meta.url, "instances", drill);
