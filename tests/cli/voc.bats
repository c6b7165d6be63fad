#!/usr/bin/env bats
# kam --voc: the topics customers raised, counted by kind with each
# topic's tone and its marker, and the open items first due first; the
# same as JSON; --since and --team narrow it; what it refuses.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# C1 (anna, north; answers within the hour), C2 (bo, south)
	psql -X -q <<'SQL'
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from)
SELECT id, 'Platinum', '1 hour', '1 day', DATE '2025-01-01' FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated'), ('Price', 'curated'),
	('Service', 'curated'), ('品質 Qualität', 'curated');
INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, occurred_at, topic_ids)
SELECT a.id, 'call', f.subject, a.owner_id, f.kind, now() - f.ago::interval,
       ARRAY(SELECT t.id FROM kam.topic t WHERE t.name = ANY (f.topics::text[]))
  FROM (VALUES
	('C1', 'Late truck', 'complaint', '3 hours', '{Delivery}'),
	('C1', 'Late again', 'complaint', '10 days', '{Delivery,Price}'),
	('C1', 'Fast delivery', 'compliment', '5 days', '{Delivery}'),
	('C1', 'Price list online', 'idea', '2 days', '{Price}'),
	('C1', 'Old praise', 'compliment', '200 days', '{Service}'),
	('C2', 'Kind hotline', 'compliment', '1 day', '{Service,品質 Qualität}'),
	('C2', 'No topic yet', 'idea', '1 day', '{}'))
       AS f (erp, subject, kind, ago, topics)
  JOIN kam.account a ON a.erp_id = f.erp;
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

@test "text: topics most raised first, counts by kind, a marker for the tone" {
	run "$KAM" --voc
	[ "$status" -eq 0 ]
	# Delivery: 2 complaints, 1 compliment -> complaint; Price: a tie of a
	# complaint and an idea goes to the complaint
	[[ "${lines[0]}" == "  TOPIC"*"ITEMS COMPLIMENTS IDEAS COMPLAINTS  OPEN OVERDUE  TONE" ]]
	[[ "${lines[1]}" == "! Delivery "*"3"*"1"*"0"*"2"*"3"*"2  complaint" ]]
	[[ "$output" == *"! Price "*" 2 "*"  complaint"* ]]
	[[ "$output" == *"+ Service "*"compliment"* ]]
	[[ "$output" == *"+ 品質 Qualität "*"compliment"* ]]
	[[ "$output" == *"~ (no topic) "*"idea"* ]]
	# older than 90 days: not counted
	[[ "$output" != *"Old praise"* ]]
	[[ "$(grep -c '^+ Service ' <<<"$output")" = 1 ]]
	# open items: the overdue complaint first, marked
	[[ "$output" == *"OPEN ITEMS, FIRST DUE FIRST"* ]]
	[[ "$(grep -A1 '^DUE' <<<"$output" | tail -1)" == *"! Nordwind GmbH"*"complaint"*"new"*"Late again" ]]
}

@test "--team and --since narrow it; the columns line up with wide names" {
	run "$KAM" --voc --team south
	[ "$status" -eq 0 ]
	[[ "$output" != *"Delivery"* ]]
	[[ "$output" == *"Qualität"* ]]
	run "$KAM" --voc --since -1y
	[[ "$output" == *"Old praise"* || "$output" == *"+ Service "*"2 "* ]]
	run "$KAM" --voc --since "$(date -d '-4 days' +%F)"
	[[ "$output" != *"Fast delivery"* ]]
	[[ "$output" == *"! Delivery "*"1"*"0"*"0"*"1"*"1"*"1  complaint"* ]]
	# ITEMS ends in the same display column on every line
	run "$KAM" --voc
	run "$PYTHON3" -c '
import re, sys, unicodedata as u
w = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().split("\n")
head = lines[0].index("ITEMS") + 5
ends = {w(m.group(0)) for m in (re.match(r".*? +\d+", l) for l in lines[1:6]) if m}
print(len(ends), ends == {head})' <<<"$output"
	[ "$output" = "1 True" ]
}

@test "json: totals, topics and open items" {
	run "$KAM" --voc -f json
	[ "$status" -eq 0 ]
	run "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
print(json.dumps([d["items"], d["complaints"], d["open"], d["overdue"],
    d["topics"][0]["topic"], d["topics"][0]["tone"],
    d["open_items"][0]["subject"], d["open_items"][0]["overdue"]]))' <<<"$output"
	[ "$output" = '[6, 2, 6, 2, "Delivery", "complaint", "Late again", true]' ]
}

@test "bad options are usage errors (64)" {
	run "$KAM" --voc -f csv
	[ "$status" -eq 64 ]
	[[ "$output" == *"--format for --voc is text, json or tmux"* ]]
	run "$KAM" --voc --since later
	[ "$status" -eq 64 ]
	run "$KAM" --voc --sla C1
	[ "$status" -eq 64 ]
	run "$KAM" --voc --team ' '
	[ "$status" -eq 64 ]
}

@test "-f tmux: one line of open complaints and how many are overdue" {
	run "$KAM" --voc -f tmux
	[ "$status" -eq 0 ]
	# C1's two complaints (answers due an hour after them)
	[ "$output" = "2 open complaints, 2 overdue" ]
	run "$KAM" --voc -f tmux --team south
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

@test "--watch goes with --voc, and draws: no --format" {
	run "$KAM" --watch
	[ "$status" -eq 64 ]
	[[ "$output" == *"--watch goes with --voc"* ]]
	run "$KAM" --voc --watch -f json
	[ "$status" -eq 64 ]
}
