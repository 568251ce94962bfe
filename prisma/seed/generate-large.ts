/**
 * The large benchmark set: 10,000 debtors and 200,000 invoices (with contacts, payments,
 * disputes, calls, agreements, tasks) and a team of 20 controllers. Replaces everything in the
 * database named by DATABASE_URL (or --url), so point it at a database of its own:
 *
 *   DATABASE_URL=file:./data/large.db npm run db:migrate
 *   DATABASE_URL=file:./data/large.db npm run db:generate-large
 *
 * Options: --debtors N (default 10000), --invoices-per-debtor N (default 20), --url URL.
 */
import { pathToFileURL } from "node:url";
import { createDb, providerOf } from "@/lib/db/client";
import { backfillDates, takeSnapshots } from "@/lib/dashboard/snapshots";
import { ensureDefaultPolicy } from "@/lib/dunning/dunning-policy";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { DEFAULT_DATABASE_URL } from "@/lib/env/settings";
import { buildPortfolio, buildUsers, insertPortfolio, wipeAll } from "./demo-data";
import { DEMO_PASSWORD, insertUsers, seedToday } from "./seed";

export type LargeOptions = { url: string; debtors: number; invoicesPerDebtor: number };

export async function generateLarge(opts: LargeOptions, log: (line: string) => void = () => {}) {
  const db = createDb(opts.url);
  const t0 = Date.now();
  const lap = (what: string) => log(`${what.padEnd(28)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    await wipeAll(db, providerOf(opts.url));
    lap("wiped");
    const users = buildUsers(16);
    await insertUsers(db, users, DEMO_PASSWORD);
    const controllerIds = users.filter((u) => u.role === "controller").map((u) => u.id);
    const portfolio = buildPortfolio({ seed: 4242, today: seedToday(), debtors: opts.debtors, invoicesPerDebtor: opts.invoicesPerDebtor, controllerIds, numberPrefix: "L" });
    lap(`generated ${portfolio.invoices.length} invoices`);
    await insertPortfolio(opts.url, portfolio);
    lap("inserted");
    await recomputeDebtorBalances(db);
    lap("balances");
    await takeSnapshots(db, backfillDates(seedToday()));
    await ensureDefaultPolicy(db);
    lap("snapshots");
    return { debtors: portfolio.debtors.length, invoices: portfolio.invoices.length, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await db.$disconnect();
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const url = argValue("--url") ?? process.env.DATABASE_URL?.trim() ?? DEFAULT_DATABASE_URL;
  const debtors = Number(argValue("--debtors") ?? 10_000);
  const invoicesPerDebtor = Number(argValue("--invoices-per-debtor") ?? 20);
  if (!Number.isInteger(debtors) || debtors < 1 || !Number.isInteger(invoicesPerDebtor) || invoicesPerDebtor < 2) {
    throw new Error("--debtors must be a positive whole number and --invoices-per-debtor at least 2");
  }
  console.log(`Generating ${debtors} debtors × ${invoicesPerDebtor} invoices into ${url.replace(/\/\/[^@]*@/, "//…@")}`);
  const r = await generateLarge({ url, debtors, invoicesPerDebtor }, (l) => console.log(l));
  console.log(`Done: ${r.debtors} debtors, ${r.invoices} invoices in ${r.seconds.toFixed(1)} s.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
