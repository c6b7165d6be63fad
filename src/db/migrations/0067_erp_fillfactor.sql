-- A re-sync's updates stay on their page (issue 10, finding 7: the
-- re-sync of 10 % short of 50 000 records a second).
--
-- A sync that finds an order or invoice changed in the ERP writes a new
-- version of its row. With the heap pages packed full, that version lands
-- on another page, and each of the table's indexes (the primary key, the
-- ERP id, the account's) gets an entry for it. The sync changes no
-- indexed column of a row it updates (status, amount, change time), so
-- with room left on the row's own page the update is heap-only (HOT): no
-- index entry, and the old version is pruned in place. A tenth of each
-- page is left free for that; it holds for pages written from now on
-- (VACUUM FULL or CLUSTER would rewrite the existing ones).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE erp_order SET (fillfactor = 90);
ALTER TABLE erp_invoice SET (fillfactor = 90);
