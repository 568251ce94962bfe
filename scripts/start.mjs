#!/usr/bin/env node
// `npm start`: the quick start. Brings the app up on http://localhost:3000 with demo data:
//   1. a .env with a fresh BETTER_AUTH_SECRET if none is configured (local use only),
//   2. pending migrations applied (offline schema engine),
//   3. the demo portfolio seeded when the database has no debtors yet,
//   4. a production build when there is none or the sources are newer,
//   5. the production server on every core (scripts/serve.mjs: a web process per core and one
//      for the background jobs), then the demo logins are printed.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const envFile = path.join(root, ".env");
const port = process.env.PORT ?? "3000";

function fail(message) {
  console.error(`\n[dunning-workbench] cannot start: ${message}\n`);
  process.exit(1);
}

if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
if (!process.env.BETTER_AUTH_SECRET) {
  const secret = crypto.randomBytes(32).toString("base64url");
  // The demo's managers and admins sign in without the second factor their role needs in production.
  const demo = process.env.TWO_FACTOR_REQUIRED_FOR ? "" : "# demo only: in production managers and admins must use two-step sign-in (remove this line)\nTWO_FACTOR_REQUIRED_FOR=none\n";
  fs.appendFileSync(envFile, `${fs.existsSync(envFile) ? "\n" : ""}# created by npm start for local use; set your own in production\nBETTER_AUTH_SECRET=${secret}\n${demo}`);
  process.env.BETTER_AUTH_SECRET = secret;
  process.env.TWO_FACTOR_REQUIRED_FOR ??= "none";
  console.log("Created .env with a new BETTER_AUTH_SECRET.");
}
process.env.BETTER_AUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const url = process.env.DATABASE_URL ?? "file:./data/dunning.db";
if (!/^file:.+/.test(url) && !/^postgres(ql)?:\/\/[^/]+\/.+/.test(url)) {
  fail("DATABASE_URL: must be file:<path> (SQLite) or postgres://user@host:port/database (PostgreSQL)");
}

function run(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) fail(`${label} failed (see above)`);
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const tsx = path.join(root, "node_modules/.bin/tsx");
run("Migrations", process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"]);
run("Demo data", tsx, [path.join(root, "prisma/seed/seed.ts"), "--if-empty"]);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}
const buildId = path.join(root, ".next/BUILD_ID");
const sources = ["app", "components", "server", "lib", "public"].filter((d) => fs.existsSync(path.join(root, d)));
const stale = !fs.existsSync(buildId) || Math.max(...sources.map((d) => newestMtime(path.join(root, d)))) > fs.statSync(buildId).mtimeMs;
if (stale) run("Build", path.join(root, "node_modules/.bin/next"), ["build"]);

const server = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));

// Print the logins once the server answers.
const base = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const res = await fetch(`${base}/api/health`);
    if (res.ok) {
      spawnSync(tsx, [path.join(root, "prisma/seed/seed.ts"), "--print-logins"], { cwd: root, stdio: "inherit", env: process.env });
      console.log(`\nDunning Workbench is running at ${base}  (Ctrl+C stops it)\n`);
      break;
    }
  } catch {
    // not up yet
  }
}
