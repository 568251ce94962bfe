-- PostgreSQL only: trigram indexes for the search box (pg_trgm). Without them a search by part of
-- a name (ILIKE with a leading wildcard) reads every debtor and every contact: 10 and 7 ms of
-- database time per statement on the large set, four such statements a search. With them each
-- takes under 1 ms.
--
-- Prisma's schema cannot declare these (SQLite has no GIN), so they live here only, named
-- <Table>_<column>_trgm_idx, and npm run db:check and db:migration leave indexes with that
-- ending alone (scripts/migrate.mjs).
--
-- pg_trgm is a trusted extension: a role with CREATE on the database installs it (into the
-- schema public). Where the role may not, an administrator runs CREATE EXTENSION pg_trgm SCHEMA
-- public once before the migration (README, Using PostgreSQL).
-- The driver adapter splits a migration at every semicolon: no semicolon in these comments.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE INDEX IF NOT EXISTS "Debtor_name_trgm_idx" ON "Debtor" USING gin ("name" public.gin_trgm_ops);

CREATE INDEX IF NOT EXISTS "Debtor_customerNumber_trgm_idx" ON "Debtor" USING gin ("customerNumber" public.gin_trgm_ops);

CREATE INDEX IF NOT EXISTS "Debtor_city_trgm_idx" ON "Debtor" USING gin ("city" public.gin_trgm_ops);

CREATE INDEX IF NOT EXISTS "Contact_name_trgm_idx" ON "Contact" USING gin ("name" public.gin_trgm_ops);
