#!/usr/bin/env bats
# kam --export: formats that survive a round trip, every filter, files
# that appear whole or not at all, quiet ends on closed pipes, exit codes.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# awkward values, set by the superuser behind kam's back
	psql -X -q <<'SQL'
UPDATE kam.account SET notes = E'He said "hi", then left,\nand came back', credit_limit = 12345678901234.56, address = NULL WHERE erp_id = 'C1';
UPDATE kam.account SET notes = '=HYPERLINK("http://evil")', legal_name = E'\ttabbed', vat_id = '+49', city = '@home' WHERE erp_id = 'C2';
UPDATE kam.account SET notes = E'漢字 🚀 Müller\\path\ttab', legal_name = '-1' WHERE erp_id = 'C3';
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT id, 'warranty', 'Old warranty', 12, 'months', DATE '2020-01-01', DATE '2021-01-01' FROM kam.account WHERE erp_id = 'C1'
UNION ALL
SELECT id, 'rebate', 'Year-end rebate', 2, 'percent', current_date - 300, current_date + 10 FROM kam.account WHERE erp_id = 'C1'
UNION ALL
SELECT id, 'free_shipping', 'Next year', NULL, NULL, current_date + 30, NULL FROM kam.account WHERE erp_id = 'C2';
INSERT INTO kam.interaction (account_id, occurred_at, channel, subject, author_id, feedback)
SELECT a.id, ts, 'call', 'Call ' || ts::date, a.owner_id, CASE WHEN ts < DATE '2025-01-01' THEN 'idea' ELSE 'none' END
  FROM kam.account a, (VALUES (TIMESTAMPTZ '2024-06-01 10:00+00'), (TIMESTAMPTZ '2025-06-01 10:00+00'), (TIMESTAMPTZ '2026-03-01 10:00+00')) v (ts);
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

reference() {	# the database's own rows as JSON: reference 'SELECT ...'
	psql -X -At -c "SELECT coalesce(json_agg(t), '[]') FROM ($1) t" > "$BATS_TEST_TMPDIR/ref.json"
}

roundtrip() {
	"$PYTHON3" "$KAM_SRCDIR/tests/cli/roundtrip.py" "$BATS_TEST_TMPDIR/ref.json" "$@"
}

ACCT_SQL="SELECT a.id, a.erp_id, a.name, a.legal_name, a.vat_id, a.city, a.address, a.notes, a.credit_limit FROM kam.account a ORDER BY a.id"
ACCT_COLS=id,erp_id,name,legal_name,vat_id,city,address,notes,credit_limit

@test "CSV round trip keeps quotes, commas, newlines, UTF-8 and NULLs" {
	reference "$ACCT_SQL"
	"$KAM" -e accounts --raw --columns "$ACCT_COLS" -o "$BATS_TEST_TMPDIR/a.csv"
	run roundtrip csv "$BATS_TEST_TMPDIR/a.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "3 rows match" ]
}

@test "JSON and JSON Lines round trip, money as exact JSON numbers" {
	reference "$ACCT_SQL"
	"$KAM" -e accounts -f json --columns "$ACCT_COLS" > "$BATS_TEST_TMPDIR/a.json"
	run roundtrip json "$BATS_TEST_TMPDIR/a.json"
	[ "$status" -eq 0 ]
	grep -q '"credit_limit":12345678901234.56' "$BATS_TEST_TMPDIR/a.json"
	"$KAM" -e accounts -f jsonl --columns "$ACCT_COLS" > "$BATS_TEST_TMPDIR/a.jsonl"
	run roundtrip jsonl "$BATS_TEST_TMPDIR/a.jsonl"
	[ "$status" -eq 0 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/a.jsonl")" -eq 3 ]
}

@test "TSV escapes tabs and newlines: one line per row" {
	reference "$ACCT_SQL"
	"$KAM" -e accounts -f tsv --raw --columns "$ACCT_COLS" > "$BATS_TEST_TMPDIR/a.tsv"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/a.tsv")" -eq 4 ]
	run roundtrip tsv "$BATS_TEST_TMPDIR/a.tsv"
	[ "$status" -eq 0 ]
}

@test "formula-like cells are neutralised unless --raw" {
	"$KAM" -e accounts --columns erp_id,legal_name,vat_id,city,notes --account C2 > "$BATS_TEST_TMPDIR/n.csv"
	run "$PYTHON3" -c 'import csv,sys; print(list(csv.reader(open(sys.argv[1])))[1])' "$BATS_TEST_TMPDIR/n.csv"
	[ "$output" = "['C2', \"'\\ttabbed\", \"'+49\", \"'@home\", '\\'=HYPERLINK(\"http://evil\")']" ]
	run "$KAM" -e accounts --columns legal_name --account C3 --no-header
	[ "$output" = "'-1" ]
	run "$KAM" -e accounts --columns legal_name --account C3 --no-header --raw
	[ "$output" = "-1" ]
	run "$KAM" -e accounts -f json --columns legal_name --account C3
	[[ "$output" == *'"legal_name":"-1"'* ]]
}

@test "timestamps in JSON are ISO 8601 with an offset" {
	run "$KAM" -e history -f jsonl --columns occurred_at --since 2026-03-01 --until 2026-03-01 --account C1
	[ "$output" = '{"occurred_at":"2026-03-01T10:00:00+00:00"}' ]
}

@test "times are in the user's time zone (TZ), and PGTZ still wins" {
	TZ=Asia/Tokyo run "$KAM" -e history -f jsonl --columns occurred_at --since 2026-03-01 --until 2026-03-01 --account C1
	[ "$output" = '{"occurred_at":"2026-03-01T19:00:00+09:00"}' ]
	TZ=:/usr/share/zoneinfo/America/New_York run "$KAM" -e history -f jsonl --columns occurred_at --since 2026-03-01 --until 2026-03-01 --account C1
	[ "$output" = '{"occurred_at":"2026-03-01T05:00:00-05:00"}' ]
	TZ=Asia/Tokyo PGTZ=UTC run "$KAM" -e history -f jsonl --columns occurred_at --since 2026-03-01 --until 2026-03-01 --account C1
	[ "$output" = '{"occurred_at":"2026-03-01T10:00:00+00:00"}' ]
	# a POSIX rule has no zone name: the server's zone then
	TZ='CET-1' run "$KAM" -e history -f jsonl --columns occurred_at --since 2026-03-01 --until 2026-03-01 --account C1
	[ "$status" -eq 0 ]
}

@test "--owner, --team, --tier and --account narrow the rows" {
	run "$KAM" -e accounts --columns erp_id --no-header --owner bo
	[ "$output" = C2 ]
	run "$KAM" -e accounts --columns erp_id --no-header --team north
	[ "$output" = $'C1\nC3' ]
	run "$KAM" -e accounts --columns erp_id --no-header --tier strategic
	[ "$output" = C2 ]
	run "$KAM" -e contacts --columns account_erp_id --no-header --account 'ahlens'
	[ "$output" = C2 ]
	run "$KAM" -e contacts --columns account_erp_id --no-header --account 'Davids Werkstat'
	[ "$output" = C3 ]
}

@test "--since and --until bound history by day, relative dates too" {
	run "$KAM" -e history --columns subject --no-header --account C1 --since 2025-01-01 --until 2025-12-31
	[ "$output" = "Call 2025-06-01" ]
	run "$KAM" -e feedback --columns subject --no-header --account C1
	[ "$output" = "Call 2024-06-01" ]
	run "$KAM" -e history --columns subject --no-header --account C1 --since -100y
	[ "${#lines[@]}" -eq 3 ]
}

@test "--active and --expiring-within select conditions by validity" {
	run "$KAM" -e conditions --columns title --no-header --account C1 --active
	[ "$output" = $'Volume discount\nYear-end rebate' ]
	run "$KAM" -e conditions --columns title --no-header --expiring-within 30
	[ "$output" = "Year-end rebate" ]
	run "$KAM" -e conditions --columns title --no-header --account C2 --active
	[ "$output" = "Volume discount" ]
}

@test "every entity exports in every format" {
	for e in accounts contacts conditions service-levels plans actions history feedback orders invoices; do
		for f in csv tsv json jsonl; do
			PGUSER=kamadmin "$KAM" -e "$e" -f "$f" > "$BATS_TEST_TMPDIR/out" || { echo "$e $f"; false; }
		done
		PGUSER=kamadmin "$KAM" -e "$e" -f json | "$PYTHON3" -c 'import json,sys; json.load(sys.stdin)'
	done
}

@test "--output appears only when complete; Ctrl-C leaves no file" {
	PGUSER=postgres psql -X -q -c "INSERT INTO kam.interaction (account_id, channel, subject, body, author_id) SELECT a.id, 'email', 'bulk ' || g, repeat('x', 200), a.owner_id FROM kam.account a, generate_series(1, 200000) g" >/dev/null
	"$KAM" -e history -o "$BATS_TEST_TMPDIR/h.csv" &
	pid=$!
	# once the temporary file is there: before, a background job still
	# ignores SIGINT as the shell set it, and a slow start lost the race
	for _ in $(seq 100); do
		ls "$BATS_TEST_TMPDIR" | grep -q 'h.csv.kam-' && break
		sleep 0.05
	done
	kill -INT "$pid"
	wait "$pid" || true
	[ ! -e "$BATS_TEST_TMPDIR/h.csv" ]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep 'h.csv.kam-')" ]
	run "$KAM" -e history -o "$BATS_TEST_TMPDIR/h.csv"
	[ "$status" -eq 0 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/h.csv")" -gt 600000 ]
	PGUSER=postgres psql -X -q -c "DELETE FROM kam.interaction WHERE subject LIKE 'bulk %'" >/dev/null
}

@test "a failing export leaves no file behind" {
	run --separate-stderr "$KAM" -e plans -o "$BATS_TEST_TMPDIR/p.csv" --account C1 -d 'user=sam'
	[ "$status" -eq 77 ]
	[ ! -e "$BATS_TEST_TMPDIR/p.csv" ]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep 'p.csv.kam-')" ]
}

@test "a closed pipe ends the export quietly with status 0" {
	run bash -c '"$KAM" -e history -f csv | head -n 1; echo "${PIPESTATUS[0]}"'
	[ "${lines[0]}" = "id,account_id,account_erp_id,account_name,occurred_at,channel,direction,contact,subject,body,author,outcome,follow_up_on,feedback" ]
	[ "${lines[1]}" = 0 ]
}

@test "a full disk is an I/O error, exit 74" {
	run --separate-stderr bash -c '"$KAM" -e accounts > /dev/full'
	[ "$status" -eq 74 ]
	[[ "$stderr" == *"No space left on device"* ]]
}

@test "-o over an existing file keeps its mode and owner" {
	f=$BATS_TEST_TMPDIR/keep.csv
	echo old > "$f"
	chmod 0640 "$f"
	# as root, a file of another user (daemon), which kam must hand back as it was
	if [ "$(id -u)" -eq 0 ]; then chown 1:1 "$f"; fi
	owner=$(stat -c %u:%g "$f")
	run "$KAM" -e accounts -o "$f"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$f")" = 640 ]
	[ "$(stat -c %u:%g "$f")" = "$owner" ]
	[ "$(head -c 3 "$f")" = id, ]
}

@test "-o writes straight into a FIFO, a device, a link to stdout and >(gzip), replacing none" {
	d=$BATS_TEST_TMPDIR
	mkfifo "$d/fifo"
	timeout 30 cat "$d/fifo" > "$d/from-fifo" &
	reader=$!
	run "$KAM" -e accounts -f tsv -o "$d/fifo"
	wait "$reader" || true
	[ "$status" -eq 0 ]
	[ -p "$d/fifo" ]
	[ "$(wc -l < "$d/from-fifo")" -eq 4 ]
	# devices only for writing: as root the test makes its own nodes, so
	# that a kam that renames over its target can replace only those
	if [ "$(id -u)" -eq 0 ]; then
		mknod "$d/null" c 1 3 && mknod "$d/full" c 1 7
		null=$d/null full=$d/full
	else
		null=/dev/null full=/dev/full
	fi
	run "$KAM" -e accounts -o "$null"
	[ "$status" -eq 0 ]
	[ -c "$null" ]
	run --separate-stderr "$KAM" -e accounts -o "$full"
	[ "$status" -eq 74 ]
	[[ "$stderr" == *"No space left on device"* ]]
	[ -c "$full" ]
	ln -s /proc/self/fd/1 "$d/stdout"
	"$KAM" -e accounts -f tsv -o "$d/stdout" > "$d/via-link.csv"
	[ -L "$d/stdout" ]
	[ "$(wc -l < "$d/via-link.csv")" -eq 4 ]
	run bash -c '"$KAM" -e accounts -f tsv -o >(gzip > "$1/a.csv.gz"); s=$?; wait; exit $s' sh "$d"
	[ "$status" -eq 0 ]
	sleep 0.2
	[ "$(gzip -dc "$d/a.csv.gz" | wc -l)" -eq 4 ]
	[ -z "$(ls "$d" | grep 'kam-')" ]
}

@test "-o through a symbolic link writes the file it names and keeps the link" {
	d=$BATS_TEST_TMPDIR
	echo old > "$d/target.csv"
	ln -s target.csv "$d/link.csv"
	run "$KAM" -e accounts -f tsv -o "$d/link.csv"
	[ "$status" -eq 0 ]
	[ -L "$d/link.csv" ]
	[ "$(wc -l < "$d/target.csv")" -eq 4 ]
	ln -s nowhere.csv "$d/dangling.csv"
	run --separate-stderr "$KAM" -e accounts -o "$d/dangling.csv"
	[ "$status" -eq 73 ]
	[ -L "$d/dangling.csv" ]
	[ ! -e "$d/nowhere.csv" ]
}

@test "stored escape sequences reach a terminal only made visible" {
	# OSC 52 would set the reader's clipboard
	PGUSER=postgres psql -X -q -c "UPDATE kam.account SET notes = E'x\\033]52;c;cHduZWQ=\\007\\r\\u009b2J' WHERE erp_id = 'C3'"
	run script -qec "$KAM -e accounts --account C3 --columns erp_id,notes" /dev/null
	[[ "$output" == *'C3,"x^[]52;c;cHduZWQ=^G^M<U+009B>2J"'* ]]
	[[ "$output" != *$'\e'* ]]
	[[ "$output" != *$'\a'* ]]
	# not a terminal: the data as stored
	run "$KAM" -e accounts --account C3 --columns notes --no-header
	[[ "$output" == $'"x\e]52;c;cHduZWQ=\a\r'* ]]
}

@test "JSON escapes C0 and C1 controls and bidi overrides, and keeps the data" {
	PGUSER=postgres psql -X -q -c "UPDATE kam.account SET notes = E'a\\u0085b\\u202Ec\\u009b\\u007f\\u2067d' WHERE erp_id = 'C3'"
	"$KAM" -e accounts --account C3 --columns notes -f jsonl > "$BATS_TEST_TMPDIR/c.jsonl"
	[ "$(cat "$BATS_TEST_TMPDIR/c.jsonl")" = '{"notes":"a\u0085b\u202ec\u009b\u007f\u2067d"}' ]
	run "$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["notes"] == "a\x85b\u202ec\x9b\x7f\u2067d")' "$BATS_TEST_TMPDIR/c.jsonl"
	[ "$output" = True ]
}

@test "exit codes: 64 bad flags, 66 no account, 65 ambiguous, 77 denied, 69 unreachable" {
	run --separate-stderr "$KAM" -e widgets
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"one of: accounts, contacts"* ]]
	run --separate-stderr "$KAM" -e accounts --active
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" -e history --since yesterdayish
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" -e history -f xml
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" -e history --account 'Zzyzx Corp'
	[ "$status" -eq 66 ]
	[ -z "$output" ]
	run --separate-stderr "$KAM" -e history --account 'e'
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"matches several accounts"* ]]
	run --separate-stderr "$KAM" -e plans -d user=sam
	[ "$status" -eq 77 ]
	[ -z "$output" ]
	run --separate-stderr "$KAM" -e plans -d 'host=/nonexistent connect_timeout=1'
	[ "$status" -eq 69 ]
	[ -z "$output" ]
}

@test "filters that name nobody: unknown owner or team exit 66, an empty date range 64" {
	run --separate-stderr "$KAM" -e accounts --owner nobody
	[ "$status" -eq 66 ]
	[ -z "$output" ]
	[[ "$stderr" == *"no user 'nobody'"* ]]
	run --separate-stderr "$KAM" -e history --team mars
	[ "$status" -eq 66 ]
	[ -z "$output" ]
	[[ "$stderr" == *"no team 'mars'"* ]]
	# a team with accounts but nobody in it yet is still a team
	PGUSER=postgres psql -X -q -c "UPDATE kam.account SET team = 'west' WHERE erp_id = 'C3'"
	run --separate-stderr "$KAM" -e accounts --team west --columns erp_id --no-header
	PGUSER=postgres psql -X -q -c "UPDATE kam.account SET team = 'north' WHERE erp_id = 'C3'"
	[ "$status" -eq 0 ]
	[ "$output" = C3 ]
	run --separate-stderr "$KAM" -e history --since tomorrow --until yesterday
	[ "$status" -eq 64 ]
	[ -z "$output" ]
	[[ "$stderr" == *"--since"*"after"*"--until"* ]]
	run --separate-stderr "$KAM" -e history --since today --until today --columns id --account C3
	[ "$status" -eq 0 ]
	run --separate-stderr "$KAM" -e history --account ''
	[ "$status" -eq 64 ]
}

@test "feedback carries its topics and where it stands in its loop" {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated'), ('Billing', 'curated');
UPDATE kam.interaction SET topic_ids = ARRAY(SELECT id FROM kam.topic WHERE name IN ('Delivery', 'Billing') ORDER BY id)
 WHERE subject = 'Call 2024-06-01' AND account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
SQL
	run "$KAM" -e feedback -f csv --account C1 \
	    --columns subject,topics,loop_state,loop_owner,answer_due_at,answered_at,answer_id
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "subject,topics,loop_state,loop_owner,answer_due_at,answered_at,answer_id" ]
	[ "${lines[1]}" = 'Call 2024-06-01,"{Billing,Delivery}",new,anna,,,' ]
	run "$KAM" -e feedback -f jsonl --account C1 --columns topics,loop_state
	[ "$output" = '{"topics":["Billing","Delivery"],"loop_state":"new"}' ]
	# history has no loop
	run --separate-stderr "$KAM" -e history --columns loop_state
	[ "$status" -eq 64 ]
}
