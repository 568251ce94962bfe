import { db } from "@/lib/db/client";
import { stopJobs } from "@/server/jobs/schedule";

/**
 * A clean stop on SIGTERM / SIGINT (systemd, a container runtime, Ctrl+C). Next.js's own handler
 * stops accepting connections, lets the requests in flight finish and then calls process.exit.
 * Here, at the signal: the background jobs stop taking new passes; and at that exit: the passes
 * still running finish (at most 10 s), then the database is closed (SQLite checkpoints its WAL and
 * removes it, PostgreSQL connections end with a proper goodbye), and only then the process exits.
 */
let installed = false;

export function closeDatabaseOnShutdown(log: (line: string) => void = (l) => console.log(l)): void {
  if (installed) return;
  installed = true;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await stopJobs(10_000);
      await db()
        .$disconnect()
        .catch((e: unknown) => log(`[dunning-workbench] closing the database failed: ${e instanceof Error ? e.message : String(e)}`));
      log("[dunning-workbench] stopped: background jobs ended, database closed");
    })();
    return stopping;
  };
  const onSignal = () => {
    void stop();
    const exit = process.exit.bind(process);
    // Next.js exits when its requests are done; the database closes after them, just before.
    process.exit = ((code?: number) => {
      void stop().finally(() => exit(code));
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
