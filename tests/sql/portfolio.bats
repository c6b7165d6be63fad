#!/usr/bin/env bats
# kam.portfolio and kam.portfolio_team (migration 0030) on the fixture,
# dated from today: revenue against target, the 24 months of orders and
# the growth, overdue invoices, the next condition, the talk, the last
# contact, complaints and cadence breaches; team totals only in the
# reporting currency, NULL where a rate is missing.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate)
VALUES ('USD', 'EUR', DATE '2020-01-01', 0.9);
UPDATE kam.account SET currency = 'SEK' WHERE erp_id = 'C2';
UPDATE kam.account_plan SET year = extract(year FROM current_date);
DELETE FROM kam.account_plan WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2');
UPDATE kam.account_plan SET annual_talk_on = current_date + 10
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
UPDATE kam.account_plan SET annual_talk_on = current_date, talk_held_on = current_date
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3');
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.due, v.amount, v.open, v.cur, 'open', now()
  FROM (VALUES ('I1', 'C1', current_date, current_date + 30, 40000, 0, 'EUR'),
               ('I2', 'C1', current_date, current_date, 10000, 10000, 'EUR'),
               ('I3', 'C1', current_date - 400, current_date - 370, 5000, 5000, 'EUR'),
               ('I4', 'C2', current_date, current_date + 30, 1000, 1000, 'SEK'))
       v (erp_id, acct, d, due, amount, open, cur)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.amount, v.cur, 'open', now()
  FROM (VALUES ('O1', current_date, 1000, 'EUR'),
               ('O2', current_date, 100, 'USD'),
               ('O3', (current_date - interval '1 year')::date, 800, 'EUR'),
               ('O4', (current_date - interval '3 years')::date, 999, 'EUR'))
       v (erp_id, d, amount, cur)
  JOIN kam.account a ON a.erp_id = 'C1';
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, feedback, author_id)
SELECT a.id, v.channel, v.subject, now() - v.ago, v.feedback, u.id
  FROM (VALUES ('call', 'Checked in', interval '5 days', 'none'),
               ('ticket', 'Pump broken', interval '1 day', 'complaint'))
       v (channel, subject, ago, feedback)
  JOIN kam.account a ON a.erp_id = 'C1' JOIN kam.app_user u ON u.role_name = 'anna';
INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
SELECT id, 'free_shipping', 'Freight included', DATE '2025-01-01', current_date + 20
  FROM kam.account WHERE erp_id = 'C1';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

row() {
	pg_as "$1" -F '|' -c "SELECT $2 FROM kam.portfolio WHERE erp_id = '$3'"
}

@test "revenue against the plan's target, each in the account's currency" {
	run row anna "currency, revenue_year, revenue_target, target_pct, revenue_reporting, target_reporting" C1
	[ "$output" = "EUR|50000.00|100000.00|50|50000.00|100000.00" ]
	run row anna "currency, revenue_year, revenue_reporting, missing_rate" C2
	[ "$output" = "SEK|1000.00||SEK" ]
}

@test "24 months of orders ending this month, other currencies at their rate; growth on the same days last year" {
	run row anna "array_length(months, 1), months[24], months[12], months[1], growth_pct" C1
	[ "$output" = "24|1090.00|800.00||36.3" ]
	run row anna "growth_pct IS NULL, months[24] IS NULL" C3
	[ "$output" = "t|t" ]
}

@test "overdue invoices, the next condition, the talk, the last contact, complaints and breaches" {
	run row anna "overdue_invoices, overdue_amount, condition_title, condition_ends_on - current_date, talk, talk_on - current_date, contact_days, open_complaints, breaches, breach_kinds" C1
	[ "$output" = "1|5000.00|Freight included|20|due|10|5|1|2|condition,talk" ]
	run row anna "talk, contact_days IS NULL" C3
	[ "$output" = "held|t" ]
	run row anna "talk" C2
	[ "$output" = "no plan" ]
}

@test "the figures equal a hand-made sum over the invoices" {
	run pg_as anna -At -c "SELECT count(*) FROM kam.portfolio p
	    WHERE p.revenue_year IS DISTINCT FROM (SELECT coalesce(sum(v.amount), 0)
	          FROM kam.erp_invoice v WHERE v.account_id = p.id AND NOT v.deleted
	           AND v.invoice_date >= date_trunc('year', current_date))
	       OR p.overdue_invoices <> (SELECT count(*) FROM kam.erp_invoice v
	          WHERE v.account_id = p.id AND v.open_amount <> 0 AND v.due_date < current_date)"
	[ "$output" = 0 ]
}

@test "team totals in the reporting currency; none where a rate is missing" {
	run pg_as anna -F '|' -c "SELECT team, reporting_currency, accounts, revenue, target, overdue, overdue_invoices, breaches > 0, missing_rate FROM kam.portfolio_team ORDER BY team"
	[ "${lines[0]}" = "north|EUR|2|50000.00|200000.00|5000.00|1|t|" ]
	[ "${lines[1]}" = "south|EUR|1||0||0|t|SEK" ]
}

@test "support may not read the portfolio (plans and invoices are not theirs)" {
	run pg_as sam -c "SELECT count(*) FROM kam.portfolio"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
}

@test "sparkline levels: 0 to 7 against the highest, a blank for no orders" {
	run pg_as anna -c "SELECT '[' || kam.spark_levels('{7,NULL,0,3.5,14,-2}') || ']',
	    '[' || kam.spark_levels('{0,0}') || ']', kam.spark_levels('{}') IS NULL"
	[ "$output" = "[4 0270]|[00]|t" ]
}
