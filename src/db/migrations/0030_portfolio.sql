-- The portfolio at a glance (issue 17, item 1): one row an account with
-- the figures a manager and a lead look at across accounts, and the
-- totals per team. Money is always with its currency: an account's
-- figures in its own currency, totals only in the reporting currency
-- (0017) and NULL where a rate is missing, never a sum across currencies.
--
-- Revenue against target is this year's invoiced revenue (account_money,
-- 0022) against this year's plan's revenue_target, both in the account's
-- currency. The 24 months and the growth come from the ERP's orders: the
-- months oldest first, ending with this one; growth compares this year up
-- to today with last year up to the same day.
--
-- Other figures (a quality score, tickets at risk, ...) do not go into
-- this view: each comes as a view of its own keyed by account_id, and
-- the portfolio's statement (src/domain/portfolio.c, portfolio_extras)
-- names it in one line, so issues add columns without touching others'.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Orders a month in the account's currency, from p_first's month on,
-- p_months of them; a month is NULL when an order in it is in a currency
-- without a rate to the account's.
CREATE FUNCTION order_months(p_account bigint, p_currency text,
    p_first date, p_months integer) RETURNS numeric[]
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT array_agg(m.total ORDER BY g.n)
	  FROM generate_series(0, p_months - 1) g (n)
	  LEFT JOIN (
		SELECT (extract(year FROM age(date_trunc('month', o.order_date),
		            date_trunc('month', p_first))) * 12 +
		        extract(month FROM age(date_trunc('month', o.order_date),
		            date_trunc('month', p_first))))::integer AS n,
		       CASE WHEN bool_and(r.rate IS NOT NULL)
		            THEN sum(round(o.amount * r.rate, 2)) END AS total
		  FROM kam.erp_order o
		 CROSS JOIN LATERAL (SELECT CASE WHEN o.currency = p_currency
		       THEN 1 ELSE (SELECT x.rate FROM kam.exchange_rate_on(
		       o.currency, p_currency, current_date) x) END AS rate) r
		 WHERE o.account_id = p_account AND NOT o.deleted
		   AND o.order_date >= date_trunc('month', p_first)
		   AND o.order_date < date_trunc('month', p_first) +
		       make_interval(months => p_months)
		 GROUP BY 1) m ON m.n = g.n
$$;

-- A sparkline's levels: one character a value, '0' (lowest) to '7'
-- (the highest of them), a space for a month without orders (or without
-- a rate); screens draw the levels as they can (block characters, or
-- ASCII), reports print them.
CREATE FUNCTION spark_levels(p_values numeric[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT string_agg(CASE WHEN v IS NULL THEN ' '
	           WHEN mx <= 0 THEN '0'
	           ELSE round(greatest(v, 0) * 7 / mx)::integer::text END,
	           '' ORDER BY n)
	  FROM unnest(p_values) WITH ORDINALITY u (v, n)
	 CROSS JOIN (SELECT max(x) AS mx FROM unnest(p_values) x) m
$$;

CREATE VIEW portfolio WITH (security_invoker = true) AS
SELECT a.id, a.erp_id, a.name, a.tier, a.lifecycle, a.status, a.owner_id,
       o.role_name AS owner_role, o.display_name AS owner_name, a.team,
       a.currency, m.reporting_currency,
       m.revenue_year, p.revenue_target,
       CASE WHEN p.revenue_target > 0 AND m.revenue_year IS NOT NULL
            THEN round(m.revenue_year * 100 / p.revenue_target)::integer
       END AS target_pct,
       m.revenue_reporting,
       round(p.revenue_target * rr.rate, 2) AS target_reporting,
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
  LEFT JOIN reporting_rate rr ON rr.currency = a.currency
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

-- Plans and invoices are the managers' and administrators' to read.
GRANT SELECT ON portfolio TO kam_manager, kam_admin;

-- Per team (no team: NULL) in the reporting currency: a total is NULL
-- when an account of the team has no rate, and missing_rate names one
-- such currency.
CREATE VIEW portfolio_team WITH (security_invoker = true) AS
SELECT p.team, min(p.reporting_currency) AS reporting_currency,
       count(*) AS accounts,
       CASE WHEN bool_and(p.revenue_reporting IS NOT NULL)
            THEN sum(p.revenue_reporting) END AS revenue,
       CASE WHEN bool_and(p.revenue_target IS NULL
                          OR p.target_reporting IS NOT NULL)
            THEN coalesce(sum(p.target_reporting), 0) END AS target,
       CASE WHEN bool_and(p.overdue_reporting IS NOT NULL)
            THEN sum(p.overdue_reporting) END AS overdue,
       sum(p.overdue_invoices) AS overdue_invoices,
       sum(p.open_complaints) AS open_complaints,
       sum(p.breaches) AS breaches,
       min(p.missing_rate) AS missing_rate
  FROM portfolio p
 GROUP BY p.team;

GRANT SELECT ON portfolio_team TO kam_manager, kam_admin;
