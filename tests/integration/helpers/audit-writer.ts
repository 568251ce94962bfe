/** Writes audit rows 1..n to DATABASE file `url`, printing each number once its commit returned. */
import { createDb } from "@/lib/db/client";

const [url, tag, n] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4] ?? 300)];
const db = createDb(url);
for (let i = 1; i <= n; i++) {
  await db.auditLog.create({ data: { actorId: null, action: "drill.write", entity: tag, entityId: String(i) } });
  console.log(`ack ${i}`);
}
await db.$disconnect();
