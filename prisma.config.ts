import { defineConfig } from "prisma/config";

// One model source (prisma/schema.prisma, provider "sqlite").
// When DATABASE_URL is a PostgreSQL URL, point the CLI at the derived schema
// written by scripts/prisma-generate.mjs (provider rewritten to "postgresql").
const url = process.env.DATABASE_URL ?? "file:./data/dunning.db";
const isPg = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: isPg ? "prisma/generated/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPg ? "prisma/migrations/postgresql" : "prisma/migrations/sqlite" },
  datasource: { url },
});
