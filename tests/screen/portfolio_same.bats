#!/usr/bin/env bats
# The portfolio's figures three ways (issue 17, "figures on the screen
# equal the report's and a hand-made SQL's"): the statement the client
# itself sends for p (taken from the server's log with its parameters and
# run again as the same login), kam --report portfolio -f csv, and SQL
# written here by hand over the ERP's rows, for three accounts with
# invoices in cents, orders over two years and in a second currency. The
# talk and the alarms are the report's on the hand-made line (their rules
# are tests/sql/portfolio.bats's and cadence.bats's).

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate)
VALUES ('USD', 'EUR', DATE '2020-01-01', 0.9);
UPDATE kam.account_plan SET year = extract(year FROM current_date);
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.due, v.amount, v.open, a.currency, 'open', now()
  FROM (VALUES ('S1', 'C1', current_date, current_date + 30, 40000.49, 0),
               ('S2', 'C1', current_date - 40, current_date - 10, 1234.56, 1234.56),
               ('S3', 'C2', current_date - 70, current_date - 40, 999.50, 500.51),
               ('S4', 'C3', current_date - 400, current_date - 370, 77.77, 77.77))
       v (erp_id, acct, d, due, amount, open)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT 'SO' || v.acct || g, a.id, 'SO' || g,
       (current_date - (g || ' months')::interval)::date,
       v.base * (g + 1) + 0.25, CASE WHEN g % 5 = 0 THEN 'USD' ELSE 'EUR' END, 'open', now()
  FROM (VALUES ('C1', 100), ('C2', 37), ('C3', 5)) v (acct, base)
  JOIN kam.account a ON a.erp_id = v.acct
 CROSS JOIN generate_series(0, 23, 2) g;
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, feedback, author_id)
SELECT a.id, v.channel, v.subject, now() - v.ago, v.feedback, u.id
  FROM (VALUES ('C1', 'call', 'Checked in', interval '5 days', 'none'),
               ('C2', 'ticket', 'Pump broken', interval '1 day', 'complaint'),
               ('C3', 'visit', 'Saw them', interval '12 days', 'complaint'))
       v (acct, channel, subject, ago, feedback)
  JOIN kam.account a ON a.erp_id = v.acct JOIN kam.app_user u ON u.role_name = 'anna';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	export PGUSER=anna
}

teardown() {
	screen_stop
}

@test "the screen's own statement, the report and a hand-made SQL give the same figures" {
	pg_test_direct_only "log_statement is set for a login's new sessions; PgBouncer lends sessions it started before"
	local size stmt args
	q "ALTER ROLE anna SET log_statement = 'all'" >/dev/null
	size=$(stat -c %s "$PG_TEST_DIR/log")
	screen_start
	screen_keys p
	screen_wait "Portfolio: row 1 of"
	screen_stop
	q "ALTER ROLE anna RESET log_statement" >/dev/null
	tail -c +$((size + 1)) "$PG_TEST_DIR/log" > "$BATS_TEST_TMPDIR/log"
	# the client's portfolio statement (one line) and the parameters the
	# server logged with it, each quoted as SQL
	stmt=$(grep -o 'execute <unnamed>: WITH teams AS MATERIALIZED .* FROM kam.portfolio p .*' \
	    "$BATS_TEST_TMPDIR/log" | tail -n 1 | sed 's/^execute <unnamed>: //')
	args=$(grep -A1 -F 'FROM kam.portfolio p ' "$BATS_TEST_TMPDIR/log" |
	    grep -o 'DETAIL:  parameters: .*' | tail -n 1 |
	    sed 's/^DETAIL:  parameters: //; s/\$[0-9]* = //g')
	[ -n "$stmt" ]
	[ -n "$args" ]
	"$KAM" --report portfolio -f csv --no-header --raw --columns \
	    account_erp_id,revenue,target,target_pct,growth_pct,overdue_invoices,overdue,condition_ends_on,talk,talk_on,contact_days,complaints,alarms \
	    > "$BATS_TEST_TMPDIR/report.csv"
	run psql -X -q -v ON_ERROR_STOP=1 -At -F '|' <<SQL
PREPARE screen AS $stmt;
CREATE TEMP TABLE screen AS EXECUTE screen ($args);
CREATE TEMP TABLE report (erp_id text, revenue numeric, target numeric,
    target_pct integer, growth numeric, overdue_invoices integer,
    overdue numeric, condition_ends date, talk text, talk_on date,
    contact_days integer, complaints integer, alarms integer);
\copy report FROM '$BATS_TEST_TMPDIR/report.csv' csv
-- by hand: the ERP's rows, today, the one rate the fixture has (USD 0.9)
CREATE TEMP TABLE hand AS
SELECT a.erp_id,
       (SELECT coalesce(sum(v.amount), 0) FROM kam.erp_invoice v
         WHERE v.account_id = a.id AND NOT v.deleted
           AND v.invoice_date >= date_trunc('year', current_date)) AS revenue,
       p.revenue_target AS target,
       (SELECT count(*) FROM kam.erp_invoice v WHERE v.account_id = a.id
           AND NOT v.deleted AND v.open_amount <> 0
           AND v.due_date < current_date) AS overdue_invoices,
       (SELECT coalesce(sum(v.open_amount), 0) FROM kam.erp_invoice v
         WHERE v.account_id = a.id AND NOT v.deleted
           AND v.due_date < current_date) AS overdue,
       (SELECT sum(round(o.amount * CASE o.currency WHEN 'USD' THEN 0.9 ELSE 1 END, 2))
          FROM kam.erp_order o WHERE o.account_id = a.id AND NOT o.deleted
           AND o.order_date BETWEEN date_trunc('year', current_date)::date
               AND current_date) AS this_year,
       (SELECT sum(round(o.amount * CASE o.currency WHEN 'USD' THEN 0.9 ELSE 1 END, 2))
          FROM kam.erp_order o WHERE o.account_id = a.id AND NOT o.deleted
           AND o.order_date BETWEEN (date_trunc('year', current_date) - interval '1 year')::date
               AND (current_date - interval '1 year')::date) AS last_year,
       (SELECT array_agg((SELECT sum(round(o.amount * CASE o.currency WHEN 'USD'
                   THEN 0.9 ELSE 1 END, 2)) FROM kam.erp_order o
                 WHERE o.account_id = a.id AND NOT o.deleted
                   AND date_trunc('month', o.order_date) = m) ORDER BY m)
          FROM generate_series(date_trunc('month', current_date) - interval '23 months',
               date_trunc('month', current_date), interval '1 month') m) AS months,
       (SELECT min(w.valid_to) FROM kam.special_condition w
         WHERE w.account_id = a.id AND w.valid_to >= current_date) AS condition_ends,
       coalesce(p.talk_held_on, p.annual_talk_on) AS talk_on,
       current_date - (SELECT max(i.occurred_at) FROM kam.interaction i
         WHERE i.account_id = a.id AND i.channel <> 'ticket'
           AND i.direction <> 'internal')::date AS contact_days,
       (SELECT count(*) FROM kam.interaction i WHERE i.account_id = a.id
           AND i.feedback = 'complaint' AND i.complaint_closed_at IS NULL) AS complaints
  FROM kam.account a
  LEFT JOIN kam.account_plan p ON p.account_id = a.id
       AND p.year = extract(year FROM current_date)
 WHERE a.erp_id IN ('C1', 'C2', 'C3');
SELECT h.erp_id,
       concat_ws(' ', s.revenue, s.target, s.target_pct, s.spark, s.growth,
           s.overdue_invoices, s.overdue, s.condition_ends, s.talk, s.talk_on,
           s.contact_days, s.complaints, s.breaches) AS screen,
       concat_ws(' ', round(r.revenue), r.target, r.target_pct,
           kam.spark_levels(h.months), r.growth, r.overdue_invoices,
           round(r.overdue), r.condition_ends, r.talk, r.talk_on,
           r.contact_days, r.complaints, r.alarms) AS report,
       concat_ws(' ', round(h.revenue), h.target,
           round(h.revenue * 100 / nullif(h.target, 0))::integer,
           kam.spark_levels(h.months),
           CASE WHEN h.last_year > 0
                THEN round((h.this_year - h.last_year) * 100 / h.last_year, 1) END,
           h.overdue_invoices, round(h.overdue), h.condition_ends, r.talk,
           h.talk_on, h.contact_days, h.complaints, r.alarms) AS hand
  FROM hand h
  LEFT JOIN screen s ON s.erp_id = h.erp_id
  LEFT JOIN report r ON r.erp_id = h.erp_id
 ORDER BY h.erp_id;
SQL
	printf '%s\n' "$output"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	local erp screen report hand
	for line in "${lines[@]}"; do
		IFS='|' read -r erp screen report hand <<<"$line"
		[ -n "$screen" ]
		[ "$screen" = "$report" ]
		[ "$screen" = "$hand" ]
	done
	# not vacuous: C1 has revenue, a target, and a growth
	[[ "${lines[0]}" =~ ^C1\|[1-9][0-9]*\ 100000.00\ [0-9]+\ .*\ -?[0-9]+\.[0-9]\  ]]
}
