#!/usr/bin/env bats
# kam --report portfolio|cadence|expiring|talks: each report's rows equal
# a hand-written statement's over the fixture, dated from today; the
# portfolio's figures are those kam.portfolio gives the :portfolio screen
# for the same login; --team filters; text, CSV and JSON; -o; the formula
# guard (--raw to compare with psql) and control characters; a wrong
# name is a usage error.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate)
VALUES ('USD', 'EUR', DATE '2020-01-01', 0.9);
UPDATE kam.account_plan SET year = extract(year FROM current_date);
-- C1 (key, anna, north): a talk in 10 days, 45 days' notice has run
UPDATE kam.account_plan SET annual_talk_on = current_date + 10
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
-- C3 (david, north): held today
UPDATE kam.account_plan SET annual_talk_on = current_date, talk_held_on = current_date
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3');
-- C2 (bo, south): no plan this year, and a name a terminal must not obey
DELETE FROM kam.account_plan WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2');
UPDATE kam.account SET name = E'\303\205hl\303\251ns \033[31mAB' WHERE erp_id = 'C2';
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.due, v.amount, v.open, 'EUR', 'open', now()
  FROM (VALUES ('I1', 'C1', current_date, current_date + 30, 40000, 0),
               ('I3', 'C1', current_date - 400, current_date - 370, 5000, 5000))
       v (erp_id, acct, d, due, amount, open)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.amount, v.cur, 'open', now()
  FROM (VALUES ('O1', current_date, 1000, 'EUR'),
               ('O2', current_date, 100, 'USD'),
               ('O3', (current_date - interval '1 year')::date, 800, 'EUR'))
       v (erp_id, d, amount, cur)
  JOIN kam.account a ON a.erp_id = 'C1';
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, feedback, author_id)
SELECT a.id, v.channel, v.subject, now() - v.ago, v.feedback, u.id
  FROM (VALUES ('call', 'Checked in', interval '5 days', 'none'),
               ('ticket', 'Pump broken', interval '1 day', 'complaint'))
       v (channel, subject, ago, feedback)
  JOIN kam.account a ON a.erp_id = 'C1' JOIN kam.app_user u ON u.role_name = 'anna';
INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
SELECT a.id, 'free_shipping', v.title, DATE '2025-01-01', current_date + v.days
  FROM (VALUES ('C1', 'Freight included', 20), ('C2', '=SUM(A1)', 3),
               ('C3', 'Ended', -1)) v (acct, title, days)
  JOIN kam.account a ON a.erp_id = v.acct;
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	export PGUSER=anna
}

day() { date -d "$1 days" +%F; }

# sql QUERY: its rows as CSV, as anna
sql() {
	pg_as anna -c "COPY ($1) TO STDOUT WITH (FORMAT csv)"
}

@test "portfolio: the rows of kam.portfolio as the screen reads it, by team and name" {
	run --separate-stderr "$KAM" --report portfolio -f csv --no-header --raw
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$output" = "$(sql "SELECT id, erp_id, name, tier, status, owner_role,
	    team, currency, reporting_currency, revenue_year, revenue_reporting,
	    revenue_target, target_reporting, target_pct, growth_pct,
	    overdue_invoices, overdue_amount, overdue_reporting, condition_ends_on,
	    condition_title, talk, talk_on, contact_days, open_complaints, breaches,
	    breach_kinds FROM kam.portfolio ORDER BY team, kam.fold(name), id")" ]
}

@test "portfolio: C1's figures by hand, and those the screen's statement shows" {
	run --separate-stderr "$KAM" --report portfolio --account C1 -f csv --no-header \
	    --columns revenue,target,target_pct,growth_pct,overdue_invoices,overdue,condition_ends_on,condition,talk,talk_on,contact_days,complaints,alarms,alarm_kinds
	[ "$status" -eq 0 ]
	[ "$output" = "40000.00,100000.00,40,36.3,1,5000.00,$(day 20),Freight included,due,$(day 10),5,1,2,\"condition,talk\"" ]
}

@test "cadence: today's alarms of every account, as kam.cadence_breaches tells them" {
	run --separate-stderr "$KAM" --report cadence -f csv --no-header --raw
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -ge 2 ]
	[ "$output" = "$(sql "SELECT a.id, a.erp_id, a.name, a.tier, u.role_name,
	    a.team, b.kind, b.due, b.on_day, b.what
	    FROM kam.cadence_breaches(current_date, NULL, NULL) b
	    JOIN kam.account a ON a.id = b.account_id
	    JOIN kam.app_user u ON u.id = a.owner_id
	    ORDER BY b.due, kam.fold(a.name), a.id, b.kind, b.subject_id")" ]
}

@test "expiring: the conditions not yet ended, soonest first, formulas neutralised" {
	run --separate-stderr "$KAM" --report expiring -f csv --no-header \
	    --columns account_erp_id,title,valid_to,days_left
	[ "$status" -eq 0 ]
	[ "$output" = "C2,'=SUM(A1),$(day 3),3
C1,Freight included,$(day 20),20" ]
	run --separate-stderr "$KAM" --report expiring -f csv --no-header --columns id
	[ "$output" = "$(sql "SELECT s.id FROM kam.special_condition s
	    WHERE s.valid_to >= current_date ORDER BY s.valid_to, s.id")" ]
}

@test "talks: the portfolio's talk of each account, the most pressing first" {
	run --separate-stderr "$KAM" --report talks -f csv --no-header --columns account_erp_id,talk,talk_on
	[ "$status" -eq 0 ]
	[ "$output" = "C1,due,$(day 10)
C2,no plan,
C3,held,$(day 0)" ]
}

@test "--team, --owner and --tier choose the accounts" {
	run --separate-stderr "$KAM" --report portfolio --team south -f csv --no-header --columns account_erp_id
	[ "$output" = "C2" ]
	run --separate-stderr "$KAM" --report talks --team north -f csv --no-header --columns account_erp_id
	[ "$output" = "C1
C3" ]
	run --separate-stderr "$KAM" --report expiring --owner anna -f csv --no-header --columns account_erp_id
	[ "$output" = "C1" ]
	run --separate-stderr "$KAM" --report cadence --team north -f csv --no-header --columns team
	[ "$(sort -u <<<"$output")" = "north" ]
	run --separate-stderr "$KAM" --report portfolio --team nosuch
	[ "$status" -eq 66 ]
}

@test "text: a line per row made safe for a terminal, and a count" {
	run --separate-stderr "$KAM" --report talks
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "due  $(day 10)  Nordwind GmbH  key  anna  north" ]
	[ "${lines[1]}" = "no plan  -  Åhléns ^[[31mAB  strategic  bo  south" ]
	[ "${lines[-1]}" = "3 rows." ]
	[[ "$output" != *$'\033'* ]]
}

@test "JSON and -o: the same rows" {
	run --separate-stderr "$KAM" --report portfolio -f json -o "$BATS_TEST_TMPDIR/p.json"
	[ "$status" -eq 0 ]
	run "$PYTHON3" -c 'import json, sys
rows = json.load(open(sys.argv[1]))
print(len(rows), sorted(r["account_erp_id"] for r in rows), rows[0]["alarm_kinds"] is None or "," in rows[0]["alarm_kinds"] or rows[0]["alarm_kinds"])' "$BATS_TEST_TMPDIR/p.json"
	[ "${lines[0]%% *}" = "3" ]
	[[ "$output" == *"['C1', 'C2', 'C3']"* ]]
}

@test "a wrong report name, a filter it does not take, text with -o: exit 64" {
	run --separate-stderr "$KAM" --report nosuch
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"portfolio, cadence, expiring or talks"* ]]
	run --separate-stderr "$KAM" --report talks --since -30d
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --report talks -o "$BATS_TEST_TMPDIR/t.txt"
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --report talks --quality
	[ "$status" -eq 64 ]
}
