#!/usr/bin/env bats
# Every service level of an account on its Service level tab, past, in
# force, overlapped and future, in words and by validity, each open for a
# manager to edit; the card and kam --sla name the same one in force, and
# one that ran out or has not started never says support is open.
# Support reads the list and edits nothing.

bats_require_minimum_version 1.5.0

load hooks

# Q1 with four service levels: one ran out, one in force since 100 days
# that a newer one (since 10 days) overlaps, and one starting in 200 days.
# Q2 with one that ran out and one to come, none in force.
quartz() {
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city)
	    SELECT v.erp_id, v.name, 'key', u.id, u.team, 'DE', 'Kiel'
	      FROM (VALUES ('Q1', 'Quartz Levels AG'), ('Q2', 'Quartz Gaps AG')) v (erp_id, name),
	           kam.app_user u WHERE u.role_name = 'anna'"
	screen_sql "INSERT INTO kam.service_level (account_id, name, first_response,
	    resolution, support_days, time_zone, valid_from, valid_to)
	    SELECT a.id, v.name, '1 hour', '1 day', '{1,2,3,4,5,6,7}', 'UTC',
	           current_date + v.f, current_date + v.t
	      FROM (VALUES ('Q1', 'Silver Now', -100, NULL), ('Q1', 'Bronze Past', -2000, -1000),
	            ('Q1', 'Platinum Next', 200, NULL), ('Q1', 'Gold Over', -10, 100),
	            ('Q2', 'Tin Gone', -400, -1), ('Q2', 'Lead Soon', 30, 60))
	           v (erp, name, f, t) JOIN kam.account a ON a.erp_id = v.erp"
}

quartz_once() {
	[ "$(screen_sql "SELECT count(*) FROM kam.account WHERE erp_id = 'Q1'")" = 1 ] || quartz
}

# sla_row NAME: the list's row of the service level NAME (the card may
# name it too, but never at the start of a line)
sla_row() {
	screen_text | grep -m 1 "^$1 "
}

# day N: the date N days from today, as the screen shows it
day() {
	screen_sql "SELECT current_date + $1"
}

@test "the Service level tab lists past, current, overlapped and future service levels; the card and kam --sla agree" {
	quartz_once
	screen_open_account "quartz levels" 4
	screen_wait "Platinum Next"
	# by validity, each state in words
	[[ "$(screen_text)" == *"Name"*"Valid from"*"Valid to"*"State"*"Bronze Past"*"Silver Now"*"Gold Over"*"Platinum Next"* ]]
	[[ "$(sla_row 'Bronze Past')" == *"$(day -2000)"*"$(day -1000)"*"expired"* ]]
	[[ "$(sla_row 'Silver Now')" == *"$(day -100)"*"open end"*"overlapped by Gold Over"* ]]
	[[ "$(sla_row 'Platinum Next')" == *"$(day 200)"*"open end"*"future"* ]]
	[[ "$(sla_row 'Gold Over')" == *"$(day -10)"*"$(day 100)"*"in force"* ]]
	# the card shows the one in force, open, and names the overlapped one
	[[ "$(screen_line 'Service level ')" == *"Gold Over"* ]]
	[[ "$(screen_text)" == *"also in force: Silver Now"* ]]
	[[ "$(screen_line 'Support now')" == *"OPEN"* ]]
	# kam --sla names the same one
	run "$KAM" --sla Q1
	[ "$status" -eq 0 ]
	[[ "$output" == *"Gold Over"* ]]
	[[ "$output" == *"also in force: Silver Now"* ]]
	[[ "$output" != *"Platinum Next"* ]]
	[[ "$output" != *"Bronze Past"* ]]
	[[ "$output" == *"OPEN"* ]]
}

@test "a manager edits a past service level from the list; Enter opens a future one" {
	quartz_once
	screen_open_account "quartz levels" 4
	screen_wait "Platinum Next"
	# the cursor starts on the one in force: e edits what the card shows
	screen_keys e
	screen_wait "Edit service level - Quartz Levels AG"
	[[ "$(screen_line 'Name *')" == *"Gold Over"* ]]
	screen_keys Escape
	screen_wait "Platinum Next"
	screen_keys j Enter
	screen_wait "Edit service level - Quartz Levels AG"
	[[ "$(screen_line 'Name *')" == *"Platinum Next"* ]]
	screen_keys Escape
	screen_wait "Platinum Next"
	screen_keys k k k e
	screen_wait "Edit service level - Quartz Levels AG"
	[[ "$(screen_line 'Name *')" == *"Bronze Past"* ]]
	screen_keys C-u
	screen_type "Bronze Older"
	screen_keys C-s
	screen_wait "Service level saved."
	screen_wait "Bronze Older"
	[[ "$(sla_row 'Bronze Older')" == *"$(day -2000)"*"$(day -1000)"*"expired"* ]]
	[[ "$(screen_line 'Service level ')" == *"Gold Over"* ]]
	[ "$(screen_sql "SELECT version FROM kam.service_level WHERE name = 'Bronze Older'")" = 2 ]
}

@test "with none in force the card warns and never says support is open; kam --sla the same" {
	quartz_once
	screen_open_account "quartz gaps" 4
	screen_wait "Lead Soon"
	[[ "$(sla_row 'Tin Gone')" == *"$(day -400)"*"$(day -1)"*"expired"* ]]
	[[ "$(sla_row 'Lead Soon')" == *"$(day 30)"*"$(day 60)"*"future"* ]]
	[[ "$(screen_text)" == *"service level starts on $(day 30)"* ]]
	[[ "$(screen_text)" != *"Support now"* ]]
	run "$KAM" --sla Q2
	[[ "$output" == *"service level starts on $(day 30)"* ]]
	[[ "$output" != *"OPEN"* ]]
}

@test "support reads the list and may edit none of it" {
	quartz_once
	PGUSER=sam screen_open_account "quartz levels" 4
	screen_wait "Platinum Next"
	[[ "$(sla_row 'Silver Now')" == *"overlapped by Gold Over"* ]]
	screen_keys k e
	[[ "$(screen_text)" == *"Your role may not change this account's service level."* ]]
	[[ "$(screen_text)" != *"Edit service level"* ]]
	screen_keys Enter
	[[ "$(screen_text)" != *"Edit service level"* ]]
}
