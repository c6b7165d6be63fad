#!/usr/bin/env bats
# The Changes tab in a real terminal (tmux): the account's audit log,
# newest first and paged, old → new, one entry in full, long values and
# control characters shown safely, and roles that may not read the log.

bats_require_minimum_version 1.5.0

load hooks

open_changes() {
	screen_start "$@"
	screen_to_list
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter
	screen_wait "Master data"
	screen_keys 9
}

@test "an UPDATE made with psql shows who, what, and old → new" {
	pg_as anna -c "UPDATE kam.contact SET phone = '+49 40 5555' WHERE name = 'Jana Novak'"
	open_changes
	screen_wait "Changes: row 1 of"
	run screen_text
	[[ "$output" == *"When"*"Who"*"What"*"Change"* ]]
	# at 80 columns the change, free text, narrows first (the entry has it all)
	[[ "$(screen_text | sed -n 4p)" == *"Anna Lindqvist"*"contact Jana Novak"*"phone: +49 40 1234 →"* ]]
	# the fixture's rows, added by the superuser that loaded them
	[[ "$output" == *"postgres"*"history entry Talk"*"added"* ]]
	screen_keys Enter
	run screen_text
	[[ "$output" == *"kam - contact Jana Novak"* ]]
	[[ "$output" == *"Who          Anna Lindqvist (anna)"* ]]
	[[ "$output" == *"Change       changed"* ]]
	[[ "$output" == *"phone"* ]]
	[[ "$output" == *"  old: +49 40 1234"* ]]
	[[ "$output" == *"  new: +49 40 5555"* ]]
	screen_keys q
	[[ "$(screen_text)" == *"Changes: row 1 of"* ]]
}

@test "long values and control characters are cut and shown escaped" {
	pg_as anna -c "UPDATE kam.account SET notes = E'Call first \u001b[2J then a note that runs on for much longer than any column of the list could hold, and on' WHERE erp_id = 'C1'"
	open_changes
	screen_wait "Changes: row 1 of"
	[[ "$(screen_text | sed -n 4p)" == *"account Nordwind GmbH"*"notes: (none) → Call"* ]]
	screen_resize 120 40
	[[ "$(screen_text | sed -n 4p)" == *"notes: (none) → Call first ^[[2J"* ]]
	screen_keys Enter
	run screen_text
	[[ "$output" == *"  new: Call first ^[[2J then a note"* ]]
	[[ "$output" == *"       "*"and on"* ]]
}

@test "newest first, a page at a time, to the very first change" {
	local n
	n=$(pg_as anna -c "SELECT count(*) FROM kam.audit_log l JOIN kam.account a ON a.id = l.account_id WHERE a.erp_id = 'C1'")
	[ "$n" -gt 200 ]
	open_changes
	screen_wait "Changes: row 1 of 200+"
	screen_keys G
	screen_wait "row $n of $n"
	[[ "$(screen_text)" == *"added"* ]]
}

@test "support is told plainly that the change log is not theirs" {
	PGUSER=sam open_changes
	screen_wait "Your role may not read the change log."
	[[ "$(screen_text)" != *"permission denied"* ]]
}

@test "a refusal by the database reads the same, never the raw error" {
	open_changes
	screen_wait "Changes: row 1 of"
	screen_keys 1
	PGUSER=postgres psql -X -q -c "REVOKE SELECT ON kam.audit_log FROM kam_manager"
	screen_keys 9 C-l
	screen_wait "Your role may not read the change log."
	local shown
	shown=$(screen_text)
	PGUSER=postgres psql -X -q -c "GRANT SELECT ON kam.audit_log TO kam_manager"
	[[ "$shown" != *"permission denied"* ]]
}

@test "at 80 columns the tab bar still reaches the ninth tab" {
	SCREEN_COLS=80 SCREEN_ROWS=24 open_changes
	screen_wait "Changes: row 1 of"
	[[ "$(screen_text | sed -n 2p)" == " 1  2  3  4  5  6  7  8  9 Changes"* ]]
	screen_keys 2
	[[ "$(screen_text | sed -n 2p)" == " 1  2 Contacts  3 "* ]]
}
