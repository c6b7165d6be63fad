#!/usr/bin/env bats
# kam.cadence (migration 0029): the days per tier, read by everyone and
# changed by administrators only; kam.cadence_breaches() on a fixed day,
# 2025-06-15, over the fixture's three accounts (C1 key, anna; C2
# strategic, bo; C3 standard, david) and a churned one. tests/cli/due.bats
# shows the same through kam --due.

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

# breaches USER [DAY]: "erp id|kind|due|what" a line
breaches() {
	pg_as "$1" -F '|' -c "SELECT a.erp_id, b.kind, b.due, b.what
	    FROM kam.cadence_breaches(DATE '${2:-2025-06-15}') b
	    JOIN kam.account a ON a.id = b.account_id
	    ORDER BY a.erp_id, b.kind, b.due"
}

@test "every kind of breach on its day, none for what is in time, renewed or churned" {
	run breaches anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "C1|condition|2025-06-05|Freight included ends 2025-07-20" ]
	[ "${lines[1]}" = "C1|contact|2025-06-09|no contact since 2025-04-10" ]
	[ "${lines[2]}" = "C1|talk|2025-05-31|annual talk on 2025-07-15" ]
	[ "${lines[3]}" = "C2|renewal|2025-06-02|SLA Gold ends 2025-08-31" ]
	[ "${lines[4]}" = "C3|contact|2024-04-30|never contacted" ]
	[ "${lines[5]}" = "C3|talk|2025-04-01|annual talk overdue since 2025-05-01" ]
	[ "${#lines[@]}" -eq 6 ]
}

@test "a year without a plan raises its talk the tier's days before the year ends" {
	run breaches anna 2024-12-15
	[[ "$output" == *"C1|talk|2024-11-16|no plan for 2024"* ]]
	[[ "$output" == *"C2|talk|2024-11-01|no plan for 2024"* ]]
	[[ "$output" == *"C3|talk|2024-12-01|no plan for 2024"* ]]
	[[ "$output" != *"C9"* ]]
}

@test "support sees the breaches but no talks, which come from plans it may not read" {
	run breaches sam
	[ "$status" -eq 0 ]
	[[ "$output" == *"C1|contact|"* ]]
	[[ "$output" == *"C2|renewal|"* ]]
	[[ "$output" != *"|talk|"* ]]
}

@test "everyone reads the days; a manager may not change them" {
	run pg_as sam -c "SELECT contact_days FROM kam.cadence WHERE tier = 'key'"
	[ "$output" = 60 ]
	run pg_as anna -c "UPDATE kam.cadence SET contact_days = 5 WHERE tier = 'key'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	run pg_as anna -c "DELETE FROM kam.cadence"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "INSERT INTO kam.cadence (tier) VALUES ('key')"
	[ "$status" -ne 0 ]
}

@test "an administrator's change moves the breaches for everyone, and is audited" {
	pg_as kamadmin -c "UPDATE kam.cadence SET contact_days = 90, condition_days = NULL WHERE tier = 'key'"
	run breaches anna
	[[ "$output" != *"C1|contact|"* ]]
	[[ "$output" != *"C1|condition|"* ]]
	run q "SELECT actor, op, new ->> 'contact_days' FROM kam.audit_log WHERE table_name = 'cadence'"
	[ "$output" = "kamadmin|UPDATE|90" ]
	run pg_as kamadmin -c "UPDATE kam.cadence SET contact_days = 0 WHERE tier = 'key'"
	[ "$status" -ne 0 ]
	pg_as kamadmin -c "UPDATE kam.cadence SET contact_days = 60, condition_days = 45 WHERE tier = 'key'"
}

# 0043: asked by owner, the alarms are those of all owners, that owner's
# only, for everyone who asks (the agenda and kam --due ask for their own).
@test "the alarms of one owner's accounts are all owners' alarms kept to that owner" {
	local who
	for who in anna bo sam kamadmin; do
		[ "$(pg_as "$who" -c "SELECT count(*) FROM (
		    SELECT * FROM kam.cadence_breaches(DATE '2025-06-15')
		     WHERE owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna')
		    EXCEPT ALL
		    SELECT * FROM kam.cadence_breaches(DATE '2025-06-15',
		        (SELECT id FROM kam.app_user WHERE role_name = 'anna'))) x")" = 0 ]
		[ "$(pg_as "$who" -c "SELECT count(*) FROM (
		    SELECT * FROM kam.cadence_breaches(DATE '2025-06-15',
		        (SELECT id FROM kam.app_user WHERE role_name = 'anna'))
		    EXCEPT ALL
		    SELECT * FROM kam.cadence_breaches(DATE '2025-06-15')
		     WHERE owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna')) x")" = 0 ]
	done
	# not nothing: anna's accounts have alarms on that day
	[ "$(pg_as anna -c "SELECT count(*) > 0 FROM kam.cadence_breaches(DATE '2025-06-15',
	    kam.my_user_id())")" = t ]
}
