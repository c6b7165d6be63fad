#!/usr/bin/env bats
# kam --due: a manager's follow-ups and cadence breaches as text, JSON and
# a tmux status line, dated from today; nothing due prints nothing.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
-- C1 (key, anna): last spoken to 70 days ago, with a follow-up two days
-- late; this year's talk today, not held: 45 days' notice has run
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, follow_up_on, author_id)
SELECT a.id, 'call', 'Asked for the new price list', now() - interval '70 days',
       current_date - 2, u.id
  FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C1' AND u.role_name = 'anna';
UPDATE kam.account_plan SET year = extract(year FROM current_date),
       annual_talk_on = current_date;
UPDATE kam.account SET name = E'Nordwind \033[31mGmbH' WHERE erp_id = 'C1';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	export PGUSER=anna
}

day() { date -d "$1 days" +%F; }

@test "text: one item a line, oldest first, the account's name made safe" {
	run "$KAM" --due
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(day -45)  talk       Nordwind ^[[31mGmbH: annual talk on $(day 0)" ]
	[ "${lines[1]}" = "$(day -10)  contact    Nordwind ^[[31mGmbH: no contact since $(day -70)" ]
	[ "${lines[2]}" = "$(day -2)  follow-up  Nordwind ^[[31mGmbH: Asked for the new price list (call)" ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "$output" != *$'\033'* ]]
}

@test "json: one array of the same items" {
	run "$KAM" --due -f json
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\033'* ]]
	run python3 -c 'import json, sys
items = json.load(sys.stdin)
print(" ".join(i["kind"] + ":" + i["due"] for i in items))' <<<"$output"
	[ "$output" = "talk:$(day -45) contact:$(day -10) follow-up:$(day -2)" ]
}

@test "tmux: one short line counting the kinds" {
	run "$KAM" --due -f tmux
	[ "$status" -eq 0 ]
	[ "$output" = "kam 3 due: 1 follow-up, 1 contact, 1 talk" ]
}

@test "nothing due: no text, an empty array, an empty status line" {
	export PGUSER=sam
	run "$KAM" --due
	[ "$status" -eq 0 ] && [ -z "$output" ]
	run "$KAM" --due -f json
	[ "$status" -eq 0 ] && [ "$output" = "[]" ]
	run "$KAM" --due -f tmux
	[ "$status" -eq 0 ] && [ -z "$output" ]
}

@test "a wrong format or a second action is a usage error" {
	run "$KAM" --due -f csv
	[ "$status" -eq 64 ]
	[[ "$output" == *"--format for --due is text, json or tmux"* ]]
	run "$KAM" --due --sla C1
	[ "$status" -eq 64 ]
	run "$KAM" --due -o /dev/null
	[ "$status" -eq 64 ]
	run "$KAM" --due extra
	[ "$status" -eq 64 ]
}

@test "the database away is exit 69" {
	run "$KAM" --due --database "host=/nonexistent dbname=kam"
	[ "$status" -eq 69 ]
}
