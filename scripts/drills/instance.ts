/**
 * One app-like process for the instances drill: on "go" (a line on stdin) it runs the
 * background jobs' passes as the app does, several rounds, each round all at once - the daily
 * dunning run (runDunningToday, as scripts/run-dunning.ts), two outbox passes (processOutbox with
 * a stub transport that prints every message it "delivers"), the promise check (runPromiseCheck).
 * Prints JSON lines: ready, job results, sends, errors, done.
 *
 *   DATABASE_URL=... tsx scripts/drills/instance.ts <rounds>
 */
import readline from "node:readline";
import type { SendMailOptions } from "nodemailer";
import { db } from "@/lib/db/client";
import { processOutbox, type MailTransport } from "@/lib/email/outbox";
import { isDomainError } from "@/lib/errors/domain-error";
import { mailSender } from "@/server/context";
import { runDunningToday } from "@/server/jobs/dunning";
import { runPromiseCheck } from "@/server/jobs/promises";
import { errorText, sleep } from "./drill";

export type InstanceEvent =
  | { t: "ready" }
  | { t: "dunning"; messages: number; skippedToday: number }
  | { t: "refused"; job: string; error: string }
  | { t: "outbox"; sent: number; retried: number; failed: number }
  | { t: "promises"; evaluated: number }
  | { t: "sent"; messageId: string }
  | { t: "error"; job: string; error: string }
  | { t: "done" };

const emit = (e: InstanceEvent) => process.stdout.write(`${JSON.stringify(e)}\n`);

/** Delivers nothing, counts everything: a message counts once the "server" accepted it. */
const stub: MailTransport = {
  async sendMail(m: SendMailOptions) {
    await sleep(2 + Math.random() * 15);
    emit({ t: "sent", messageId: String(m.messageId) });
    return { accepted: [m.to] };
  },
};

async function job(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    // Another instance holding today's run is the one expected refusal; anything else counts.
    if (name === "dunning" && isDomainError(e) && e.code === "conflict") emit({ t: "refused", job: name, error: e.message });
    else emit({ t: "error", job: name, error: errorText(e) });
  }
}

async function outboxPass(): Promise<void> {
  emit({ t: "outbox", ...(await processOutbox(db(), stub, await mailSender())) });
}

const rounds = Number(process.argv[2] ?? 3);
await db().$queryRawUnsafe("SELECT 1");
emit({ t: "ready" });
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once("line", () => resolve()));
for (let r = 0; r < rounds; r++) {
  await Promise.all([
    job("dunning", async () => {
      const x = await runDunningToday();
      emit({ t: "dunning", messages: x.messages, skippedToday: x.skippedToday });
    }),
    job("outbox", outboxPass),
    job("outbox", outboxPass),
    job("promises", async () => {
      emit({ t: "promises", evaluated: (await runPromiseCheck()).evaluated });
    }),
  ]);
  await sleep(Math.random() * 200);
}
emit({ t: "done" });
await db().$disconnect();
process.exit(0);
