#!/usr/bin/env bats
# kam --queue: the open tickets by their next due milestone (migration
# 0033) as text, JSON and a tmux status line. A 24x7 service level on
# Nordwind: first response in 4 hours, resolution in 8; the tickets are
# opened at times relative to now, so their places and marks are known.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
       support_days, valid_from, escalation)
SELECT id, 'Always', '4 hours', '8 hours', '{1,2,3,4,5,6,7}', current_date - 1,
       'Duty manager, +49 40 999'
  FROM kam.account WHERE erp_id = 'C1';
SQL
	PGUSER=sam psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject)
SELECT a.id, now() - v.ago, 'ticket', 'inbound', v.subject
  FROM kam.account a,
       (VALUES (interval '3 hours 30 minutes', 'Pump leaks'),
               (interval '5 hours', E'No \033[31mdelivery'),
               (interval '0', 'Manual missing'),
               (interval '1 hour', 'Wrong part'),
               (interval '2 hours', 'Solved')) v (ago, subject)
 WHERE a.erp_id = 'C1';
UPDATE kam.ticket t SET state = 'waiting_for_customer' FROM kam.interaction i
 WHERE i.id = t.id AND i.subject = 'Wrong part';
UPDATE kam.ticket t SET state = 'resolved' FROM kam.interaction i
 WHERE i.id = t.id AND i.subject = 'Solved';
UPDATE kam.ticket t SET state = 'closed' FROM kam.interaction i
 WHERE i.id = t.id AND i.subject = 'Solved';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	export PGUSER=sam
}

@test "text: the breached first, then by due time, the waiting last, closed left out" {
	run "$KAM" --queue
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[[ ${lines[0]} == *"first response  -1 h "*"breached  normal"*"Nordwind GmbH: No ^[[31mdelivery (escalate: Duty manager, +49 40 999)" ]]
	[[ ${lines[1]} == *"first response  "*"at risk"*"Nordwind GmbH: Pump leaks (escalate: Duty manager, +49 40 999)" ]]
	[[ ${lines[2]} == *"first response  "[34]" h"*"Nordwind GmbH: Manual missing" ]]
	[[ ${lines[3]} == "-                 waiting_for_customer  -"*"paused"*"Nordwind GmbH: Wrong part" ]]
	[[ "$output" != *$'\033'* ]]
}

@test "json: the same tickets with their milestones" {
	run "$KAM" --queue -f json
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\033'* ]]
	python3 -c 'import json, sys
items = json.loads(sys.argv[1])
assert [i["subject"] for i in items] == ["No \u001b[31mdelivery", "Pump leaks", "Manual missing", "Wrong part"], items
b = items[0]
assert b["breached"] and not b["at_risk"] and b["first_response"]["state"] == "breached"
assert b["first_response"]["breached_at"] == b["first_response"]["due"]
assert b["escalation"] == "Duty manager, +49 40 999"
assert items[1]["at_risk"] and 0 < items[1]["business_seconds_left"] <= 1800
assert items[1]["resolution"]["state"] == "running" and items[1]["sla"] == "Always"
assert items[3]["state"] == "waiting_for_customer" and items[3]["next_due_at"] is None
assert items[3]["paused_since"] is not None and items[3]["resolution"]["state"] == "paused"
' "$output"
}

@test "tmux: one short line; nothing when nothing is at risk or breached" {
	run "$KAM" --queue -f tmux
	[ "$status" -eq 0 ]
	[ "$output" = "1 at risk, 1 breached" ]
	q "UPDATE kam.ticket SET state = 'in_progress' WHERE state = 'new'" >/dev/null
	q "UPDATE kam.ticket SET state = 'resolved' WHERE state = 'in_progress'" >/dev/null
	run "$KAM" --queue -f tmux
	[ "$status" -eq 0 ]
	# the first response came too late for one: it stays breached
	[ "$output" = "1 breached" ]
}

@test "a bad format or an output file is a usage error" {
	run "$KAM" --queue -f csv
	[ "$status" -eq 64 ]
	[[ $output == *"--format for --queue is text, json or tmux"* ]]
	run "$KAM" --queue -o x.txt
	[ "$status" -eq 64 ]
	run "$KAM" --queue --due
	[ "$status" -eq 64 ]
}

@test "--export tickets: every ticket with its milestones, closed ones too" {
	run "$KAM" --export tickets -f json
	[ "$status" -eq 0 ]
	python3 -c 'import json, sys
rows = json.loads(sys.argv[1])
assert len(rows) == 5, rows
by = {r["subject"]: r for r in rows}
b = by["No \u001b[31mdelivery"]
assert b["account_erp_id"] == "C1" and b["sla"] == "Always"
assert b["first_response_state"] == "breached"
assert b["first_response_breached_at"] == b["first_response_due"]
assert by["Solved"]["state"] == "closed" and by["Solved"]["closed_at"]
assert by["Wrong part"]["resolution_state"] == "paused" and by["Wrong part"]["paused_since"]
assert set(rows[0]) >= {"id", "opened_at", "priority", "resolution_due", "resolved_at",
    "resolution_breached_at", "next_due_at", "at_risk", "breached", "escalation", "order_id"}
' "$output"
	run "$KAM" --export tickets --columns id,state,first_response_state --account C1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id,state,first_response_state" ]
	[ "${#lines[@]}" -eq 6 ]
}
