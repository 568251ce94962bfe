-- Search by part of a name through trigram indexes (SQLite's FTS5 "trigram" tokenizer), the
-- counterpart of PostgreSQL's pg_trgm indexes: a LIKE '%bakk%' on the tables reads every debtor
-- and every contact. The schema cannot declare these tables; scripts/migrate.mjs leaves them out
-- of its diffs (they and their triggers are named "…Search…"). Each holds a copy of the searched
-- columns with the row's id, kept by the triggers below. A change (a rename: rare) finds the old
-- row by that id through a scan of the search table, some 5 ms on 10,000 debtors; an update that
-- leaves the searched columns as they were (an import writes every field) does nothing here.
CREATE VIRTUAL TABLE "DebtorSearch" USING fts5("debtorId" UNINDEXED, "name", "customerNumber", "city", tokenize = 'trigram');
CREATE VIRTUAL TABLE "ContactSearch" USING fts5("contactId" UNINDEXED, "debtorId" UNINDEXED, "name", tokenize = 'trigram');

INSERT INTO "DebtorSearch" ("debtorId", "name", "customerNumber", "city") SELECT "id", "name", "customerNumber", COALESCE("city", '') FROM "Debtor";
INSERT INTO "ContactSearch" ("contactId", "debtorId", "name") SELECT "id", "debtorId", "name" FROM "Contact";

CREATE TRIGGER "DebtorSearch_insert" AFTER INSERT ON "Debtor" BEGIN
  INSERT INTO "DebtorSearch" ("debtorId", "name", "customerNumber", "city") VALUES (new."id", new."name", new."customerNumber", COALESCE(new."city", ''));
END;
CREATE TRIGGER "DebtorSearch_update" AFTER UPDATE OF "id", "name", "customerNumber", "city" ON "Debtor"
WHEN old."id" IS NOT new."id" OR old."name" IS NOT new."name" OR old."customerNumber" IS NOT new."customerNumber" OR old."city" IS NOT new."city" BEGIN
  DELETE FROM "DebtorSearch" WHERE "debtorId" = old."id";
  INSERT INTO "DebtorSearch" ("debtorId", "name", "customerNumber", "city") VALUES (new."id", new."name", new."customerNumber", COALESCE(new."city", ''));
END;
CREATE TRIGGER "DebtorSearch_delete" AFTER DELETE ON "Debtor" BEGIN
  DELETE FROM "DebtorSearch" WHERE "debtorId" = old."id";
END;

CREATE TRIGGER "ContactSearch_insert" AFTER INSERT ON "Contact" BEGIN
  INSERT INTO "ContactSearch" ("contactId", "debtorId", "name") VALUES (new."id", new."debtorId", new."name");
END;
CREATE TRIGGER "ContactSearch_update" AFTER UPDATE OF "id", "debtorId", "name" ON "Contact"
WHEN old."id" IS NOT new."id" OR old."debtorId" IS NOT new."debtorId" OR old."name" IS NOT new."name" BEGIN
  DELETE FROM "ContactSearch" WHERE "contactId" = old."id";
  INSERT INTO "ContactSearch" ("contactId", "debtorId", "name") VALUES (new."id", new."debtorId", new."name");
END;
CREATE TRIGGER "ContactSearch_delete" AFTER DELETE ON "Contact" BEGIN
  DELETE FROM "ContactSearch" WHERE "contactId" = old."id";
END;
