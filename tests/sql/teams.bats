#!/usr/bin/env bats
# Account teams (migration 0050): rights per team role. A service owner
# (person or deputy) writes the account's service level, a plain reader
# and a technical lead do not; the team is kept by the account's owner
# and team, audited and versioned; the list's filter finds an account by
# any member of its team.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT kam.add_user('sue', 'support', NULL, 'Sue Service', NULL);
SELECT kam.add_user('tess', 'support', NULL, 'Tess Tech', NULL);
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
    support_days, support_from, support_to, time_zone, channels, valid_from,
    calendar_id)
SELECT a.id, 'Gold', interval '4 hours', interval '2 days', '{1,2,3,4,5}',
       '08:00', '18:00', 'Europe/Berlin', '{phone,email}', DATE '2026-01-01',
       (SELECT min(id) FROM kam.calendar)
  FROM kam.account a WHERE a.erp_id = 'C2';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# set_sla WHO: WHO renames C2's SLA; prints the rows changed
set_sla() {
	pg_as "$1" -c "UPDATE kam.service_level SET name = 'Gold by $1'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2')
	    RETURNING name"
}

@test "the roles an administrator keeps, seeded" {
	run pg_as sam -c "SELECT string_agg(code, ' ' ORDER BY position) FROM kam.team_role"
	[ "$output" = "service_owner executive_sponsor technical_lead" ]
	run ! pg_as bo -c "INSERT INTO kam.team_role (code, label) VALUES ('x', 'X')"
	run pg_as kamadmin -c "INSERT INTO kam.team_role (code, label, position)
	    VALUES ('legal', 'Legal counsel', 40) RETURNING code"
	[ "$output" = legal ]
}

@test "the account's owner keeps its team; another team's manager may not" {
	run pg_as bo -c "INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
	    SELECT a.id, 'service_owner', s.id, d.id FROM kam.account a, kam.app_user s,
	           kam.app_user d
	     WHERE a.erp_id = 'C2' AND s.role_name = 'sam' AND d.role_name = 'sue'
	    RETURNING version"
	[ "$output" = 1 ]
	pg_as bo -c "INSERT INTO kam.team_member (account_id, role, person_id)
	    SELECT a.id, 'technical_lead', t.id FROM kam.account a, kam.app_user t
	     WHERE a.erp_id = 'C2' AND t.role_name = 'tess'"
	run ! pg_as anna -c "INSERT INTO kam.team_member (account_id, role, person_id)
	    SELECT a.id, 'executive_sponsor', u.id FROM kam.account a, kam.app_user u
	     WHERE a.erp_id = 'C2' AND u.role_name = 'anna'"
	[[ "$output" == *"row-level security"* ]]
	run q "SELECT count(*) FROM kam.audit_log WHERE table_name = 'team_member'"
	[ "$output" = 2 ]
}

@test "the team a line a role, the owner in sales first" {
	run pg_as sam -F '|' -c "SELECT t.role, t.person, coalesce(t.deputy, '-')
	  FROM kam.account_team_list t JOIN kam.account a ON a.id = t.account_id
	 WHERE a.erp_id = 'C2' ORDER BY t.position"
	[ "$output" = "sales|Bo Nakamura|-
service_owner|Sam Okafor|Sue Service
technical_lead|Tess Tech|-" ]
}

@test "a service owner and its deputy write the SLA; a technical lead and a plain reader do not" {
	run set_sla sam
	[ "$output" = "Gold by sam" ]
	run set_sla sue
	[ "$output" = "Gold by sue" ]
	run set_sla tess
	[ "$output" = "" ]
	run set_sla anna
	[ "$output" = "" ]
	run set_sla bo
	[ "$output" = "Gold by bo" ]
	# nor another account's
	run pg_as sam -c "UPDATE kam.service_level SET name = 'x'
	    WHERE account_id <> (SELECT id FROM kam.account WHERE erp_id = 'C2')
	    RETURNING name"
	[ "$status" -eq 0 ] && [ "$output" = "" ]
}

@test "a service owner adds an SLA to its account only" {
	add() {
		pg_as sam -c "INSERT INTO kam.service_level (account_id, name,
		    first_response, resolution, support_days, support_from,
		    support_to, time_zone, channels, valid_from, calendar_id)
		    SELECT a.id, 'Silver', interval '8 hours', interval '3 days',
		           '{1,2,3,4,5}', '08:00', '18:00', 'Europe/Berlin', '{email}',
		           DATE '2027-01-01', (SELECT min(id) FROM kam.calendar)
		      FROM kam.account a WHERE a.erp_id = '$1' RETURNING name"
	}
	run add C2
	[ "$output" = Silver ]
	run ! add C1
	[[ "$output" == *"row-level security"* ]]
}

@test "a role that no longer writes the service level takes the right away" {
	pg_as kamadmin -c "UPDATE kam.team_role SET writes_service_level = false
	    WHERE code = 'service_owner'"
	run set_sla sam
	[ "$output" = "" ]
	pg_as kamadmin -c "UPDATE kam.team_role SET writes_service_level = true
	    WHERE code = 'service_owner'"
}

@test "the list's filter: an account by any member of its team" {
	run pg_as anna -c "SELECT string_agg(erp_id, ' ' ORDER BY erp_id)
	  FROM kam.account a WHERE kam.in_account_team(a.id, 'sue')"
	[ "$output" = C2 ]
	run pg_as anna -c "SELECT string_agg(erp_id, ' ' ORDER BY erp_id)
	  FROM kam.account a WHERE kam.in_account_team(a.id, 'bo')"
	[ "$output" = C2 ]
}

@test "a deputy is not the person, and a role is once an account" {
	run ! pg_as bo -c "UPDATE kam.team_member SET deputy_id = person_id
	    WHERE role = 'technical_lead'"
	[[ "$output" == *deputy_not_person* ]]
	run ! pg_as bo -c "UPDATE kam.team_member SET role = 'service_owner'
	    WHERE role = 'technical_lead'"
	[[ "$output" == *team_member_role* ]]
}
