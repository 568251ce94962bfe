/**
 * 50-way races on one database, through the app's use cases: the same "finish call" (one write
 * id) submitted 50 times at once, the same manual payment (one idempotency key) 50 times, one
 * worklist item claimed by 50 controllers at once and by one controller double-clicking 50
 * times, and 50 autosaves from one draft version. Each has exactly one winner; the others get
 * the expected answer (the first result for a repeat of the same write, a conflict for someone
 * else's), never an error; nothing is written twice or silently overwritten. And a write answered
 * while another request's transaction is open must survive that transaction's rollback.
 * Long form: every race 5 times.
 *
 *   npx tsx scripts/drills/races.ts [--long] [--pg <url>]
 */
import { randomUUID } from "node:crypto";
import { saveCallDraft, startCall, type CallContext } from "@/lib/calls/call-drafts";
import { FinishCallInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { officeClockAt } from "@/lib/clock/office-clock";
import { createDb, type Db } from "@/lib/db/client";
import { findBalanceDrift, recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { isDomainError } from "@/lib/errors/domain-error";
import { addDays } from "@/lib/format/calendar-date";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { claimRow } from "@/lib/worklist/worklist-use-cases";
import { createContact, createDebtor, createInvoice, createUser } from "@/tests/factories/portfolio";
import { errorText, Figures, type DrillOptions, type DrillResult } from "./drill";
import { runAlone } from "./harness";

const N = 50;
const TIME_ZONE = "Europe/Amsterdam";

type Settled<T> = PromiseSettledResult<T>[];
const isConflict = (e: unknown) => isDomainError(e) && e.code === "conflict";
const answers = <T>(rs: Settled<T>) => rs.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
const failures = <T>(rs: Settled<T>) => rs.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
const at = <T>(n: number, fn: () => Promise<T>) => Promise.allSettled(Array.from({ length: n }, fn));

async function controller(db: Db) {
  const u = await createUser(db, "controller");
  return { id: u.id, role: "controller" as const, name: u.name, email: u.email };
}

/** Tallies of one race kind over its rounds. */
class Tally {
  winners: number[] = [];
  errors: string[] = [];
  unlikeFirst = 0;
  extra: Record<string, number[]> = {};
  add(key: string, v: number) {
    (this.extra[key] ??= []).push(v);
  }
}
const allAre = (list: number[] | undefined, v: number) => (list ?? []).every((x) => x === v);
const show = (list: number[] | undefined) => [...new Set(list ?? [])].join("/");

async function finishRace(db: Db, t: Tally, ctx: CallContext) {
  const actor = await controller(db);
  const debtor = await createDebtor(db, { assignedControllerId: actor.id });
  const invoice = await createInvoice(db, debtor.id, { dueDate: addDays(ctx.today, -30), amountCents: 100_000 });
  await createContact(db, debtor.id);
  await recomputeDebtorBalances(db, [debtor.id]);
  const fresh = await db.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
  const call = await startCall(db, actor, { debtorId: debtor.id, idempotencyKey: randomUUID() });
  const input = FinishCallInput.parse({
    callId: call.callId, version: call.version, debtorVersion: fresh.version, outcome: "reached", notes: "Betaalt volgende week", writeId: randomUUID(),
    result: { kind: "promise", amount: "1000,00", dueDate: addDays(ctx.today, 7), method: "bank_transfer", invoiceIds: [invoice.id] },
  });
  const rs = await at(N, () => finishCall(db, actor, input, ctx));
  const ok = answers(rs);
  t.winners.push(await db.agreement.count({ where: { debtorId: debtor.id } }));
  t.add("summaries", await db.emailOutbox.count({ where: { debtorId: debtor.id } }));
  t.errors.push(...failures(rs).map((e) => `finish: ${errorText(e)}`));
  t.unlikeFirst += ok.filter((a) => JSON.stringify(a) !== JSON.stringify(ok[0])).length;
  // A finish from another tab (another write id) after it: a conflict, not a silent success.
  const other = await finishCall(db, actor, { ...input, writeId: randomUUID() }, ctx).then(() => "accepted", (e: unknown) => (isConflict(e) ? "conflict" : errorText(e)));
  t.add("otherTabConflict", other === "conflict" ? 1 : 0);
}

async function paymentRace(db: Db, t: Tally, ctx: CallContext) {
  const actor = await controller(db);
  const debtor = await createDebtor(db, { assignedControllerId: actor.id });
  await createInvoice(db, debtor.id, { dueDate: addDays(ctx.today, -30), amountCents: 50_000 });
  await recomputeDebtorBalances(db, [debtor.id]);
  const key = randomUUID();
  const pay = (amount: bigint) =>
    recordPayment(db, actor, { debtorId: debtor.id, amount, valueDate: ctx.today, reference: "race", method: "bank_transfer", invoiceIds: [], idempotencyKey: key }, { ...ctx, graceDays: 2 });
  const rs = await at(N, () => pay(12_000n));
  const ok = answers(rs);
  t.winners.push(await db.payment.count({ where: { idempotencyKey: key } }));
  t.add("firstBookings", ok.filter((a) => !a.replayed).length);
  t.errors.push(...failures(rs).map((e) => `payment: ${errorText(e)}`));
  t.unlikeFirst += ok.filter((a) => a.paymentId !== ok[0]?.paymentId || a.unallocatedCents !== ok[0]?.unallocatedCents).length;
  t.add("open", Number((await db.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).openCents));
  const reused = await pay(99n).then(() => "accepted", (e: unknown) => (isConflict(e) ? "conflict" : errorText(e)));
  t.add("reusedKeyConflict", reused === "conflict" ? 1 : 0);
}

async function openTask(db: Db, assigneeId: string | null) {
  const debtor = await createDebtor(db, { assignedControllerId: null });
  return db.task.create({ data: { debtorId: debtor.id, type: "dunning_call", dueAt: new Date(), assigneeId } });
}

async function claimRace(db: Db, t: Tally) {
  const people = await Promise.all(Array.from({ length: N }, () => controller(db)));
  const task = await openTask(db, null);
  const rs = await Promise.allSettled(people.map((p) => claimRow(db, p, { debtorId: task.debtorId, tasks: [{ taskId: task.id, version: task.version }] })));
  const after = await db.task.findUniqueOrThrow({ where: { id: task.id } });
  const winners = rs.flatMap((r, i) => (r.status === "fulfilled" ? [people[i]!.id] : []));
  t.winners.push(winners.length);
  t.errors.push(...failures(rs).filter((e) => !isConflict(e)).map((e) => `claim: ${errorText(e)}`));
  t.add("conflicts", failures(rs).filter(isConflict).length);
  t.add("assigneeIsWinner", winners.length === 1 && after.assigneeId === winners[0] ? 1 : 0);
}

async function sameUserClaimRace(db: Db, t: Tally) {
  const actor = await controller(db);
  const task = await openTask(db, null);
  const rs = await at(N, () => claimRow(db, actor, { debtorId: task.debtorId, tasks: [{ taskId: task.id, version: task.version }] }));
  const after = await db.task.findUniqueOrThrow({ where: { id: task.id } });
  const ok = answers(rs);
  // The one that moved the item: its version went up by exactly one, to the claimer.
  t.winners.push(after.assigneeId === actor.id ? after.version - task.version : 0);
  t.errors.push(...failures(rs).filter((e) => !isConflict(e)).map((e) => `own claim: ${errorText(e)}`));
  t.add("conflicts", failures(rs).filter(isConflict).length);
  t.unlikeFirst += failures(rs).filter(isConflict).length + ok.filter((a) => a.tasks[0]?.version !== after.version).length;
}

async function saveRace(db: Db, t: Tally) {
  const actor = await controller(db);
  const debtor = await createDebtor(db, { assignedControllerId: actor.id });
  const call = await startCall(db, actor, { debtorId: debtor.id, idempotencyKey: randomUUID() });
  // 50 tabs saving from one version: one wins, the others are told of the conflict.
  const notes = Array.from({ length: N }, (_, i) => `tab ${i}: ${randomUUID()}`);
  const rs = await Promise.allSettled(notes.map((n) => saveCallDraft(db, actor, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, writeId: randomUUID(), notes: n }))));
  const after = await db.callLog.findUniqueOrThrow({ where: { id: call.callId } });
  const winnerNotes = rs.flatMap((r, i) => (r.status === "fulfilled" ? [notes[i]] : []));
  t.winners.push(winnerNotes.length);
  t.errors.push(...failures(rs).filter((e) => !isConflict(e)).map((e) => `save: ${errorText(e)}`));
  t.add("kept", winnerNotes.length === 1 && after.notes === winnerNotes[0] && after.version === call.version + 1 ? 1 : 0);
  // One save repeated 50 times at once (same write id): written once, every repeat told so.
  const same = SaveCallDraftInput.parse({ callId: call.callId, version: after.version, writeId: randomUUID(), notes: "herhaald" });
  const rs2 = await at(N, () => saveCallDraft(db, actor, same));
  const after2 = await db.callLog.findUniqueOrThrow({ where: { id: call.callId } });
  t.add("sameWriteVersions", after2.version - after.version);
  t.errors.push(...failures(rs2).map((e) => `repeated save: ${errorText(e)}`));
  t.unlikeFirst += answers(rs2).filter((a) => a.version !== after.version + 1).length;
}

/**
 * Two requests in one process: one's transaction fails and rolls back (as a use case throwing a
 * DomainError does) while the other's write outside it is answered. The answered write must stay.
 * Returns how many answered writes were lost (0 or 1).
 */
async function writeBesideRollback(db: Db): Promise<number> {
  const tag = `beside-${randomUUID()}`;
  let opened: () => void = () => {};
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const failing = db
    .$transaction(async (tx) => {
      await tx.auditLog.create({ data: { action: "drill.rollback", entity: tag, entityId: "inside" } });
      opened();
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new Error("rolled back");
    })
    .catch(() => {});
  await isOpen;
  await db.auditLog.create({ data: { action: "drill.beside", entity: tag, entityId: "answered" } });
  await failing;
  return 1 - (await db.auditLog.count({ where: { entity: tag, entityId: "answered" } }));
}

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("races");
  const rounds = opts.long ? 5 : 1;
  const db = createDb(opts.databaseUrl);
  const clock = officeClockAt(new Date(), TIME_ZONE);
  const ctx: CallContext = { ...clock, creditorName: "Drill B.V.", messageIdDomain: "drill.local", smtpConfigured: false };
  const [finish, pay, claim, own, save] = [new Tally(), new Tally(), new Tally(), new Tally(), new Tally()];
  try {
    for (let r = 0; r < rounds; r++) {
      await finishRace(db, finish, ctx);
      await paymentRace(db, pay, ctx);
      await claimRace(db, claim);
      await sameUserClaimRace(db, own);
      await saveRace(db, save);
    }
    f.set("racers per race x rounds", `${N} x ${rounds}`);
    f.must("finish: calls recorded", show(finish.winners), "1");
    f.must("finish: summary e-mails", show(finish.extra.summaries), "1");
    f.must("finish: answers unlike the first", finish.unlikeFirst, 0);
    f.must("finish: another tab's finish answered conflict", Number(allAre(finish.extra.otherTabConflict, 1)), 1);
    f.must("payment: bookings", show(pay.winners), "1");
    f.must("payment: answered as a new booking", show(pay.extra.firstBookings), "1");
    f.must("payment: answers with another booking", pay.unlikeFirst, 0);
    f.must("payment: debtor open after 120.00 of 500.00", show(pay.extra.open), "38000");
    f.must("payment: key reused for another amount answered conflict", Number(allAre(pay.extra.reusedKeyConflict, 1)), 1);
    f.must("claim by 50 controllers: winners", show(claim.winners), "1");
    f.set("claim by 50 controllers: conflicts", show(claim.extra.conflicts));
    f.must("claim by 50 controllers: item is the winner's", Number(allAre(claim.extra.assigneeIsWinner, 1)), 1);
    f.must("claim 50x by one controller: claims written", show(own.winners), "1");
    f.must("claim 50x by one controller: answers unlike the first", own.unlikeFirst, 0);
    f.must("autosave 50 tabs, one version: winners", show(save.winners), "1");
    f.must("autosave: draft holds the winner's notes", Number(allAre(save.extra.kept, 1)), 1);
    f.must("autosave same write 50x: versions written", show(save.extra.sameWriteVersions), "1");
    f.must("autosave same write 50x: answers unlike the first", save.unlikeFirst, 0);
    let lostBeside = 0;
    for (let r = 0; r < rounds; r++) lostBeside += await writeBesideRollback(db);
    f.must("write answered beside a transaction that rolled back: lost", lostBeside, 0);
    const errors = [finish, pay, claim, own, save].flatMap((t) => t.errors);
    f.must("errors other than conflict/replay answers", errors.length, 0);
    f.must("debtors with balance drift", new Set((await findBalanceDrift(db)).map((d) => d.debtorId)).size, 0);
    const counts = new Map<string, number>();
    for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const [e, n] of [...counts].slice(0, 6)) f.note(`${n}x ${e}`);
    return f.result();
  } finally {
    await db.$disconnect();
  }
}

await runAlone(import.meta.url, "races", drill);
