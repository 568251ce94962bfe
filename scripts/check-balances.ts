/**
 * `npm run db:check-balances`: compares every debtor's cached totals (open amount, open invoices,
 * oldest open due date, open disputes) with what its invoices and disputes say, and lists each
 * difference. Exit code 1 when anything drifted; `-- --fix` recomputes the drifted debtors.
 */
import fs from "node:fs";
import { db } from "@/lib/db/client";
import { findBalanceDrift, recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const fix = process.argv.includes("--fix");

const drift = await findBalanceDrift(db());
for (const d of drift.slice(0, 50)) console.log(`${d.debtorId} ${d.column}: cached ${String(d.cached)}, computed ${String(d.computed)}`);
if (drift.length > 50) console.log(`… and ${drift.length - 50} more`);
const debtors = [...new Set(drift.map((d) => d.debtorId))];
console.log(drift.length ? `${drift.length} difference(s) on ${debtors.length} debtor(s).` : "All cached balances match.");
if (fix && debtors.length) {
  await db().$transaction((tx) => recomputeDebtorBalances(tx, debtors));
  console.log(`Recomputed ${debtors.length} debtor(s).`);
}
await db().$disconnect();
process.exit(drift.length && !fix ? 1 : 0);
