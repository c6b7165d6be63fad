#!/usr/bin/env bats
# kam --quality: the findings of tests/sql/quality.sql's planted dirt as
# text, CSV and JSON, filtered by account, owner and team; support may
# not read them; what the database holds reaches a terminal made safe.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/quality.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

@test "text: every finding under its account, worst score first, and a count" {
	run --separate-stderr "$KAM" --quality -d user=anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Quality 01 (Q01), key, no owner (north): score 80" ]
	[ "${lines[1]}" = "  high    owner_missing           owner_id        no owner" ]
	[ "$(grep -c '^  ' <<<"$output")" -eq 17 ]
	# the six high ones (score 80) come before the rest
	[ "$(grep -o 'score [0-9]*' <<<"$output" | head -6 | sort -u)" = "score 80" ]
	[ "${lines[-1]}" = "17 findings on 17 accounts." ]
}

@test "CSV of one account, its columns as kam(1) lists them" {
	run --separate-stderr "$KAM" --quality --account Q09 -f csv -d user=anna
	[ "$status" -eq 0 ]
	[ "$output" = "account_id,account_erp_id,account_name,owner,team,tier,score,rule,kind,severity,entity,entity_id,field,detail
$(pg_as anna -c "SELECT id FROM kam.account WHERE erp_id = 'Q09'"),Q09,Quality 09,anna,north,key,90,email_invalid,validity,medium,contact,$(pg_as anna -c "SELECT id FROM kam.contact WHERE name = 'Dotty'"),email,Dotty: dotty..two@q09.example.com" ]
}

@test "JSON holds every planted rule once" {
	"$KAM" --quality -f json -d user=anna >"$BATS_TEST_TMPDIR/q.json"
	run "$PYTHON3" -c 'import json, sys
rows = json.load(open(sys.argv[1]))
print(len(rows), len({r["rule"] for r in rows}), sorted({r["score"] for r in rows}))' "$BATS_TEST_TMPDIR/q.json"
	[ "$output" = "17 17 [80, 90, 95]" ]
}

@test "filters: a team without findings, an owner, a tier; unknown names are errors" {
	run --separate-stderr "$KAM" --quality --team south -d user=anna
	[ "$status" -eq 0 ]
	[ "$output" = "No findings." ]
	run --separate-stderr "$KAM" --quality --owner anna --tier key -f csv --no-header -d user=anna
	[ "$status" -eq 0 ]
	# Q01 has no owner
	[ "${#lines[@]}" -eq 16 ]
	run --separate-stderr "$KAM" --quality --team nosuch -d user=anna
	[ "$status" -eq 66 ]
}

@test "support may not read findings: exit 77, nothing on stdout" {
	run --separate-stderr "$KAM" --quality -d user=sam
	[ "$status" -eq 77 ]
	[ -z "$output" ]
	[[ "$stderr" == *"permission denied"* ]]
}

@test "bad combinations are usage errors" {
	run --separate-stderr "$KAM" --quality -f xml -d user=anna
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"--format for --quality is text, csv, tsv, json or jsonl"* ]]
	run --separate-stderr "$KAM" --quality -o "$BATS_TEST_TMPDIR/q.txt" -d user=anna
	[ "$status" -eq 64 ]
	[ ! -e "$BATS_TEST_TMPDIR/q.txt" ]
	run --separate-stderr "$KAM" --quality --sync -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --quality --since -30d -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --quality extra -d user=anna
	[ "$status" -eq 64 ]
}

@test "escape sequences in the data never reach the reader raw" {
	pg_as postgres -c "UPDATE kam.contact SET name = E'Evil\u001b[2J' WHERE name = 'Dotty'"
	run --separate-stderr "$KAM" --quality --account Q09 -d user=anna
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\033'* ]]
	[[ "$output" == *"email_invalid"* ]]
	pg_as postgres -c "UPDATE kam.contact SET name = 'Dotty' WHERE name = E'Evil\u001b[2J'"
}

@test "kam --export quality: one row per account with its score" {
	run --separate-stderr "$KAM" --export quality --account Q13 -d user=anna
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(pg_as anna -c "SELECT id FROM kam.account WHERE erp_id = 'Q13'"),Q13,Quality 13,anna,north,key,95,1,0,0,1" ]
	run --separate-stderr "$KAM" --export quality --account Q17 -f json -d user=anna
	[[ "$output" == *'"score":null'* ]]
}
