#!/usr/bin/env bats
# The portfolio's per-account figures kept by triggers (migration 0053):
# after every kind of change that moves a figure (orders and invoices
# added, their amount, day, due day, open amount, currency, account and
# deletion changed, rows deleted; conditions; entries; the account's
# currency; rates and the reporting currency), kam.portfolio is
# kam.portfolio_computed (0045's definition) row for row and value for
# value (compared as text, so 0 and 0.00 differ), for every user who may
# read it and in time zones either side of the date line; each time the
# kept rows are checked to be the ones used (no silent fall-back), and
# what is kept equals a rebuild. Data: the fixture's accounts, dated from
# today, with orders and invoices on the days a kept answer turns on.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate)
VALUES ('USD', 'EUR', DATE '2020-01-01', 0.9);
UPDATE kam.account SET currency = 'SEK' WHERE erp_id = 'C2';
UPDATE kam.account_plan SET year = extract(year FROM current_date);
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.due, v.amount, v.open, v.cur, 'open', now()
  FROM (VALUES ('I1', 'C1', current_date, current_date + 30, 40000, 0, 'EUR'),
               ('I2', 'C1', current_date - 1, current_date, 10000, 10000, 'EUR'),
               ('I3', 'C1', current_date - 400, current_date - 370, 5000, 5000, 'EUR'),
               ('I4', 'C2', current_date, current_date + 1, 1000, 1000, 'SEK'),
               ('I5', 'C3', current_date - 40, current_date - 1, 250.5, 250.5, 'USD'))
       v (erp_id, acct, d, due, amount, open, cur)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT v.erp_id, a.id, v.erp_id, v.d, v.amount, v.cur, 'open', now()
  FROM (VALUES ('O1', 'C1', current_date, 1000, 'EUR'),
               ('O2', 'C1', current_date, 100.15, 'USD'),
               ('O3', 'C1', (current_date - interval '1 year')::date, 800, 'EUR'),
               ('O4', 'C1', (current_date - interval '1 year')::date + 1, 77, 'EUR'),
               ('O5', 'C1', current_date + 1, 33.33, 'EUR'),
               ('O6', 'C1', (current_date - interval '23 months')::date, 12, 'EUR'),
               ('O7', 'C1', (current_date - interval '24 months')::date, 999, 'EUR'),
               ('O8', 'C3', current_date - 2, 500, 'EUR'),
               ('O9', 'C3', current_date - 370, 400, 'EUR'))
       v (erp_id, acct, d, amount, cur)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, feedback, author_id)
SELECT a.id, v.channel, v.subject, now() - v.ago, v.feedback, u.id
  FROM (VALUES ('call', 'Checked in', interval '5 days', 'none'),
               ('ticket', 'Pump broken', interval '1 day', 'complaint'),
               ('visit', 'Planned visit', interval '-3 days', 'none'))
       v (channel, subject, ago, feedback)
  JOIN kam.account a ON a.erp_id = 'C1' JOIN kam.app_user u ON u.role_name = 'anna';
INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
SELECT id, 'free_shipping', 'Freight included', DATE '2025-01-01', current_date + 1
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

# differ USER [ZONE]: the rows of kam.portfolio and kam.portfolio_computed
# that the other lacks, compared as text, as USER in ZONE; then how many
# rows the computed answer had, so that a check is not vacuous.
differ() {
	pg_as "$1" -F ' ' -c "SET TimeZone = '${2:-Europe/Berlin}'" -c "
	    SELECT (SELECT count(*) FROM (
	        (SELECT p::text FROM kam.portfolio p
	         EXCEPT ALL SELECT c::text FROM kam.portfolio_computed c)
	        UNION ALL
	        (SELECT c::text FROM kam.portfolio_computed c
	         EXCEPT ALL SELECT p::text FROM kam.portfolio p)) x),
	        (SELECT count(*) FROM kam.portfolio_computed)"
}

# fresh: the accounts without a kept row that holds today (in the zone
# the changes were made in)
fresh() {
	q "SELECT count(*) FROM kam.account a WHERE NOT EXISTS (
	       SELECT FROM kam.portfolio_figure k WHERE k.account_id = a.id
	          AND current_date BETWEEN k.kept_on AND k.valid_until)"
}

# same USER...: no differences for each user, something to compare, and
# every account's figures read from a kept row
same() {
	local who out
	for who in "$@"; do
		out=$(differ "$who")
		echo "$who: $out"
		[ "${out% *}" = 0 ]
		[ "${out#* }" -gt 0 ]
	done
	[ "$(fresh)" = 0 ]
}

# kept: the kept rows, one a line, to compare with a rebuild
kept() {
	q "SELECT string_agg(k::text, chr(10) ORDER BY k.account_id)
	     FROM kam.portfolio_figure k"
}

@test "on the fixture, the kept figures are the computed ones for every reader" {
	same anna bo kamadmin
}

@test "a kept row holds until the first day its answer changes" {
	# C1: tomorrow its condition has ended (valid_to today + 1 is its
	# last day), the 33.33 order of tomorrow counts in the growth; C2's
	# invoice falls due tomorrow
	# (or sooner: the month's end)
	run q "SELECT a.erp_id, k.valid_until = least(current_date + v.days,
	        (date_trunc('month', current_date) + interval '1 month')::date - 1)
	    FROM kam.portfolio_figure k JOIN kam.account a ON a.id = k.account_id
	    JOIN (VALUES ('C1', 0), ('C2', 1)) v (erp_id, days) ON v.erp_id = a.erp_id
	    ORDER BY 1"
	[ "${lines[0]}" = "C1|t" ]
	[ "${lines[1]}" = "C2|t" ]
}

@test "orders added, changed in amount, day, currency and account, deleted" {
	q "INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
	    SELECT 'O10', id, 'O10', current_date - 31, 45.5, 'EUR', 'open', now()
	      FROM kam.account WHERE erp_id = 'C2'"
	same anna bo
	q "UPDATE kam.erp_order SET amount = amount + 0.01 WHERE erp_id IN ('O1', 'O3')"
	same anna
	q "UPDATE kam.erp_order SET order_date = order_date - 300 WHERE erp_id = 'O8'"
	same anna
	q "UPDATE kam.erp_order SET currency = 'USD' WHERE erp_id = 'O10'"
	same anna
	q "UPDATE kam.erp_order SET account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3')
	    WHERE erp_id = 'O6'"
	same anna bo
	q "UPDATE kam.erp_order SET deleted = true WHERE erp_id = 'O4'"
	same anna
	q "DELETE FROM kam.erp_order WHERE erp_id = 'O9'"
	same anna kamadmin
}

@test "invoices added, paid, moved, changed in currency and account, deleted" {
	q "INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
	    SELECT 'I6', id, 'I6', current_date - 60, current_date - 30, 99.99, 99.99, 'EUR', 'open', now()
	      FROM kam.account WHERE erp_id = 'C3'"
	same anna bo
	q "UPDATE kam.erp_invoice SET open_amount = 0 WHERE erp_id = 'I3'"
	same anna
	q "UPDATE kam.erp_invoice SET due_date = current_date + 5 WHERE erp_id = 'I6'"
	same anna
	q "UPDATE kam.erp_invoice SET amount = 12345.67 WHERE erp_id = 'I1'"
	same anna
	q "UPDATE kam.erp_invoice SET invoice_date = current_date - 400 WHERE erp_id = 'I1'"
	same anna
	q "UPDATE kam.erp_invoice SET currency = 'EUR' WHERE erp_id = 'I5'"
	same anna
	q "UPDATE kam.erp_invoice SET account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2')
	    WHERE erp_id = 'I2'"
	same anna bo
	q "UPDATE kam.erp_invoice SET deleted = true WHERE erp_id = 'I4'"
	same anna
	q "DELETE FROM kam.erp_invoice WHERE erp_id = 'I6'"
	same anna kamadmin
}

@test "conditions, entries and the account's currency" {
	q "INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
	    SELECT id, 'discount', 'Volume rebate', current_date - 10, current_date + 40
	      FROM kam.account WHERE erp_id = 'C3'"
	same anna
	q "UPDATE kam.special_condition SET title = 'Freight paid' WHERE title = 'Volume rebate'"
	same anna
	q "UPDATE kam.special_condition SET valid_to = current_date - 1 WHERE title = 'Freight included'"
	same anna
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id)
	    SELECT id, 'call', 'outbound', 'Called back', now() - interval '2 hours', kam.my_user_id()
	      FROM kam.account WHERE erp_id = 'C3'"
	same anna bo
	q "UPDATE kam.interaction SET direction = 'internal' WHERE subject = 'Checked in'"
	same anna
	q "UPDATE kam.interaction SET channel = 'ticket' WHERE subject = 'Called back'"
	same anna
	q "UPDATE kam.interaction SET occurred_at = occurred_at - interval '9 days' WHERE subject = 'Planned visit'"
	same anna
	q "DELETE FROM kam.interaction WHERE subject = 'Planned visit'"
	same anna
	pg_as kamadmin -c "UPDATE kam.account SET currency = 'USD' WHERE erp_id = 'C3'"
	same anna
	q "INSERT INTO kam.account (erp_id, name, tier, currency) VALUES ('C5', 'Neu AG', 'key', 'EUR')"
	same anna kamadmin
}

# complaints C: the open complaints kept for account C (migration 0062)
complaints() {
	q "SELECT k.open_complaints FROM kam.portfolio_figure k
	     JOIN kam.account a ON a.id = k.account_id WHERE a.erp_id = '$1'"
}

@test "complaints opened, closed, reopened, moved and told apart are kept as the computed count" {
	[ "$(complaints C1)" = 1 ]
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id, feedback)
	    SELECT id, 'email', 'inbound', 'Late delivery', now() - interval '1 hour', kam.my_user_id(), 'complaint'
	      FROM kam.account WHERE erp_id = 'C1'"
	same anna bo
	[ "$(complaints C1)" = 2 ]
	q "UPDATE kam.interaction SET complaint_closed_at = now(), outcome = 'Credited' WHERE subject = 'Late delivery'"
	same anna
	[ "$(complaints C1)" = 1 ]
	q "UPDATE kam.interaction SET complaint_closed_at = NULL WHERE subject = 'Late delivery'"
	same anna
	[ "$(complaints C1)" = 2 ]
	q "UPDATE kam.interaction SET feedback = 'idea' WHERE subject = 'Late delivery'"
	same anna
	[ "$(complaints C1)" = 1 ]
	q "UPDATE kam.interaction SET feedback = 'complaint',
	       account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3')
	    WHERE subject = 'Late delivery'"
	same anna
	[ "$(complaints C1)" = 1 ]
	[ "$(complaints C3)" = 1 ]
	q "DELETE FROM kam.interaction WHERE subject = 'Late delivery'"
	same anna bo
	[ "$(complaints C3)" = 0 ]
}

@test "a statement that changes no row keeps every row as it was, and locks nothing" {
	local before
	before=$(kept)
	run psql -X -q -At -v ON_ERROR_STOP=1 -U postgres <<'SQL'
BEGIN;
UPDATE kam.erp_order SET amount = amount + 1 WHERE false;
DELETE FROM kam.erp_invoice WHERE false;
INSERT INTO kam.interaction SELECT * FROM kam.interaction WHERE false;
SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
 WHERE c.relname = 'portfolio_figure' AND l.pid = pg_backend_pid()
   AND l.mode = 'ShareRowExclusiveLock';
COMMIT;
SQL
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = 0 ]
	[ "$(kept)" = "$before" ]
}

@test "a new rate or reporting currency drops every row; the figures still hold, and a refresh keeps them again" {
	q "INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate)
	    VALUES ('SEK', 'EUR', current_date - 3, 0.087), ('USD', 'EUR', current_date + 2, 0.95)"
	[ "$(q 'SELECT count(*) FROM kam.portfolio_figure')" = 0 ]
	run differ anna
	[ "${output% *}" = 0 ]
	q 'SELECT kam.portfolio_figures_refresh()'
	same anna bo
	# the rate of the day after tomorrow ends every row's answer before it
	[ "$(q 'SELECT max(valid_until - current_date) FROM kam.portfolio_figure')" -le 1 ]
	pg_as kamadmin -c "SELECT kam.set_reporting_currency('USD')" >/dev/null
	[ "$(q 'SELECT count(*) FROM kam.portfolio_figure')" = 0 ]
	q 'SELECT kam.portfolio_figures_refresh()'
	same anna
	pg_as kamadmin -c "SELECT kam.set_reporting_currency('EUR')" >/dev/null
	q 'SELECT kam.portfolio_figures_refresh()'
}

@test "a statement over many accounts drops their rows; reading them works them out, a refresh keeps them" {
	q "SET session_replication_role = replica;
	   INSERT INTO kam.account (erp_id, name, tier, currency)
	   SELECT 'B' || g, 'Bulk ' || g, 'standard', 'EUR' FROM generate_series(1, 70) g"
	q "INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
	   SELECT 'OB' || a.id, a.id, 'OB' || a.id, current_date - 3, 10, 'EUR', 'open', now()
	     FROM kam.account a WHERE a.erp_id LIKE 'B%' OR a.erp_id = 'C1'"
	[ "$(q "SELECT count(*) FROM kam.portfolio_figure k JOIN kam.account a
	    ON a.id = k.account_id WHERE a.erp_id LIKE 'B%' OR a.erp_id = 'C1'")" = 0 ]
	run differ anna
	[ "${output% *}" = 0 ]
	[ "$(q 'SELECT kam.portfolio_figures_refresh()')" = 71 ]
	same anna bo
}

@test "the same in time zones either side of the date line" {
	local z out
	for z in Pacific/Kiritimati Pacific/Pago_Pago UTC; do
		out=$(differ anna "$z")
		echo "$z: $out"
		[ "${out% *}" = 0 ]
	done
}

@test "what the triggers kept is what a rebuild from scratch keeps" {
	local before
	before=$(kept)
	[ -n "$before" ]
	q 'SELECT kam.portfolio_figures_rebuild()' >/dev/null
	[ "$(kept)" = "$before" ]
}

# Row-level security: with a policy that hides C1 from bo, bo reads no
# kept row of C1 and no portfolio line of it; anna still does.
@test "a user who may not read an account reads neither its line nor its kept row" {
	q "CREATE POLICY hide_c1 ON kam.account AS RESTRICTIVE FOR SELECT
	    USING (erp_id <> 'C1' OR current_user <> 'bo')"
	run pg_as bo -c "SELECT count(*) FROM kam.portfolio_figure k
	    WHERE k.account_id NOT IN (SELECT id FROM kam.account)"
	[ "$output" = 0 ]
	run pg_as bo -c "SELECT count(*) FROM kam.portfolio WHERE erp_id = 'C1'"
	[ "$output" = 0 ]
	run pg_as anna -c "SELECT count(*) FROM kam.portfolio WHERE erp_id = 'C1'"
	[ "$output" = 1 ]
	same bo anna
	q "DROP POLICY hide_c1 ON kam.account"
}

# probes USER TABLE: how often USER's read of every row of TABLE asked
# kam.account for a kept row's account (the policy's subplan's loops; 0
# when it never ran).
probes() {
	pg_as "$1" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
	    SELECT count(*) FROM kam.$2" |
	    awk '/ on account [a-z_0-9]+ *[(]/ { if (/never executed/) n += 0;
	        else { sub(/.*loops=/, ""); sub(/[)].*/, ""); n += $0 } }
	        END { print n + 0 }'
}

# Migration 0082: a reader every account is readable to (the roles' own
# policies, USING (true)) is shown the kept rows without a probe into
# account for each; one with a restrictive policy on account has each
# kept row asked for, and still reads only its accounts'.
@test "a reader of every account reads the kept rows without asking account a row; a restricted one asks" {
	local c1
	[ "$(pg_as anna -c "SELECT count(*) FROM kam.portfolio_figure")" -gt 0 ]
	[ "$(pg_as anna -c "SELECT count(*) FROM kam.cadence_alarm")" -gt 0 ]
	run probes anna portfolio_figure
	[ "$output" = 0 ]
	run probes anna cadence_alarm
	[ "$output" = 0 ]
	[ "$(pg_as anna -c "SELECT kam.reads_every_account()")" = t ]
	q "CREATE POLICY hide_c1 ON kam.account AS RESTRICTIVE FOR SELECT
	    USING (erp_id <> 'C1' OR current_user <> 'bo')"
	[ "$(pg_as bo -c "SELECT kam.reads_every_account()")" = f ]
	run probes bo portfolio_figure
	[ "$output" -gt 0 ]
	run probes bo cadence_alarm
	[ "$output" -gt 0 ]
	c1=$(q "SELECT id FROM kam.account WHERE erp_id = 'C1'")
	[ "$(q "SELECT count(*) FROM kam.portfolio_figure WHERE account_id = $c1")" = 1 ]
	[ "$(pg_as bo -c "SELECT count(*) FROM kam.portfolio_figure WHERE account_id = $c1")" = 0 ]
	[ "$(pg_as bo -c "SELECT count(*) FROM kam.portfolio_figure")" -gt 0 ]
	[ "$(pg_as bo -c "SELECT count(*) FROM kam.cadence_alarm WHERE account_id = $c1")" = 0 ]
	q "DROP POLICY hide_c1 ON kam.account"
	[ "$(pg_as bo -c "SELECT kam.reads_every_account()")" = t ]
}

@test "support reads no kept row; the portfolio is not theirs" {
	run pg_as sam -c "SELECT count(*) FROM kam.portfolio_figure"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
}
