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
	psql -X -q -c "GRANT EXECUTE ON FUNCTION kam.add_user(text, text, text, text, text, text, boolean) TO anna"
	run pg_as anna -c "SELECT kam.add_user('eve', 'admin', NULL, 'Eve')"
	[ "$status" -ne 0 ]
	[[ "$output" == *"only kam administrators may add users"* ]]
	psql -X -q -c "REVOKE EXECUTE ON FUNCTION kam.add_user(text, text, text, text, text, text, boolean) FROM anna"
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

password_of() {	# the stored password hash of a role
	psql -X -At -c "SELECT rolpassword FROM pg_authid WHERE rolname = '$1'"
}

@test "add_user does not take over a role kam did not create" {
	psql -X -q -c "CREATE ROLE opsbackup LOGIN PASSWORD 'orig' IN ROLE pg_read_server_files"
	before=$(password_of opsbackup)
	run pg_as kamadmin -c "SELECT kam.add_user('opsbackup','admin',NULL,'Ops',NULL,'admin-chosen')"
	[ "$status" -ne 0 ]
	[[ "$output" == *'role "opsbackup" exists and was not made by kam'* ]]
	[ "$(password_of opsbackup)" = "$before" ]
	[ "$(psql -X -At -c "SELECT pg_has_role('opsbackup', 'kam_admin', 'MEMBER')")" = f ]
	# asked to adopt it: still refused, it has rights of its own
	run pg_as kamadmin -c "SELECT kam.add_user('opsbackup','admin',NULL,'Ops',NULL,NULL,true)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"has rights of its own"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user opsbackup --kind admin --name Ops
	[ "$status" -eq 65 ]
	[ "$(password_of opsbackup)" = "$before" ]
	[ "$(psql -X -At -c "SELECT count(*) FROM kam.app_user WHERE role_name = 'opsbackup'")" -eq 0 ]
}

@test "a bare existing login is added only with --adopt, its password untouched" {
	psql -X -q -c "CREATE ROLE plainlogin LOGIN PASSWORD 'orig'"
	before=$(password_of plainlogin)
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user plainlogin --kind support --name Plain
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"--adopt"* ]]
	run pg_as kamadmin -c "SELECT kam.add_user('plainlogin','support',NULL,'Plain',NULL,'new',true)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"does not set the password of a role it did not make"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --db add-user plainlogin --kind support --name Plain --adopt
	[ "$status" -eq 0 ]
	[ "$(password_of plainlogin)" = "$before" ]
	[ "$(psql -X -At -c "SELECT pg_has_role('plainlogin', 'kam_support', 'MEMBER')")" = t ]
}

@test "a role kam made may get its password again" {
	run pg_as kamadmin -c "SELECT kam.add_user('remade','manager','west','Remade',NULL,'first')"
	[ "$status" -eq 0 ]
	psql -X -q -c "DELETE FROM kam.app_user WHERE role_name = 'remade'"
	before=$(password_of remade)
	run pg_as kamadmin -c "SELECT kam.add_user('remade','manager','west','Remade',NULL,'second')"
	[ "$status" -eq 0 ]
	[ "$(password_of remade)" != "$before" ]
}
