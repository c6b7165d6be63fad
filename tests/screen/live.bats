#!/usr/bin/env bats
# Live screens (issue 18, finding 4): a change committed elsewhere (psql,
# or another kam) shows in an open kam within seconds without a key; the
# cursor stays on its row, and a form being typed in keeps its text and
# says the row changed meanwhile. Without its LISTEN connection kam says
# so once and reads again on a timer.

bats_require_minimum_version 1.5.0

load hooks

# c1_insert_contact NAME: a contact of Nordwind GmbH (C1), by psql
c1_insert_contact() {
	screen_sql "INSERT INTO kam.contact (account_id, name, email)
	    SELECT id, '$1', 'a@example.com' FROM kam.account WHERE erp_id = 'C1'"
}

jana_set() {
	screen_sql "UPDATE kam.contact SET $1 WHERE name = 'Jana Novak'"
}

@test "a contact added by psql appears without a key; the cursor stays on its row" {
	screen_open_account nordwind 2
	screen_find "Old Contact"
	[[ "$(screen_text)" == *"row 2 of 2"* ]]
	local keys
	keys=$(keys_seen)
	c1_insert_contact "Aaron Able"
	screen_wait "Aaron Able" 5
	screen_idle
	# active, so before the inactive one: the cursor went down with its row
	[[ "$(screen_text)" == *"row 3 of 3"* ]]
	[ "$(keys_seen)" -eq "$keys" ]
	grep -q ' live table$' "$SCREEN_TRACE"
}

@test "a save in one kam shows in another kam without a key" {
	screen_open_account nordwind 2
	screen_use 2
	screen_open_account nordwind 2
	screen_keys e Tab C-u
	screen_type "Live buyer"
	screen_keys C-s
	screen_wait "Contact saved."
	screen_use
	screen_wait "Live buyer" 5
}

@test "a form being typed in keeps its text and says the row changed meanwhile" {
	screen_open_account nordwind 2
	screen_keys e Tab Tab Tab C-u
	screen_type "+49 40 7777"
	jana_set "job_title = 'Changed by psql'"
	screen_wait "changed it meanwhile" 5
	run screen_text
	[[ "$output" == *"Changed meanwhile"* ]]
	[[ "$(screen_line 'Phone')" == *"+49 40 7777"* ]]
	[[ "$output" != *"Changed by psql"* ]]
	# the save does not overwrite theirs unasked
	screen_keys C-s
	screen_wait "Someone else saved this while you edited it."
}

@test "a change of another account reads nothing again" {
	screen_open_account nordwind 2
	screen_sql "UPDATE kam.contact SET job_title = 'Elsewhere'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3')"
	sleep 1.5
	[ "$(grep -c ' live table' "$SCREEN_TRACE" || true)" -eq 0 ]
}

@test "the LISTEN connection refused: said once, kam works on, polled" {
	screen_start KAM_LISTEN_CONNINFO=port=1
	screen_wait "No live updates" 15
	run screen_text
	[[ "$output" == *"db ok, not live"* ]]
	[[ "$output" == *"every 30 s"* ]]
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter
	screen_wait "Master data"
	[[ "$(screen_text)" == *"db ok, not live"* ]]
}

# The deployment of kam(1) POOLED CONNECTIONS: the client through
# PgBouncer in transaction pooling, LISTEN straight to the server.
@test "through PgBouncer, listening straight to the server: live" {
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_start
	screen_start PGHOST="$PGB_HOST" PGPORT="$PGB_PORT" \
	    KAM_LISTEN_CONNINFO="'host=${PG_DIRECT_HOST:-$PGHOST} port=${PG_DIRECT_PORT:-$PGPORT}'"
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter 2
	screen_wait "Jana Novak"
	c1_insert_contact "Pooled Person"
	screen_wait "Pooled Person" 5
	[[ "$(screen_text)" == *"db ok |"* ]]
	pgb_stop
}
