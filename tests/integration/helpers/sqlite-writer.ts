/**
 * A second process writing to the same SQLite file, for the multi-writer test: it runs
 * read-then-write transactions in a loop and prints how many succeeded and failed.
 */
import { createDb } from "@/lib/db/client";

const [url, debtorId, rounds] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4] ?? 100)];
const db = createDb(url);
let ok = 0;
const errors: string[] = [];
for (let i = 0; i < rounds; i++) {
  try {
    await db.$transaction(async (tx) => {
      const d = await tx.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { version: true } });
      await tx.debtor.update({ where: { id: debtorId }, data: { version: d.version + 1 } });
    });
    ok++;
  } catch (e) {
    errors.push(e instanceof Error ? e.message.split("\n").slice(-1)[0]! : String(e));
  }
}
console.log(JSON.stringify({ ok, errors: errors.slice(0, 3), failed: errors.length }));
await db.$disconnect();
