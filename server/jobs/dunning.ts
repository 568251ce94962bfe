import { db } from "@/lib/db/client";
import { smtpConfig } from "@/lib/email/smtp-config";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { runDunning, type Creditor, type RunResult } from "@/lib/dunning/run-dunning";

/** The creditor as it appears on letters and e-mails (CREDITOR_* settings). */
export function creditorFromEnv(source: Record<string, string | undefined> = process.env): Creditor {
  const v = (k: string) => source[k]?.trim() || null;
  return { name: v("CREDITOR_NAME") ?? "Dunning Workbench", address: v("CREDITOR_ADDRESS"), iban: v("CREDITOR_IBAN"), email: v("CREDITOR_EMAIL") ?? v("SMTP_FROM"), phone: v("CREDITOR_PHONE") };
}

/** Today's run with the app's settings; the schedule, the script and the manager's button all call this. */
export async function runDunningToday(triggeredBy: string | null, now = new Date()): Promise<RunResult> {
  const timeZone = env().APP_TIME_ZONE;
  const smtp = smtpConfig();
  return runDunning(db(), {
    today: calendarDateIn(now, timeZone),
    timeZone,
    now,
    creditor: creditorFromEnv(),
    messageIdDomain: smtp?.messageIdDomain ?? "dunning.local",
    smtpConfigured: smtp !== null,
    triggeredBy,
  });
}

/** DUNNING_RUN_AT (HH:MM in APP_TIME_ZONE, default 07:00; "off" disables): the app runs once a day from then on. */
export function scheduledTime(source: Record<string, string | undefined> = process.env): { h: number; m: number } | null {
  const raw = (source.DUNNING_RUN_AT ?? "07:00").trim();
  if (raw === "off") return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  return m ? { h: Number(m[1]), m: Number(m[2]) } : { h: 7, m: 0 };
}

const state = globalThis as unknown as { __dunningTimer?: NodeJS.Timeout };

/** Checks every 10 minutes whether today's run is due and not yet done; the run itself is idempotent. */
export function startDunningWorker(): void {
  if (state.__dunningTimer) return;
  const at = scheduledTime();
  if (!at) return;
  const tick = async () => {
    const now = new Date();
    const timeZone = env().APP_TIME_ZONE;
    const local = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
    if (local < `${String(at.h).padStart(2, "0")}:${String(at.m).padStart(2, "0")}`) return;
    const done = await db().dunningRun.findUnique({ where: { runDate: calendarDateIn(now, timeZone) }, select: { status: true } });
    if (done?.status === "done") return;
    const r = await runDunningToday(null, now);
    console.log(`[dunning] ${r.runDate}: ${r.messages} messages (${r.emails} e-mails, ${r.letters} letters, ${r.tasks} tasks)`);
  };
  const run = () => tick().catch((e: unknown) => console.error("[dunning]", e instanceof Error ? e.message : e));
  void run();
  state.__dunningTimer = setInterval(() => void run(), 10 * 60_000);
  state.__dunningTimer.unref?.();
}
