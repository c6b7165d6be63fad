-- Data quality, part 6 (issue 15, items 3 and "Speed"): the duplicate
-- scan leaves merged tombstones out.
--
-- A tombstone (0055: an account or contact with merged_into set) keeps
-- its name, city and VAT id so that its ERP id still resolves, and was
-- thus paired again with its winner's look-alikes. The pair of winner
-- and loser itself is marked "not a duplicate" by the merge; every other
-- pair of a tombstone is noise, and merging it would be refused.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

DO $$ BEGIN PERFORM public.similarity('', ''); END $$;

CREATE OR REPLACE FUNCTION duplicate_accounts()
RETURNS TABLE (account_id bigint, other_id bigint, score integer, reasons text)
LANGUAGE sql STABLE
-- the trigram index finds the names at least this alike, and only those
SET pg_trgm.similarity_threshold = 0.6
AS $$
WITH live AS (
	SELECT a.id, a.name_key, a.country, a.city, a.vat_id_normal
	  FROM kam.account a WHERE a.merged_into IS NULL
), domains AS (
	SELECT d.account_id, d.domain, count(*) OVER (PARTITION BY d.domain) AS users
	  FROM (SELECT DISTINCT c.account_id, lower(split_part(c.email, '@', 2)) AS domain
	          FROM kam.contact c JOIN live a ON a.id = c.account_id
	         WHERE c.active AND c.email IS NOT NULL) d
), phones AS (
	SELECT DISTINCT c.account_id, c.phone_e164
	  FROM kam.contact c JOIN live a ON a.id = c.account_id
	 WHERE c.active AND c.phone_e164 IS NOT NULL
), signals (low_id, high_id, points, reason) AS (
	SELECT a.id, b.id, round(50 * public.similarity(a.name_key, b.name_key))::int,
	       format('names %s %% alike', round(100 * public.similarity(a.name_key, b.name_key)))
	  FROM kam.account a
	  JOIN kam.account b ON b.name_key OPERATOR(public.%) a.name_key
	   AND b.id > a.id AND (b.country = a.country OR b.city = a.city)
	 WHERE a.merged_into IS NULL AND b.merged_into IS NULL
	UNION ALL
	SELECT a.id, b.id, 60, format('same VAT id %s', a.vat_id_normal)
	  FROM live a
	  JOIN live b ON b.vat_id_normal = a.vat_id_normal AND b.id > a.id
	 WHERE a.vat_id_normal IS NOT NULL
	UNION ALL
	SELECT x.account_id, y.account_id, 20, format('same e-mail domain %s', x.domain)
	  FROM domains x
	  JOIN domains y ON y.domain = x.domain AND y.account_id > x.account_id
	 WHERE x.users <= 3
	UNION ALL
	SELECT x.account_id, y.account_id, 30, format('same phone %s', x.phone_e164)
	  FROM phones x
	  JOIN phones y ON y.phone_e164 = x.phone_e164 AND y.account_id > x.account_id
)
SELECT s.low_id, s.high_id, least(100, sum(s.points))::int,
       string_agg(s.reason, '; ' ORDER BY s.points DESC, s.reason)
  FROM signals s
 WHERE NOT EXISTS (SELECT FROM kam.not_duplicate n WHERE n.kind = 'account'
                      AND n.low_id = s.low_id AND n.high_id = s.high_id)
 GROUP BY s.low_id, s.high_id
$$;

-- Contacts: merged ones are inactive already (0055); said here as well.
-- Each contact's name is folded once, not once for every other contact
-- of its account it is compared with.
CREATE OR REPLACE FUNCTION duplicate_contacts()
RETURNS TABLE (contact_id bigint, other_id bigint, score integer, reasons text)
LANGUAGE sql STABLE
AS $$
WITH live AS (
	SELECT c.id, c.account_id, c.name, c.email, c.phone_e164
	  FROM kam.contact c WHERE c.active AND c.merged_into IS NULL
), names AS (
	SELECT c.id, c.account_id, kam.fold(c.name) AS name_key FROM live c
), signals (low_id, high_id, points, reason) AS (
	SELECT x.id, y.id, 60, format('same e-mail %s', lower(x.email))
	  FROM live x
	  JOIN live y ON lower(y.email) = lower(x.email) AND y.id > x.id
	 WHERE x.email IS NOT NULL
	UNION ALL
	SELECT x.id, y.id, 40, format('same phone %s', x.phone_e164)
	  FROM live x
	  JOIN live y ON y.phone_e164 = x.phone_e164 AND y.id > x.id
	UNION ALL
	SELECT x.id, y.id, round(50 * l.alike)::int,
	       format('names %s %% alike on one account', round(100 * l.alike))
	  FROM names x
	  JOIN names y ON y.account_id = x.account_id AND y.id > x.id
	 CROSS JOIN LATERAL (SELECT public.similarity(x.name_key, y.name_key)
	                         AS alike) l
	 WHERE l.alike >= 0.6
)
SELECT s.low_id, s.high_id, least(100, sum(s.points))::int,
       string_agg(s.reason, '; ' ORDER BY s.points DESC, s.reason)
  FROM signals s
 WHERE NOT EXISTS (SELECT FROM kam.not_duplicate n WHERE n.kind = 'contact'
                      AND n.low_id = s.low_id AND n.high_id = s.high_id)
 GROUP BY s.low_id, s.high_id
$$;
