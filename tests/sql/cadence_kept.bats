#!/usr/bin/env bats
# The cadence's alarms kept by triggers (migration 0045): after every kind
# of change that moves an alarm (entries, SLAs, conditions, plans, an
# account's tier, owner, status and creation, the tiers' days), the kept
# answer of kam.cadence_breaches(DAY, OWNER) is the computed one
# (kam.cadence_breaches_computed, 0043's definition), row for row, for
# every user, every owner and all of them, on days across two years and
# in time zones far apart; and what is kept equals a rebuild from scratch.
# Data: tests/sql/cadence.sql, the fixture's accounts on 2025-06-15.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 -f "$KAM_SRCDIR/tests/sql/cadence.sql"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# differ USER [ZONE]: how many rows the kept and the computed answers do
# not share, over every owner (and none: all) and a day a week from
# October 2024 to February 2026 and at the years' edges, in ZONE; then how many rows the computed
# answer had, so that a check is not vacuous: "differences rows".
differ() {
	pg_as "$1" -F ' ' -c "SET TimeZone = '${2:-Europe/Berlin}'" -c "
	    WITH o (id) AS (SELECT NULL::bigint UNION ALL SELECT id FROM kam.app_user),
	    d (day) AS (SELECT g::date FROM generate_series(date '2024-10-01',
	        date '2026-02-01', interval '7 days') g
	        UNION SELECT unnest('{2024-12-31,2025-01-01,2025-06-15,2025-12-31}'::date[]))
	    SELECT (SELECT count(*) FROM o, d, LATERAL (
	        (SELECT * FROM kam.cadence_breaches(d.day, o.id)
	         EXCEPT ALL SELECT * FROM kam.cadence_breaches_computed(d.day, o.id))
	        UNION ALL
	        (SELECT * FROM kam.cadence_breaches_computed(d.day, o.id)
	         EXCEPT ALL SELECT * FROM kam.cadence_breaches(d.day, o.id))) x),
	        (SELECT count(*) FROM d, kam.cadence_breaches_computed(d.day, NULL))"
}

# same USER...: no differences for each user, and something to compare
same() {
	local who out
	for who in "$@"; do
		out=$(differ "$who")
		echo "$who: $out"
		[ "${out% *}" = 0 ]
		[ "${out#* }" -gt 0 ]
	done
}

# kept: the kept rows, one a line, to compare with a rebuild
kept() {
	q "SELECT string_agg(concat_ws(' ', account_id, kind, subject_id, owner_id,
	    due, until, last_at), chr(10) ORDER BY account_id, kind, subject_id)
	    FROM kam.cadence_alarm"
}

@test "on the fixture, the kept alarms are the computed ones for everyone" {
	same anna bo sam kamadmin
}

@test "entries logged, moved, changed and deleted move the contact alarm" {
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id)
	    SELECT id, 'call', 'outbound', 'Called back', '2025-05-02 10:00+02', kam.my_user_id()
	      FROM kam.account WHERE erp_id = 'C1'"
	q "INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id)
	    SELECT a.id, v.channel, v.direction, v.subject, v.at, u.id
	      FROM kam.account a JOIN kam.app_user u ON u.id = a.owner_id,
	           (VALUES ('C3', 'call', 'outbound', 'First call', timestamptz '2025-05-20 23:30+00'),
	                   ('C3', 'email', 'internal', 'Just a note', '2025-06-01 10:00+02'),
	                   ('C2', 'visit', 'outbound', 'Planned ahead', '2025-09-01 10:00+02'))
	           v (erp_id, channel, direction, subject, at)
	     WHERE a.erp_id = v.erp_id"
	same anna sam
	q "UPDATE kam.interaction SET occurred_at = occurred_at - interval '40 days'
	    WHERE subject = 'Quarterly call'"
	q "UPDATE kam.interaction SET account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')
	    WHERE subject = 'First call'"
	same anna bo
	q "DELETE FROM kam.interaction WHERE subject = 'Price list sent'"
	q "UPDATE kam.interaction SET channel = 'call' WHERE subject = 'Broken pump'"
	same anna sam
}

@test "SLAs, conditions and plans added, ended, renewed, held and removed" {
	q "DELETE FROM kam.service_level WHERE name = 'Silver 2'"
	q "INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, valid_to)
	    SELECT id, 'Bronze', '8 hours', '5 days', DATE '2025-01-01', DATE '2025-12-31'
	      FROM kam.account WHERE erp_id = 'C3'"
	same anna sam
	q "UPDATE kam.service_level SET valid_to = DATE '2026-01-31' WHERE name = 'Gold'"
	q "INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
	    SELECT id, 'free_shipping', 'Freight included', DATE '2025-07-21', DATE '2025-10-31'
	      FROM kam.account WHERE erp_id = 'C1'"
	q "UPDATE kam.special_condition SET valid_to = DATE '2025-08-15' WHERE title = 'Trial terms'"
	same anna sam
	q "UPDATE kam.account_plan SET talk_held_on = DATE '2025-05-02'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3') AND year = 2025"
	q "UPDATE kam.account_plan SET status = 'closed'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2') AND year = 2025"
	q "UPDATE kam.account_plan SET annual_talk_on = NULL
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1') AND year = 2025"
	same anna bo
	q "DELETE FROM kam.account_plan
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1') AND year = 2025"
	same anna sam
}

@test "an account's tier, owner, status and creation, and a new account" {
	pg_as kamadmin -c "UPDATE kam.account SET tier = 'strategic' WHERE erp_id = 'C3'"
	pg_as kamadmin -c "UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'bo') WHERE erp_id = 'C1'"
	same anna bo
	q "UPDATE kam.account SET status = 'churned' WHERE erp_id = 'C2'"
	q "UPDATE kam.account SET status = 'active' WHERE erp_id = 'C9'"
	q "UPDATE kam.account SET created_at = '2025-03-01 23:30+00' WHERE erp_id = 'C3'"
	q "INSERT INTO kam.account (erp_id, name, tier, created_at)
	    VALUES ('C4', 'Nobody''s GmbH', 'key', '2025-02-01')"
	same anna sam kamadmin
}

@test "the tiers' days changed by an administrator move every account of the tier" {
	pg_as kamadmin -c "UPDATE kam.cadence SET contact_days = 10, talk_days = 300 WHERE tier = 'key'"
	pg_as kamadmin -c "UPDATE kam.cadence SET condition_days = NULL, renewal_days = 400 WHERE tier = 'strategic'"
	same anna sam
	pg_as kamadmin -c "UPDATE kam.cadence SET contact_days = NULL WHERE tier = 'standard'"
	pg_as kamadmin -c "UPDATE kam.cadence SET condition_days = 120, talk_days = 0 WHERE tier = 'strategic'"
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
	q 'SELECT kam.cadence_alarms_rebuild()' >/dev/null
	[ "$(kept)" = "$before" ]
}

# Row-level security: with a policy that hides C1 from bo, bo gets no
# alarm of C1 and reads no kept row of it; anna still does.
@test "a user who may not read an account sees neither its alarms nor its kept rows" {
	q "CREATE POLICY hide_c1 ON kam.account AS RESTRICTIVE FOR SELECT
	    USING (erp_id <> 'C1' OR current_user <> 'bo')"
	run pg_as bo -c "SELECT count(*) FROM kam.cadence_alarm k
	    WHERE k.account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')
	       OR k.account_id NOT IN (SELECT id FROM kam.account)"
	[ "$output" = 0 ]
	run pg_as bo -c "SELECT count(*) FROM kam.cadence_breaches(DATE '2025-06-15') b
	    WHERE b.account = 'Nordwind GmbH'"
	[ "$output" = 0 ]
	run pg_as anna -c "SELECT count(*) > 0 FROM kam.cadence_breaches(DATE '2025-06-15') b
	    WHERE b.account = 'Nordwind GmbH'"
	[ "$output" = t ]
	same bo
	q "DROP POLICY hide_c1 ON kam.account"
}

@test "support reads no talk among the kept rows; it may not read plans" {
	[ "$(pg_as sam -c "SELECT count(*) FROM kam.cadence_alarm WHERE kind = 'talk'")" = 0 ]
	[ "$(q "SELECT count(*) > 0 FROM kam.cadence_alarm WHERE kind = 'talk'")" = t ]
}
