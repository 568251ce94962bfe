#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest.
//   typecheck -> unit -> integration (fresh SQLite) -> integration (PostgreSQL, when
//   TEST_DATABASE_URL points at one) -> fault drills (short) -> production build -> end-to-end in Chromium.
// Passes on a fresh machine without PostgreSQL; CI sets TEST_DATABASE_URL.
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
step("e2e", bin("playwright"), ["test"]);
finish();
