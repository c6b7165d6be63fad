#!/usr/bin/env bats
# kam never freezes: a slow query shows a spinner and Esc cancels it; a
# database restart shows in the status line, kam keeps its screen,
# reconnects and reads it again.

bats_require_minimum_version 1.5.0

load hooks

# A server started here outlives the test: it must not hold bats' pipes.
db_start() {
	no_inherited_fds pgc_start "$PG_TEST_DIR"
}

teardown() {
	screen_stop
	db_start
}

# Holds a lock on the accounts for $1 seconds, in the background.
lock_accounts() {
	PGUSER=postgres no_inherited_fds timeout 30 psql -X -q -c "BEGIN; LOCK TABLE kam.account IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep($1); COMMIT;" >/dev/null 2>&1 &
	LOCKER=$!
	sleep 0.3
}

@test "a slow query shows a spinner, Esc cancels it and the screen stays" {
	screen_start
	lock_accounts 4
	tm send-keys C-l
	screen_wait "working, Esc cancels"
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	tm send-keys Escape
	screen_wait "Cancelled. Ctrl-L reads the screen again."
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	[[ "$(screen_text)" != *"working"* ]]
	wait "$LOCKER"
	screen_keys C-l
	[[ "$(screen_text)" == *"row 1 of 307"* ]]
}

@test "typing on while a query runs replaces it: the last search wins" {
	screen_start
	lock_accounts 2
	screen_keys /
	tm send-keys -l "nordwi"
	screen_wait "working, Esc cancels"
	tm send-keys -l "nd"
	wait "$LOCKER"
	screen_idle
	[[ "$(screen_text)" == *"row 1 of 1"* ]]
	[[ "$(screen_text | sed -n 3p)" == "Nordwind GmbH"* ]]
}

@test "a database restart: lost in the status line, screen kept, read again" {
	pg_test_direct_only "PgBouncer keeps kam's connection across a server restart"
	screen_start
	screen_keys j j
	[[ "$(screen_text)" == *"row 3 of 307"* ]]
	pgc_stop "$PG_TEST_DIR" fast
	screen_wait "db LOST"
	[[ "$(screen_text)" == *"Lost the database connection; kam reconnects"* ]]
	[[ "$(screen_text)" == *"Davids Werkstatt"* ]]
	[[ "$(screen_text)" == *"row 3 of 307"* ]]
	sleep 1
	db_start
	screen_wait "Reconnected to the database." 20
	screen_wait "db ok"
	screen_idle
	[[ "$(screen_text)" == *"row 3 of 307"* ]]
	screen_keys /
	screen_type muller
	[[ "$(screen_text)" == *"Müller GmbH"* ]]
	[[ "$(screen_text)" == *"row 1 of 1"* ]]
}

@test "a restart under the account screen: its tabs are read again" {
	pg_test_direct_only "PgBouncer keeps kam's connection across a server restart"
	screen_start
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter 6
	screen_wait "Talk number 1 "
	pgc_stop "$PG_TEST_DIR" fast
	screen_wait "db LOST"
	[[ "$(screen_text)" == *"Talk number 1 "* ]]
	db_start
	screen_wait "Reconnected to the database." 20
	screen_idle
	[[ "$(screen_text)" == *"History: row 1 of 200+"* ]]
	screen_keys 1
	[[ "$(screen_text)" == *"Master data"* ]]
	screen_keys q
	[[ "$(screen_text)" == *"row 1 of 1"* ]]
}

@test "fast typing that cancels statements never leaves the screen waiting" {
	local want
	screen_start
	for i in $(seq 1 15); do
		screen_keys /
		# each key cancels the statement before; kam must settle by itself
		want=$(( $(keys_seen) + 14 ))
		tm send-keys -l "nordwi"
		# an Esc the next key follows at once is an Alt key: read alone
		tm send-keys Escape
		screen_until 10 keys_read $(( want - 7 ))
		tm send-keys /
		tm send-keys -l "müller"
		screen_until 10 keys_read "$want"
		screen_idle
		[[ "$(screen_text)" == *"Müller GmbH"* ]]
		screen_keys Escape
	done
}
