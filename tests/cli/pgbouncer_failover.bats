#!/usr/bin/env bats
# One PgBouncer per node (kam-deploy(7), FAILOVER): a primary and its
# streaming standby (tests/lib/pgstandby.bash, contrib/standby.conf), each
# with contrib/pgbouncer.ini in front of it (tests/lib/pgbouncer.bash), and
# kam's connection string listing both PgBouncers. kam writes on the
# primary whichever is listed first; after a failover, with the old
# primary and its PgBouncer stopped and the promoted node's PgBouncer
# restarted, it writes on the new primary. Without that restart the
# promoted node's PgBouncer still answers logins as a standby: a pool
# greets each new client with the server parameters of its first server
# connection, in_hot_standby among them (PgBouncer 1.18, src/objects.c,
# finish_client_login; only tag_pool_dirty, by RECONNECT or a changed
# connect string, drops them), and libpq's target_session_attrs=read-write
# believes it.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_pooled && return 0
	pg_test_start
	pgs_start
	pgb_start
	PRIMARY_BOUNCER=$PGB_HOST PRIMARY_BOUNCER_PID=$PGB_PID
	PGB_PID=
	pgb_start "$PGS_DIR"
	export PRIMARY_BOUNCER PRIMARY_BOUNCER_PID
	printf '[database]\nretry_for = 1\n' > "$BATS_FILE_TMPDIR/kam.conf"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	kill "${PRIMARY_BOUNCER_PID:-}" 2>/dev/null || true
	pgb_stop
	pgs_stop
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_direct_only "starts a PgBouncer on each node itself"
	unset PGTARGETSESSIONATTRS
	# both PgBouncers, the standby's first
	export PGHOST="$PGB_HOST,$PRIMARY_BOUNCER" PGPORT=$PGB_PORT
}

add_user() {
	run --separate-stderr "$KAM" --config "$BATS_FILE_TMPDIR/kam.conf" \
	    -d user=kamadmin --db add-user "$1" --kind manager --team west --name "$1"
	printf '%s\n' "$output" "$stderr"
}

@test "both PgBouncers listed, the standby's first: kam writes on the primary" {
	# the standby holds its replay, so that a check reading there would
	# see nothing: a fresh-clone run saw 0 when the replay was late
	pgs_psql -q -c 'SELECT pg_wal_replay_pause()' >/dev/null
	add_user pooled1
	local st=$status n
	n=$(PGTARGETSESSIONATTRS=read-write q "SELECT count(*) FROM kam.app_user
	    WHERE role_name = 'pooled1'")
	pgs_psql -q -c 'SELECT pg_wal_replay_resume()' >/dev/null
	[ "$st" -eq 0 ]
	[ "$n" = 1 ]
}

@test "an export through the standby's PgBouncer with prefer-standby" {
	pgs_caught_up
	PGUSER=kamadmin PGTARGETSESSIONATTRS=prefer-standby run --separate-stderr \
	    "$KAM" -e accounts -f csv --columns erp_id
	printf '%s\n' "$output" "$stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == *C1* ]]
	# it read on the standby, through its PgBouncer
	[ "$(pgs_psql -At -c "SELECT count(*) FROM pg_stat_activity
	    WHERE usename = 'kamadmin'")" -ge 1 ]
}

@test "failover: the promoted node's PgBouncer looks like a standby until it restarts" {
	# the old primary and its PgBouncer go away, the standby is promoted
	kill "$PRIMARY_BOUNCER_PID"
	pgc_stop "$PG_TEST_DIR" immediate
	pgs_promote
	[ "$(pgs_psql -At -c 'SELECT pg_is_in_recovery()')" = f ]
	add_user pooled2
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"session is read-only"* || "$stderr" == *"hot standby"* ]]
	pgb_stop
	pgb_start "$PGS_DIR"
	add_user pooled2
	[ "$status" -eq 0 ]
	[ "$(pgs_psql -At -c "SELECT count(*) FROM kam.app_user WHERE role_name = 'pooled2'")" = 1 ]
}
