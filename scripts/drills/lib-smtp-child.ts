/**
 * One outbox pass in a process of its own, for the smtp-faults drill to SIGKILL mid-send:
 *   tsx scripts/drills/lib-smtp-child.ts <databaseUrl> <smtpPort> <id,id,...>
 */
import { createDb } from "@/lib/db/client";
import { processOutbox, smtpTransport } from "@/lib/email/outbox";
import { parseSmtpConfig } from "@/lib/env/settings";

const [url, port, ids] = process.argv.slice(2);
if (!url || !port || !ids) throw new Error("usage: lib-smtp-child.ts <databaseUrl> <smtpPort> <ids>");
const config = parseSmtpConfig({ SMTP_HOST: "127.0.0.1", SMTP_PORT: port, SMTP_FROM: "debiteuren@drill.local" })!;
const db = createDb(url);
process.stdout.write("claiming\n");
const result = await processOutbox(db, smtpTransport(config), config.from, { ids: ids.split(",") });
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.$disconnect();
