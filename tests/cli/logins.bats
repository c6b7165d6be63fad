#!/usr/bin/env bats
# Hundreds of logins through one PgBouncer (issue 18, finding 6). Every
# person logs in as themselves, which row-level security needs, so
# PgBouncer keeps a pool for each login: with its default sizes 50 logins
# at once opened 103 server connections, and a server's max_connections
# turned lookups away with "too many clients". contrib/pgbouncer.ini caps
# the pools of the database together (max_db_connections); this starts
# exactly that file (tests/lib/pgbouncer.bash) in front of a server with
# 40 connections and sends it 500 logins, 100 at a time.
#
# Here the 100 clients (sanitizer builds, some 200 ms of CPU each) share two
# cores with the server and PgBouncer, so a wave of them takes over 10 s of
# CPU alone and a login waits that long in PgBouncer's queue: CI saw kam's
# default database.connect_timeout (10 s) expire for a few. kam(1) tells a
# deployment to let the timeout cover that queue; the test does the same.
# A person's first login also waits for a server connection of its own
# pool, and after client_login_timeout (60 s) PgBouncer drops it "(server
# down)": CI saw that after a run of 95 s. kam tries again then, for
# database.retry_for, which the test sets above that 60 s too.

bats_require_minimum_version 1.5.0

LOGINS=500 AT_ONCE=100

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_start
	# support logins u1 to u500, each a person of their own
	psql -X -q -v ON_ERROR_STOP=1 -c "SELECT kam.add_user('u' || g, 'support',
	    'north', 'Support ' || g) FROM generate_series(1, $LOGINS) g" >/dev/null
	pgb_start
	mkdir -p "$BATS_FILE_TMPDIR/kam"
	printf '[database]\nconnect_timeout = 120\nretry_for = 300\n' > "$BATS_FILE_TMPDIR/kam/kam.conf"
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
}

# The most client backends of the u logins the server held at once, sampled
# (directly, as the superuser) until the file $1 exists.
peak_backends() {
	local peak=0 n
	until [ -e "$1" ]; do
		n=$(q "SELECT count(*) FROM pg_stat_activity
		    WHERE backend_type = 'client backend' AND usename ~ '^u[0-9]+$'")
		[ "${n:-0}" -le "$peak" ] || peak=$n
		sleep 0.05
	done
	echo "$peak"
}

# One login's lookup through PgBouncer; a failure names the login and
# what kam said.
lookup() {
	PGHOST=$PGB_HOST PGPORT=$PGB_PORT PGUSER=u$1 \
	    "$KAM" --config "$BATS_FILE_TMPDIR/kam/kam.conf" --sla C1 \
	    >/dev/null 2>"$BATS_TEST_TMPDIR/err.$1" ||
	    echo "u$1: exit $?: $(cat "$BATS_TEST_TMPDIR/err.$1")"
}

@test "500 logins through PgBouncer: every lookup answers, the server keeps within its connections" {
	local t0 t1 peak
	export -f lookup
	export KAM PGB_HOST PGB_PORT BATS_TEST_TMPDIR BATS_FILE_TMPDIR
	peak_backends "$BATS_TEST_TMPDIR/done" > "$BATS_TEST_TMPDIR/peak" &
	t0=$(date +%s%N)
	seq "$LOGINS" | xargs -P "$AT_ONCE" -I{} bash -c 'lookup {}' \
	    > "$BATS_TEST_TMPDIR/failed"
	t1=$(date +%s%N)
	touch "$BATS_TEST_TMPDIR/done"
	wait
	peak=$(cat "$BATS_TEST_TMPDIR/peak")
	# the figures, for the deployment notes (kam(1), POOLED CONNECTIONS)
	printf '# %d logins, %d at once: %d ms, at most %d server connections\n' \
	    "$LOGINS" "$AT_ONCE" $(((t1 - t0) / 1000000)) "$peak" >&3
	head -5 "$BATS_TEST_TMPDIR/failed"
	[ ! -s "$BATS_TEST_TMPDIR/failed" ]
	[ "$peak" -le 30 ]
}
