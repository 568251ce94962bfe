import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createDebtor } from "../factories/portfolio";
import { databaseUrl, provider, testDb } from "./test-db";

/**
 * SQLite with more than one writer (a cron script beside the app): transactions begin immediately,
 * so each waits for the write lock instead of failing with "database is locked", and no read-then-
 * write is lost. Two processes increment one counter 150 times each: 300 increments, 0 errors.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

describe.skipIf(provider !== "sqlite")("SQLite with two writing processes", () => {
  it("runs read-then-write transactions from two processes at once without a lock error or a lost update", async () => {
    const debtor = await createDebtor(testDb);
    const before = debtor.version;
    const child = () => run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "tests/integration/helpers/sqlite-writer.ts"), databaseUrl, debtor.id, "150"], { cwd: root, env: process.env });
    const [a, b] = await Promise.all([child(), child()]);
    const results = [a, b].map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { ok: number; failed: number; errors: string[] });
    expect(results.map((r) => r.errors)).toEqual([[], []]);
    expect(results.map((r) => r.ok)).toEqual([150, 150]);
    expect((await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).version).toBe(before + 300);
  }, 120_000);
});
