#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest.
//   typecheck -> unit -> integration (fresh SQLite) -> integration (PostgreSQL, when
//   TEST_DATABASE_URL points at one) -> fault drills (short) -> production build -> end-to-end in Chromium.
// Passes on a fresh machine without PostgreSQL; CI sets TEST_DATABASE_URL.
// E2E_NODE=<path to a node binary>: the end-to-end step runs the production server (and the test
// runner) on that Node.js instead, with the SQLite addon built for it put in place for the step
// and the one for this Node.js put back after it (scripts/native-sqlite.mjs). CI sets it to the
// Node.js LTS release the README recommends for production (.ci/run).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const polyfill = `--import ${path.join(root, "scripts/node20-polyfills.mjs")}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: [process.env.NODE_OPTIONS, polyfill].filter(Boolean).join(" ") };
const pg = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? "");
const only = process.argv[2];

const results = [];
const cleanups = [];
function step(name, cmd, args, extraEnv = {}) {
  if (only && !name.startsWith(only)) return;
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  if (r.status !== 0) finish();
}

function finish() {
  for (const cleanup of cleanups.splice(0)) cleanup();
  console.log("\n=== summary");
  for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.seconds} s)`);
  const failed = results.filter((r) => !r.ok).length;
  if (!pg && !only) console.log("note: PostgreSQL integration tests skipped (set TEST_DATABASE_URL=postgresql://... to run them)");
  console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

step("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
step("lint", bin("eslint"), ["."]);
step("unit", bin("vitest"), ["run", "--project", "unit"]);
step("integration (sqlite)", bin("vitest"), ["run", "--project", "integration"], { TEST_DATABASE_URL: "" });
if (pg) step("integration (postgresql)", bin("vitest"), ["run", "--project", "integration"]);
// The fault drills, short form (kill -9, races, two instances, backup, mail server faults, PostgreSQL restarts).
step("drills (short)", bin("tsx"), ["scripts/drills/run.ts", ...(pg ? ["--pg", process.env.TEST_DATABASE_URL] : [])]);
step("build", bin("next"), ["build"]);
if (!only || "e2e".startsWith(only)) {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
    console.error("Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)");
    results.push({ name: "e2e", ok: false, seconds: "0" });
    finish();
  }
}
const e2eNode = process.env.E2E_NODE;
if (e2eNode && (!only || "e2e".startsWith(only))) {
  const version = spawnSync(e2eNode, ["--version"], { encoding: "utf8" }).stdout?.trim();
  if (!version) {
    console.error(`E2E_NODE=${e2eNode}: not a Node.js binary`);
    results.push({ name: "e2e", ok: false, seconds: "0" });
    finish();
  }
  cleanups.push(() => spawnSync(process.execPath, [path.join(root, "scripts/native-sqlite.mjs")], { cwd: root, stdio: "inherit" }));
  step(`e2e: SQLite addon for Node.js ${version}`, process.execPath, [path.join(root, "scripts/native-sqlite.mjs"), "--node", e2eNode]);
  step(`e2e (Node.js ${version})`, bin("playwright"), ["test"], { PATH: `${path.dirname(e2eNode)}${path.delimiter}${process.env.PATH}` });
} else step("e2e", bin("playwright"), ["test"]);
finish();
