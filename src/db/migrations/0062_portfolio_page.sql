-- The portfolio's first page without working out every line first
-- (issue 17's speed: anna's 16 554 accounts took 5.3 s at load 20 with
-- 0053's kept figures).
--
-- 0053's view still counted each account's open complaints from the
-- 5 million entries and looked up its cadence alarms, for every account it
-- could show, before the screen sorted them and took a page. Now:
--
-- * the open complaints are kept in portfolio_figure with the other
--   figures (an entry's feedback or its complaint's closing day moves
--   them, so the entries' update trigger watches those columns too);
-- * the alarms are a subquery of their own in the view's select list,
--   which PostgreSQL leaves out when a statement does not read the
--   column: the screen reads them for the lines of its page (and for
--   every line only when it sorts by them);
-- * 0053's statement trigger returns at once for a statement that changed
--   no row (the sync's pages that matched nothing), before its dynamic
--   statement.
--
-- Columns, names, types and values of kam.portfolio are 0053's;
-- tests/sql/portfolio_kept.bats holds them to kam.portfolio_computed.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE portfolio_figure ADD COLUMN open_complaints bigint NOT NULL DEFAULT 0;
UPDATE portfolio_figure k SET open_complaints = c.n
  FROM (SELECT i.account_id, count(*) AS n FROM interaction i
         WHERE i.feedback = 'complaint' AND i.complaint_closed_at IS NULL
         GROUP BY i.account_id) c
 WHERE c.account_id = k.account_id;

-- An account's open complaints, as 0053's view counted them.
CREATE FUNCTION portfolio_open_complaints(p_account bigint)
RETURNS bigint
LANGUAGE sql STABLE
AS $$
	SELECT count(*) FROM kam.interaction i
	 WHERE i.account_id = p_account AND i.feedback = 'complaint'
	   AND i.complaint_closed_at IS NULL
$$;
REVOKE ALL ON FUNCTION portfolio_open_complaints(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portfolio_open_complaints(bigint) TO kam_manager, kam_admin;

CREATE OR REPLACE FUNCTION portfolio_figures_recount(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	DELETE FROM portfolio_figure WHERE account_id = ANY (accounts);
	INSERT INTO portfolio_figure (account_id, kept_on, valid_until,
	    revenue_year, revenue_reporting, overdue_amount, overdue_reporting,
	    missing_rate, months, growth_pct, overdue_invoices,
	    condition_ends_on, condition_title, last_at, open_complaints)
	SELECT f.account_id, current_date, f.valid_until, f.revenue_year,
	       f.revenue_reporting, f.overdue_amount, f.overdue_reporting,
	       f.missing_rate, f.months, f.growth_pct, f.overdue_invoices,
	       f.condition_ends_on, f.condition_title, f.last_at,
	       portfolio_open_complaints(f.account_id)
	  FROM portfolio_figures_of(accounts) f;
END
$$;

-- 0053's keeper, returning at once when its transition table is empty.
CREATE OR REPLACE FUNCTION portfolio_figures_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	acc text := TG_ARGV[0];
	cols text[] := TG_ARGV[1:];
	touched bigint[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM FROM old_rows LIMIT 1;
	ELSE
		PERFORM FROM new_rows LIMIT 1;
	END IF;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', acc)
		   INTO touched;
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', acc)
		   INTO touched;
	ELSE
		EXECUTE format($q$
		SELECT array_agg(DISTINCT x.id)
		  FROM old_rows o JOIN new_rows n ON n.id = o.id
		 CROSS JOIN LATERAL (VALUES (o.%1$I), (n.%1$I)) x (id)
		 WHERE ROW(%2$s) IS DISTINCT FROM ROW(%3$s)$q$, acc,
		    (SELECT string_agg('o.' || quote_ident(c), ', ') FROM unnest(cols) c),
		    (SELECT string_agg('n.' || quote_ident(c), ', ') FROM unnest(cols) c))
		   INTO touched;
	END IF;
	PERFORM portfolio_figures_keep_accounts(touched);
	RETURN NULL;
END
$$;

-- An entry's feedback and its complaint's closing move the count.
DROP TRIGGER portfolio_figures_keep_update ON interaction;
CREATE TRIGGER portfolio_figures_keep_update AFTER UPDATE ON interaction
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION portfolio_figures_keep('account_id',
	    'account_id', 'occurred_at', 'channel', 'direction', 'feedback',
	    'complaint_closed_at');

-- 0053's view, the open complaints from the kept row, the alarms in the
-- select list (left out where not read).
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
       AND p.year = extract(year FROM current_date)::integer
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

-- One batch of kam.portfolio_figures_refresh(): up to 1 000 accounts
-- after p_after (by id) whose row is missing or no longer holds today,
-- worked out again; the last one's id (NULL: none left) and how many. The
-- sync calls it until NULL, each batch its own transaction, so that its
-- locks on the accounts are held for one batch, not for all of them.
CREATE FUNCTION portfolio_figures_refresh_after(p_after bigint,
    OUT last_id bigint, OUT done integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	stale bigint[];
BEGIN
	SELECT array_agg(s.id ORDER BY s.id) INTO stale FROM (
		SELECT a.id FROM account a
		  LEFT JOIN portfolio_figure k ON k.account_id = a.id
		 WHERE a.id > p_after
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
REVOKE ALL ON FUNCTION portfolio_figures_refresh_after(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portfolio_figures_refresh_after(bigint)
	TO kam_manager, kam_admin, kam_sync;

-- 0053's refresh, all batches in one transaction, through the same batch.
CREATE OR REPLACE FUNCTION portfolio_figures_refresh() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	b record;
	total bigint := 0;
	after bigint := 0;
BEGIN
	LOOP
		b := portfolio_figures_refresh_after(after);
		EXIT WHEN b.last_id IS NULL;
		total := total + b.done;
		after := b.last_id;
	END LOOP;
	RETURN total;
END
$$;
