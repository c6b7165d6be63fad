-- Cadence alarms (issue 17, item 2): per tier, how often a key account
-- must be contacted and how many days ahead its annual talk, its contract
-- renewal and an expiring special condition must be raised. The settings
-- are data, shared by everyone and changed by administrators; the
-- breaches are computed here once, for the portfolio, the agenda and
-- kam --due alike.
--
-- A contract is the account's service level agreement: its renewal is due
-- when the latest SLA ends (valid_to) and nothing follows it.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- NULL days: that tier is not watched for that kind. The id is for the
-- audit log, which keys its rows by one.
CREATE TABLE cadence (
	id		bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
	tier		text PRIMARY KEY
			CHECK (tier IN ('strategic', 'key', 'standard')),
	contact_days	integer CHECK (contact_days BETWEEN 1 AND 3660),
	talk_days	integer CHECK (talk_days BETWEEN 0 AND 366),
	renewal_days	integer CHECK (renewal_days BETWEEN 0 AND 3660),
	condition_days	integer CHECK (condition_days BETWEEN 0 AND 3660),
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cadence (tier, contact_days, talk_days, renewal_days, condition_days)
VALUES ('strategic', 30, 60, 90, 60),
       ('key', 60, 45, 60, 45),
       ('standard', 120, 30, 30, 30);

CREATE TRIGGER touch BEFORE UPDATE ON cadence
	FOR EACH ROW EXECUTE FUNCTION touch_versioned();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON cadence
	FOR EACH ROW EXECUTE FUNCTION audit();

-- Everyone reads; administrators change the days (the tiers are fixed by
-- account.tier's CHECK, so rows are neither added nor removed).
ALTER TABLE cadence ENABLE ROW LEVEL SECURITY;
ALTER TABLE cadence FORCE ROW LEVEL SECURITY;
REVOKE ALL ON cadence FROM PUBLIC;
GRANT SELECT ON cadence TO kam_manager, kam_support, kam_admin, kam_sync;
CREATE POLICY everyone_read ON cadence FOR SELECT
	TO kam_manager, kam_support, kam_admin, kam_sync USING (true);
GRANT UPDATE (contact_days, talk_days, renewal_days, condition_days)
	ON cadence TO kam_admin;
CREATE POLICY kam_admin_update ON cadence FOR UPDATE TO kam_admin
	USING (true) WITH CHECK (true);

-- When the customer was last spoken to, up to p_on: an entry of the
-- history that is neither an internal note nor one of support's tickets.
-- The one definition the cadence and the portfolio share.
CREATE FUNCTION last_contact(p_account bigint, p_on date DEFAULT current_date)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT max(i.occurred_at) FROM kam.interaction i
	 WHERE i.account_id = p_account AND i.channel <> 'ticket'
	   AND i.direction <> 'internal' AND i.occurred_at::date <= p_on
$$;

-- Every breach on p_on of the accounts the caller may read, churned ones
-- aside: due is the day the alarm started (the contact's deadline, or the
-- talk's, renewal's or condition's day less its days ahead), on the day
-- of the thing itself; subject_id is the plan, SLA or condition concerned
-- (NULL for contact); a contact as last_contact() says. PL/pgSQL as
-- agenda_items() (0018), so that roles that may not read plans (support)
-- get the other kinds instead of an error.
CREATE FUNCTION cadence_breaches(p_on date DEFAULT current_date)
RETURNS TABLE (account_id bigint, account text, tier text, owner_id bigint,
    team text, kind text, due date, on_day date, subject_id bigint,
    what text)
LANGUAGE plpgsql STABLE
SET jit = off
AS $$
BEGIN
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'contact'::text,
	       d.last + c.contact_days, d.last + c.contact_days, NULL::bigint,
	       CASE WHEN d.contacted IS NULL THEN 'never contacted'
	            ELSE 'no contact since ' || d.contacted END
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	 CROSS JOIN LATERAL (
		SELECT l.at::date AS contacted, coalesce(l.at, a.created_at)::date AS last
		  FROM (SELECT kam.last_contact(a.id, p_on) AS at) l) d
	 WHERE a.status <> 'churned' AND d.last + c.contact_days <= p_on;

	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'renewal'::text,
	       s.valid_to - c.renewal_days, s.valid_to, s.id,
	       CASE WHEN s.valid_to < p_on THEN 'SLA ' || s.name || ' ended '
	            ELSE 'SLA ' || s.name || ' ends ' END || s.valid_to
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	 CROSS JOIN LATERAL (
		SELECT l.id, l.name, l.valid_to FROM kam.service_level l
		 WHERE l.account_id = a.id
		 ORDER BY l.valid_to DESC NULLS FIRST, l.id DESC LIMIT 1) s
	 WHERE a.status <> 'churned' AND s.valid_to - c.renewal_days <= p_on;

	-- a condition followed by one of the same kind and title is renewed
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'condition'::text,
	       w.valid_to - c.condition_days, w.valid_to, w.id,
	       w.title || ' ends ' || w.valid_to
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	  JOIN kam.special_condition w ON w.account_id = a.id
	 WHERE a.status <> 'churned' AND w.valid_to >= p_on
	   AND w.valid_to - c.condition_days <= p_on
	   AND NOT EXISTS (SELECT 1 FROM kam.special_condition n
	                    WHERE n.account_id = a.id AND n.kind = w.kind
	                      AND n.title = w.title AND n.valid_from > w.valid_to);

	IF NOT has_table_privilege('kam.account_plan', 'SELECT') THEN
		RETURN;
	END IF;
	-- this year's talk: on its day, else by the year's end; none once
	-- held or with the plan closed; a missing plan is a talk to arrange
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'talk'::text,
	       t.day - c.talk_days, t.day, p.id,
	       CASE WHEN p.id IS NULL THEN 'no plan for ' || extract(year FROM p_on)
	            WHEN p.annual_talk_on IS NULL THEN 'annual talk not scheduled'
	            WHEN t.day < p_on THEN 'annual talk overdue since ' || t.day
	            ELSE 'annual talk on ' || t.day END
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	  LEFT JOIN kam.account_plan p ON p.account_id = a.id
	       AND p.year = extract(year FROM p_on)::integer
	 CROSS JOIN LATERAL (SELECT coalesce(p.annual_talk_on,
	       make_date(extract(year FROM p_on)::integer, 12, 31)) AS day) t
	 WHERE a.status <> 'churned' AND t.day - c.talk_days <= p_on
	   AND (p.id IS NULL OR (p.talk_held_on IS NULL AND p.status <> 'closed'));
END
$$;
REVOKE EXECUTE ON FUNCTION cadence_breaches(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadence_breaches(date)
	TO kam_manager, kam_support, kam_admin;
