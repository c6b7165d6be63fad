-- A manager's own portfolio (the screen's m, `kam --report portfolio
-- --owner me`) in the order of an index too (issue 17's speed: each key).
--
-- 0083's indexes give the pages by name and by tier for everyone; for one
-- owner the first 200 of her rows came from scanning them in that order
-- and dropping the other owners' (anna's 16 554 of 100 001 accounts: 1 123
-- rows read for a page by tier, 2 257 buffers; with these, 200 and 204,
-- about 6 ms of a key's backend time). The expressions are 0083's, word
-- for word, behind the owner.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX account_owner_portfolio_name ON account (owner_id,
	(name_key COLLATE "C"), id);
CREATE INDEX account_owner_portfolio_tier ON account (owner_id,
	((CASE tier WHEN 'strategic' THEN '0' WHEN 'key' THEN '1' ELSE '2' END
	|| name_key) COLLATE "C"), id);
