-- Voice of the customer, part 12 (issue 14, "Speed"): an announcement to
-- 5 000 customers committed in 3.6 and 5.8 s in two quiet runs against a
-- target of 5 s. Most of it is writing index entries: each answer is a
-- new entry and each item a new version of its row (never a HOT update:
-- the loop's columns are in the open items' indexes), and on the copy
-- the benchmark writes into, each index page it enters is read and, once
-- the shared buffers are full, written out again.
--
-- interaction_account_author  (account_id, author_id, occurred_at), 0008's
--     "the last entry of this author on this account", kept every entry
--     a second time in the order interaction_account keeps them: an
--     announcement read 9 978 of its pages (as many as of
--     interaction_account's) to enter 10 734 rows. Its one reader is the
--     kept follow-ups' test "a later entry of the owner or author on the
--     account" (follow_ups_open_add): that asks for the account's entries
--     after a time, which interaction_account gives in order; with the
--     author in it as well (INCLUDE) the test stays a read of the index
--     alone. One index of the entries by account instead of two.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;
SET LOCAL maintenance_work_mem = '256MB';

-- 0032's index with the author beside the key
CREATE INDEX interaction_account_by_time ON interaction
	(account_id, occurred_at DESC, id DESC) INCLUDE (author_id);
DROP INDEX interaction_account;
ALTER INDEX interaction_account_by_time RENAME TO interaction_account;
DROP INDEX interaction_account_author;
