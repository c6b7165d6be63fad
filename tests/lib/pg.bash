# Throwaway database for one test file (bash; used by bats files and by
# with-pg). pg_test_start [no-schema] starts a private cluster with kam's
# schema and the fixture, exports PG* for it, and arranges that the cluster
# goes away when the test process does, however it ends.

. "${KAM_SRCDIR:?KAM_SRCDIR is not set}/scripts/lib/pgcluster.sh"

pg_test_start() {
	PG_TEST_DIR=$(pgc_mktemp kam-test) || return
	export PG_TEST_DIR
	pgc_init "$PG_TEST_DIR" || return
	pgc_start "$PG_TEST_DIR" || return
	pgc_watch "$PG_TEST_DIR" "${PG_TEST_OWNER:-$$}"
	pgc_psql "$PG_TEST_DIR" -d postgres -c 'CREATE DATABASE kam' || return
	eval "$(pgc_env "$PG_TEST_DIR")"
	[ "${1:-}" = no-schema ] && return 0
	"$KAM" --db migrate >/dev/null || return
	pgc_psql "$PG_TEST_DIR" -d kam -f "$KAM_SRCDIR/tests/lib/fixture.sql" \
	    >/dev/null
}

pg_test_stop() {
	[ -n "${PG_TEST_DIR:-}" ] || return 0
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
