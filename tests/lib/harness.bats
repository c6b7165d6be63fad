#!/usr/bin/env bats
# The test harness itself: a test that dies, however it dies, leaves no
# PostgreSQL server and no data folder behind.

bats_require_minimum_version 1.5.0

@test "a test killed with SIGKILL leaves no server behind" {
	bash -c '. "$KAM_SRCDIR/tests/lib/pg.bash"
	         pg_test_start no-schema || exit 1
	         echo "$PG_TEST_DIR" > "$0"
	         exec sleep 600' "$BATS_TEST_TMPDIR/dir" 3>&- &
	pid=$!
	for _ in $(seq 60); do [ -s "$BATS_TEST_TMPDIR/dir" ] && break; sleep 0.5; done
	dir=$(cat "$BATS_TEST_TMPDIR/dir")
	[ -d "$dir/data" ]
	PGHOST=$dir/run PGUSER=postgres psql -X -At -d postgres -c 'SELECT 1'
	kill -9 "$pid"
	for _ in $(seq 30); do [ -d "$dir" ] || break; sleep 0.5; done
	[ ! -d "$dir" ]
	run pgrep -f "$dir/data"
	[ "$status" -ne 0 ]
}

@test "with-pg passes the command's status through and cleans up" {
	run "$KAM_SRCDIR/tests/lib/with-pg" sh -c 'echo "$PGHOST" > "$0"; exit 3' "$BATS_TEST_TMPDIR/host"
	[ "$status" -eq 3 ]
	host=$(cat "$BATS_TEST_TMPDIR/host")
	[ ! -d "$(dirname "$host")" ]
}

@test "the pooled pass: kam goes through PgBouncer, the harness's psql straight to the server" {
	export KAM_TEST_POOLER=pgbouncer
	run bash -c '. "$KAM_SRCDIR/tests/lib/pg.bash"
	    pg_test_start || exit 1
	    [ "$PGHOST" = "$PGB_HOST" ] && [ "$PGPORT" = 6432 ] || exit 2
	    PGUSER=anna "$KAM" --sla C1 >/dev/null || exit 3
	    psql -X -At -c "SELECT 1" >/dev/null || exit 4
	    pg_as bo -c "SELECT 1" >/dev/null || exit 5
	    # PgBouncer logs each login it is asked for (log_connections)
	    grep -c "login attempt: db=kam user=" "$PGB_DIR/pgbouncer.log"
	    grep -q "user=anna" "$PGB_DIR/pgbouncer.log" || exit 6
	    ! grep -q "user=postgres\|user=bo " "$PGB_DIR/pgbouncer.log" || exit 7
	    pg_test_stop'
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
}
