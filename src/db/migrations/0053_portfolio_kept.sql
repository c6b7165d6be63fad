-- The portfolio's per-account figures kept, not worked out on every read
-- (issue 17's speed: anna's first page took 15 to 17 s on the generated
-- 100 000 accounts).
--
-- kam.portfolio (0030, 0044, 0045) worked out for every account it may
-- show, before sorting and paging, the 24 months of orders (order_months),
-- the growth against last year, the invoices' money (account_money), the
-- overdue invoices, the next condition and the last contact: on 100 000
-- accounts some 14 s for the money, 17 s for the months and 9 s for the
-- last contact (psql, load 200). These depend on the ERP's orders and
-- invoices, the conditions, the entries, the account's currency, the
-- rates and the day. So they are kept here, one row an account, worked
-- out as of one day (kept_on) and marked with the last day on which that
-- answer still holds (valid_until): the end of the month (the 24 months
-- move), the day before the next order this month or in the same month
-- last year enters the growth, the next open invoice's due day (it falls
-- overdue the day after), the end of the next condition, the day before
-- the next rate takes effect. The last contact is kept as the last entry
-- of any day; a reader whose day comes before it asks again, as the
-- cadence does (0045).
--
-- A row is used only on the days it holds for, in the reader's zone
-- (current_date); otherwise, or when there is no row, the view works the
-- account's figures out as before (portfolio_figures_of, the same
-- definitions), so a stale row costs time, never a wrong figure.
--
-- Statement triggers keep the rows: a statement that touches a few
-- accounts (up to 64) works theirs out again at once; a bulk statement
-- (the sync's pages of 1 000 orders) only drops theirs, which costs the
-- sync a table lock and a delete, not the figures. A change of
-- rates or of the reporting currency drops every row.
-- kam.portfolio_figures_refresh() works out again every account whose
-- row is missing or no longer holds today: after a sync, a rate import,
-- and once a day (cron). kam.portfolio_figures_rebuild() starts over.
--
-- 0045's view stays as kam.portfolio_computed, the reference
-- tests/sql/portfolio_kept.bats holds the kept answer to.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The functions below run as the owner and read these (the others,
-- account, interaction, special_condition, have such a policy already).
CREATE POLICY kam_owner_read ON erp_order FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_read ON erp_invoice FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_read ON exchange_rate FOR SELECT TO kam_owner USING (true);

-- 0045's kam.portfolio as it was: the reference.
ALTER VIEW portfolio RENAME TO portfolio_computed;

-- The figures of the given accounts as of today, as portfolio_computed
-- works them out (the account's currency, today's rates), and the last
-- day this answer holds. last_at is the last contact of any day.
CREATE FUNCTION portfolio_figures_of(p_accounts bigint[])
RETURNS TABLE (account_id bigint, valid_until date, revenue_year numeric,
    revenue_reporting numeric, overdue_amount numeric,
    overdue_reporting numeric, missing_rate text, months numeric[],
    growth_pct numeric, overdue_invoices bigint, condition_ends_on date,
    condition_title text, last_at timestamptz)
LANGUAGE sql STABLE
AS $$
	SELECT a.id,
	       least((date_trunc('month', current_date) + interval '1 month')::date - 1,
	             nx.this_month - 1, (nx.last_year + interval '1 year')::date - 1,
	             iv.next_due, nc.valid_to, rt.next_rate - 1),
	       m.revenue_year, m.revenue_reporting, m.overdue_amount,
	       m.overdue_reporting, m.missing_rate,
	       kam.order_months(a.id, a.currency,
	           (date_trunc('month', current_date) - interval '23 months')::date, 24),
	       CASE WHEN g.last_year > 0
	            THEN round((g.this_year - g.last_year) * 100 / g.last_year, 1)
	       END,
	       iv.overdue_invoices, nc.valid_to, nc.title, lc.at
	  FROM kam.account a
	 -- OFFSET 0 keeps the view apart, so that a.id reaches it as a value
	 -- (as the list's join, src/domain/account_list.c): joined, it worked
	 -- out every account's money for each one asked for
	 CROSS JOIN LATERAL (SELECT * FROM kam.account_money x
	        WHERE x.account_id = a.id OFFSET 0) m
	 CROSS JOIN LATERAL (
		SELECT sum(round(x.amount * x.rate, 2)) FILTER (WHERE x.order_date >=
		           date_trunc('year', current_date)) AS this_year,
		       sum(round(x.amount * x.rate, 2)) FILTER (WHERE x.order_date <
		           date_trunc('year', current_date)) AS last_year
		  FROM (SELECT e.order_date, e.amount, CASE WHEN e.currency = a.currency
		               THEN 1 ELSE (SELECT r.rate FROM kam.exchange_rate_on(e.currency,
		               a.currency, current_date) r) END AS rate
		          FROM kam.erp_order e
		         WHERE e.account_id = a.id AND NOT e.deleted
		           AND ((e.order_date >= date_trunc('year', current_date)
		                 AND e.order_date <= current_date)
		             OR (e.order_date >= date_trunc('year', current_date) -
		                 interval '1 year'
		                 AND e.order_date <= current_date - interval '1 year'))) x
		) g
	 -- the next orders to enter the growth: later this month, and later
	 -- in the same month last year
	 CROSS JOIN LATERAL (
		SELECT (SELECT min(e.order_date) FROM kam.erp_order e
		         WHERE e.account_id = a.id AND NOT e.deleted
		           AND e.order_date > current_date
		           AND e.order_date < date_trunc('month', current_date) +
		               interval '1 month') AS this_month,
		       (SELECT min(e.order_date) FROM kam.erp_order e
		         WHERE e.account_id = a.id AND NOT e.deleted
		           AND e.order_date > current_date - interval '1 year'
		           AND e.order_date < date_trunc('month', current_date) -
		               interval '11 months') AS last_year
		) nx
	 CROSS JOIN LATERAL (
		SELECT count(*) FILTER (WHERE v.due_date < current_date) AS overdue_invoices,
		       min(v.due_date) FILTER (WHERE v.due_date >= current_date) AS next_due
		  FROM kam.erp_invoice v
		 WHERE v.account_id = a.id AND NOT v.deleted AND v.open_amount <> 0) iv
	  LEFT JOIN LATERAL (
		SELECT w.valid_to, w.title FROM kam.special_condition w
		 WHERE w.account_id = a.id AND w.valid_to >= current_date
		 ORDER BY w.valid_to, w.id LIMIT 1) nc ON true
	 CROSS JOIN LATERAL (
		SELECT max(i.occurred_at) AS at FROM kam.interaction i
		 WHERE i.account_id = a.id AND i.channel <> 'ticket'
		   AND i.direction <> 'internal') lc
	 CROSS JOIN (SELECT min(r.valid_on) AS next_rate FROM kam.exchange_rate r
	              WHERE r.valid_on > current_date) rt
	 WHERE a.id = ANY (p_accounts)
$$;

-- kept_on: the day the row was worked out; it holds up to valid_until.
CREATE TABLE portfolio_figure (
	account_id	bigint PRIMARY KEY REFERENCES account ON DELETE CASCADE,
	kept_on		date NOT NULL,
	valid_until	date NOT NULL,
	revenue_year	numeric,
	revenue_reporting numeric,
	overdue_amount	numeric,
	overdue_reporting numeric,
	missing_rate	text,
	months		numeric[],
	growth_pct	numeric,
	overdue_invoices bigint NOT NULL,
	condition_ends_on date,
	condition_title	text,
	last_at		timestamptz
);

-- Read by whoever may read the account, as cadence_alarm (0045); written
-- only by the owner (the functions below).
ALTER TABLE portfolio_figure ENABLE ROW LEVEL SECURITY;
ALTER TABLE portfolio_figure FORCE ROW LEVEL SECURITY;
REVOKE ALL ON portfolio_figure FROM PUBLIC;
GRANT SELECT ON portfolio_figure TO kam_manager, kam_admin;
CREATE POLICY kam_owner_keep ON portfolio_figure FOR ALL TO kam_owner
	USING (true) WITH CHECK (true);
CREATE POLICY account_readable ON portfolio_figure FOR SELECT
	USING (EXISTS (SELECT FROM kam.account a WHERE a.id = account_id OFFSET 0));

-- Works the given accounts' rows out again, as of today.
CREATE FUNCTION portfolio_figures_recount(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	DELETE FROM portfolio_figure WHERE account_id = ANY (accounts);
	INSERT INTO portfolio_figure
	SELECT f.account_id, current_date, f.valid_until, f.revenue_year,
	       f.revenue_reporting, f.overdue_amount, f.overdue_reporting,
	       f.missing_rate, f.months, f.growth_pct, f.overdue_invoices,
	       f.condition_ends_on, f.condition_title, f.last_at
	  FROM portfolio_figures_of(accounts) f;
END
$$;

-- A few accounts are locked (in id order, as cadence_alarms_keep_accounts
-- does: one writer of an account's row at a time, each seeing what the
-- one before committed) and worked out again. Many only lose their rows,
-- under a table lock instead of thousands of row locks: it waits for a
-- recount under way (whose delete holds ROW EXCLUSIVE) and makes one that
-- starts later wait until this transaction ends, so that no row worked
-- out without this statement's changes is kept.
CREATE FUNCTION portfolio_figures_keep_accounts(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF accounts IS NULL THEN
		RETURN;
	ELSIF cardinality(accounts) <= 64 THEN
		PERFORM FROM account WHERE id = ANY (accounts) ORDER BY id
		    FOR NO KEY UPDATE;
		PERFORM portfolio_figures_recount(accounts);
	ELSE
		LOCK TABLE portfolio_figure IN SHARE ROW EXCLUSIVE MODE;
		DELETE FROM portfolio_figure WHERE account_id = ANY (accounts);
	END IF;
END
$$;

-- Once a statement, from its transition tables: the accounts whose rows
-- came, went, or changed in a column the figures read. TG_ARGV[0] names
-- the account's column, the others those columns (program text from the
-- CREATE TRIGGER below, never data). cadence_alarms_keep (0045) does the
-- same for its keeper; transition tables are seen only by the trigger's
-- own function, so the two cannot share one.
CREATE FUNCTION portfolio_figures_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	acc text := TG_ARGV[0];
	cols text[] := TG_ARGV[1:];
	touched bigint[];
BEGIN
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

DO $$
DECLARE
	t record;
	op text;
BEGIN
	FOR t IN VALUES
	    ('erp_order', 'account_id', 'account_id, order_date, amount, currency, deleted'),
	    ('erp_invoice', 'account_id', 'account_id, invoice_date, due_date, amount, open_amount, currency, deleted'),
	    ('special_condition', 'account_id', 'account_id, valid_to, title'),
	    ('interaction', 'account_id', 'account_id, occurred_at, channel, direction'),
	    ('account', 'id', 'currency')
	LOOP
		FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
			CONTINUE WHEN t.column1 = 'account' AND op = 'delete';
			EXECUTE format('CREATE TRIGGER portfolio_figures_keep_%1$s AFTER %2$s ON %3$I '
			    'REFERENCING %4$s FOR EACH STATEMENT '
			    'EXECUTE FUNCTION portfolio_figures_keep(%5$L, %6$s)',
			    op, upper(op), t.column1,
			    CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows'
			            WHEN 'delete' THEN 'OLD TABLE AS old_rows'
			            ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
			    t.column2,
			    (SELECT string_agg(quote_literal(trim(c)), ', ')
			       FROM unnest(string_to_array(t.column3, ',')) c));
		END LOOP;
	END LOOP;
END
$$;

-- Rates and the reporting currency reach every account's money: every
-- row goes, under the table lock of a bulk statement (above).
CREATE FUNCTION portfolio_figures_drop_all() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	LOCK TABLE portfolio_figure IN SHARE ROW EXCLUSIVE MODE;
	DELETE FROM portfolio_figure;
	RETURN NULL;
END
$$;
CREATE TRIGGER portfolio_figures_drop_all AFTER INSERT OR UPDATE OR DELETE
	ON exchange_rate FOR EACH STATEMENT
	EXECUTE FUNCTION portfolio_figures_drop_all();
CREATE TRIGGER portfolio_figures_drop_all AFTER UPDATE OF reporting_currency
	ON company_setting FOR EACH STATEMENT
	EXECUTE FUNCTION portfolio_figures_drop_all();

-- Every account whose row is missing or no longer holds today, in
-- batches of 1 000 (a lock and a recount each): for after a sync, a rate
-- import, and once a day. Returns how many were worked out.
CREATE FUNCTION portfolio_figures_refresh() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	stale bigint[];
	done bigint := 0;
	last_id bigint := 0;
BEGIN
	LOOP
		SELECT array_agg(s.id ORDER BY s.id) INTO stale FROM (
			SELECT a.id FROM account a
			  LEFT JOIN portfolio_figure k ON k.account_id = a.id
			 WHERE a.id > last_id
			   AND (k.account_id IS NULL OR current_date NOT BETWEEN
			        k.kept_on AND k.valid_until)
			 ORDER BY a.id LIMIT 1000) s;
		EXIT WHEN stale IS NULL;
		PERFORM FROM account WHERE id = ANY (stale) ORDER BY id
		    FOR NO KEY UPDATE;
		PERFORM portfolio_figures_recount(stale);
		done := done + cardinality(stale);
		last_id := stale[cardinality(stale)];
	END LOOP;
	RETURN done;
END
$$;

-- Every account's, from scratch: for this migration and for loads that
-- skipped the triggers (tests/gen/load, replica mode).
CREATE FUNCTION portfolio_figures_rebuild() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	LOCK TABLE portfolio_figure IN SHARE ROW EXCLUSIVE MODE;
	DELETE FROM portfolio_figure;
	n := portfolio_figures_refresh();
	ANALYZE portfolio_figure;
	RETURN n;
END
$$;

REVOKE ALL ON FUNCTION portfolio_figures_of(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portfolio_figures_of(bigint[]) TO kam_manager, kam_admin;
REVOKE ALL ON FUNCTION portfolio_figures_recount(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION portfolio_figures_keep_accounts(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION portfolio_figures_rebuild() FROM PUBLIC;
REVOKE ALL ON FUNCTION portfolio_figures_refresh() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portfolio_figures_refresh() TO kam_manager, kam_admin, kam_sync;
SELECT portfolio_figures_rebuild();

-- The portfolio as 0045 gave it, its per-account figures from the kept
-- row where that holds today, else worked out as before (one account at
-- a time, portfolio_figures_of). Columns, names and types as 0045's.
CREATE VIEW portfolio WITH (security_invoker = true) AS
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
       fb.open_complaints,
       coalesce(br.breaches, 0) AS breaches, br.breach_kinds
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
	       k.last_at
	 WHERE k.account_id IS NOT NULL
	UNION ALL
	SELECT x.revenue_year, x.revenue_reporting, x.overdue_amount,
	       x.overdue_reporting, x.missing_rate, x.months, x.growth_pct,
	       x.overdue_invoices, x.condition_ends_on, x.condition_title,
	       x.last_at
	  FROM portfolio_figures_of(ARRAY[a.id]) x
	 WHERE k.account_id IS NULL
	) f
  LEFT JOIN LATERAL (
	SELECT count(*) AS breaches, string_agg(DISTINCT b.kind, ',') AS breach_kinds
	  FROM (SELECT k.kind FROM cadence_alarm k
	         WHERE k.account_id = a.id
	           AND cadence_alarm_due(k, current_date) IS NOT NULL
	        UNION ALL
	        SELECT 'talk' WHERE p.id IS NULL AND a.status <> 'churned'
	           AND cadence_no_plan_due(c.talk_days, current_date) IS NOT NULL) b
	) br ON true
 CROSS JOIN LATERAL (
	SELECT count(*) AS open_complaints FROM interaction i
	 WHERE i.account_id = a.id AND i.feedback = 'complaint'
	   AND i.complaint_closed_at IS NULL) fb;

GRANT SELECT ON portfolio TO kam_manager, kam_admin;

-- portfolio_team (0030) read the view by name, which now is the
-- reference; it reads the kept one again, as it was defined.
CREATE OR REPLACE VIEW portfolio_team WITH (security_invoker = true) AS
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
