#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam --db add-user: creates a login and its app_user row, admins only.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

@test "an admin adds a manager who can then log in" {
	run "$KAM" -d user=kamadmin --db add-user carla --kind manager --team west \
	    --name 'Carla Rossi' --email carla@example.com
	[ "$status" -eq 0 ]
	[[ "$output" == "added carla as manager (user "*")" ]]
	run "$KAM" -d user=carla --db status
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "database kam as carla (Carla Rossi, manager, team west)" ]]
}

@test "a manager may not add users: exit 77" {
	run --separate-stderr "$KAM" -d user=anna --db add-user eve --kind admin --name Eve
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"not allowed: permission denied for function add_user"* ]]
	[ "$(psql -X -At -c "SELECT count(*) FROM pg_roles WHERE rolname = 'eve'")" -eq 0 ]
}

@test "names that are not plain identifiers are refused: exit 65" {
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user 'x"; DROP TABLE kam.account; --' \
	    --kind support --name X
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"invalid user name"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user kam_owner --kind admin --name X
	[ "$status" -eq 65 ]
	[ "$(psql -X -At -c 'SELECT count(*) FROM kam.account')" -eq 3 ]
}

@test "EXECUTE on add_user alone does not make a manager an admin" {
	# the function re-checks kam_admin itself, so EXECUTE alone is not enough
	psql -X -q -c "GRANT EXECUTE ON FUNCTION kam.add_user(text, text, text, text, text, text) TO anna"
	run pg_as anna -c "SELECT kam.add_user('eve', 'admin', NULL, 'Eve')"
	[ "$status" -ne 0 ]
	[[ "$output" == *"only kam administrators may add users"* ]]
	psql -X -q -c "REVOKE EXECUTE ON FUNCTION kam.add_user(text, text, text, text, text, text) FROM anna"
}

@test "an unknown kind is refused: exit 65" {
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user zoe --kind boss --name Zoe
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"invalid kind"* ]]
}

@test "a manager without a team is refused" {
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user tim --kind manager --name Tim
	[ "$status" -eq 65 ]
	[[ "$stderr" == *manager_has_team* ]]
	# and the whole call rolled back: no login was left behind
	[ "$(psql -X -At -c "SELECT count(*) FROM pg_roles WHERE rolname = 'tim'")" -eq 0 ]
}

@test "a support user's status shows the kind" {
	run "$KAM" -d user=sam --db status
	[[ "${lines[0]}" == "database kam as sam (Sam Okafor, support)" ]]
}
