-- Data quality, part 5 (issue 15, items 3 and 5): duplicates kept out at
-- the door.
--
-- kam.account_lookalikes(id, name, country, city, vat_id)
--     the accounts that look like one with these values (the account
--     being saved, or a customer the sync just brought): names alike
--     (pg_trgm similarity of the folded names, at least 0.6, through
--     0052's trigram index) in the same country or city, or the same
--     normalised VAT id (0052's index); the account itself and the pairs
--     marked "not a duplicate" left out. Score and reasons are worded as
--     kam.duplicate_accounts() words them, from these two signals (an
--     account being typed has no contacts to compare yet). One indexed
--     statement: the account form asks it before saving, the sync after
--     it applied the customers.
--
-- Runs with the rights of whoever calls it (row-level security applies):
-- managers and administrators, and the sync.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- pg_trgm's settings exist once its library is loaded in the session;
-- before that a function's SET of one is refused to a role that is not a
-- superuser (a migration run that starts here, after 0052's index loaded
-- it in an earlier session). A call loads it.
DO $$ BEGIN PERFORM public.similarity('', ''); END $$;

CREATE FUNCTION account_lookalikes(p_id bigint, p_name text, p_country text,
    p_city text, p_vat_id text)
RETURNS TABLE (other_id bigint, name text, city text, score integer,
    reasons text)
LANGUAGE sql STABLE
-- the trigram index finds the names at least this alike, and only those
SET pg_trgm.similarity_threshold = 0.6
AS $$
WITH k AS (
	SELECT kam.fold(p_name) AS name_key, kam.vat_normal(p_vat_id) AS vat
), signals (id, points, reason) AS (
	SELECT b.id, round(50 * public.similarity(k.name_key, b.name_key))::int,
	       format('names %s %% alike',
	              round(100 * public.similarity(k.name_key, b.name_key)))
	  FROM k
	  JOIN kam.account b ON b.name_key OPERATOR(public.%) k.name_key
	   AND (b.country = p_country OR b.city = p_city)
	UNION ALL
	SELECT b.id, 60, format('same VAT id %s', k.vat)
	  FROM k
	  JOIN kam.account b ON b.vat_id_normal = k.vat
)
SELECT s.id, a.name, a.city, least(100, sum(s.points))::int,
       string_agg(s.reason, '; ' ORDER BY s.points DESC, s.reason)
  FROM signals s
  JOIN kam.account a ON a.id = s.id
 WHERE s.id IS DISTINCT FROM p_id
   AND NOT EXISTS (SELECT FROM kam.not_duplicate n WHERE n.kind = 'account'
                      AND n.low_id = least(p_id, s.id)
                      AND n.high_id = greatest(p_id, s.id))
 GROUP BY s.id, a.name, a.city
$$;

-- the sync reads the pairs marked "not a duplicate" to leave them out
GRANT SELECT ON not_duplicate TO kam_sync;
CREATE POLICY kam_sync_read ON not_duplicate FOR SELECT TO kam_sync
	USING (true);

REVOKE ALL ON FUNCTION account_lookalikes(bigint, text, text, text, text)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_lookalikes(bigint, text, text, text, text)
	TO kam_manager, kam_admin, kam_sync;
