import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl, provider } from "./test-db";

const root = path.resolve(import.meta.dirname, "../..");
const migrate = (cmd: string) =>
  spawnSync(process.execPath, [path.join(root, "scripts/migrate.mjs"), cmd], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });

describe(`migrations (${provider})`, () => {
  it("match prisma/schema.prisma (npm run db:check exits 0)", () => {
    const r = migrate("check");
    expect(r.stderr).not.toContain("Drift");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`prisma/migrations/${provider} matches the schema`);
  });

  it("are all applied to the test database, and applying again changes nothing", () => {
    const status = migrate("status");
    expect(status.status).toBe(0);
    const deploy = migrate("deploy");
    expect(deploy.status).toBe(0);
    expect(deploy.stdout).toContain("No pending migrations");
  });
});
