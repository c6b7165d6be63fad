#!/usr/bin/env bats
# kam --announce: the contacts told as CSV (quoted, formulas neutralised,
# controls made visible), the items not the user's listed on stderr, a
# dry run that writes nothing, -o written whole or not at all, and what
# it refuses; the measures in kam --voc -f json.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# C1 anna's (north), C3 david's (north), C2 bo's (south)
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.contact (account_id, name, email)
SELECT id, c.name, c.email FROM kam.account,
       (VALUES ('=HYPERLINK("x")', 'sum@c1.example.com'),
               (E'Novak, Jana\u001b[31m', 'jana@c1.example.com')) c (name, email)
 WHERE erp_id = 'C1';
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated');
INSERT INTO kam.interaction (account_id, contact_id, channel, subject, author_id,
    feedback, occurred_at, topic_ids)
SELECT a.id, c.id, 'call', f.subject, a.owner_id, f.kind, now() - f.ago::interval,
       ARRAY(SELECT id FROM kam.topic)
  FROM (VALUES
	('C1', 'sum@c1.example.com', 'Late truck', 'complaint', '2 days'),
	('C1', 'jana@c1.example.com', 'Track and trace', 'idea', '3 days'),
	('C1', 'jana@c1.example.com', 'Again late', 'complaint', '5 days'),
	('C3', 'desk@c3.example.com', 'Wrong address', 'complaint', '4 days'),
	('C2', 'desk@c2.example.com', 'Pallets broken', 'complaint', '1 day'))
       AS f (erp, email, subject, kind, ago)
  JOIN kam.account a ON a.erp_id = f.erp
  JOIN kam.contact c ON c.account_id = a.id AND c.email = f.email;
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	export PGUSER=anna
	cd "$BATS_TEST_TMPDIR"
}

answered() {
	q "SELECT count(*) FROM kam.interaction WHERE loop_state = 'answered'"
}

@test "refused: no topic, no --since, no --message, -o with --dry-run, an unknown topic" {
	run -64 "$KAM" --announce ' ' --since -30d --message - </dev/null
	[[ "$output" == *"--announce needs a topic"* ]]
	run -64 "$KAM" --announce Delivery --message -
	[[ "$output" == *"--announce needs --since"* ]]
	run -64 "$KAM" --announce Delivery --since -30d
	[[ "$output" == *"--announce needs --message"* ]]
	run -64 "$KAM" --announce Delivery --since -30d --dry-run -o x.csv
	[[ "$output" == *"--dry-run writes nothing"* ]]
	[ ! -e x.csv ]
	run -64 "$KAM" --message - --voc
	[[ "$output" == *"--message goes with --announce"* ]]
	run -65 "$KAM" --announce 'No such thing' --since -30d --dry-run
	[[ "$output" == *'no topic "No such thing"'* ]]
	printf '  \n' >empty.txt
	run -65 "$KAM" --announce Delivery --since -30d --message empty.txt
	[[ "$output" == *"the message is to be text"* ]]
	run -66 "$KAM" --announce Delivery --since -30d --message missing.txt
	[ "$(answered)" = 0 ]
}

@test "a dry run prints who would be told and writes nothing" {
	local audit
	audit=$(q "SELECT count(*) FROM kam.audit_log")
	run --separate-stderr "$KAM" --announce delivery --since -30d --dry-run
	[ "$status" -eq 0 ]
	# one row a contact: quoted, the formula neutralised, the escape shown
	[ "${lines[0]}" = "name,email,account" ]
	[[ "$output" == *"\"'=HYPERLINK(\"\"x\"\")\",sum@c1.example.com,Nordwind GmbH"* ]]
	[[ "$output" == *'"Novak, Jana'*'[31m",jana@c1.example.com,Nordwind GmbH'* ]]
	[[ "$output" != *$'\e'* ]]
	[[ "$output" == *"Front desk,desk@c3.example.com,Davids Werkstatt"* ]]
	[ "${#lines[@]}" -eq 4 ]
	[[ "$stderr" == *"would answer 4 items on 2 accounts (3 contacts with an e-mail address)"* ]]
	[[ "$stderr" == *"1 item not yours to answer, left alone:"*"Åhléns AB: Pallets broken"* ]]
	[ "$(answered)" = 0 ]
	[ "$(q "SELECT count(*) FROM kam.audit_log")" = "$audit" ]
}

@test "a -o that cannot be written answers nothing" {
	echo 'We changed carriers.' >msg.txt
	run -73 "$KAM" --announce Delivery --since -30d --message msg.txt -o no/such/dir/c.csv
	[ "$(answered)" = 0 ]
}

@test "the announcement: contacts to -o, items answered, the rest listed" {
	run --separate-stderr "$KAM" --announce Delivery --since -30d --message - \
	    -o contacts.csv <<<'We changed carriers: next-day delivery from Monday.'
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(head -1 contacts.csv)" = "name,email,account" ]
	[ "$(wc -l <contacts.csv)" -eq 4 ]
	grep -q "^Front desk,desk@c3.example.com,Davids Werkstatt$" contacts.csv
	[[ "$stderr" == *"answered 4 items on 2 accounts"* ]]
	[[ "$stderr" == *"Åhléns AB: Pallets broken"* ]]
	[ "$(answered)" = 4 ]
	[ "$(q "SELECT count(*), min(body) FROM kam.interaction
	    WHERE subject = 'Announcement: Delivery'")" = \
	    "2|We changed carriers: next-day delivery from Monday." ]
	# told: nothing left for anna
	run --separate-stderr "$KAM" --announce Delivery --since -30d --dry-run
	[ "$output" = "name,email,account" ]
	[[ "$stderr" == *"would answer 0 items on 0 accounts"* ]]
}

@test "json: the measures with kam --voc" {
	run "$KAM" --voc -f json
	[ "$status" -eq 0 ]
	run python3 -c '
import json, sys
m = json.load(sys.stdin)["measures"]
print(sorted(m), m["answered"], m["due"], m["ideas_adopted"])' <<<"$output"
	[ "$output" = "['acknowledged', 'answered', 'answered_in_time', 'due', 'ideas_adopted', 'in_time_share', 'median_acknowledge_seconds', 'median_answer_seconds'] 4 0 0" ]
}
