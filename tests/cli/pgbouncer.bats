#!/usr/bin/env bats
# kam's CLI through PgBouncer 1.18 in transaction pooling with its default
# settings (contrib/pgbouncer.ini, started by tests/lib/pgbouncer.bash):
# it connects, and each user's time zone reaches every transaction, though
# clients in different zones share one server connection.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pg_test_start
	psql -X -q -c "INSERT INTO kam.interaction (account_id, occurred_at, channel,
	    subject, author_id) SELECT id, TIMESTAMPTZ '2026-03-01 10:00+00', 'call',
	    'A call', owner_id FROM kam.account WHERE erp_id = 'C1'"
	pgb_start
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
	pgb_env
	export PGUSER=anna
}

history() {
	TZ=$1 run --separate-stderr "$KAM" -e history -f jsonl --columns occurred_at \
	    --since 2026-03-01 --until 2026-03-01 --account C1
	printf '%s\n' "$output" "$stderr"
}

@test "kam --sla answers through PgBouncer" {
	run --separate-stderr "$KAM" --sla C1
	printf '%s\n' "$output" "$stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Account owner   Anna Lindqvist <anna@example.com>"* ]]
}

@test "exports through PgBouncer are in each user's zone, turn after turn" {
	for _ in 1 2 3; do
		history America/New_York
		[ "$status" -eq 0 ]
		[ "$output" = '{"occurred_at":"2026-03-01T05:00:00-05:00"}' ]
		history Asia/Tokyo
		[ "$output" = '{"occurred_at":"2026-03-01T19:00:00+09:00"}' ]
		history UTC
		[ "$output" = '{"occurred_at":"2026-03-01T10:00:00+00:00"}' ]
	done
	# one pool for anna's login: the zones above shared its server connections
	[ "$(pgc_psql "$PG_TEST_DIR" -At -c \
	    "SELECT count(*) FROM pg_stat_activity WHERE usename = 'anna'")" -le 2 ]
}
