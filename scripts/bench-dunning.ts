/**
 * The full dunning run on the large data set, timed. It changes the data (that is what a run
 * does), so point it at a database you can regenerate:
 *
 *   DATABASE_URL=file:./data/large.db npm run bench:dunning
 *
 * Prints the first run (all steps of the day), a second run the same day (must do nothing), and
 * the worklist afterwards (the run creates the call tasks the worklist shows).
 */
import { performance } from "node:perf_hooks";
import { createDb, providerOf } from "@/lib/db/client";
import { runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { listWorklist } from "@/lib/worklist/worklist-queries";

async function main() {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const db = createDb(url);
  try {
    const [debtors, invoices] = await Promise.all([db.debtor.count(), db.invoice.count()]);
    const today = calendarDateIn(new Date());
    console.log(`Database: ${providerOf(url)}, ${debtors} debtors, ${invoices} invoices, run date ${today}`);
    // A fresh day for the benchmark: forget an earlier benchmark's run of today.
    await db.dunningRun.deleteMany({ where: { runDate: today } });
    const opts: RunOptions = { today, timeZone: "Europe/Amsterdam", creditor: { name: "Bench B.V.", address: null, iban: null, email: null, phone: null }, messageIdDomain: "bench.local", smtpConfigured: false, triggeredBy: null };
    let t = performance.now();
    const first = await runDunning(db, opts);
    const firstMs = performance.now() - t;
    console.log(`first run:  ${(firstMs / 1000).toFixed(2)} s  ${first.debtorsConsidered} debtors with open items, ${first.messages} steps (${first.emails} e-mails, ${first.letters} letters, ${first.tasks} tasks)`);
    await db.dunningRun.update({ where: { runDate: today }, data: { status: "idle" } });
    t = performance.now();
    const second = await runDunning(db, opts);
    console.log(`second run: ${((performance.now() - t) / 1000).toFixed(2)} s  ${second.messages} steps (must be 0), ${second.skippedToday} debtors already done today`);
    const controller = await db.user.findFirst({ where: { email: "controller@dunning.test" }, select: { id: true } });
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 23; i++) {
      t = performance.now();
      const list = await listWorklist(db, { userId: controller?.id ?? null, day: today, today, timeZone: "Europe/Amsterdam", now: new Date() });
      if (i >= 3) times.push(performance.now() - t);
      rows = list.total;
    }
    times.sort((a, b) => a - b);
    console.log(`worklist after the run (controller@dunning.test, ${rows} items): median ${times[10]!.toFixed(1)} ms, p95 ${times[18]!.toFixed(1)} ms`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
