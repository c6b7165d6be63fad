-- The portfolio's work that had one answer a statement, done once a
-- statement (issue 17's speed; bench/README.md "The portfolio measured",
-- pf4, and pf5's section).
--
-- * The kept rows' visibility. portfolio_figure (0053) and cadence_alarm
--   (0045) show a kept row to whoever may read its account, by asking
--   account for that row: an index probe a row, 200 062 of the 223 597
--   buffers the portfolio of every account touched. Every role kam
--   grants account to reads all of it (0003: USING (true)), so for them
--   the question has one answer for the whole statement.
--   kam.reads_every_account() gives it, from the catalogue, as an
--   InitPlan of the policy, and the probe runs only where it is false: a
--   reader with a restrictive policy on account (a site's own, as
--   tests/sql/portfolio_kept.bats 12 adds one), or with no policy that
--   reads every row, still has each kept row asked for.
-- * This year's plan. 0062's view joined it on extract(year FROM
--   current_date)::integer, worked out for each of the 160 000 plans the
--   join scans; now once.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- True when the current user reads every row of kam.account: row-level
-- security does not apply to them, or no restrictive policy for reading
-- applies and a permissive one reads every row (USING (true)). A policy
-- applies to a role the user is a member of (MEMBER: the wider, for the
-- restrictive ones) or has the rights of (USAGE: the narrower, for the
-- permissive); a doubt answers false, which costs the probe, never a
-- row shown.
CREATE FUNCTION reads_every_account() RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT has_table_privilege('kam.account', 'SELECT')
	   AND (NOT row_security_active('kam.account')
	        OR (NOT EXISTS (SELECT FROM pg_catalog.pg_policy p
	             WHERE p.polrelid = 'kam.account'::regclass
	               AND NOT p.polpermissive AND p.polcmd IN ('r', '*')
	               AND EXISTS (SELECT FROM unnest(p.polroles) r
	                    WHERE CASE WHEN r = 0 THEN true
	                          ELSE pg_has_role(r, 'MEMBER') END))
	            AND EXISTS (SELECT FROM pg_catalog.pg_policy p
	             WHERE p.polrelid = 'kam.account'::regclass
	               AND p.polpermissive AND p.polcmd IN ('r', '*')
	               AND pg_get_expr(p.polqual, p.polrelid) = 'true'
	               AND EXISTS (SELECT FROM unnest(p.polroles) r
	                    WHERE CASE WHEN r = 0 THEN true
	                          ELSE pg_has_role(r, 'USAGE') END))))
$$;
REVOKE ALL ON FUNCTION reads_every_account() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reads_every_account()
	TO kam_manager, kam_support, kam_admin, kam_sync;

-- (SELECT ...) is an InitPlan: worked out once, and OR asks the probe
-- only when it is false. The probe is 0053's and 0045's as they were.
ALTER POLICY account_readable ON portfolio_figure
	USING ((SELECT kam.reads_every_account())
	       OR EXISTS (SELECT FROM kam.account a WHERE a.id = account_id OFFSET 0));
ALTER POLICY account_readable ON cadence_alarm
	USING ((kind <> 'talk' OR has_table_privilege('kam.account_plan', 'SELECT'))
	       AND ((SELECT kam.reads_every_account())
	            OR EXISTS (SELECT FROM kam.account a WHERE a.id = account_id OFFSET 0)));

-- 0062's view; this year's plan joined on the year worked out once (an
-- InitPlan). Columns, names, types and values as 0062's.
CREATE OR REPLACE VIEW portfolio WITH (security_invoker = true) AS
WITH today AS MATERIALIZED (SELECT today_rate_map() AS map,
    reporting_currency() AS reporting)
SELECT a.id, a.erp_id, a.name, a.tier, a.lifecycle, a.status, a.owner_id,
       o.role_name AS owner_role, o.display_name AS owner_name, a.team,
       a.currency, d.reporting AS reporting_currency,
       f.revenue_year, p.revenue_target,
       CASE WHEN p.revenue_target > 0 AND f.revenue_year IS NOT NULL
            THEN round(f.revenue_year * 100 / p.revenue_target)::integer
       END AS target_pct,
       f.revenue_reporting,
       round(p.revenue_target * map_rate(d.map, a.currency,
           d.reporting), 2) AS target_reporting,
       f.months, f.growth_pct,
       f.overdue_invoices, f.overdue_amount, f.overdue_reporting,
       f.missing_rate,
       f.condition_ends_on, f.condition_title,
       CASE WHEN p.id IS NULL THEN 'no plan'
            WHEN p.talk_held_on IS NOT NULL THEN 'held'
            WHEN p.status = 'closed' THEN 'closed'
            WHEN p.annual_talk_on < current_date THEN 'overdue'
            WHEN coalesce(p.annual_talk_on, make_date(extract(year FROM
                 current_date)::integer, 12, 31)) - c.talk_days <= current_date
                 THEN 'due'
            WHEN p.annual_talk_on IS NULL THEN 'not set'
            ELSE 'planned' END AS talk,
       coalesce(p.talk_held_on, p.annual_talk_on) AS talk_on,
       current_date - (CASE WHEN f.last_at::date > current_date
            THEN kam.last_contact(a.id) ELSE f.last_at END)::date AS contact_days,
       f.open_complaints,
       (SELECT count(*) FROM (SELECT FROM cadence_alarm k
	         WHERE k.account_id = a.id
	           AND cadence_alarm_due(k, current_date) IS NOT NULL
	        UNION ALL
	        SELECT WHERE p.id IS NULL AND a.status <> 'churned'
	           AND cadence_no_plan_due(c.talk_days, current_date) IS NOT NULL) b
	) AS breaches,
       (SELECT string_agg(DISTINCT b.kind, ',')
	  FROM (SELECT k.kind FROM cadence_alarm k
	         WHERE k.account_id = a.id
	           AND cadence_alarm_due(k, current_date) IS NOT NULL
	        UNION ALL
	        SELECT 'talk' WHERE p.id IS NULL AND a.status <> 'churned'
	           AND cadence_no_plan_due(c.talk_days, current_date) IS NOT NULL) b
	) AS breach_kinds
  FROM account a
  LEFT JOIN app_user o ON o.id = a.owner_id
  LEFT JOIN cadence c ON c.tier = a.tier
 CROSS JOIN today d
  LEFT JOIN account_plan p ON p.account_id = a.id
       AND p.year = (SELECT extract(year FROM current_date)::integer)
  LEFT JOIN portfolio_figure k ON k.account_id = a.id
       AND current_date BETWEEN k.kept_on AND k.valid_until
 CROSS JOIN LATERAL (
	SELECT k.revenue_year, k.revenue_reporting, k.overdue_amount,
	       k.overdue_reporting, k.missing_rate, k.months, k.growth_pct,
	       k.overdue_invoices, k.condition_ends_on, k.condition_title,
	       k.last_at, k.open_complaints
	 WHERE k.account_id IS NOT NULL
	UNION ALL
	SELECT x.revenue_year, x.revenue_reporting, x.overdue_amount,
	       x.overdue_reporting, x.missing_rate, x.months, x.growth_pct,
	       x.overdue_invoices, x.condition_ends_on, x.condition_title,
	       x.last_at, portfolio_open_complaints(a.id)
	  FROM portfolio_figures_of(ARRAY[a.id]) x
	 WHERE k.account_id IS NULL
	) f;
