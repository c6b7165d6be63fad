#!/usr/bin/env bats
# TLS is verified: an ERP whose certificate nobody vouches for is refused;
# erp.ca_file adds a certificate authority to the system's.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --tls --customers 5 --contacts 5 --orders 5 --invoices 5
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	export PGUSER=erpsync
}

@test "an unknown certificate authority is refused, not retried" {
	run --separate-stderr "$KAM" --sync
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"customers: cannot reach the ERP: SSL certificate problem"* ]]
	[[ "$stderr" != *"trying again"* ]]
}

@test "erp.ca_file adds the ERP's certificate authority" {
	printf '[erp]\nca_file = %s\n' "$KAM_SRCDIR/tests/erp/tls/ca.pem" > "$BATS_TEST_TMPDIR/kam.conf"
	run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "customers fetched 5, inserted 5, updated 0, unchanged 0, deleted 0, errors 0" ]
}

@test "an unreadable erp.ca_file is a configuration error" {
	printf '[erp]\nca_file = /nonexistent/ca.pem\n' > "$BATS_TEST_TMPDIR/kam.conf"
	run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"erp.ca_file /nonexistent/ca.pem: No such file or directory"* ]]
}
