#!/usr/bin/env bats
# The full-screen client through PgBouncer 1.18 in transaction pooling with
# its default settings (tests/lib/pgbouncer.bash): the first paint, an
# account, and the user's time zone on the screen.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	screen_db_start
	pgb_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_stop
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	export PGUSER=anna
}

teardown() {
	screen_stop
}

@test "the client paints and opens an account through PgBouncer, in a New York user's zone" {
	screen_start PGHOST="$PGB_HOST" PGPORT="$PGB_PORT" TZ=America/New_York
	screen_wait "Nordwind GmbH"
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter
	screen_wait "Master data"
	run screen_text
	[[ "$output" == *"Account           Nordwind GmbH (ERP C1)"* ]]
	# History: the server writes times in the session's zone, New York's
	at=$(q "SELECT to_char(i.occurred_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id WHERE a.erp_id = 'C1' AND i.subject = 'Talk number 1'")
	utc=$(q "SELECT to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id WHERE a.erp_id = 'C1' AND i.subject = 'Talk number 1'")
	[ "$at" != "$utc" ]
	screen_keys 6
	screen_wait "Talk number 1 "
	[[ "$(screen_text | sed -n 4p)" == *"$at"*"Talk number 1 "* ]]
}
