# Throwaway database for one test file (bash; used by bats files and by
# with-pg). pg_test_start [no-schema] starts a private cluster with kam's
# schema and the fixture, exports PG* for it, and arranges that the cluster
# goes away when the test process does, however it ends.
#
# KAM_TEST_POOLER=pgbouncer (make check-pooled, scripts/check --pooled):
# pg_test_start also starts PgBouncer from contrib/pgbouncer.ini in front of
# the cluster (tests/lib/pgbouncer.bash) and points PGHOST and PGPORT at it,
# so every kam of the test goes through transaction pooling, while the
# harness's own psql keeps the direct socket (tests/lib/pooled/psql). A
# test that by nature needs a direct connection opts out
# (pg_test_direct_only).

. "${KAM_SRCDIR:?KAM_SRCDIR is not set}/scripts/lib/pgcluster.sh"

pg_test_start() {
	PG_TEST_DIR=$(pgc_mktemp kam-test) || return
	export PG_TEST_DIR
	pgc_init "$PG_TEST_DIR" || return
	pgc_start "$PG_TEST_DIR" || return
	pgc_watch "$PG_TEST_DIR" "${PG_TEST_OWNER:-$$}"
	pgc_psql "$PG_TEST_DIR" -d postgres -c 'CREATE DATABASE kam' || return
	eval "$(pgc_env "$PG_TEST_DIR")"
	if [ "${1:-}" != no-schema ]; then
		"$KAM" --db migrate >/dev/null || return
		pgc_psql "$PG_TEST_DIR" -d kam -f "$KAM_SRCDIR/tests/lib/fixture.sql" \
		    >/dev/null || return
	fi
	pg_test_pooler
}

# In the pooled pass, PgBouncer in front of the cluster, PG* through it.
pg_test_pooler() {
	case ${KAM_TEST_POOLER:-} in
	'') return 0 ;;
	pgbouncer) ;;
	*) echo "pg.bash: unknown KAM_TEST_POOLER '$KAM_TEST_POOLER'" >&2; return 64 ;;
	esac
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_start || return
	pgb_env
	# the harness's psql keeps the server's own socket (tests/lib/pooled/psql)
	PG_DIRECT_HOST=$PG_TEST_DIR/run PG_DIRECT_PORT=$PGC_PORT
	PATH=$KAM_SRCDIR/tests/lib/pooled:$PATH
	export PG_DIRECT_HOST PG_DIRECT_PORT PATH
}

# pg_test_logins_changed: after a test made a login, in the pooled pass
# PgBouncer rereads its userlist (else the login is refused there).
pg_test_logins_changed() {
	[ -n "${PGB_PID:-}" ] || return 0
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_reload
}

# A test that by nature needs a direct connection opts out of the pooled
# pass: "pg_test_pooled && return 0" first in setup_file (bats cannot skip
# there), and pg_test_direct_only REASON in setup or in the test itself.
pg_test_pooled() {
	[ -n "${KAM_TEST_POOLER:-}" ]
}

pg_test_direct_only() {
	! pg_test_pooled || skip "direct connection only: $1"
}

pg_test_stop() {
	[ -n "${PG_TEST_DIR:-}" ] || return 0
	if [ -n "${PGB_PID:-}" ]; then
		. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
		pgb_stop
	fi
	pgc_stop "$PG_TEST_DIR" immediate
	rm -rf "$PG_TEST_DIR"
}

# psql as a given login on the test database: pg_as anna -c '...'
pg_as() {
	local who=$1; shift
	PGUSER=$who psql -X -q -v ON_ERROR_STOP=1 -At "$@"
}

# q SQL: one statement as the superuser, its rows unaligned (for checks
# on what kam stored, past row-level security).
q() {
	PGUSER=postgres psql -X -At -c "$1"
}

# nested_plans USER SQL [SETUP]: the plans of every statement SQL runs, functions'
# and triggers' included (auto_explain, loaded by the superuser for a
# session that then acts as USER, after SETUP as the superuser), rolled
# back
nested_plans() {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 2>&1 <<-SQL
	LOAD 'auto_explain';
	SET auto_explain.log_min_duration = 0;
	SET auto_explain.log_nested_statements = on;
	SET auto_explain.log_level = notice;
	BEGIN;
	${3:-}
	SET ROLE $1;
	$2;
	ROLLBACK;
	SQL
}

# kept_follow_ups: the agenda's open follow-ups as migration 0037 keeps
# them, one a line (to compare with a rebuild from scratch).
kept_follow_ups() {
	q "SELECT string_agg(k, chr(10) ORDER BY k) FROM (
	    SELECT concat_ws(' ', 1, f.id, f.owner_id, f.follow_up_on) k
	      FROM kam.follow_up_open_owned f
	    UNION ALL
	    SELECT concat_ws(' ', 2, f.id, f.follow_up_owner_id, f.follow_up_on)
	      FROM kam.follow_up_open_owed f) s"
}
