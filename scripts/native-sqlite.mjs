#!/usr/bin/env node
// The SQLite driver (better-sqlite3) is a native addon: npm builds it for the Node.js that ran
// `npm ci`, and another Node.js major cannot load it. To run one checkout on two Node.js
// releases (CI runs the browser tests on the LTS release the README recommends), this script
// puts the addon built for a given Node.js in place, building it once per addon version and
// Node.js ABI into a cache outside node_modules.
//
//   node scripts/native-sqlite.mjs --node /opt/node-v24/bin/node   the addon for that Node.js
//   node scripts/native-sqlite.mjs                                 back to the Node.js running this
//
// Building needs that Node.js's headers beside its binary (<prefix>/include/node, as in the
// release archives) and node-gyp (the one bundled with npm).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const pkgDir = path.join(root, "node_modules/better-sqlite3");
const active = path.join(pkgDir, "build/Release/better_sqlite3.node");
const at = process.argv.indexOf("--node");
const target = at > 0 ? path.resolve(process.argv[at + 1] ?? "") : process.execPath;

function fail(message) {
  console.error(`[native-sqlite] ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) fail(`${path.basename(cmd)} ${args.join(" ")} failed:\n${(r.stderr || r.stdout || "").slice(-2000)}`);
  return r.stdout.trim();
}

if (!fs.existsSync(target)) fail(`no Node.js at ${target}`);
if (!fs.existsSync(active)) fail(`${path.relative(root, active)} is missing: run npm ci first`);
const addonVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
const [version, abi] = run(target, ["-p", "process.version + ' ' + process.versions.modules"]).split(" ");
const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "dunning-workbench/native");
const cached = (modules) => path.join(cacheRoot, `better-sqlite3-${addonVersion}-abi${modules}.node`);

/** Whether `node` can load the addon at `file` (a child process: a loaded addon cannot be unloaded). */
function loads(node, file) {
  const probe = `const D = require(${JSON.stringify(pkgDir)}); new D(":memory:", { nativeBinding: ${JSON.stringify(file)} }).close();`;
  return spawnSync(node, ["-e", probe], { stdio: "ignore" }).status === 0;
}

fs.mkdirSync(cacheRoot, { recursive: true });
// Keep the addon npm built before replacing it: it is the one for the Node.js that installed.
for (const node of new Set([process.execPath, target])) {
  const modules = run(node, ["-p", "process.versions.modules"]);
  if (!fs.existsSync(cached(modules)) && loads(node, active)) fs.copyFileSync(active, cached(modules));
}

if (!fs.existsSync(cached(abi))) {
  const prefix = path.dirname(path.dirname(target));
  if (!fs.existsSync(path.join(prefix, "include/node/node.h"))) fail(`no headers at ${prefix}/include/node: use a Node.js release archive, whose headers sit beside its binary`);
  const npmDir = [path.join(path.dirname(process.execPath), "../lib/node_modules/npm"), process.env.npm_execpath && path.resolve(path.dirname(process.env.npm_execpath), "..")].find((d) => d && fs.existsSync(path.join(d, "node_modules/node-gyp/bin/node-gyp.js")));
  if (!npmDir) fail("node-gyp not found (it comes with npm)");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "native-sqlite-"));
  process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
  console.log(`[native-sqlite] building better-sqlite3 ${addonVersion} for Node.js ${version} (ABI ${abi}), about a minute ...`);
  fs.cpSync(pkgDir, work, { recursive: true, filter: (src) => !src.startsWith(path.join(pkgDir, "build")) });
  // Environment first: under npm, npm_config_nodedir would point node-gyp at the installing Node.js's headers.
  run(target, [path.join(npmDir, "node_modules/node-gyp/bin/node-gyp.js"), "rebuild", "--release", `--nodedir=${prefix}`], { cwd: work, env: { ...process.env, npm_config_nodedir: prefix } });
  const built = path.join(work, "build/Release/better_sqlite3.node");
  if (!loads(target, built)) fail(`the addon built for Node.js ${version} does not load in it`);
  fs.copyFileSync(built, cached(abi));
}

// A new file renamed over the old one: a running process keeps the addon it mapped.
fs.copyFileSync(cached(abi), `${active}.${process.pid}`);
fs.renameSync(`${active}.${process.pid}`, active);
if (!loads(target, active)) fail(`the addon in place does not load in Node.js ${version}`);
console.log(`[native-sqlite] better-sqlite3 ${addonVersion} in place for Node.js ${version} (ABI ${abi})`);
