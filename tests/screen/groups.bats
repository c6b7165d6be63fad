#!/usr/bin/env bats
# Account groups and teams on the Overview (migrations 0049, 0050): a
# parent lists its children and the group's figures, every account its
# team; at 80x24 and at 120x40.

bats_require_minimum_version 1.5.0

load hooks

# Nordwind (C1) heads a three-level group: Müller (C4) under it, Zeta
# Paging 0001 under Müller; Sam is its service owner, Bo his deputy.
group_data() {
	screen_sql "UPDATE kam.account c SET parent_id = p.id
	  FROM (VALUES ('C4', 'C1'), ('P0001', 'C4')) v (child, parent)
	  JOIN kam.account p ON p.erp_id = v.parent WHERE c.erp_id = v.child"
	screen_sql "INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
	  SELECT a.id, 'service_owner', s.id, b.id FROM kam.account a,
	         kam.app_user s, kam.app_user b
	   WHERE a.erp_id = 'C1' AND s.role_name = 'sam' AND b.role_name = 'bo'
	  ON CONFLICT DO NOTHING"
}

overview_end() {
	group_data
	screen_open_account nordwind "" "$@"
	screen_keys G
	screen_wait "Whole group"
}

check_group() {
	run screen_text
	[[ "$output" == *"Account team (t changes it)"* ]]
	[[ "$output" == *"Owner in sales"*"Anna Lindqvist"* ]]
	[[ "$output" == *"Service owner"*"Sam Okafor, deputy Bo Nakamura"* ]]
	[[ "$output" == *"Children"*"Müller GmbH (ERP C4), key, 1 below"* ]]
	[[ "$output" == *"Whole group"*"3 accounts on 3 levels"* ]]
	[[ "$output" == *"Group service"*"open complaints"* ]]
	[[ "$output" != *"Hidden"* ]]
}

@test "the Overview lists the children, the group's figures and the team (80x24)" {
	overview_end
	check_group
}

@test "the Overview lists the children, the group's figures and the team (120x40)" {
	SCREEN_COLS=120 SCREEN_ROWS=40
	overview_end
	check_group
	[[ "$(screen_line 'Group revenue')" == *" EUR of "*" EUR target" ]]
}

@test "a child's Overview names its parent and has no children of its own" {
	group_data
	screen_open_account "zeta paging 0001"
	screen_keys G
	run screen_text
	[[ "$output" != *"Children"* ]]
	screen_keys g
	run screen_text
	[[ "$output" == *"Parent"*"Müller GmbH"* ]]
}

@test "t: a role of the team in a form, added, then edited with its version and audited" {
	screen_open_account nordwind
	screen_keys t
	screen_type technical_lead
	screen_keys Enter
	screen_wait "New role in the account team"
	screen_type S
	screen_keys Tab
	screen_type B
	screen_keys C-s
	screen_wait "Account team saved."
	screen_keys G
	screen_wait "Technical lead"
	[[ "$(screen_line 'Technical lead')" == *"Sam Okafor, deputy Bo Nakamura"* ]]
	[ "$(screen_sql "SELECT version FROM kam.team_member WHERE role = 'technical_lead'")" = 1 ]
	# the same role again edits that row
	screen_keys t
	screen_type technical_lead
	screen_keys Enter
	screen_wait "Edit a role of the account team"
	screen_keys Tab
	screen_type D
	screen_keys C-s
	screen_wait "Account team saved."
	screen_wait "deputy David Okonkwo"
	[ "$(screen_sql "SELECT version FROM kam.team_member WHERE role = 'technical_lead'")" = 2 ]
	[ "$(screen_sql "SELECT string_agg(op, ' ' ORDER BY id) FROM kam.audit_log
	    WHERE table_name = 'team_member' AND actor = 'anna'")" = "INSERT UPDATE" ]
}

@test "t: a role the list does not have is refused in plain words" {
	screen_open_account nordwind
	screen_keys t
	screen_type nosuchrole
	screen_keys Enter
	screen_wait "New role in the account team"
	screen_type S
	screen_keys C-s
	screen_wait "is not a role of the list"
}

@test "support may not change the team" {
	PGUSER=sam screen_open_account nordwind
	screen_keys t
	screen_wait "may not change this account's team"
}

@test "a service owner from support edits the SLA; another support login may not" {
	group_data
	PGUSER=sam screen_open_account nordwind 4
	screen_keys e
	screen_wait "Edit service level"
	screen_stop
	screen_sql "SELECT kam.add_user('tina', 'support', NULL, 'Tina Plain', NULL)
	    WHERE NOT EXISTS (SELECT 1 FROM kam.app_user WHERE role_name = 'tina')"
	pg_test_logins_changed
	PGUSER=tina screen_open_account nordwind 4
	screen_keys e
	screen_wait "may not change this account's service level"
}
