-- The sync's refresh after its last page (0062, shared by the lanes since
-- sync4) works out each stale account once (issue 10, the re-sync's speed).
--
-- Each lane refreshes a span of the accounts' ids, a batch of up to 1 000
-- stale accounts at a time from the span's start. A batch had no end but
-- its count: where few accounts are stale -- a re-sync, whose pages
-- drop only the accounts they touched -- the first lane's batch ran on
-- through the next lanes' spans, and the next lane, which had chosen its
-- own stale accounts at the same time, waited for that batch's row locks
-- and then worked the same accounts out again. With two lanes after a
-- re-sync of 100 000 changed orders (1 000 accounts touched, spread over
-- all ids) the refresh did half its work twice, one lane after the other.
--
-- Now a batch may be told where its span ends (p_until, NULL: no end), and
-- 0062's one-argument form is this with no end.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE FUNCTION portfolio_figures_refresh_after(p_after bigint,
    p_until bigint, OUT last_id bigint, OUT done integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	stale bigint[];
BEGIN
	SELECT array_agg(s.id ORDER BY s.id) INTO stale FROM (
		SELECT a.id FROM account a
		  LEFT JOIN portfolio_figure k ON k.account_id = a.id
		 WHERE a.id > p_after AND (p_until IS NULL OR a.id <= p_until)
		   AND (k.account_id IS NULL OR current_date NOT BETWEEN
		        k.kept_on AND k.valid_until)
		 ORDER BY a.id LIMIT 1000) s;
	done := coalesce(cardinality(stale), 0);
	IF stale IS NULL THEN
		RETURN;
	END IF;
	PERFORM FROM account WHERE id = ANY (stale) ORDER BY id
	    FOR NO KEY UPDATE;
	PERFORM portfolio_figures_recount(stale);
	last_id := stale[cardinality(stale)];
END
$$;
REVOKE ALL ON FUNCTION portfolio_figures_refresh_after(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portfolio_figures_refresh_after(bigint, bigint)
	TO kam_manager, kam_admin, kam_sync;

CREATE OR REPLACE FUNCTION portfolio_figures_refresh_after(p_after bigint,
    OUT last_id bigint, OUT done integer)
LANGUAGE sql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
	SELECT r.last_id, r.done FROM portfolio_figures_refresh_after(p_after, NULL) r
$$;
