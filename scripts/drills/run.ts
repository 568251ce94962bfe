/**
 * `npm run drills -- [--long] [--pg <url>] [--keep] [names...]`: the fault drills, each on a fresh
 * database (a new SQLite file under data/drills/; with --pg or a PostgreSQL TEST_DATABASE_URL
 * also a new schema there), printed as one table of figures. Exit code 1 when any drill did not
 * hold. Short form (default) for CI; --long for the full counts. --keep leaves the databases.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Drill } from "./drill";
import { parseArgs, runAll } from "./harness";

const DRILLS = ["kill-writes", "races", "instances", "backup-restore", "smtp-faults", "pg-restart"] as const;

const opts = parseArgs(process.argv.slice(2));
const unknown = opts.names.filter((n) => !(DRILLS as readonly string[]).includes(n));
if (unknown.length) {
  console.error(`unknown drill(s): ${unknown.join(", ")}; known: ${DRILLS.join(", ")}`);
  process.exit(2);
}
const names = opts.names.length ? opts.names : [...DRILLS];
const entries: { name: string; drill: Drill | null; missing?: string }[] = [];
for (const name of names) {
  const file = path.join(import.meta.dirname, `${name}.ts`);
  if (!fs.existsSync(file)) {
    console.error(`[drills] ${name}: scripts/drills/${name}.ts is missing`);
    process.exit(1);
  }
  const mod = (await import(pathToFileURL(file).href)) as { drill?: Drill };
  if (typeof mod.drill !== "function") entries.push({ name, drill: null, missing: `scripts/drills/${name}.ts exports no drill()` });
  else entries.push({ name, drill: mod.drill });
}
process.exit(await runAll(entries, opts));
