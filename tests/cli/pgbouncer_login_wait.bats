#!/usr/bin/env bats
# A person's first login through PgBouncer waits for a server connection
# of its own pool; PgBouncer drops it after client_login_timeout with
# "client_login_timeout (server down)" (PgBouncer 1.18, src/janitor.c,
# pool_client_maint), though the server is up. kam takes that for a
# refusal of the moment and tries again for database.retry_for (kam(1),
# POOLED CONNECTIONS). CI saw 5 of 500 logins fail so (tests/cli/
# logins.bats). Here PgBouncer may open one server connection and drops a
# waiting login after a second, while another login keeps that one
# connection busy for four.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_pooled && return 0
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 -c "SELECT kam.add_user(u, 'support',
	    'north', u) FROM unnest(ARRAY['busy', 'first', 'second']) u" >/dev/null
	PGB_SETTINGS=$'client_login_timeout = 1\nmax_db_connections = 1' pgb_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_stop
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_direct_only "starts a PgBouncer of its own with a short login timeout"
}

# The one server connection busy for four seconds, as login "busy"
# through PgBouncer; returns once the server runs it.
hold_the_connection() {
	PGHOST=$PGB_HOST PGPORT=$PGB_PORT PGUSER=busy \
	    psql -X -q -c 'SELECT pg_sleep(4)' >/dev/null 2>&1 &
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM pg_stat_activity
		    WHERE usename = 'busy' AND state = 'active'")" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}

# kam --sla as login $1, with database.retry_for $2. Each test logs in
# as a person new to PgBouncer: a pool that has greeted once keeps its
# greeting, and later logins of that person wait for a query instead.
sla_as() {
	printf '[database]\nretry_for = %s\n' "$2" > "$BATS_TEST_TMPDIR/kam.conf"
	PGHOST=$PGB_HOST PGPORT=$PGB_PORT PGUSER=$1 run --separate-stderr \
	    "$KAM" --config "$BATS_TEST_TMPDIR/kam.conf" --sla C1
}

@test "dropped by client_login_timeout while the server is busy: kam tries again and answers" {
	hold_the_connection
	sla_as first 30
	printf '%s\n' "$stderr"
	[ "$status" -eq 0 ]
	[ -n "$output" ]
	grep -q 'client_login_timeout (server down)' "$PGB_DIR/pgbouncer.log"
	wait
}

@test "still dropped when database.retry_for ends: exit 75, a temporary failure" {
	hold_the_connection
	sla_as second 1
	printf '%s\n' "$stderr"
	[ "$status" -eq 75 ]
	[[ $stderr == *"client_login_timeout (server down)"* ]]
	[[ $stderr == *"database.retry_for"* ]]
	wait
}
