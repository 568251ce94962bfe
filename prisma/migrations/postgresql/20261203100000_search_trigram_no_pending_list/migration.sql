-- The trigram indexes take each new row at once instead of collecting new rows in a pending list.
-- A GIN index gathers inserts in an unsorted list (fastupdate) until a vacuum merges them. After a
-- bulk load (the large set, a receivables import) the list held every debtor, and the planner,
-- costing the scan of that list, read the whole table again for every search (30 ms instead of 3)
-- until autovacuum came by. Debtors and contacts are added a few at a time, or by an import that
-- can wait the extra moment per row. The rows already pending are merged now.
-- (No semicolon in these comments: the migration runner splits the script at each one.)
ALTER INDEX "Debtor_name_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Debtor_customerNumber_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Debtor_city_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Contact_name_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Debtor_name_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Debtor_customerNumber_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Debtor_city_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Contact_name_trgm_idx"'::regclass);
