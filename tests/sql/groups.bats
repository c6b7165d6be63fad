#!/usr/bin/env bats
# Account groups (migration 0049): cycles refused, also by two
# transactions at once; kam.group_rollup over a three-level group equals
# a hand-made SQL's figures; what the caller may not read is left out and
# counted as hidden.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# G1 (EUR) ─┬─ G2 (USD) ── G3 (EUR, another team's)
	#           └─ G4 (EUR)
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES
  ('USD', 'EUR', current_date - 10, 0.9);
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, currency)
SELECT v.erp_id, v.erp_id || ' Holding', 'key', u.id, u.team, 'DE', 'Kiel', v.cur
  FROM (VALUES ('G1', 'EUR', 'anna'), ('G2', 'USD', 'anna'),
               ('G3', 'EUR', 'bo'), ('G4', 'EUR', 'david'),
               ('S1', 'JPY', 'anna')) v (erp_id, cur, who)
  JOIN kam.app_user u ON u.role_name = v.who;
UPDATE kam.account c SET parent_id = p.id
  FROM (VALUES ('G2', 'G1'), ('G3', 'G2'), ('G4', 'G1')) v (child, parent)
  JOIN kam.account p ON p.erp_id = v.parent
 WHERE c.erp_id = v.child;
INSERT INTO kam.account_plan (account_id, year, revenue_target, objectives, status)
SELECT a.id, extract(year FROM current_date), v.target, 'Grow', 'active'
  FROM (VALUES ('G1', 50000), ('G2', 20000), ('G3', 7000)) v (erp_id, target)
  JOIN kam.account a ON a.erp_id = v.erp_id;
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date,
    amount, open_amount, currency, status, erp_updated_at)
SELECT v.n, a.id, v.n, v.d, v.due, v.amount, v.open, v.cur, 'open', now()
  FROM (SELECT date_trunc('year', current_date)::date AS y) t,
       LATERAL (VALUES ('V1', 'G1', current_date, current_date + 30, 1000.10, 0, 'EUR'),
               ('V2', 'G1', y, current_date - 1, 250, 250, 'EUR'),
               ('V3', 'G2', y, current_date - 2, 3000, 1200, 'USD'),
               ('V4', 'G3', current_date, current_date + 10, 400.55, 0, 'EUR'),
               ('V5', 'G3', y, current_date - 3, 99.45, 99.45, 'EUR'),
               ('V6', 'G4', current_date - 400, current_date - 380, 800, 80, 'EUR'))
       v (n, acct, d, due, amount, open, cur)
  JOIN kam.account a ON a.erp_id = v.acct;
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, feedback, author_id)
SELECT a.id, 'call', 'Unhappy', now() - interval '1 day', 'complaint', u.id
  FROM kam.account a JOIN kam.app_user u ON u.role_name = 'anna'
 WHERE a.erp_id IN ('G2', 'G3', 'S1');
SQL
	pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, direction, subject)
	    SELECT id, 'ticket', 'inbound', 'Down' FROM kam.account
	     WHERE erp_id IN ('G3', 'G4', 'S1')"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

acct() { q "SELECT id FROM kam.account WHERE erp_id = '$1'"; }

# The roll-up of ERP-ID as WHO sees it, one line.
rollup() {
	pg_as "$2" -F '|' -c "SELECT members, hidden, levels, reporting_currency,
	    revenue, target, overdue, coalesce(missing_rate, '-'),
	    open_complaints, open_tickets
	  FROM kam.group_rollup($(acct "$1"))"
}

# The same figures by hand, straight from the tables: the group's ids
# written out, each invoice converted at exchange_rate_on's rate.
by_hand() {
	q "WITH g (id) AS (SELECT id FROM kam.account WHERE erp_id IN ($1)),
	    r AS (SELECT v.*, (SELECT x.rate FROM kam.exchange_rate_on(v.currency,
	            'EUR', current_date) x) AS rate
	            FROM kam.erp_invoice v JOIN g ON g.id = v.account_id)
	  SELECT (SELECT count(*) FROM g), 0,
	         $2, 'EUR',
	         (SELECT sum(round(amount * rate, 2)) FILTER (WHERE invoice_date >=
	              date_trunc('year', current_date)) FROM r),
	         (SELECT sum(round(p.revenue_target * x.rate, 2))
	            FROM kam.account_plan p JOIN g ON g.id = p.account_id
	            JOIN kam.account a ON a.id = p.account_id
	           CROSS JOIN LATERAL kam.exchange_rate_on(a.currency, 'EUR',
	                 current_date) x
	           WHERE p.year = extract(year FROM current_date)),
	         (SELECT sum(round(open_amount * rate, 2)) FILTER (WHERE due_date <
	              current_date) FROM r),
	         '-',
	         (SELECT count(*) FROM kam.interaction i JOIN g ON g.id = i.account_id
	           WHERE i.feedback = 'complaint' AND i.complaint_closed_at IS NULL),
	         (SELECT count(*) FROM kam.ticket t JOIN g ON g.id = t.account_id
	           WHERE t.state NOT IN ('resolved', 'closed'))" | tr -s ' ' | sed 's/ *| */|/g'
}

@test "the roll-up of a three-level group equals the hand-made SQL's figures" {
	run rollup G1 anna
	[ "$status" -eq 0 ]
	expect=$(by_hand "'G1','G2','G3','G4'" 3)
	echo "rollup:  $output"; echo "by hand: $expect"
	[ "$output" = "$expect" ]
	# the figures written out: revenue 1000.10+250+2700+400.55+99.45,
	# target 50000+18000+7000, overdue 250+1080+99.45+80
	[ "$output" = "4|0|3|EUR|4450.10|75000.00|1509.45|-|2|2" ]
}

@test "a roll-up from the middle covers the account and what is below it" {
	run rollup G2 anna
	[ "$output" = "$(by_hand "'G2','G3'" 2)" ]
	[ "$output" = "2|0|2|EUR|3200.00|25000.00|1179.45|-|2|1" ]
	run rollup G4 david
	[ "$output" = "1|0|1|EUR|0.00|0|80.00|-|0|1" ]
}

@test "a member without a rate: no sum across currencies, the currency named" {
	q "UPDATE kam.account SET parent_id = $(acct G4) WHERE erp_id = 'S1'"
	run rollup G1 anna
	[ "$output" = "5|0|3|EUR||75000.00||JPY|3|3" ]
	q "UPDATE kam.account SET parent_id = NULL WHERE erp_id = 'S1'"
}

@test "what the caller may not read is left out and counted as hidden" {
	q "CREATE POLICY test_hide ON kam.account AS RESTRICTIVE FOR SELECT
	    TO kam_manager USING (erp_id <> 'G2')"
	run rollup G1 anna
	q "DROP POLICY test_hide ON kam.account"
	# G2 and G3 under it are hidden: G1 and G4 are left
	[ "$output" = "2|2|2|EUR|1250.10|50000.00|330.00|-|0|1" ]
}

@test "support may not call the roll-up (money and plans are managers')" {
	run ! pg_as sam -c "SELECT * FROM kam.group_rollup($(acct G1))"
	[[ "$output" == *"permission denied"* ]]
}

@test "the children of an account, with the size of their own groups" {
	run pg_as sam -F '|' -c "SELECT erp_id, below FROM kam.account_children
	    WHERE parent_id = $(acct G1) ORDER BY erp_id"
	[ "$output" = "G2|1
G4|0" ]
}

@test "a cycle is refused with a clear error, at any depth" {
	run ! pg_as anna -c "UPDATE kam.account SET parent_id = $(acct G3)
	    WHERE erp_id = 'G1'"
	[[ "$output" == *"cannot be placed under account $(acct G3): that account is already in its group"* ]]
	[[ "$output" == *"$(acct G1) → $(acct G3) → $(acct G2) → $(acct G1)"* ]]
	run ! pg_as anna -c "UPDATE kam.account SET parent_id = $(acct G2)
	    WHERE erp_id = 'G2'"
	# two rows of one statement that close a ring between them
	run ! q "UPDATE kam.account SET parent_id = CASE erp_id WHEN 'S1' THEN
	    $(acct C1) ELSE $(acct S1) END WHERE erp_id IN ('S1', 'C1')"
	[[ "$output" == *"already in its group"* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id IN ('S1', 'C1')
	    AND parent_id IS NOT NULL")" = 0 ]
}

# Two transactions at once: the first puts C1 under C3 and waits before it
# commits; the second puts C3 under C1 meanwhile. Each alone is no cycle.
# ISOLATION is the second's.
race() {
	q "UPDATE kam.account SET parent_id = NULL WHERE erp_id IN ('C1', 'C3')"
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -c "BEGIN" \
	    -c "UPDATE kam.account SET parent_id = $(acct C3) WHERE erp_id = 'C1'" \
	    -c "SELECT pg_sleep(2)" -c "COMMIT" >/dev/null &
	local first=$!
	sleep 0.7
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 \
	    -c "BEGIN ISOLATION LEVEL $1" \
	    -c "UPDATE kam.account SET parent_id = $(acct C1) WHERE erp_id = 'C3'" \
	    -c "COMMIT" 2>&1
	local rc=$?
	wait "$first"
	return "$rc"
}

@test "two transactions at once cannot close a ring (read committed)" {
	run ! race 'READ COMMITTED'
	[[ "$output" == *"already in its group"* ]]
	[ "$(q "SELECT erp_id FROM kam.account WHERE erp_id IN ('C1', 'C3')
	    AND parent_id IS NOT NULL")" = C1 ]
}

@test "two transactions at once cannot close a ring (repeatable read)" {
	run ! race 'REPEATABLE READ'
	[[ "$output" == *"could not serialize access"* ]]
	[ "$(q "SELECT erp_id FROM kam.account WHERE erp_id IN ('C1', 'C3')
	    AND parent_id IS NOT NULL")" = C1 ]
	q "UPDATE kam.account SET parent_id = NULL WHERE erp_id IN ('C1', 'C3')"
}
