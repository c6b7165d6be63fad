-- The sync's pages tell the listeners "TABLE *" at once (issue 10,
-- finding 7: the first sync's speed).
--
-- 0031's notify_rows() told the accounts of an order or invoice statement
-- one by one through notify_one() until the transaction had told 100,
-- and only then "TABLE *". A page of the sync (1 000 orders of as many
-- accounts) thus made 100 plpgsql calls and 100 NOTIFYs that the "*"
-- after them made worthless: a client reads every screen of the table on
-- "*" anyway. In EXPLAIN ANALYZE of one page's apply statement that was
-- about a fifth of its execution time.
--
-- Now the statement's accounts are counted first (up to one more than
-- the transaction may still name): when they fit, each is told as before;
-- when not, "TABLE *" alone. A statement of a few accounts (a user's
-- change, an incremental page) reads exactly as before.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE OR REPLACE FUNCTION notify_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
DECLARE
	told text := current_setting('kam.changes_told', true);
	room integer := 100 - CASE WHEN told ~ '^[0-9]{1,6}$'
	                           THEN least(told::integer, 100) ELSE 0 END;
	accts bigint[];
BEGIN
	SELECT array_agg(s.account_id) INTO accts
	  FROM (SELECT DISTINCT account_id FROM changed LIMIT room + 1) s;
	IF cardinality(accts) > room THEN
		PERFORM pg_notify('kam_change', TG_TABLE_NAME || ' *');
	ELSIF accts IS NOT NULL THEN
		PERFORM kam.notify_one(TG_TABLE_NAME::text, a) FROM unnest(accts) a;
	END IF;
	RETURN NULL;
END
$$;
