-- The portfolio without a walk over every account (issue 17's speed).
--
-- kam.portfolio (0030) took the account's rate into the reporting
-- currency, for the target in it, from reporting_rate (0017), which
-- groups every account the caller may read by currency: a sequential
-- scan of all 100 000 generated accounts on every read, also of one
-- account (the brief's), about 190 ms of the 270 ms the view took for
-- one (bench/README.md, bench/run brief). The rate now comes out of
-- today's map of rates (as account_money's, 0022): worked out once a
-- query from the currencies the rate table names, looked up per account
-- by map_rate. The answers are exchange_rate_on()'s, as reporting_rate
-- gave them: 1 for the reporting currency itself, NULL for a currency
-- without a rate. reporting_rate stays as it is: the list's session
-- query asks it which of the accounts' currencies have no rate.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Today's rates of every currency the rate table names into the
-- reporting currency, keyed by the pair ('USDEUR'): [rate, valid_on]; for
-- map_rate and map_rate_day (0022). A currency with no rate is absent.
CREATE FUNCTION today_rate_map() RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT coalesce(jsonb_object_agg(c.currency || s.reporting_currency,
	           jsonb_build_array(x.rate, x.valid_on)), '{}')
	  FROM (SELECT r.currency FROM kam.exchange_rate r
	        UNION
	        SELECT r.quote FROM kam.exchange_rate r) c
	 CROSS JOIN kam.company_setting s
	 CROSS JOIN LATERAL kam.exchange_rate_on(c.currency,
	     s.reporting_currency, current_date) x
	 WHERE c.currency <> s.reporting_currency AND x.rate IS NOT NULL
$$;

CREATE OR REPLACE VIEW portfolio WITH (security_invoker = true) AS
WITH today AS MATERIALIZED (SELECT today_rate_map() AS map)
SELECT a.id, a.erp_id, a.name, a.tier, a.lifecycle, a.status, a.owner_id,
       o.role_name AS owner_role, o.display_name AS owner_name, a.team,
       a.currency, m.reporting_currency,
       m.revenue_year, p.revenue_target,
       CASE WHEN p.revenue_target > 0 AND m.revenue_year IS NOT NULL
            THEN round(m.revenue_year * 100 / p.revenue_target)::integer
       END AS target_pct,
       m.revenue_reporting,
       round(p.revenue_target * map_rate(d.map, a.currency,
           m.reporting_currency), 2) AS target_reporting,
       mo.months,
       CASE WHEN g.last_year > 0
            THEN round((g.this_year - g.last_year) * 100 / g.last_year, 1)
       END AS growth_pct,
       iv.overdue_invoices, m.overdue_amount, m.overdue_reporting,
       m.missing_rate,
       nc.valid_to AS condition_ends_on, nc.title AS condition_title,
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
       current_date - kam.last_contact(a.id)::date AS contact_days,
       fb.open_complaints,
       coalesce(br.breaches, 0) AS breaches, br.breach_kinds
  FROM account a
  LEFT JOIN app_user o ON o.id = a.owner_id
  LEFT JOIN cadence c ON c.tier = a.tier
  JOIN account_money m ON m.account_id = a.id
 CROSS JOIN today d
  LEFT JOIN account_plan p ON p.account_id = a.id
       AND p.year = extract(year FROM current_date)::integer
  LEFT JOIN (SELECT b.account_id, count(*) AS breaches,
                    string_agg(DISTINCT b.kind, ',') AS breach_kinds
               FROM cadence_breaches() b GROUP BY b.account_id) br
       ON br.account_id = a.id
 CROSS JOIN LATERAL (SELECT order_months(a.id, a.currency,
       (date_trunc('month', current_date) - interval '23 months')::date, 24)
       AS months) mo
 CROSS JOIN LATERAL (
	SELECT sum(round(x.amount * x.rate, 2)) FILTER (WHERE x.order_date >=
	           date_trunc('year', current_date)) AS this_year,
	       sum(round(x.amount * x.rate, 2)) FILTER (WHERE x.order_date <
	           date_trunc('year', current_date)) AS last_year
	  FROM (SELECT e.order_date, e.amount, CASE WHEN e.currency = a.currency
	               THEN 1 ELSE (SELECT r.rate FROM exchange_rate_on(e.currency,
	               a.currency, current_date) r) END AS rate
	          FROM erp_order e
	         WHERE e.account_id = a.id AND NOT e.deleted
	           AND ((e.order_date >= date_trunc('year', current_date)
	                 AND e.order_date <= current_date)
	             OR (e.order_date >= date_trunc('year', current_date) -
	                 interval '1 year'
	                 AND e.order_date <= current_date - interval '1 year'))) x
	) g
 CROSS JOIN LATERAL (
	SELECT count(*) AS overdue_invoices FROM erp_invoice v
	 WHERE v.account_id = a.id AND NOT v.deleted AND v.open_amount <> 0
	   AND v.due_date < current_date) iv
  LEFT JOIN LATERAL (
	SELECT w.valid_to, w.title FROM special_condition w
	 WHERE w.account_id = a.id AND w.valid_to >= current_date
	 ORDER BY w.valid_to, w.id LIMIT 1) nc ON true
 CROSS JOIN LATERAL (
	SELECT count(*) AS open_complaints FROM interaction i
	 WHERE i.account_id = a.id AND i.feedback = 'complaint'
	   AND i.complaint_closed_at IS NULL) fb;
