#!/usr/bin/env node
// Serves the production build for the browser tests on a fresh database with the demo data.
// Expects `next build` to have run (npm test does it first).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
console.log(`[e2e-server] Node.js ${process.version}`);
const port = process.argv[2] ?? "3200";
const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
if (url.startsWith("file:")) {
  const file = path.resolve(root, url.slice(5));
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
}
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"]);
step(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed/seed.ts"), "--reset"]);
const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port], { cwd: root, stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
