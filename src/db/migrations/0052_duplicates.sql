-- Data quality, part 4 (issue 15, item 3): candidate duplicates, found by
-- blocked candidate generation (an index lookup per account or contact,
-- never all pairs), each pair with a score and its reasons in words, and
-- the pairs someone marked "not a duplicate", which stay quiet.
--
-- kam.duplicate_accounts()  pairs of accounts (account_id < other_id):
--     names alike (pg_trgm similarity of the folded names, at least 0.6,
--     through a trigram index) in the same country or city; the same
--     normalised VAT id; the same e-mail domain among their active
--     contacts, of a domain at most three accounts use (a mail provider's
--     is no sign); the same phone number (E.164) of active contacts
-- kam.duplicate_contacts()  pairs of active contacts: the same e-mail
--     address (case aside), the same phone number (E.164), names alike
--     (at least 0.6) on the same account
-- kam.not_duplicate          the pairs marked "not a duplicate", audited
--
-- Points: VAT id 60, e-mail address 60, phone 30 (contacts: 40), e-mail
-- domain 20, names alike half their likeness (92 % alike: 46); a pair's
-- score is their sum, at most 100. The functions run with the rights of
-- whoever calls them (row-level security applies); managers and
-- administrators call them, support may not.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX account_name_key_trgm ON account USING gin (name_key gin_trgm_ops);
CREATE INDEX account_vat_id_normal ON account (vat_id_normal)
	WHERE vat_id_normal IS NOT NULL;
CREATE INDEX contact_phone_e164 ON contact (phone_e164)
	WHERE phone_e164 IS NOT NULL AND active;
-- Contacts by e-mail and by its domain: 0048's contact_email and
-- contact_email_domain (every contact with an e-mail, active or not).

CREATE TABLE not_duplicate (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind IN ('account', 'contact')),
	low_id		bigint NOT NULL,
	high_id		bigint NOT NULL,
	note		text,
	marked_by	bigint REFERENCES app_user DEFAULT my_user_id(),
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT pair_in_order CHECK (low_id < high_id),
	UNIQUE (kind, low_id, high_id)
);
CREATE TRIGGER touch BEFORE UPDATE ON not_duplicate
	FOR EACH ROW EXECUTE FUNCTION touch_versioned();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON not_duplicate
	FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE not_duplicate ENABLE ROW LEVEL SECURITY;
ALTER TABLE not_duplicate FORCE ROW LEVEL SECURITY;
REVOKE ALL ON not_duplicate FROM PUBLIC;
GRANT SELECT, DELETE ON not_duplicate TO kam_manager, kam_admin;
GRANT INSERT (kind, low_id, high_id, note), UPDATE (note)
	ON not_duplicate TO kam_manager, kam_admin;

-- A manager marks and unmarks the pairs of which one side is an account
-- of theirs or their team's (as they may write it); administrators any.
CREATE FUNCTION duplicate_pair_mine(p_kind text, p_low bigint, p_high bigint)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
SELECT EXISTS (SELECT FROM kam.account a
                WHERE (a.owner_id = kam.my_user_id() OR a.team = kam.my_team())
                  AND a.id IN (SELECT CASE p_kind WHEN 'account' THEN v.id
                                      ELSE (SELECT c.account_id FROM kam.contact c
                                             WHERE c.id = v.id) END
                                 FROM (VALUES (p_low), (p_high)) v (id)))
$$;
CREATE POLICY everyone_read ON not_duplicate FOR SELECT
	TO kam_manager, kam_admin USING (true);
CREATE POLICY kam_manager_write ON not_duplicate FOR ALL TO kam_manager
	USING (duplicate_pair_mine(kind, low_id, high_id))
	WITH CHECK (duplicate_pair_mine(kind, low_id, high_id));
CREATE POLICY kam_admin_write ON not_duplicate FOR ALL TO kam_admin
	USING (true) WITH CHECK (true);

CREATE FUNCTION duplicate_accounts()
RETURNS TABLE (account_id bigint, other_id bigint, score integer, reasons text)
LANGUAGE sql STABLE
-- the trigram index finds the names at least this alike, and only those
SET pg_trgm.similarity_threshold = 0.6
AS $$
WITH domains AS (
	SELECT d.account_id, d.domain, count(*) OVER (PARTITION BY d.domain) AS users
	  FROM (SELECT DISTINCT c.account_id, lower(split_part(c.email, '@', 2)) AS domain
	          FROM kam.contact c WHERE c.active AND c.email IS NOT NULL) d
), phones AS (
	SELECT DISTINCT c.account_id, c.phone_e164
	  FROM kam.contact c WHERE c.active AND c.phone_e164 IS NOT NULL
), signals (low_id, high_id, points, reason) AS (
	SELECT a.id, b.id, round(50 * public.similarity(a.name_key, b.name_key))::int,
	       format('names %s %% alike', round(100 * public.similarity(a.name_key, b.name_key)))
	  FROM kam.account a
	  JOIN kam.account b ON b.name_key OPERATOR(public.%) a.name_key
	   AND b.id > a.id AND (b.country = a.country OR b.city = a.city)
	UNION ALL
	SELECT a.id, b.id, 60, format('same VAT id %s', a.vat_id_normal)
	  FROM kam.account a
	  JOIN kam.account b ON b.vat_id_normal = a.vat_id_normal AND b.id > a.id
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

CREATE FUNCTION duplicate_contacts()
RETURNS TABLE (contact_id bigint, other_id bigint, score integer, reasons text)
LANGUAGE sql STABLE
AS $$
WITH signals (low_id, high_id, points, reason) AS (
	SELECT x.id, y.id, 60, format('same e-mail %s', lower(x.email))
	  FROM kam.contact x
	  JOIN kam.contact y ON lower(y.email) = lower(x.email) AND y.id > x.id
	   AND y.active AND y.email IS NOT NULL
	 WHERE x.active AND x.email IS NOT NULL
	UNION ALL
	SELECT x.id, y.id, 40, format('same phone %s', x.phone_e164)
	  FROM kam.contact x
	  JOIN kam.contact y ON y.phone_e164 = x.phone_e164 AND y.id > x.id
	   AND y.active
	 WHERE x.active AND x.phone_e164 IS NOT NULL
	UNION ALL
	SELECT x.id, y.id, round(50 * l.alike)::int,
	       format('names %s %% alike on one account', round(100 * l.alike))
	  FROM kam.contact x
	  JOIN kam.contact y ON y.account_id = x.account_id AND y.id > x.id AND y.active
	 CROSS JOIN LATERAL (SELECT public.similarity(kam.fold(x.name),
	                                              kam.fold(y.name)) AS alike) l
	 WHERE x.active AND l.alike >= 0.6
)
SELECT s.low_id, s.high_id, least(100, sum(s.points))::int,
       string_agg(s.reason, '; ' ORDER BY s.points DESC, s.reason)
  FROM signals s
 WHERE NOT EXISTS (SELECT FROM kam.not_duplicate n WHERE n.kind = 'contact'
                      AND n.low_id = s.low_id AND n.high_id = s.high_id)
 GROUP BY s.low_id, s.high_id
$$;

REVOKE ALL ON FUNCTION duplicate_accounts(), duplicate_contacts(),
	duplicate_pair_mine(text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duplicate_accounts(), duplicate_contacts()
	TO kam_manager, kam_admin;
GRANT EXECUTE ON FUNCTION duplicate_pair_mine(text, bigint, bigint)
	TO kam_manager, kam_admin;
