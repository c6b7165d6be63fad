# The bats hooks of the SQL test files that work on the screen tests' data
# ("load hooks"): one throwaway database a file, loaded with
# tests/screen/data.sql, and pg_as for each test.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/screen/data.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}
