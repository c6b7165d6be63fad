#!/usr/bin/env bats
# The account list with groups folded (Z) and one group shown (z), and the
# account team filter (person=, role=) on the list and the portfolio
# (issue 17, items 3 and 4); at 80x24 and at 120x40.

bats_require_minimum_version 1.5.0

load hooks

# Nordwind (C1) heads a three-level group: Müller (C4) and Zeta Paging
# 0002 under it, Zeta Paging 0001 under Müller. Anna's Émoji Café (C7)
# hangs under Bo's 漢字 Trading (C5), which managers may not read here
# (a restrictive policy, as tests/sql/groups.bats makes one). Sam is the
# service owner of Nordwind, David his deputy; Bo the technical lead of
# Davids Werkstatt (C3).
group_data() {
	screen_sql "DROP POLICY IF EXISTS test_hide ON kam.account"
	screen_sql "CREATE POLICY test_hide ON kam.account AS RESTRICTIVE FOR SELECT
	  TO kam_manager USING (erp_id <> 'C5')"
	screen_sql "UPDATE kam.account c SET parent_id = p.id
	  FROM (VALUES ('C4', 'C1'), ('P0002', 'C1'), ('P0001', 'C4'), ('C7', 'C5'))
	       v (child, parent)
	  JOIN kam.account p ON p.erp_id = v.parent WHERE c.erp_id = v.child"
	screen_sql "INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
	  SELECT a.id, v.role, s.id, d.id
	    FROM (VALUES ('C1', 'service_owner', 'sam', 'david'),
	                 ('C3', 'technical_lead', 'bo', NULL)) v (acct, role, person, deputy)
	    JOIN kam.account a ON a.erp_id = v.acct
	    JOIN kam.app_user s ON s.role_name = v.person
	    LEFT JOIN kam.app_user d ON d.role_name = v.deputy
	  ON CONFLICT DO NOTHING"
}

# The rows of the list, header and frame left out.
list_rows() {
	screen_text | sed -n '3,$p'
}

# Z, then the cursor to the row whose text starts with $1 (j steps).
folded_to() {
	local i
	screen_keys Z
	screen_wait "| folded"
	for i in $(seq 1 20); do
		[[ "$(screen_text | grep -F -- "$1")" == "" ]] && return 1
		screen_find_cursor "$1" && return 0
		screen_keys j
	done
	return 1
}

# Whether the cursor's row (the status line's "row N") holds $1.
screen_find_cursor() {
	local n
	n=$(screen_text | grep -o 'Accounts: row [0-9]*' | grep -o '[0-9]*$')
	[[ "$(list_rows | sed -n "${n}p")" == *"$1"* ]]
}

check_folded() {
	run list_rows
	# the three levels are one row, marked, its size beside it
	[[ "$output" == *"+ Nordwind GmbH (3)"* ]]
	[[ "$output" != *"Müller GmbH"* ]]
	[[ "$output" != *"Zeta Paging 0001"* && "$output" != *"Zeta Paging 0002"* ]]
	# a child whose parent Anna may not read stands at the top
	[[ "$output" == *$'\n  Émoji 😀 Café'* ]]
	[[ "$(screen_text)" == *"Accounts: row "*" of 303 | sort name"*"| folded"* ]]
	# the wide name's row lines up with the others
	[ "$(screen_column 'Émoji 😀 Café' standard)" = "$(screen_column 'Davids Werkstatt' standard)" ]
}

check_shown() {
	run list_rows
	[[ "$output" == *"- Nordwind GmbH (3)"*$'\n'"  - Müller GmbH (1)"*$'\n'"      Zeta Paging 0001"*$'\n'"    Zeta Paging 0002"* ]]
	[[ "$(screen_text)" == *" of 306 | sort name"*"| folded"* ]]
	[ "$(screen_column 'Zeta Paging 0001' standard)" = "$(screen_column 'Nordwind GmbH' key)" ]
}

@test "Z folds the groups, z shows one three levels deep and folds it again (80x24)" {
	group_data
	screen_start
	folded_to "Nordwind GmbH"
	check_folded
	screen_keys z
	screen_wait "Zeta Paging 0001"
	check_shown
	# z on a member folds its group again
	screen_keys j
	screen_keys z
	screen_wait " of 303 "
	[[ "$(list_rows)" != *"Müller GmbH"* ]]
	# Z again: every account
	screen_keys Z
	screen_wait " of 306 "
	[[ "$(screen_text)" != *"| folded"* ]]
	[[ "$(list_rows)" == *"Müller GmbH"* ]]
	screen_clean
}

@test "Z and z at 120x40" {
	SCREEN_COLS=120 SCREEN_ROWS=40
	group_data
	screen_start
	folded_to "Nordwind GmbH"
	check_folded
	screen_keys z
	screen_wait "Zeta Paging 0001"
	check_shown
	screen_clean
}

@test "folded: pages to the end and back, sorted and searched" {
	group_data
	screen_start
	folded_to "Nordwind GmbH"
	screen_keys z
	screen_wait "Zeta Paging 0001"
	screen_keys G
	screen_wait "row 306 of 306"
	[[ "$(list_rows)" == *"Zeta Paging 0300"* ]]
	screen_keys g
	screen_wait "row 1 of 306"
	check_shown
	# sorted by tier the group stays together under its top
	screen_keys s
	screen_wait "Tier ^"
	[[ "$(list_rows)" == *"- Nordwind GmbH (3)"*$'\n'"  - Müller GmbH (1)"* ]]
	screen_keys r
	screen_wait "Tier v"
	screen_keys G
	screen_wait "row 306 of 306"
	# a search looks through every account
	screen_keys /
	screen_type "Zeta Paging 0001"
	screen_wait "unfolded while searching"
	[[ "$(list_rows | head -n 1)" == "Zeta Paging 0001"* ]]
}

@test "folded as an administrator: the group over two teams, wide characters aligned" {
	group_data
	PGUSER=kamadmin screen_start
	screen_keys Z
	screen_wait "| folded"
	[[ "$(list_rows)" != *"Émoji"* ]]
	# the wide name sorts last
	screen_keys G
	screen_wait "漢字"
	[[ "$(list_rows)" == *"+ 漢字 Trading 株式会社 (1)"* ]]
	[ "$(screen_column '漢字 Trading' strategic)" = "$(screen_column 'Zeta Paging 0300' standard)" ]
	screen_keys z
	screen_wait "row 303 of 304"
	screen_keys j
	screen_wait "Émoji"
	[[ "$(list_rows)" == *"- 漢字 Trading 株式会社 (1)"*$'\n'"    Émoji 😀 Café"* ]]
	[ "$(screen_column 'Émoji 😀 Café' standard)" = "$(screen_column 'Zeta Paging 0300' standard)" ]
	screen_clean
}

@test ":filter person= role= on the list: who is on the account team" {
	group_data
	screen_start
	screen_keys :
	screen_type "filter person=sam"
	screen_keys Enter
	screen_wait "filter: person sam"
	[[ "$(screen_text)" == *"Accounts: row 1 of 1 "* ]]
	[[ "$(list_rows | head -n 1)" == "Nordwind GmbH"* ]]
	# the deputy too, and a role narrows it
	screen_keys :
	screen_type "filter person=david role=service_owner"
	screen_keys Enter
	screen_wait "filter: person david, role service_ow"
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	screen_keys :
	screen_type "filter person=bo role=service_owner"
	screen_keys Enter
	screen_wait "No accounts match."
	# role alone: mine; sales is the owner
	screen_keys :
	screen_type "filter role=sales"
	screen_keys Enter
	screen_wait "filter: role sales"
	[[ "$(screen_text)" == *"row 1 of 3 "* ]]
	[[ "$(list_rows)" == *"Müller GmbH"*"Nordwind GmbH"* ]]
	# folded, the filter holds
	screen_keys Z
	screen_wait "| folded"
	[[ "$(screen_text)" == *"row 1 of 2 "* ]]
}

@test ":filter person= on the portfolio (120x40)" {
	SCREEN_COLS=120 SCREEN_ROWS=40
	group_data
	screen_start
	screen_keys p
	screen_wait "Portfolio: row 1 of"
	screen_keys :
	screen_type "filter person=bo"
	screen_keys Enter
	screen_wait "person bo"
	run screen_text
	# the owner in sales, and a technical lead
	[[ "$output" == *"Portfolio: row 1 of 3 "* ]]
	[[ "$output" == *"Åhléns AB"*"Davids Werks"*"Evil"* ]]
	[[ "$output" != *"Nordwind GmbH"* ]]
	screen_keys :
	screen_type "filter person=david role=service_owner"
	screen_keys Enter
	screen_wait "role service_owner"
	run screen_text
	[[ "$output" == *"Portfolio: row 1 of 1 "* ]]
	[[ "$output" == *"Nordwind GmbH"* ]]
}
