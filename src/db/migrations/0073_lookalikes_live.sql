-- Data quality, part 7 (issue 15, item 5): the door offers no tombstones.
--
-- kam.account_lookalikes (0057) offered merged accounts (0055: merged_into
-- set; they keep their name, city and VAT id so that their ERP id still
-- resolves) as look-alikes of an account being saved or of a customer the
-- sync brought: opening one leads to a churned account, and merging into
-- it is refused. The scan (0064) left them out already; the door now does
-- the same. Only the live accounts' side changes; the signals, points and
-- words are 0057's.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- see 0057: a function's SET of a pg_trgm setting needs its library loaded
DO $$ BEGIN PERFORM public.similarity('', ''); END $$;

CREATE OR REPLACE FUNCTION account_lookalikes(p_id bigint, p_name text,
    p_country text, p_city text, p_vat_id text)
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
	 WHERE b.merged_into IS NULL
	UNION ALL
	SELECT b.id, 60, format('same VAT id %s', k.vat)
	  FROM k
	  JOIN kam.account b ON b.vat_id_normal = k.vat
	 WHERE b.merged_into IS NULL
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
