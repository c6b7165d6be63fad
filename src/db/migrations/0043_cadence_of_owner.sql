-- The cadence's alarms of one owner's accounts (issue 18, finding 7).
--
-- The agenda (and kam --due) shows the alarms of the user's own accounts,
-- but took them from cadence_breaches() (0029), which works out every
-- account the user may read and was filtered by owner afterwards: on the
-- generated 100 000 accounts 6.8 s a page for sam (support reads all of
-- them and owns none) and 8.9 s for anna, beside 60 to 120 ms for the
-- agenda's own items (bench/run tui). Here the owner is asked for first,
-- through account_owner's index. The one-argument function stays, as all
-- owners' alarms.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The alarms of p_owner's accounts; NULL: of every account the caller may
-- read, as before.
CREATE FUNCTION cadence_breaches(p_on date, p_owner bigint)
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
	 WHERE a.status <> 'churned'
	   AND (p_owner IS NULL OR a.owner_id = p_owner) AND d.last + c.contact_days <= p_on;

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
	 WHERE a.status <> 'churned'
	   AND (p_owner IS NULL OR a.owner_id = p_owner) AND s.valid_to - c.renewal_days <= p_on;

	-- a condition followed by one of the same kind and title is renewed
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'condition'::text,
	       w.valid_to - c.condition_days, w.valid_to, w.id,
	       w.title || ' ends ' || w.valid_to
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	  JOIN kam.special_condition w ON w.account_id = a.id
	 WHERE a.status <> 'churned'
	   AND (p_owner IS NULL OR a.owner_id = p_owner) AND w.valid_to >= p_on
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
	 WHERE a.status <> 'churned'
	   AND (p_owner IS NULL OR a.owner_id = p_owner) AND t.day - c.talk_days <= p_on
	   AND (p.id IS NULL OR (p.talk_held_on IS NULL AND p.status <> 'closed'));
END
$$;
REVOKE EXECUTE ON FUNCTION cadence_breaches(date, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadence_breaches(date, bigint)
	TO kam_manager, kam_support, kam_admin;

CREATE OR REPLACE FUNCTION cadence_breaches(p_on date DEFAULT current_date)
RETURNS TABLE (account_id bigint, account text, tier text, owner_id bigint,
    team text, kind text, due date, on_day date, subject_id bigint,
    what text)
LANGUAGE sql STABLE
AS $$
	SELECT * FROM kam.cadence_breaches(p_on, NULL)
$$;
