#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam --import feedback FILE --source NAME (issue 14, item 5): survey and
# web-form answers matched by e-mail, domain or ERP id; NPS scores as
# kinds by the company's rule; a second import adds nothing; rows not
# imported named with their line and why; bad files import nothing.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<-'SQL'
	INSERT INTO kam.contact (account_id, name, email)
	SELECT id, 'Ines Buyer', 'ines@nordwind.example' FROM kam.account WHERE erp_id = 'C1';
	-- a domain two accounts' contacts use
	INSERT INTO kam.contact (account_id, name, email)
	SELECT id, 'Free mail', 'x' || id || '@mail.example' FROM kam.account WHERE erp_id IN ('C1', 'C3');
	SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	psql -X -q -c "DELETE FROM kam.interaction WHERE source IS NOT NULL" \
	    -c "UPDATE kam.feedback_setting SET nps_idea_from = 7, nps_compliment_from = 9"
}

imported() {	# the imported entries: id:account:kind:nps:contact (c or -):topics
	psql -X -At -c "SELECT string_agg(i.source_id || ':' || a.erp_id || ':' || i.feedback || ':' || coalesce(i.nps_score::text, '-') || ':' || CASE WHEN i.contact_id IS NULL THEN '-' ELSE 'c' END || ':' || coalesce((SELECT string_agg(t.name, '+' ORDER BY t.name) FROM kam.topic t WHERE t.id = ANY (i.topic_ids)), ''), ' ' ORDER BY i.source_id) FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id WHERE i.source = 'survey'"
}

write_survey() {
	cat >"$BATS_TEST_TMPDIR/survey.csv" <<-'EOF'
	id,date,email,account,nps,topics,comment,extra column
	r1,2026-11-02,ines@nordwind.example,,3,"Delivery; Price","Late again, ""third time""
	and the pallets broken",x
	r2,2026-11-03T09:30:00+01:00,someone@c3.example.com,,7,Portal,Order online please,
	r3,2026-11-04,nobody@nowhere.example,,10,,Great,
	r4,2026-11-05,,C2,9,Service,Kind hotline,
	r5,2026-11-06,,C3,10,,,
	r6,2026-11-07,y@mail.example,,5,,Who am I,
	EOF
}

@test "rows matched by e-mail, domain and ERP id; the NPS rule; the rest named: exit 67" {
	write_survey
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/survey.csv" --source survey
	[ "$status" -eq 67 ]
	[ "$output" = "imported 3 of 6 rows from $BATS_TEST_TMPDIR/survey.csv as survey: 3 new, 0 imported before, 2 without an account, 1 not yours to write" ]
	[[ "$stderr" == *"survey.csv:5: no contact with e-mail nobody@nowhere.example or its domain"* ]]
	[[ "$stderr" == *"survey.csv:6: account Åhléns AB (C2): yours to read, not to log on"* ]]
	[[ "$stderr" == *"survey.csv:8: domain mail.example is used by contacts of 2 accounts"* ]]
	[ "$(imported)" = "r1:C1:complaint:3:c:Delivery+Price r2:C3:idea:7:-:Portal r5:C3:compliment:10:-:" ]
	# the text kept its line end; no subject: its first line
	[ "$(psql -X -At -c "SELECT subject || '|' || body FROM kam.interaction WHERE source_id = 'r1'")" = 'Late again, "third time"|Late again, "third time"
and the pallets broken' ]
	[ "$(psql -X -At -c "SELECT subject || '|' || channel || '|' || direction FROM kam.interaction WHERE source_id = 'r5'")" = "NPS 10 from survey|email|inbound" ]
}

@test "a second import adds nothing and says so" {
	write_survey
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/survey.csv" --source survey
	[ "$status" -eq 67 ]
	before=$(psql -X -At -c "SELECT count(*), max(version) FROM kam.interaction")
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/survey.csv" --source survey
	[ "$status" -eq 67 ]
	[ "$output" = "imported 0 of 6 rows from $BATS_TEST_TMPDIR/survey.csv as survey: 0 new, 3 imported before, 2 without an account, 1 not yours to write" ]
	[ "$(psql -X -At -c "SELECT count(*), max(version) FROM kam.interaction")" = "$before" ]
	# an administrator may log on C2 too: only r4 is new
	run --separate-stderr "$KAM" -d user=kamadmin --import feedback "$BATS_TEST_TMPDIR/survey.csv" --source survey
	[ "$status" -eq 67 ]
	[[ "$output" == *": 1 new, 3 imported before, 2 without an account" ]]
	[[ "$(imported)" == *"r4:C2:compliment:9:-:Service"* ]]
	# the same ids from another source are other answers
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/survey.csv" --source webform
	[[ "$output" == *": 3 new, 0 imported before"* ]]
}

@test "all rows imported: exit 0; JSON Lines from standard input; a kind named wins over the score" {
	printf '%s\n' '{"id": 1, "date": "2026-10-01", "email": "Ines@Nordwind.example", "kind": "Idea", "nps": 2, "topics": ["Portal"], "text": "Add \u00e9-invoices", "meta": {"browser": [1, null]}}' \
	    '' '{"id": "2", "date": "2026-10-02 08:00", "account": "C1", "nps": 8}' >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr "$KAM" -d user=anna --import feedback - --source survey <"$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 2 of 2 rows from (stdin) as survey: 2 new, 0 imported before" ]
	[ -z "$stderr" ]
	[ "$(imported)" = "1:C1:idea:2:c:Portal 2:C1:idea:8:-:" ]
}

@test "the NPS rule's thresholds are the company's setting, changed by administrators" {
	run psql -X -q -d "dbname=kam user=anna" -c "UPDATE kam.feedback_setting SET nps_compliment_from = 8"
	[ "$status" -ne 0 ]
	psql -X -q -d "dbname=kam user=kamadmin" -c "UPDATE kam.feedback_setting SET nps_compliment_from = 8, nps_idea_from = 5"
	printf 'id,date,account,nps\na,2026-10-01,C1,8\nb,2026-10-01,C1,5\nc,2026-10-01,C1,4\n' >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr "$KAM" -d user=anna --import feedback - --source survey <"$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "$(imported)" = "a:C1:compliment:8:-: b:C1:idea:5:-: c:C1:complaint:4:-:" ]
}

@test "a dry run writes nothing, topics not even proposed" {
	printf 'id,date,account,kind,topics\nd1,2026-10-01,C1,complaint,Brand new topic\n' >"$BATS_TEST_TMPDIR/d.csv"
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/d.csv" --source survey --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = "would import 1 of 1 row from $BATS_TEST_TMPDIR/d.csv as survey: 1 new, 0 imported before" ]
	[ "$(imported)" = "" ]
	[ "$(psql -X -At -c "SELECT count(*) FROM kam.topic WHERE name = 'Brand new topic'")" = 0 ]
}

# bad FILE-CONTENT (printf format) MESSAGE: exit 65, the message, nothing saved
bad() {
	printf "$1" >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/bad.csv" --source survey
	echo "$stderr"
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	[[ "$stderr" == *"$2"* ]]
	[[ "$stderr" == *"nothing imported"* || "$stderr" == *"empty"* ]]
	[ "$(imported)" = "" ]
}

@test "bad files import nothing and say why: exit 65" {
	bad 'id,date,account,kind\nk1,2026-10-01,C1,idea\nk2,2026-10-01,C1,"idea\n' 'bad.csv:3: broken quoting: a quoted field never closes'
	bad 'id,date,account,kind\nk1,2026-10-01,C1,idea\nk2,2026-10-01,C1,"idea"x\n' 'bad.csv:3: column 4: broken quoting: text after a closing double quote'
	bad 'id,date,account,kind,text\nk1,2026-10-01,C1,idea,a "quoted" word\n' 'bad.csv:2: column 5: broken quoting: a double quote inside a field'
	bad 'id,date,account,kind,text\nk1,2026-10-01,C1,idea,caf\xe9\n' 'bad.csv:2: text: not UTF-8 (byte 4)'
	bad 'id,date,account,kind,text\nk1,2026-10-01,C1,idea,bell\a\033[31m\n' 'bad.csv:2: text: a control character (U+0007)'
	bad 'id,date,account,kind\nk1,2026-10-01,C1,idea\x00\n' 'bad.csv:2: a NUL byte: not a text file'
	bad 'id,date,account,kind\nk1,2026-02-30,C1,idea\nk2,2026-10-01,C1,good\nk3,2026-10-01,C1\n' 'bad.csv:2: date: not a date'
	[[ "$stderr" == *"bad.csv:3: kind: compliment, idea or complaint"* ]]
	[[ "$stderr" == *"bad.csv:4: 3 fields where the header has 4"* ]]
	bad 'id,date,account,nps\nk1,2026-10-01,C1,11\nk1,2026-10-01,C1,\n' 'bad.csv:2: nps: a whole number from 0 to 10'
	[[ "$stderr" == *"bad.csv:3: neither a kind nor an nps score"* ]]
	bad 'id,date,kind\n' 'bad.csv:1: header: no column email or account'
	bad '' 'empty'
	bad 'id,date,account,kind\nk1,2026-10-01,C1,idea\nk1,2026-10-02,C1,idea\n' 'bad.csv:3: id k1 again (first on line 2)'
	# a line of 100 000 bytes: said, and reading stops (memory stays flat)
	{ printf 'id,date,account,kind,text\nk1,2026-10-01,C1,idea,'; head -c 100000 /dev/zero | tr '\0' a; printf '\nk2,2026-10-01,C1,idea,x\n'; } >"$BATS_TEST_TMPDIR/huge.csv"
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/huge.csv" --source survey
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"huge.csv:2: a line longer than 64 KiB: not a feedback file"* ]]
	# JSON Lines
	printf '{"id":1,"date":"2026-10-01","account":"C1","kind":"idea"\n{"id":2,"date":"2026-10-01","account":"C1","kind":true}\n{"id":3,"date":"2026-10-01","account":"C1","kind":"idea","text":"\\u0000"}\n{"id":12345678901234567890,"date":"2026-10-01","account":"C1","kind":"idea"}\n{"id":5,"date":"2026-10-01","account":"C1","kind":"idea","text":"a\tb"}\n' >"$BATS_TEST_TMPDIR/bad.jsonl"
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/bad.jsonl" --source survey
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"bad.jsonl:1: not a JSON object: a syntax error at byte 56"* ]]
	[[ "$stderr" == *"bad.jsonl:2: kind: a string or a number, not true or false"* ]]
	[[ "$stderr" == *'bad.jsonl:3: not a JSON object: a NUL character (\u0000)'* ]]
	# cJSON holds a number as a double: one it would round is refused
	[[ "$stderr" == *"bad.jsonl:4: id: a whole number up to 2^53, or a string"* ]]
	# a raw tab inside a string, which cJSON would take
	[[ "$stderr" == *"bad.jsonl:5: not a JSON object: a raw control character in a string at byte 67"* ]]
	[ "$(imported)" = "" ]
}

@test "usage: --source is needed, a missing file is 66" {
	run --separate-stderr "$KAM" -d user=anna --import feedback x.csv
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"--import feedback needs --source NAME"* ]]
	run --separate-stderr "$KAM" -d user=anna --import feedback "$BATS_TEST_TMPDIR/none.csv" --source s
	[ "$status" -eq 66 ]
	run --separate-stderr "$KAM" -d user=anna --import rates x.csv --source s
	[ "$status" -eq 64 ]
}
