import type { Actor } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { previewDunning, type DunningPreview } from "@/lib/dunning/preview-dunning";
import { runDunning, runDunningAs, type RunOptions, type RunResult } from "@/lib/dunning/run-dunning";
import { settings } from "@/lib/env/settings";
import { creditor, mailSetup, officeClock } from "@/server/context";
import { every } from "./schedule";

async function runOptions(now: Date): Promise<Omit<RunOptions, "triggeredBy">> {
  const clock = officeClock(now);
  return { today: clock.today, timeZone: clock.timeZone, now, creditor: await creditor(), ...mailSetup(), costsVatPercent: settings().collectionCostsVatPercent };
}

/** Today's run by the schedule or `npm run dunning:run` (no acting user). */
export async function runDunningToday(now = new Date()): Promise<RunResult> {
  return runDunning(db(), { ...(await runOptions(now)), triggeredBy: null });
}

/** Today's run started by a person ("run now" on the dunning page). */
export async function runDunningNow(actor: Actor, now = new Date()): Promise<RunResult> {
  return runDunningAs(db(), actor, await runOptions(now));
}

/** What today's run would do now, for a person who may start it (writes nothing). */
export async function previewDunningNow(actor: Actor, now = new Date()): Promise<DunningPreview> {
  return previewDunning(db(), actor, await runOptions(now));
}

/**
 * From DUNNING_RUN_AT (HH:MM office time; "off" disables) the app runs once a day; checked every
 * 10 minutes. A server started after that time runs the day's missing run a minute after start
 * (not during start-up), and says so in its log; the run then shows on the dunning page.
 */
export function startDunningWorker(): void {
  const at = settings().dunningRunAt;
  if (!at) return;
  const due = `${String(at.h).padStart(2, "0")}:${String(at.m).padStart(2, "0")}`;
  every(
    "dunning",
    10 * 60_000,
    async () => {
      const clock = officeClock();
      const local = new Intl.DateTimeFormat("en-GB", { timeZone: clock.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(clock.now);
      if (local < due) return;
      const done = await db().dunningRun.findUnique({ where: { runDate: clock.today }, select: { status: true } });
      if (done?.status === "done") return;
      console.log(
        `[dunning] ${clock.today}: it is ${local}, past DUNNING_RUN_AT ${due}, and today's run has ${done ? "not finished" : "not been made"}: running it now (DUNNING_RUN_AT=off stops the daily run)`,
      );
      const r = await runDunningToday(clock.now);
      console.log(`[dunning] ${r.runDate}: ${r.messages} messages (${r.emails} e-mails, ${r.letters} letters, ${r.tasks} tasks)`);
    },
    { runAtStart: true, startDelayMs: 60_000 },
  );
}
