/**
 * `npm run bench:import [-- --rows 200000 --debtors 10000] [-- --pg <url>]`: times the receivables
 * import on a fresh database (a new SQLite file under data/, or a new schema with --pg): a first
 * import of an open-items file of `rows` invoices for `debtors` customers, the same file again
 * (nothing changes), and a dry run. Prints seconds and the peak resident memory of each. Not a test.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { importReceivables } from "@/lib/imports/import-receivables";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rows = Number(arg("--rows", "200000"));
const debtors = Number(arg("--debtors", "10000"));
const pg = arg("--pg", "");
const root = path.resolve(import.meta.dirname, "..");
const schema = `bench_import_${Date.now()}`;
const url = pg ? `${pg}${pg.includes("?") ? "&" : "?"}schema=${schema}` : `file:./data/bench-import-${Date.now()}.db`;

execFileSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
const db = createDb(url);

function file(): Uint8Array {
  const lines = ["Debiteur;Naam;Factuurnr.;Factuurdatum;Vervaldatum;Bedrag;Openstaand bedrag;Valuta;Omschrijving"];
  for (let i = 0; i < rows; i++) {
    const d = i % debtors;
    const cents = 1_000 + ((i * 7_919) % 500_000);
    const eur = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(`K${d};Klant ${d} B.V.;F${i};${day}-01-2031;${day}-02-2031;${eur};${eur};EUR;Levering ${i}`);
  }
  return new Uint8Array(Buffer.from(lines.join("\r\n") + "\r\n"));
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
async function timed(label: string, run: () => Promise<unknown>) {
  peak = process.memoryUsage().rss;
  const started = performance.now();
  const r = await run();
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s   peak RSS ${(peak / 2 ** 20).toFixed(0)} MB   ${JSON.stringify(r)}`);
}

try {
  const user = await db.user.create({ data: { id: "bench-manager", name: "Bench", email: `bench-${Date.now()}@example.test`, role: "manager" } });
  const actor = { id: user.id, role: "manager" as const };
  const bytes = file();
  console.log(`${pg ? "PostgreSQL" : "SQLite"}: ${rows} rows, ${debtors} debtors, ${(bytes.length / 2 ** 20).toFixed(1)} MB`);
  const ctx = { today: "2031-03-10", now: new Date("2031-03-10T08:00:00Z") };
  const req = { source: "bench", kind: "open_items" as const, fileName: "bench.csv", bytes, dryRun: false };
  const brief = (r: Awaited<ReturnType<typeof importReceivables>>) => ({ status: r.status, debtors: r.debtors, invoices: r.invoices, errors: r.errors.length });
  await timed("first import", async () => brief(await importReceivables(db, actor, req, ctx)));
  await timed("same file again (no changes)", async () => brief(await importReceivables(db, actor, req, ctx)));
  await timed("dry run", async () => brief(await importReceivables(db, actor, { ...req, dryRun: true }, ctx)));
} finally {
  clearInterval(sampler);
  await db.$disconnect();
  if (pg) execFileSync("psql", [pg.replace(/\?.*$/, ""), "-qc", `DROP SCHEMA IF EXISTS "${schema}" CASCADE`], { stdio: "ignore" });
  else for (const s of ["", "-wal", "-shm"]) fs.rmSync(path.join(root, url.slice(5)) + s, { force: true });
}
