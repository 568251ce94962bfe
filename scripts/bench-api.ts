/**
 * `npm run bench:api [-- --rate 30 --seconds 20 --runs 300]`: the REST API on the large set
 * (npm run db:generate-large), through a production server it starts itself (`next build`
 * first). Not a test: it prints figures.
 *
 *   DATABASE_URL=file:./data/large.db npm run bench:api
 *   DATABASE_URL=postgresql://…?schema=large npm run bench:api
 *
 * Measures, in the same run:
 * - GET /api/v1/invoices?limit=100, one request at a time, paging through the set (p50/p95/p99);
 * - the same under an open-loop load of --rate requests per second for --seconds (requests start
 *   on schedule whether or not earlier ones have answered, so a slow server cannot slow the load);
 * - the floors: /api/health over HTTP (a request without data), /api/v1/me (the token check
 *   alone), the same 100 rows read in-process by the API's query, and by hand-written SQL.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { decodeCursor } from "@/lib/api/cursor";
import { listInvoiceResources } from "@/lib/api/resources";
import { createDb, providerOf } from "@/lib/db/client";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { createApiToken } from "@/lib/users/api-tokens";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rate = Number(arg("--rate", "30"));
const seconds = Number(arg("--seconds", "20"));
const runs = Number(arg("--runs", "300"));
const port = Number(arg("--port", "3310"));
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const root = path.resolve(import.meta.dirname, "..");
const base = `http://127.0.0.1:${port}`;

const db = createDb(url);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
function line(name: string, times: number[], extra = "") {
  const s = [...times].sort((a, b) => a - b);
  console.log(`${name.padEnd(46)} n=${String(s.length).padStart(5)}  p50 ${pct(s, 50).toFixed(1).padStart(7)} ms  p95 ${pct(s, 95).toFixed(1).padStart(7)} ms  p99 ${pct(s, 99).toFixed(1).padStart(7)} ms  ${extra}`);
}

async function timedSeries(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times;
}

async function main() {
  const controller = await db.user.findFirst({ where: { role: "controller", active: true }, select: { id: true } });
  if (!controller) throw new Error("no controller in this database: generate the large set first");
  const invoices = await db.invoice.count();
  console.log(`database ${providerOf(url)}: ${invoices.toLocaleString("en")} invoices, ${(await db.debtor.count()).toLocaleString("en")} debtors`);
  const { token, row } = await createApiToken(db, { id: controller.id, role: "controller" }, { name: `bench ${new Date().toISOString()}`, scope: "read", expiresInDays: 1 }, new Date());

  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", DUNNING_RUN_AT: "off", API_READS_PER_MINUTE: "100000", BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-secret-not-for-production-0123456789abcdef", TWO_FACTOR_REQUIRED_FOR: "none" },
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error("the server did not start");
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const auth = { authorization: `Bearer ${token}` };
    // Cursors of successive pages, so the measured requests spread over the whole set.
    const cursors: (string | null)[] = [null];
    while (cursors.length < 50) {
      const r = (await (await fetch(`${base}/api/v1/invoices?limit=100${cursors.at(-1) ? `&cursor=${cursors.at(-1)}` : ""}`, { headers: auth })).json()) as { nextCursor: string | null };
      if (!r.nextCursor) break;
      cursors.push(r.nextCursor);
    }
    const get = async (p: string, headers: Record<string, string> = auth) => {
      const res = await fetch(`${base}${p}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    };
    const pageUrl = (i: number) => `/api/v1/invoices?limit=100${cursors[i % cursors.length] ? `&cursor=${cursors[i % cursors.length]}` : ""}`;

    console.log("\none request at a time");
    line("GET /api/health (floor: no data)", await timedSeries(runs, () => get("/api/health", {})));
    line("GET /api/v1/me (floor: the token check)", await timedSeries(runs, () => get("/api/v1/me")));
    line("GET /api/v1/invoices?limit=100", await timedSeries(runs, (i) => get(pageUrl(i))));
    line("GET /api/v1/invoices?status=open&limit=100", await timedSeries(runs, () => get("/api/v1/invoices?status=open&limit=100")));
    const someDebtor = await db.debtor.findFirst({ where: { openInvoiceCount: { gt: 5 } }, select: { id: true } });
    line("GET /api/v1/invoices?debtorId=…", await timedSeries(runs, () => get(`/api/v1/invoices?debtorId=${someDebtor!.id}&limit=100`)));
    line("in-process: listInvoiceResources(100)", await timedSeries(runs, async (i) => void (await listInvoiceResources(db, { limit: 100, cursor: decodeCursor(cursors[i % cursors.length] ?? undefined) }))));
    line("in-process: hand-written SQL (100 rows)", await timedSeries(runs, async () => void (await db.$queryRawUnsafe(`SELECT "id","debtorId","number","issueDate","dueDate","currency","amountCents","openCents","costsOpenCents","interestOpenCents","dunningLevel","lastDunnedOn","description","createdAt","updatedAt" FROM "Invoice" ORDER BY "id" LIMIT 101`))));

    console.log(`\nopen loop: ${rate} requests/s for ${seconds} s (GET /api/v1/invoices?limit=100)`);
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    const total = Math.round(rate * seconds);
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        (async () => {
          // Latency counts from when the request was due, not when it was sent (no coordinated omission).
          try {
            await get(pageUrl(i));
            latencies.push(performance.now() - due);
          } catch {
            errors++;
          }
        })(),
      );
    }
    await Promise.all(inflight);
    const achieved = latencies.length / ((performance.now() - started) / 1000);
    line(`open loop ${rate}/s`, latencies, `achieved ${achieved.toFixed(1)}/s, errors ${errors}`);
  } finally {
    server.kill("SIGTERM");
    await db.apiToken.delete({ where: { id: row.id } }).catch(() => undefined);
    await db.$disconnect();
  }
}

await main();
