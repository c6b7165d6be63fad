#!/usr/bin/env bats
# kam --duplicates: the candidate pairs of tests/sql/duplicates.sql as
# text, CSV and JSON, likeliest first, filtered like --quality; support may
# not look; what the database holds reaches a terminal made safe.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/duplicates.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

@test "text: a pair a line, likeliest first, and a count" {
	run --separate-stderr "$KAM" --duplicates -d user=anna
	[ "$status" -eq 0 ]
	d1=$(pg_as anna -c "SELECT id FROM kam.account WHERE erp_id = 'D1'")
	d2=$(pg_as anna -c "SELECT id FROM kam.account WHERE erp_id = 'D2'")
	[ "${lines[0]}" = " 100  account  Müller Maschinenbau GmbH ($d1) / Mueller Maschinenbau GmbH ($d2): same VAT id DE111222333; names 81 % alike" ]
	[[ "$output" == *"  60  contact  Eva Klein ("*", Nordwind GmbH) / E. Klein ("*", Davids Werkstatt): same e-mail eva@klein.example.com"* ]]
	[ "${lines[-1]}" = "8 candidate pairs." ]
}

@test "CSV and JSON: every pair, its kind, score and both accounts" {
	run --separate-stderr "$KAM" --duplicates -f csv -d user=anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "kind,score,reasons,id,name,other_id,other_name,account_id,account_erp_id,account_name,other_account_id,other_account_erp_id,other_account_name" ]
	[ "${#lines[@]}" -eq 9 ]
	"$KAM" --duplicates -f json -d user=anna >"$BATS_TEST_TMPDIR/d.json"
	run "$PYTHON3" -c 'import json, sys
rows = json.load(open(sys.argv[1]))
print(len(rows), sorted({r["kind"] for r in rows}), [r["score"] for r in rows][:3])' "$BATS_TEST_TMPDIR/d.json"
	[ "$output" = "8 ['account', 'contact'] [100, 60, 60]" ]
}

@test "filters: one account's pairs; a pair marked not a duplicate is gone" {
	run --separate-stderr "$KAM" --duplicates --account D3 -f csv --no-header -d user=anna
	[ "$status" -eq 0 ]
	# D3 and D4, and their contacts Weber and Dispatch
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == account,50,* ]]
	[[ "${lines[1]}" == contact,40,* ]]
	pg_as anna -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id)
	    SELECT 'account', a.id, b.id FROM kam.account a, kam.account b
	    WHERE a.erp_id = 'D3' AND b.erp_id = 'D4'"
	run --separate-stderr "$KAM" --duplicates --account D3 -f csv --no-header -d user=anna
	[[ "$output" == contact,40,* ]]
	run --separate-stderr "$KAM" --duplicates --account C2 -d user=anna
	[ "$output" = "No candidate duplicates." ]
	pg_as anna -c "DELETE FROM kam.not_duplicate"
}

@test "support may not look: exit 77, nothing on stdout" {
	run --separate-stderr "$KAM" --duplicates -d user=sam
	[ "$status" -eq 77 ]
	[ -z "$output" ]
	[[ "$stderr" == *"permission denied"* ]]
}

@test "bad combinations are usage errors; control characters never reach the reader" {
	run --separate-stderr "$KAM" --duplicates -f xml -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --duplicates --since -30d -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --duplicates --quality -d user=anna
	[ "$status" -eq 64 ]
	pg_as postgres -c "UPDATE kam.account SET name = E'Spedition \\x1b[31mWeber' WHERE erp_id = 'D4'"
	run --separate-stderr "$KAM" --duplicates --account D3 -d user=anna
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\x1b'* ]]
	pg_as postgres -c "UPDATE kam.account SET name = 'Spedition Weber' WHERE erp_id = 'D4'"
}
