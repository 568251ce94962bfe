/**
 * The child of the kill and backup drills: makes user writes through the app's use cases as fast
 * as it can and prints, as JSON lines, each write before it starts (`intent`) and once the use
 * case has answered (`ack`). Started after a crash it first repeats the writes that were in
 * flight, with the same keys and write ids, as a client retrying would, and says whether each
 * had already been written and what the use case answered.
 *
 *   tsx scripts/drills/writer.ts < config.json      (one line, see WriterConfig in writes.ts)
 */
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { saveCallDraft, startCall, type CallContext } from "@/lib/calls/call-drafts";
import { FinishCallInput, SaveCallDraftInput, StartCallInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { officeClockAt } from "@/lib/clock/office-clock";
import { createDb } from "@/lib/db/client";
import { addDays } from "@/lib/format/calendar-date";
import { RecordPaymentInput } from "@/lib/payments/payment-schemas";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { errorText } from "./drill";
import type { Intent, Lane, WriteOp, WriteResult, WriterConfig, WriterEvent } from "./writes";

// The config comes as one line on stdin, so the parent can start us ahead of time (writes.ts).
const config = await new Promise<WriterConfig>((resolve) => readline.createInterface({ input: process.stdin }).once("line", (line) => resolve(JSON.parse(line) as WriterConfig)));
const db = createDb(config.databaseUrl);
const actor = config.actor;
const SAVES_PER_CALL = 3;

// stdout to a pipe is synchronous on Linux: a line printed is with the parent even if we are killed next.
const emit = (e: WriterEvent) => process.stdout.write(`${JSON.stringify(e)}\n`);

function clock() {
  return officeClockAt(new Date(), config.timeZone);
}
function callContext(): CallContext {
  return { ...clock(), creditorName: "Drill B.V.", messageIdDomain: "drill.local", smtpConfigured: false };
}

/** The use case behind each kind of write, fed the raw form input as the server action would be. */
async function perform(op: WriteOp, input: Record<string, unknown>): Promise<WriteResult> {
  switch (op) {
    case "start":
      return startCall(db, actor, StartCallInput.parse(input));
    case "save": {
      const r = await saveCallDraft(db, actor, SaveCallDraftInput.parse(input));
      return { version: r.version };
    }
    case "finish": {
      const r = await finishCall(db, actor, FinishCallInput.parse(input), callContext());
      return { callId: r.callId, emailId: r.emailId };
    }
    case "pay": {
      const c = clock();
      const r = await recordPayment(db, actor, RecordPaymentInput.parse(input), { today: c.today, now: c.now, timeZone: c.timeZone, graceDays: 2 });
      return { paymentId: r.paymentId, replayed: r.replayed };
    }
  }
}

/** Whether a write in flight at the crash had been committed (read before repeating it). */
async function wasCommitted(intent: Intent): Promise<boolean> {
  const input = intent.input;
  switch (intent.op) {
    case "start":
      return (await db.callLog.count({ where: { idempotencyKey: String(input.idempotencyKey) } })) > 0;
    case "save":
    case "finish": {
      const call = await db.callLog.findUnique({ where: { id: String(input.callId) }, select: { lastWriteId: true, status: true } });
      return call !== null && call.lastWriteId === input.writeId && (intent.op === "save" || call.status === "final");
    }
    case "pay":
      return (await db.payment.count({ where: { idempotencyKey: String(input.idempotencyKey) } })) > 0;
  }
}

async function write(op: WriteOp, input: Record<string, unknown>): Promise<WriteResult> {
  const id = randomUUID();
  emit({ t: "intent", id, op, input });
  try {
    const result = await perform(op, input);
    emit({ t: "ack", id, op, result });
    return result;
  } catch (e) {
    emit({ t: "error", id, op, error: errorText(e) });
    throw e;
  }
}

let cents = 0;
async function cycle(lane: Lane, n: number): Promise<void> {
  const d = lane[n % lane.length]!;
  const started = await write("start", { debtorId: d.debtorId, idempotencyKey: randomUUID() });
  const callId = started.callId!;
  let version = started.version!;
  for (let s = 1; s <= SAVES_PER_CALL; s++) {
    const saved = await write("save", { callId, version, writeId: randomUUID(), notes: `Gesprek ${n}, notitie ${s}: ${randomUUID()}` });
    version = saved.version!;
  }
  const debtor = await db.debtor.findUniqueOrThrow({ where: { id: d.debtorId }, select: { version: true } });
  const today = clock().today;
  await write("finish", {
    callId, version, writeId: randomUUID(), debtorVersion: debtor.version, contactId: d.contactId, outcome: "reached",
    notes: `Gesprek ${n} afgerond: ${randomUUID()}`, result: { kind: "callback", at: `${addDays(today, 1)}T10:00` },
  });
  cents = (cents % 9_999) + 101;
  const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
  await write("pay", { debtorId: d.debtorId, amount, valueDate: today, reference: `drill ${callId}`, method: "bank_transfer", invoiceIds: [], idempotencyKey: randomUUID() });
}

async function runLane(lane: Lane): Promise<void> {
  for (let n = 0; ; n++) {
    // An unexpected answer is reported (the parent counts it) and the lane goes on with a new call.
    await cycle(lane, n).catch(() => {});
  }
}

// Each repeat is made twice: the second stands for a retry whose reply was lost as well, so every
// drill repeats at least one write known to be committed and compares the answers.
for (const intent of config.replay) {
  try {
    const committed = await wasCommitted(intent);
    const result = await perform(intent.op, intent.input);
    const again = await perform(intent.op, intent.input);
    emit({ t: "replay", id: intent.id, op: intent.op, committed, result, again });
  } catch (e) {
    emit({ t: "replay-error", id: intent.id, op: intent.op, error: errorText(e) });
  }
}
emit({ t: "ready", pid: process.pid });
if (config.replayOnly) {
  emit({ t: "done" });
  await db.$disconnect();
  process.exit(0);
}
await Promise.all(config.lanes.map(runLane));
