/**
 * kill -9 during writes. A child (writer.ts) makes user writes through the app's use cases -
 * call drafts started and autosaved with write ids, calls finished, manual payments with
 * idempotency keys - in four lanes as fast as it can; it is killed with SIGKILL at random
 * moments (short: 5 times, long: 70) and started again, and first repeats the writes that were
 * in flight with the same keys, as a retrying client would. At the end: no acknowledged write
 * lost, nothing booked twice, the repeats answered as the success they were, the SQLite file
 * intact, the debtors' cached balances equal to what their invoices say.
 *
 *   npx tsx scripts/drills/kill-writes.ts [--long] [--pg <url>]
 */
import Database from "better-sqlite3";
import { createDb, providerOf, sqlitePath } from "@/lib/db/client";
import { findBalanceDrift } from "@/lib/debtors/debtor-balance";
import { Figures, sleep, type DrillOptions, type DrillResult } from "./drill";
import { runAlone } from "./harness";
import { extraRows, missingWrites, sameAnswer, startWriter, WriteLog, writerFixture, type WriterHandle } from "./writes";

const LANES = 4;

export async function drill(opts: DrillOptions): Promise<DrillResult> {
  const f = new Figures("kill-writes");
  const kills = opts.long ? 70 : 5;
  const db = createDb(opts.databaseUrl);
  const started: WriterHandle[] = [];
  try {
    const base = await writerFixture(db, opts.databaseUrl, LANES);
    const debtorIds = base.lanes.flat().map((d) => d.debtorId);
    const log = new WriteLog();
    let inFlightTotal = 0;
    let exitedByItself = 0;
    let next = startWriter(log);
    started.push(next);
    for (let k = 0; k <= kills; k++) {
      const replay = log.inFlight();
      inFlightTotal += replay.length;
      const isLast = k === kills;
      const w = next;
      w.begin({ ...base, replay, replayOnly: isLast });
      if (!isLast) started.push((next = startWriter(log)));
      await w.ready;
      if (isLast) {
        const end = await w.exited;
        if (end.code !== 0) f.fail(`the last writer (repeats only) exited with ${end.code ?? end.signal}: ${end.stderr.trim().split("\n").slice(-3).join(" | ")}`);
        break;
      }
      // Killed somewhere in its stream of writes: past its first acknowledgements, at a random moment.
      const acksAtReady = w.acks();
      while (w.acks() < acksAtReady + 2 && w.child.exitCode === null) await sleep(5);
      await sleep(Math.random() * 700);
      if (w.child.exitCode !== null || !w.child.kill("SIGKILL")) exitedByItself++;
      const end = await w.exited;
      if (end.signal !== "SIGKILL") f.fail(`writer ended on its own (${end.code}): ${end.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    }

    const acked = [...log.acked.values()];
    const replays = acked.filter((a) => a.replay);
    const lostReplies = replays.filter((a) => a.replay!.committed);
    // A repeat of a committed payment must be answered as that booking, not booked afresh.
    const wrongAnswers =
      lostReplies.filter((a) => a.intent.op === "pay" && a.result.replayed !== true).length + replays.filter((a) => !sameAnswer(a.intent.op, a.result, a.replay!.again)).length;
    const missing = await missingWrites(db, acked, true);
    const extra = await extraRows(db, debtorIds, acked);
    const drift = await findBalanceDrift(db);

    f.set("kills", kills);
    f.set("acknowledged writes", acked.length);
    f.set("writes in flight at a kill", inFlightTotal);
    f.set("of those already committed (reply lost)", lostReplies.length);
    f.must("acknowledged writes lost", missing.length + extra.short, 0);
    f.must("duplicates", extra.extra, 0);
    f.set("repeats made (each in-flight write twice)", replays.length * 2);
    f.must("repeats refused or answered unlike the first", log.replayErrors.length + wrongAnswers, 0);
    f.must("unexpected errors in the writer", log.errors.length + exitedByItself, 0);
    f.must("writes never answered", log.inFlight().length, 0);
    if (providerOf(opts.databaseUrl) === "sqlite") {
      await db.$disconnect();
      const file = new Database(sqlitePath(opts.databaseUrl), { readonly: true });
      try {
        f.must("integrity_check", String(file.pragma("integrity_check", { simple: true })), "ok");
      } finally {
        file.close();
      }
    }
    f.must("debtors with balance drift", new Set(drift.map((d) => d.debtorId)).size, 0);

    for (const m of missing.slice(0, 5)) f.note(`lost: ${m}`);
    for (const a of replays.filter((r) => !sameAnswer(r.intent.op, r.result, r.replay!.again)).slice(0, 3)) f.note(`repeat of ${a.intent.op} answered ${JSON.stringify(a.replay!.again)}, first ${JSON.stringify(a.result)}`);
    for (const d of extra.detail) f.note(`rows: ${d}`);
    for (const e of [...log.replayErrors, ...log.errors].slice(0, 5)) f.note(`error: ${e}`);
    for (const d of drift.slice(0, 3)) f.note(`drift: ${d.debtorId} ${d.column} cached ${String(d.cached)}, computed ${String(d.computed)}`);
    return f.result();
  } finally {
    for (const w of started) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await db.$disconnect();
  }
}

await runAlone(import.meta.url, "kill-writes", drill);
