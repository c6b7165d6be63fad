#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migrations on a real, throwaway PostgreSQL: fresh apply, re-run is a
# no-op, concurrent runs apply once, a newer database is refused.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start no-schema
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	# how many migrations are built into kam, and the newest one's number
	# (numbers may leave gaps where a branch's migration was renumbered)
	count=$(ls "$KAM_SRCDIR"/src/db/migrations/[0-9]*.sql | wc -l)
	latest=$(ls "$KAM_SRCDIR"/src/db/migrations/ | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' |
	    sort -n | tail -n 1)
}

fresh_db() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

@test "status on an empty database lists every migration as pending" {
	fresh_db m_status
	run "$KAM" -d dbname=m_status --db status
	[ "$status" -eq 0 ]
	[[ "$output" == *"0001  schema                pending"* ]]
	[[ "$output" == *"$count pending: run kam --db migrate"* ]]
}

@test "migrate applies everything once; a re-run is a no-op" {
	fresh_db m_fresh
	run "$KAM" -d dbname=m_fresh --db migrate
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "applied 0001 schema" ]]
	[ "$(psql -X -At -d m_fresh -c 'SELECT count(*) FROM kam.schema_migration')" -eq "$count" ]
	run "$KAM" -d dbname=m_fresh --db migrate
	[ "$status" -eq 0 ]
	[ "$output" = "schema is up to date (version $latest)" ]
	run "$KAM" -d dbname=m_fresh --db status
	[ "$status" -eq 0 ]
	[[ "$output" == *"0003  security              applied 20"* ]]
	[[ "$output" == *"schema is up to date (version $latest)"* ]]
}

@test "two migrations at once apply each step exactly once" {
	fresh_db m_race
	"$KAM" -d dbname=m_race --db migrate > "$BATS_TEST_TMPDIR/a" 2>&1 &
	"$KAM" -d dbname=m_race --db migrate > "$BATS_TEST_TMPDIR/b" 2>&1 &
	wait %1; a=$?
	wait %2; b=$?
	[ "$a" -eq 0 ] && [ "$b" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" | grep -c '^applied 0001')" -eq 1 ]
	[ "$(psql -X -At -d m_race -c 'SELECT count(*) FROM kam.schema_migration')" -eq "$count" ]
}

@test "a database newer than the binary is refused" {
	fresh_db m_newer
	"$KAM" -d dbname=m_newer --db migrate
	psql -X -q -d m_newer -c "INSERT INTO kam.schema_migration (version, name, checksum) VALUES (9999, 'future', 'x')"
	run --separate-stderr "$KAM" -d dbname=m_newer --db migrate
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"schema is at version 9999, but this kam knows versions up to $latest only"* ]]
	run --separate-stderr "$KAM" -d dbname=m_newer --db status
	[ "$status" -eq 65 ]
	[[ "$output" == *"9999  future                unknown to this kam"* ]]
	run --separate-stderr "$KAM" -d dbname=m_newer --db add-user zed --kind support --name Zed
	[ "$status" -eq 65 ]
}

@test "a migration whose text changed after it was applied is shown" {
	fresh_db m_changed
	"$KAM" -d dbname=m_changed --db migrate
	psql -X -q -d m_changed -c "UPDATE kam.schema_migration SET checksum = 'old' WHERE version = 2"
	run "$KAM" -d dbname=m_changed --db status
	[[ "$output" == *"0002  triggers              changed since applied"* ]]
}

@test "commands that need the schema say to migrate first" {
	fresh_db m_pending
	run --separate-stderr "$KAM" -d dbname=m_pending --db add-user zed --kind support --name Zed
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"run kam --db migrate"* ]]
}

@test "all objects belong to the non-login owner role" {
	fresh_db m_owner
	"$KAM" -d dbname=m_owner --db migrate
	run psql -X -At -d m_owner -c "SELECT count(*) FROM pg_class c
	    WHERE c.relnamespace = 'kam'::regnamespace
	      AND pg_get_userbyid(c.relowner) <> 'kam_owner'"
	[ "$output" -eq 0 ]
	run psql -X -At -d m_owner -c "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'kam_owner'"
	[ "$output" = f ]
}
