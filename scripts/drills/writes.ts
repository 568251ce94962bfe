/**
 * The user writes the kill and backup drills make (through the app's use cases, in a child
 * process: writer.ts), what the child reports about them, and the check that every write it
 * acknowledged is in a database. One controller works on its own debtors in a few lanes; a lane
 * repeats: start a call, autosave the draft three times, finish the call (a callback, which
 * writes a task and a summary e-mail draft), book a manual payment.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { Db } from "@/lib/db/client";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { addDays, calendarDateIn } from "@/lib/format/calendar-date";
import { createContact, createDebtor, createInvoice, createUser } from "@/tests/factories/portfolio";
import { ROOT, tsxCommand } from "./harness";

export type WriteOp = "start" | "save" | "finish" | "pay";
/** A write as the child is about to make it: the raw form input, kept to repeat it after a crash. */
export type Intent = { id: string; op: WriteOp; input: Record<string, unknown> };
export type WriteResult = { callId?: string; version?: number; paymentId?: string; replayed?: boolean; emailId?: string | null };

export type WriterEvent =
  | { t: "ready"; pid: number }
  | { t: "intent"; id: string; op: WriteOp; input: Record<string, unknown> }
  | { t: "ack"; id: string; op: WriteOp; result: WriteResult }
  /** a write in flight at the last crash, repeated with the same keys; `committed`: it had been written */
  | { t: "replay"; id: string; op: WriteOp; committed: boolean; result: WriteResult; again: WriteResult }
  | { t: "replay-error"; id: string; op: WriteOp; error: string }
  | { t: "error"; id: string; op: WriteOp; error: string }
  | { t: "done" };

export type Lane = { debtorId: string; contactId: string }[];
export type WriterActor = { id: string; role: "controller"; name: string; email: string };
export type WriterConfig = { databaseUrl: string; actor: WriterActor; lanes: Lane[]; replay: Intent[]; replayOnly: boolean; timeZone: string };

export const TIME_ZONE = "Europe/Amsterdam";

/** A controller with `lanes` x 2 debtors of its own, each with an e-mail contact and a large overdue invoice. */
export async function writerFixture(db: Db, databaseUrl: string, lanes: number): Promise<Omit<WriterConfig, "replay" | "replayOnly">> {
  const u = await createUser(db, "controller");
  const today = calendarDateIn(new Date(), TIME_ZONE);
  const all: Lane[] = [];
  for (let l = 0; l < lanes; l++) {
    const lane: Lane = [];
    for (let i = 0; i < 2; i++) {
      const debtor = await createDebtor(db, { assignedControllerId: u.id });
      await createInvoice(db, debtor.id, { dueDate: addDays(today, -40), amountCents: 1_000_000_000 });
      const contact = await createContact(db, debtor.id);
      lane.push({ debtorId: debtor.id, contactId: contact.id });
    }
    all.push(lane);
  }
  await recomputeDebtorBalances(db);
  return { databaseUrl, actor: { id: u.id, role: "controller", name: u.name, email: u.email }, lanes: all, timeZone: TIME_ZONE };
}

/** What the parent knows of the child's writes, across its restarts. */
export class WriteLog {
  readonly intents = new Map<string, Intent>();
  /** acknowledged writes: answered by the use case, the first time or when repeated after a crash */
  readonly acked = new Map<string, { intent: Intent; result: WriteResult; replay?: { committed: boolean; again: WriteResult } }>();
  readonly errors: string[] = [];
  readonly replayErrors: string[] = [];
  private readonly settled = new Set<string>();

  add(e: WriterEvent): void {
    if (e.t === "intent") this.intents.set(e.id, { id: e.id, op: e.op, input: e.input });
    else if (e.t === "ack" || e.t === "replay") {
      const intent = this.intents.get(e.id);
      if (!intent) {
        this.errors.push(`acknowledgement of an unknown write ${e.id}`);
        return;
      }
      this.acked.set(e.id, { intent, result: e.result, ...(e.t === "replay" ? { replay: { committed: e.committed, again: e.again } } : {}) });
      this.settled.add(e.id);
    } else if (e.t === "error") {
      this.errors.push(`${e.op}: ${e.error}`);
      this.settled.add(e.id);
    } else if (e.t === "replay-error") {
      this.replayErrors.push(`${e.op}: ${e.error}`);
      this.settled.add(e.id);
    }
  }

  /** Writes begun and never answered: in flight when the child was killed. */
  inFlight(): Intent[] {
    return [...this.intents.values()].filter((i) => !this.settled.has(i.id));
  }

  ackCount(): number {
    return this.acked.size;
  }
}

export type WriterHandle = {
  child: ChildProcess;
  /** hands the waiting child its work; it then repeats `config.replay` and says "ready" */
  begin: (config: WriterConfig) => void;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  acks: () => number;
};

/**
 * Starts writer.ts, which loads the app's code and then waits for its config on stdin: the kill
 * drill starts the next writer while the current one still writes, so a restart costs no start-up.
 * Every event it prints goes into `log`.
 */
export function startWriter(log: WriteLog): WriterHandle {
  const [cmd, args] = tsxCommand("scripts/drills/writer.ts");
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  let acks = 0;
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  child.stdin!.on("error", () => {}); // a child that died before it was given its config
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let begun = false;
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!begun || !line.startsWith("{")) return;
    let e: WriterEvent;
    try {
      e = JSON.parse(line) as WriterEvent;
    } catch {
      return; // a line cut by the kill
    }
    if (e.t === "ready") markReady();
    if (e.t === "ack") acks++;
    log.add(e);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => {
      markReady();
      resolve({ code, signal, stderr });
    }),
  );
  const begin = (config: WriterConfig) => {
    begun = true;
    child.stdin!.end(`${JSON.stringify(config)}\n`);
  };
  return { child, begin, ready, exited, acks: () => acks };
}

type CallRow = { id: string; version: number; status: string; lastWriteId: string | null; notes: string | null; idempotencyKey: string | null };

/**
 * Which acknowledged writes a database lacks. A save or finish is present when the call reached
 * at least the version it produced, and, at exactly that version, carries its write id and notes
 * (anything else there is a silent overwrite). `exact`: nothing may have happened after the
 * last acknowledged write of a call either (the kill drill, where every write ends acknowledged).
 */
export async function missingWrites(db: Db, acked: Iterable<{ intent: Intent; result: WriteResult }>, exact: boolean): Promise<string[]> {
  const list = [...acked];
  const missing: string[] = [];
  const starts = list.filter((a) => a.intent.op === "start");
  const calls = new Map<string, CallRow>();
  const keys = starts.map((a) => String(a.intent.input.idempotencyKey));
  const callIds = [...new Set(list.filter((a) => a.intent.op === "save" || a.intent.op === "finish").map((a) => String(a.intent.input.callId)))];
  for (let i = 0; i < Math.max(keys.length, callIds.length); i += 500) {
    const rows = await db.callLog.findMany({
      where: { OR: [{ idempotencyKey: { in: keys.slice(i, i + 500) } }, { id: { in: callIds.slice(i, i + 500) } }] },
      select: { id: true, version: true, status: true, lastWriteId: true, notes: true, idempotencyKey: true },
    });
    for (const r of rows) calls.set(r.id, r);
  }
  const byKey = new Map([...calls.values()].map((c) => [c.idempotencyKey, c]));
  for (const a of starts) {
    const call = byKey.get(String(a.intent.input.idempotencyKey));
    if (!call || call.id !== a.result.callId) missing.push(`start ${a.intent.id}: call ${a.result.callId ?? "?"} not found`);
  }
  const versioned = new Map<string, { v: number; a: (typeof list)[number] }[]>();
  for (const a of list) {
    if (a.intent.op !== "save" && a.intent.op !== "finish") continue;
    const callId = String(a.intent.input.callId);
    const v = Number(a.intent.input.version) + 1;
    versioned.set(callId, [...(versioned.get(callId) ?? []), { v, a }]);
  }
  for (const [callId, writes] of versioned) {
    const call = calls.get(callId);
    if (!call) {
      missing.push(`call ${callId}: gone (${writes.length} acknowledged writes)`);
      continue;
    }
    const top = Math.max(...writes.map((w) => w.v));
    for (const { v, a } of writes) {
      const what = `${a.intent.op} ${a.intent.id} on call ${callId} (version ${v})`;
      if (call.version < v) missing.push(`${what}: the call is at version ${call.version}`);
      else if (call.version === v && (call.lastWriteId !== a.intent.input.writeId || call.notes !== a.intent.input.notes)) missing.push(`${what}: another write is at that version`);
      else if (a.intent.op === "finish" && call.status !== "final") missing.push(`${what}: the call is still ${call.status}`);
    }
    if (exact && call.version !== top) missing.push(`call ${callId}: at version ${call.version}, the last acknowledged write made ${top}`);
  }
  const pays = list.filter((a) => a.intent.op === "pay");
  const payKeys = pays.map((a) => String(a.intent.input.idempotencyKey));
  const payments = new Map<string, { id: string; amountCents: bigint }>();
  for (let i = 0; i < payKeys.length; i += 500) {
    const rows = await db.payment.findMany({ where: { idempotencyKey: { in: payKeys.slice(i, i + 500) } }, select: { id: true, amountCents: true, idempotencyKey: true } });
    for (const r of rows) payments.set(r.idempotencyKey!, r);
  }
  for (const a of pays) {
    const p = payments.get(String(a.intent.input.idempotencyKey));
    if (!p || p.id !== a.result.paymentId) missing.push(`pay ${a.intent.id}: payment ${a.result.paymentId ?? "?"} not found`);
    else if (p.amountCents !== centsOf(String(a.intent.input.amount))) missing.push(`pay ${a.intent.id}: booked ${p.amountCents} cents, acknowledged ${String(a.intent.input.amount)}`);
  }
  return missing;
}

/**
 * Rows the drill's debtors hold beyond what the acknowledged writes made (`extra`: a second
 * booking of a payment, a second summary e-mail or callback task of one finish, a call nobody
 * started) or short of it (`short`: a finish without its e-mail or task).
 */
export async function extraRows(db: Db, debtorIds: string[], acked: Iterable<{ intent: Intent }>): Promise<{ extra: number; short: number; detail: string[] }> {
  const list = [...acked];
  const count = (op: WriteOp) => new Set(list.filter((a) => a.intent.op === op).map((a) => String(a.intent.input.idempotencyKey ?? a.intent.input.writeId))).size;
  const where = { debtorId: { in: debtorIds } };
  const finishedCalls = await db.callLog.findMany({ where: { ...where, status: "final" }, select: { id: true } });
  const finishIds = finishedCalls.map((c) => c.id);
  const [calls, payments, summaries, callbacks, audits] = await Promise.all([
    db.callLog.count({ where }),
    db.payment.count({ where }),
    db.emailOutbox.count({ where: { ...where, kind: "agreement_summary" } }),
    db.task.count({ where: { ...where, type: "callback" } }),
    db.auditLog.count({ where: { action: "call.finish", entityId: { in: finishIds } } }),
  ]);
  const pairs: [string, number, number][] = [
    ["calls", calls, count("start")],
    ["payments", payments, count("pay")],
    ["finished calls", finishIds.length, count("finish")],
    ["summary e-mails", summaries, count("finish")],
    ["callback tasks", callbacks, count("finish")],
    ["call.finish audit rows", audits, count("finish")],
  ];
  const detail = pairs.filter(([, have, made]) => have !== made).map(([what, have, made]) => `${what}: ${have} in the database, ${made} acknowledged`);
  return {
    extra: pairs.reduce((s, [, have, made]) => s + Math.max(0, have - made), 0),
    short: pairs.reduce((s, [, have, made]) => s + Math.max(0, made - have), 0),
    detail,
  };
}


/** The writer's amounts are always "<euros>,<cents>" with two decimals. */
export const centsOf = (amount: string) => BigInt(amount.replace(",", ""));

/**
 * Whether a second repeat of a write (committed by then for certain) was answered as the first
 * one: the same call, version, e-mail or booking, and a payment marked as a replay.
 */
export function sameAnswer(op: WriteOp, first: WriteResult, again: WriteResult): boolean {
  if (op === "pay") return again.replayed === true && again.paymentId === first.paymentId;
  return JSON.stringify(first) === JSON.stringify(again);
}
