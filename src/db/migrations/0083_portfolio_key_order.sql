-- The portfolio's pages by name and by tier in the order of an index
-- (issue 17's speed: each key that sorted or paged keyed and sorted
-- every account filtered; for a manager's 16 554 accounts 43 to 71 ms of
-- backend CPU for the keys alone, for all 100 000 several times that).
--
-- The screen (src/domain/portfolio.c) compares these values in "C", as
-- its keys have always been compared, whatever the database's collation:
-- the indexes say so, so that the first page is the first rows of the
-- index, not a sort. The tier's expression is the statement's, word for
-- word (the planner matches an index's expression, not its meaning).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX account_portfolio_name ON account ((name_key COLLATE "C"), id);
CREATE INDEX account_portfolio_tier ON account (((CASE tier
	WHEN 'strategic' THEN '0' WHEN 'key' THEN '1' ELSE '2' END || name_key)
	COLLATE "C"), id);
