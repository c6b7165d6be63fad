#!/usr/bin/env bats
# kam's CLI against a primary and its streaming standby (tests/lib/
# pgstandby.bash: a real standby made with pg_basebackup): a multi-host
# connection string lands on the primary whatever its order, a write that
# reaches a standby says so, every host's refusal is shown, and a server
# that is full for a moment is asked again before kam gives up with 75.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	pg_test_pooled && return 0
	pg_test_start
	pgs_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	pgs_stop
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgstandby.bash"
	# multi-host strings that name the servers themselves, and a server's
	# own connection limit, which PgBouncer queues behind;
	# pgbouncer_failover.bats lists a PgBouncer per node instead
	pg_test_direct_only "libpq against the servers themselves"
	PRIMARY=$PG_TEST_DIR/run
	unset PGTARGETSESSIONATTRS
}

# retry_for SECONDS: a kam.conf that keeps asking that long
retry_for() {
	printf '[database]\nretry_for = %s\n' "$1" >"$BATS_TEST_TMPDIR/kam.conf"
	echo "$BATS_TEST_TMPDIR/kam.conf"
}

add_user() {
	run --separate-stderr "$KAM" "$@" -d user=kamadmin --db add-user "$NAME" \
	    --kind manager --team west --name "$NAME"
	printf '%s\n' "$output" "$stderr"
}

@test "the standby listed first: kam writes on the primary" {
	NAME=failover1 PGHOST="$PGS_HOST,$PRIMARY" add_user
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.app_user WHERE role_name = 'failover1'")" = 1 ]
}

@test "a write on a standby: the database is read-only (a standby), exit 69" {
	NAME=failover2 PGHOST=$PGS_HOST PGTARGETSESSIONATTRS=any add_user
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"the database is read-only (a standby): cannot execute "* ]]
}

@test "no host will do: each host's reason, and 75 once the retries ran out" {
	NAME=failover3 PGHOST="$BATS_TEST_TMPDIR/none,$PGS_HOST" add_user \
	    --config "$(retry_for 1)"
	[ "$status" -eq 75 ]
	[ "${#stderr_lines[@]}" -eq 4 ]
	[ "${stderr_lines[0]}" = "kam: cannot connect to the database on any of its hosts:" ]
	[[ "${stderr_lines[1]}" == "kam:   connection to server on socket \"$BATS_TEST_TMPDIR/none/.s.PGSQL.5432\" failed: No such file or directory" ]]
	[[ "${stderr_lines[2]}" == "kam:   connection to server on socket \"$PGS_HOST/.s.PGSQL.5432\" failed: session is read-only" ]]
	[[ "${stderr_lines[3]}" == "kam: the database is full or failing over, still after 1 s of retries"* ]]
}

@test "hosts that are down, no more: exit 69 at once, each host's reason" {
	PGHOST="$BATS_TEST_TMPDIR/none,$BATS_TEST_TMPDIR/gone" run --separate-stderr \
	    "$KAM" --sla C1
	[ "$status" -eq 69 ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ "${stderr_lines[2]}" == *"/gone/.s.PGSQL.5432\" failed: No such file or directory" ]]
}

# anna may hold one connection at a time; a session of hers holds it
hold_anna() {
	q "ALTER ROLE anna CONNECTION LIMIT 1" >/dev/null
	PGUSER=anna timeout 20 psql -X -q -c "SELECT pg_sleep($1)" >/dev/null 3>&- &
	HOLDER=$!
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'anna'")" = 1 ] && break
		sleep 0.05
	done
}

@test "a full server is asked again with backoff: kam answers once a slot is free" {
	hold_anna 2
	PGUSER=anna run --separate-stderr "$KAM" --config "$(retry_for 20)" --sla C1
	wait "$HOLDER"
	q "ALTER ROLE anna CONNECTION LIMIT -1" >/dev/null
	printf '%s\n' "$output" "$stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Account owner   Anna Lindqvist"* ]]
}

@test "a server full for longer than retry_for: exit 75, the server's reason" {
	hold_anna 4
	PGUSER=anna run --separate-stderr "$KAM" --config "$(retry_for 1)" --sla C1
	wait "$HOLDER"
	q "ALTER ROLE anna CONNECTION LIMIT -1" >/dev/null
	printf '%s\n' "$output" "$stderr"
	[ "$status" -eq 75 ]
	[[ "${stderr_lines[0]}" == *'failed: FATAL:  too many connections for role "anna"' ]]
}
