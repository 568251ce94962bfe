import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * A fresh database per run: a new SQLite file, or a new schema in TEST_DATABASE_URL when it points
 * at PostgreSQL. Migrations are applied with the same offline tool as `npm run db:migrate`.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "../..");
  const target = process.env.TEST_DATABASE_URL;
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (target && /^postgres(ql)?:\/\//.test(target)) {
    const u = new URL(target);
    u.searchParams.set("schema", `it_${runId}`);
    url = u.toString();
    cleanup = async () => {
      const pg = await import("pg");
      const base = new URL(target);
      base.searchParams.delete("schema");
      const client = new pg.default.Client({ connectionString: base.toString() });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "it_${runId}" CASCADE`);
      await client.end();
    };
  } else {
    const file = path.join(root, "data", "test", `it-${runId}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    url = `file:${file}`;
    cleanup = async () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    };
  }
  execFileSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  project.provide("databaseUrl", url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await cleanup();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
