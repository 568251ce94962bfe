/**
 * `npm run bench:import [-- --rows 200000 --debtors 10000] [-- --pg <url>]`: times the receivables
 * import on a fresh database (a new SQLite file under data/, or a new schema with --pg): a first
 * import of an open-items file of `rows` invoices for `debtors` customers, the same file again
 * (nothing changes), and a dry run. Not a test.
 *
 * Each import runs in a process of its own that reads the file from disk, so its memory figure is
 * its own: the kernel's peak resident size of that process (process.resourceUsage().maxRSS, not a
 * sample that can miss a peak), the file's bytes and the loaded app included, nothing left over
 * from the import before. Beside it: the resident size before the import started (Node, tsx, the
 * app's modules, Prisma and the file), the peak of the JavaScript heap in use, garbage included
 * (sampled every 20 ms and at each step's end; on SQLite the import hardly yields to the timer, so
 * mostly the step ends), and the seconds and heap at the end of each step of the import.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { importReceivables } from "@/lib/imports/import-receivables";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

type Step = { phase: string; seconds: number; rss: number; heap: number };
type Measured = { seconds: number; maxRss: number; rssBefore: number; peakHeap: number; steps: Step[]; result: unknown };
type Scenario = "first" | "again" | "dry";

if (args[0] === "--child") await child();
else await parent();

async function parent() {
  const rows = Number(arg("--rows", "200000"));
  const debtors = Number(arg("--debtors", "10000"));
  const pg = arg("--pg", "");
  const root = path.resolve(import.meta.dirname, "..");
  const stamp = Date.now();
  const schema = `bench_import_${stamp}`;
  const url = pg ? `${pg}${pg.includes("?") ? "&" : "?"}schema=${schema}` : `file:./data/bench-import-${stamp}.db`;
  const filePath = path.join(os.tmpdir(), `bench-import-${stamp}.csv`);

  execFileSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createDb(url);
  try {
    const user = await db.user.create({ data: { id: "bench-manager", name: "Bench", email: `bench-${stamp}@example.test`, role: "manager" } });
    fs.writeFileSync(filePath, file(rows, debtors));
    console.log(`${pg ? "PostgreSQL" : "SQLite"}: ${rows} rows, ${debtors} debtors, ${(fs.statSync(filePath).size / MB).toFixed(1)} MB; one process per import`);
    console.log(`${"".padEnd(30)} ${"time".padStart(7)} ${"peak RSS".padStart(9)} ${"(before)".padStart(9)} ${"peak heap".padStart(10)}   steps: seconds (heap MB at the end)`);
    const runs: Array<[Scenario, string]> = [["first", "first import"], ["again", "same file again (no changes)"], ["dry", "dry run"]];
    for (const [scenario, label] of runs) {
      const out = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", scenario, url, filePath, user.id], { cwd: root, encoding: "utf8", maxBuffer: 16 * MB });
      const m = JSON.parse(out.trim().split("\n").at(-1)!) as Measured;
      const steps = m.steps.map((s) => `${s.phase} ${s.seconds.toFixed(1)} (${(s.heap / MB).toFixed(0)})`).join(" · ");
      console.log(`${label.padEnd(30)} ${`${m.seconds.toFixed(1)} s`.padStart(7)} ${mb(m.maxRss).padStart(9)} ${`(${mb(m.rssBefore)})`.padStart(9)} ${mb(m.peakHeap).padStart(10)}   ${steps}`);
      console.log(`${"".padEnd(30)} ${JSON.stringify(m.result)}`);
    }
  } finally {
    await db.$disconnect();
    fs.rmSync(filePath, { force: true });
    if (pg) execFileSync("psql", [pg.replace(/\?.*$/, ""), "-qc", `DROP SCHEMA IF EXISTS "${schema}" CASCADE`], { stdio: "ignore" });
    else for (const s of ["", "-wal", "-shm"]) fs.rmSync(path.join(root, url.slice(5)) + s, { force: true });
  }
}

/** One import in this process; prints what it measured as one JSON line. */
async function child() {
  const [, scenario, url, filePath, actorId] = args as [string, Scenario, string, string, string];
  const db = createDb(url);
  try {
    await db.$queryRaw`SELECT 1`;
    // The file as the server has it: one buffer (a Buffer is a Uint8Array).
    const bytes: Uint8Array = fs.readFileSync(filePath);
    const rssBefore = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
    const steps: Step[] = [];
    const started = performance.now();
    let last = started;
    const onPhase = (phase: string) => {
      const now = performance.now();
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      steps.push({ phase, seconds: (now - last) / 1000, rss: m.rss, heap: m.heapUsed });
      last = now;
    };
    const ctx = { today: "2031-03-10", now: new Date("2031-03-10T08:00:00Z"), onPhase };
    const r = await importReceivables(db, { id: actorId, role: "manager" }, { source: "bench", kind: "open_items", fileName: "bench.csv", bytes, dryRun: scenario === "dry" }, ctx);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const result = { status: r.status, debtors: r.debtors, invoices: r.invoices, errors: r.errors.length };
    const measured: Measured = { seconds, maxRss: process.resourceUsage().maxRSS * 1024, rssBefore, peakHeap, steps, result };
    console.log(JSON.stringify(measured));
  } finally {
    await db.$disconnect();
  }
}

function file(rows: number, debtors: number): Uint8Array {
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
