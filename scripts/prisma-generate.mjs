// Generate Prisma clients for BOTH providers from the single prisma/schema.prisma:
//   generated/sqlite      <- prisma/schema.prisma
//   generated/postgresql  <- prisma/generated/postgresql/schema.prisma (provider rewritten)
// Offline: Prisma 7's CLI downloads a native schema-engine even for `generate`; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips that (generate never runs it).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { root, readSchema } from "./schema-variants.mjs";

const pgDir = path.join(root, "prisma/generated/postgresql");
fs.mkdirSync(pgDir, { recursive: true });
fs.writeFileSync(path.join(pgDir, "schema.prisma"), readSchema("postgresql"));

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
for (const url of ["file:./data/dunning.db", "postgresql://generate@localhost/generate"]) {
  execFileSync(process.execPath, [prismaCli, "generate"], { cwd: root, stdio: "inherit", env: { ...env, DATABASE_URL: url } });
}
