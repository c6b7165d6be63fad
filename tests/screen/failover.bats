#!/usr/bin/env bats
# A failover during a save (issue 18, finding 3): the primary dies while
# the COMMIT of a new interaction waits for its synchronous standby (a
# real one, tests/lib/pgstandby.bash, its replay paused so that the wait
# lasts), the standby is promoted, and kam, connected through a multi-host
# string, finds out whether the save landed: it says so only once it
# knows, keeps the draft until then, and the row is there exactly once.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	pg_test_pooled && return 0
	screen_db_start
	pgs_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	pgs_stop
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	# the primary itself dies under kam, listed with its standby
	pg_test_direct_only "a multi-host string of the servers themselves"
	export PGUSER=anna
}

teardown() {
	screen_stop
}

drafts() {
	ls "$BATS_TEST_TMPDIR/state/kam/drafts" 2>/dev/null | grep -c '\.draft$' || true
}

# Whether a commit of anna's waits for the standby's answer.
commit_waits() {
	[ "$(PGUSER=postgres psql -X -At -c "SELECT count(*) FROM pg_stat_activity
	    WHERE usename = 'anna' AND wait_event = 'SyncRep'")" = 1 ]
}

@test "the primary dies while a save commits: not 'saved' until known, then saved once on the promoted standby" {
	local primary=$PG_TEST_DIR/run
	# every commit waits until the standby has applied it; it applies nothing
	screen_sql "ALTER SYSTEM SET synchronous_standby_names = 'kam_standby'"
	screen_sql "ALTER SYSTEM SET synchronous_commit = 'remote_apply'"
	screen_sql "SELECT pg_reload_conf()" >/dev/null
	pgs_psql -c "SELECT pg_wal_replay_pause()" >/dev/null
	screen_start PGHOST="$primary,$PGS_HOST"
	screen_keys /
	screen_type nordwind
	screen_keys Enter Enter
	screen_wait "Master data"
	screen_keys L Tab Tab Tab Tab
	screen_type "Across a failover"
	tm send-keys C-s
	screen_until 10 commit_waits
	pgc_stop "$PG_TEST_DIR" immediate
	screen_wait "db LOST" 10
	screen_idle
	screen_text
	# the answer was lost with the server: nothing may say "saved" yet
	[[ "$(screen_text)" != *"Interaction logged."* ]]
	[[ "$(screen_text)" == *"Saving: waiting for the database connection"* ]]
	[ "$(drafts)" -eq 1 ]
	pgs_promote
	screen_wait "Interaction logged." 30
	[[ "$(screen_text)" == *"It had been saved before the answer was lost."* ]]
	[ "$(pgs_psql -At -c "SELECT count(*) FROM kam.interaction WHERE subject = 'Across a failover'")" -eq 1 ]
	[ "$(drafts)" -eq 0 ]
}
