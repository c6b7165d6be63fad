#!/usr/bin/env bats
# kam --sla: the card for valid, expired and missing service levels, open
# and closed support hours, and how accounts are named.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q <<'SQL'
INSERT INTO kam.account (erp_id, name, country, city, owner_id, team)
SELECT v.erp_id, v.name, 'DE', v.city, u.id, 'north'
  FROM (VALUES ('C4', 'Müller GmbH', 'Berlin'), ('C5', 'Müller & Söhne KG', 'Köln'),
               ('C6', 'Tōkyō Seiki 株式会社', 'Tokyo'), ('C7', 'Bengtsons Trä AB', 'Göteborg'),
               ('C10', '푸른바다 주식회사', '부산')) v (erp_id, name, city),
       kam.app_user u WHERE u.role_name = 'anna';
UPDATE kam.contact SET phone = '+49 40 1234', name = 'Jana Novak' WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
-- C1: valid around the clock, with escalation and a warranty
INSERT INTO kam.service_level (account_id, name, first_response, resolution, support_days, time_zone, channels, escalation_contact_id, escalation, goodwill_policy, valid_from)
SELECT a.id, 'Platinum', '1 hour', '1 day 4 hours', '{1,2,3,4,5,6,7}', 'Europe/Berlin', '{phone,email,portal}', c.id, 'Call the duty manager', 'Free replacement parts up to 500 EUR', DATE '2025-01-01'
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id WHERE a.erp_id = 'C1';
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT id, 'warranty', 'Extended warranty', 36, 'months', DATE '2025-01-01', DATE '2027-12-31' FROM kam.account WHERE erp_id = 'C1';
-- C3: closed today wherever "today" is in Asia/Tokyo
INSERT INTO kam.service_level (account_id, name, first_response, resolution, support_days, support_from, support_to, time_zone, valid_from)
SELECT id, 'Gold', '4 hours', '2 days', (SELECT array_agg(d::smallint) FROM generate_series(1, 7) d WHERE d <> extract(isodow FROM now() AT TIME ZONE 'Asia/Tokyo')), '08:00', '18:00', 'Asia/Tokyo', DATE '2025-01-01'
  FROM kam.account WHERE erp_id = 'C3';
-- C4: expired
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, valid_to)
SELECT id, 'Silver', '8 hours', '5 days', DATE '2023-01-01', DATE '2024-12-31' FROM kam.account WHERE erp_id = 'C4';
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

@test "a valid SLA shows times, open hours, escalation, goodwill and warranty" {
	run "$KAM" --sla C1
	[ "$status" -eq 0 ]
	[[ "$output" == *"Service level   Platinum"* ]]
	[[ "$output" == *"First response  1 h"* ]]
	[[ "$output" == *"Resolution      1 day 4 h"* ]]
	[[ "$output" == *"Support hours   daily 24h Europe/Berlin"* ]]
	[[ "$output" == *"Support now     OPEN"* ]]
	[[ "$output" == *"Escalation      Jana Novak, +49 40 1234, desk@c1.example.com"* ]]
	[[ "$output" == *"Call the duty manager"* ]]
	[[ "$output" == *"Goodwill        Free replacement parts up to 500 EUR"* ]]
	[[ "$output" == *"Warranty        Extended warranty (36 months) until 2027-12-31"* ]]
	[[ "$output" == *"Account owner   Anna Lindqvist <anna@example.com>"* ]]
	[[ "$output" != *WARNING* ]]
}

@test "support hours closed today in the SLA's time zone" {
	run "$KAM" --sla C3
	[[ "$output" == *"Support now     CLOSED"* ]]
	[[ "$output" == *"08:00-18:00 Asia/Tokyo"* ]]
}

@test "an expired SLA is shown with a warning" {
	run "$KAM" --sla C4
	[ "$status" -eq 0 ]
	[[ "$output" == *"WARNING         service level expired on 2024-12-31"* ]]
	[[ "$output" == *"Service level   Silver"* ]]
}

@test "an expired SLA never says that support is open" {
	run "$KAM" --sla C4
	[[ "$output" != *"Support now"* ]]
	run "$KAM" --sla C4 -f json
	[[ "$output" == *'"open_now" : null'* ]]
}

@test "overlapping service levels: the latest start applies, the others are named" {
	PGUSER=postgres psql -X -q -c "INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from)
	    SELECT id, 'Gold', '4 hours', '2 days', current_date - 10 FROM kam.account WHERE erp_id = 'C1'"
	run "$KAM" --sla C1
	PGUSER=postgres psql -X -q -c "DELETE FROM kam.service_level WHERE name = 'Gold' AND account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Service level   Gold"* ]]
	[[ "$output" == *"also in force: Platinum (2025-01-01 to open end)"* ]]
}

@test "a missing SLA says so" {
	run "$KAM" --sla C2
	[ "$status" -eq 0 ]
	[[ "$output" == *"WARNING         no service level on record"* ]]
}

@test "JSON output is one object with the state and open flag" {
	run "$KAM" --sla C1 --format json
	[ "$status" -eq 0 ]
	echo "$output" | "$PYTHON3" -c '
import json, sys
c = json.load(sys.stdin)
assert c["state"] == "valid" and c["open_now"] is True, c
assert c["first_response_seconds"] == 3600 and c["escalation"]["phone"] == "+49 40 1234", c
assert c["warranties"] == ["Extended warranty (36 months) until 2027-12-31"], c
assert isinstance(c["channels"], list) and "phone" in c["channels"], c'
	run "$KAM" --sla C4 -f json
	[[ "$output" == *'"state" : "expired"'* ]]
}

@test "names match without accents and with typos" {
	run "$KAM" --sla ahlens
	[[ "$output" == *"Åhléns AB (C2)"* ]]
	run "$KAM" --sla 'nordwnd'
	[[ "$output" == *"Nordwind GmbH (C1)"* ]]
	run "$KAM" --sla 'tokyo seiki'
	[[ "$output" == *"株式会社 (C6)"* ]]
}

@test "exact ids first, then word starts, then two swapped letters" {
	run "$KAM" --sla c1
	[[ "$output" == *"Nordwind GmbH (C1)"* ]]
	run "$KAM" --sla Bengstons
	[ "$status" -eq 0 ]
	[[ "$output" == *"Bengtsons Trä AB (C7)"* ]]
	run "$KAM" --sla 푸른
	[[ "$output" == *"푸른바다 주식회사 (C10)"* ]]
}

@test "an exact name wins over names that contain it" {
	run "$KAM" --sla 'müller gmbh'
	[ "$status" -eq 0 ]
	[[ "$output" == *"Müller GmbH (C4)"* ]]
}

@test "several matches list the candidates and exit 65" {
	run --separate-stderr "$KAM" --sla muller
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	[[ "$stderr" == *"C4"*"Müller GmbH, Berlin"* ]]
	[[ "$stderr" == *"C5"*"Müller & Söhne KG, Köln"* ]]
}

@test "--output does not apply to the card: exit 64 before connecting" {
	run --separate-stderr "$KAM" --sla C1 -o card.txt
	[ "$status" -eq 64 ]
	[ ! -e card.txt ]
}

@test "an empty or blank account is a usage error, 64 before connecting" {
	run --separate-stderr "$KAM" --sla '' -d 'host=/nonexistent connect_timeout=1'
	[ "$status" -eq 64 ]
	[ -z "$output" ]
	[[ "$stderr" == *"--sla needs an account"* ]]
	run --separate-stderr "$KAM" --sla '  '
	[ "$status" -eq 64 ]
}

@test "no match exits 66" {
	run --separate-stderr "$KAM" --sla 'Nonexistent Industries'
	[ "$status" -eq 66 ]
	[ -z "$output" ]
}

@test "output is plain when stdout is not a terminal, styled on one" {
	run "$KAM" --sla C1
	[[ "$output" != *$'\e'* ]]
	run script -qec "$KAM --sla C1" /dev/null
	[[ "$output" == *$'\e[1m'* ]]
	NO_COLOR=1 run script -qec "$KAM --sla C1" /dev/null
	[[ "$output" != *$'\e[1m'* ]]
}

@test "escape sequences in data never reach the terminal raw" {
	PGUSER=postgres psql -X -q -c "UPDATE kam.service_level SET goodwill_policy = E'ok\\x1b[2J\\u202Egone' WHERE name = 'Platinum'"
	run "$KAM" --sla C1
	[[ "$output" == *"Goodwill        ok^[[2J<U+202E>gone"* ]]
}

@test "a write error on standard output is exit 74 for every command" {
	for args in "--sla C1" "--sla C1 -f json" "--db status" "-d user=postgres --sync --status"; do
		run --separate-stderr bash -c "\"\$KAM\" $args > /dev/full"
		echo "$args: $status $stderr"
		[ "$status" -eq 74 ]
		[[ "$stderr" == *"cannot write standard output: No space left on device"* ]]
	done
}

@test "JSON escapes C1 controls and bidi overrides, still the same data" {
	PGUSER=postgres psql -X -q -c "UPDATE kam.service_level SET goodwill_policy = E'ok\\u009b2J\\u202Egone\\u0085' WHERE name = 'Platinum'"
	run "$KAM" --sla C1 -f json
	[ "$status" -eq 0 ]
	[[ "$output" == *'ok\u009b2J\u202egone\u0085'* ]]
	echo "$output" | "$PYTHON3" -c '
import json, sys
c = json.load(sys.stdin)
assert c["goodwill_policy"] == "ok\x9b2J\u202egone\x85", c'
}

@test "support hours across midnight: the card says open inside the window, closed outside" {
	# windows that run past midnight, placed around the present minute:
	# C5 opened an hour ago until two hours before now, C6 opens in an hour
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -c "
	    INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	        support_days, support_from, support_to, time_zone, valid_from)
	    SELECT a.id, 'Night', '1 hour', '8 hours', '{1,2,3,4,5,6,7}',
	        date_trunc('minute', now() AT TIME ZONE 'America/New_York')::time + v.f,
	        date_trunc('minute', now() AT TIME ZONE 'America/New_York')::time + v.t,
	        'America/New_York', DATE '2025-01-01'
	      FROM (VALUES ('C5', interval '-1 hour', interval '-2 hours'),
	                   ('C6', interval '1 hour', interval '-1 hour')) v (erp_id, f, t)
	      JOIN kam.account a ON a.erp_id = v.erp_id"
	run "$KAM" --sla C5
	[ "$status" -eq 0 ]
	[[ "$output" == *"Support now     OPEN"* ]]
	run "$KAM" --sla C6
	[[ "$output" == *"Support now     CLOSED"* ]]
}

# A zone where it is about noon now (no daylight saving: Etc/GMT-N is
# UTC+N), so that times an hour or three away fall on the same day.
noon_zone() {
	psql -X -At -c "SELECT format('Etc/GMT%s%s', CASE WHEN o <= 0 THEN '+' ELSE '-' END, abs(o))
	    FROM (SELECT 12 - extract(hour FROM now() AT TIME ZONE 'UTC')::int AS o) x"
}

# calendar NAME ZONE OPENS-IN LENGTH: a calendar whose one weekly window
# opens OPENS-IN after the present minute (in ZONE) and lasts LENGTH; the
# account ERP-ID gets a service level on it (1 h first response, 4 h
# resolution)
calendar_for() {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -c "
	    INSERT INTO kam.calendar (name, time_zone) VALUES ('$1', '$2');
	    INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	    SELECT c.id, extract(isodow FROM o), o::time, (o + interval '$4')::time
	      FROM kam.calendar c,
	           (SELECT date_trunc('minute', now() AT TIME ZONE '$2') + interval '$3' AS o) x
	     WHERE c.name = '$1';
	    INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	        calendar_id, valid_from)
	    SELECT a.id, 'Clocked', '1 hour', '4 hours', c.id, DATE '2025-01-01'
	      FROM kam.account a, kam.calendar c WHERE a.erp_id = '$5' AND c.name = '$1'"
}

@test "closed: when support opens, in how long, when a ticket logged now is due, the next holiday" {
	local zone opens
	zone=$(noon_zone)
	calendar_for tomorrow "$zone" '1 day 3 hours 1 minute' '2 hours' C7
	PGUSER=postgres psql -X -q -c "INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	    SELECT id, (now() AT TIME ZONE '$zone')::date + 2, 'Founders Day'
	      FROM kam.calendar WHERE name = 'tomorrow'"
	# the opening, the first response an hour later, the resolution a
	# week on (2 h that day, 2 h the next week), and the holiday
	# from the window stored, not the clock again: a minute may have passed
	opens=$(PGUSER=postgres psql -X -At -c "SELECT to_char(o, 'Dy HH24:MI'), to_char(o + interval '1 hour', 'Dy HH24:MI'),
	    to_char(o + interval '7 days 2 hours', 'Dy YYYY-MM-DD HH24:MI'), to_char(o::date + 1, 'Dy YYYY-MM-DD')
	    FROM (SELECT (now() AT TIME ZONE '$zone')::date + 1 + w.opens AS o
	      FROM kam.calendar_window w JOIN kam.calendar c ON c.id = w.calendar_id
	     WHERE c.name = 'tomorrow') x")
	IFS='|' read -r open response resolution holiday <<<"$opens"
	PGTZ=$zone run "$KAM" --sla C7
	[ "$status" -eq 0 ]
	[[ "$output" == *"Support hours   tomorrow $zone"* ]]
	[[ "$output" == *"Support now     CLOSED, opens $open (in 1 d 3 h); "*" there"* ]]
	[[ "$output" == *"Ticket now      first response by $response, resolution by $resolution"* ]]
	[[ "$output" == *"Next holiday    Founders Day, $holiday"* ]]
	# an agent elsewhere reads the times in their own zone too
	PGTZ=Asia/Kathmandu run "$KAM" --sla C7
	[[ "$output" == *"Support now     CLOSED, opens $open ("*" here, in 1 d 3 h)"* ]]
	[[ "$output" == *"first response by $response ("*" here)"* ]]
	PGTZ=$zone run "$KAM" --sla C7 -f json
	python3 -c 'import json, sys
c = json.loads(sys.argv[1])
assert c["open_now"] is False and c["closes_at"] is None, c
assert 97140 < c["seconds_to_change"] <= 97260, c
assert c["calendar"] == "tomorrow" and c["agent_time_zone"] == sys.argv[2], c
assert c["next_holiday"]["name"] == "Founders Day", c
assert c["opens_at"] and c["first_response_by"] and c["resolution_by"], c' "$output" "$zone"
	run "$KAM" --sla --open-now C7
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
}

@test "open: when support closes, and in how long" {
	local zone closes
	zone=$(noon_zone)
	calendar_for today "$zone" '-1 hour' '3 hours 10 minutes' C10
	# from the window stored, not the clock again: a minute may have passed
	closes=$(PGUSER=postgres psql -X -At -c "SELECT to_char(w.closes, 'HH24:MI')
	    FROM kam.calendar_window w JOIN kam.calendar c ON c.id = w.calendar_id
	   WHERE c.name = 'today'")
	PGTZ=$zone run "$KAM" --sla C10
	[[ "$output" =~ "Support now     OPEN now, closes $closes (in 2 h "(9|10)" min); " ]]
	PGTZ=$zone run "$KAM" --sla --open-now C10
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run "$KAM" --sla=C10 --open-now C10
	[ "$status" -eq 64 ]
	run "$KAM" --sla --open-now C10 -f json
	[ "$status" -eq 64 ]
}

@test "--open-now: 0 around the clock, 1 when closed or not in force, 66 for no account" {
	run "$KAM" --sla --open-now C1
	[ "$status" -eq 0 ]
	run "$KAM" --sla --open-now C3
	[ "$status" -eq 1 ]
	run "$KAM" --sla --open-now C4
	[ "$status" -eq 1 ]
	run "$KAM" --sla --open-now 'no such firm at all'
	[ "$status" -eq 66 ]
	run "$KAM" --sla C1 -f json
	[[ "$output" == *'"closes_at" : null'* ]]
	[[ "$output" == *'"calendar" : "daily 24h Europe/Berlin"'* ]]
}

# statements LOGIN CMD...: the statements LOGIN's session sent while CMD
# ran (log_statement for that login alone), one a line
statements() {
	local who=$1 size
	shift
	q "ALTER ROLE $who SET log_statement = 'all'" >/dev/null
	size=$(stat -c %s "$PG_TEST_DIR/log")
	"$@" >/dev/null 2>&1
	q "ALTER ROLE $who RESET log_statement" >/dev/null
	tail -c +$((size + 1)) "$PG_TEST_DIR/log" | grep -E 'LOG:  (statement|execute)'
}

@test "one round trip for a name or id: the schema check, the lookup and the card in one statement (issue 16)" {
	pg_test_direct_only "PgBouncer sends its own SETs (the time zone) on the server's log"
	[ "$(statements sam "$KAM" -d user=sam --sla 'nordwind gmbh' | wc -l)" -eq 1 ]
	[ "$(statements sam "$KAM" -d user=sam --sla --open-now C1 | wc -l)" -eq 1 ]
	# a key that is no name or id: the exact tier found nothing, so every
	# tier in a second statement (a word start; several matches; none)
	[ "$(statements sam "$KAM" -d user=sam --sla Nordwind | wc -l)" -eq 2 ]
	[ "$(statements sam "$KAM" -d user=sam --sla Müller | wc -l)" -eq 2 ]
	[ "$(statements sam "$KAM" -d user=sam --sla 'no such firm' | wc -l)" -eq 2 ]
}

# A new session pays for every function its statement names and every
# PL/pgSQL function it runs (bench/README.md): the text card does not ask
# for the JSON, and an expired service level does not run the clock.
@test "kam --sla asks for no more than it shows: JSON only for -f json, no clock without a service level in force (issue 16)" {
	pg_test_direct_only "PgBouncer sends its own SETs (the time zone) on the server's log"
	[ "$(statements sam "$KAM" -d user=sam --sla C1 | grep -c json_build_object)" -eq 0 ]
	[ "$(statements sam "$KAM" -d user=sam --sla C1 -f json | grep -c json_build_object)" -eq 1 ]
	q "ALTER ROLE sam SET track_functions = 'pl'" >/dev/null
	clock_calls() {
		q "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE schemaname = 'kam' AND funcname LIKE 'clock%'"
	}
	local before after
	before=$(clock_calls)
	"$KAM" -d user=sam --sla C4 >/dev/null
	"$KAM" -d user=sam --sla C4 -f json >/dev/null
	after=$(clock_calls)
	[ "$after" -eq "$before" ]
	"$KAM" -d user=sam --sla C1 >/dev/null
	q "ALTER ROLE sam RESET track_functions" >/dev/null
	[ "$(clock_calls)" -gt "$after" ]
}

@test "the folded check still refuses a schema behind or ahead, and no schema" {
	q "INSERT INTO kam.schema_migration (version, name, checksum) VALUES (9999, 'future', 'x')" >/dev/null
	run --separate-stderr "$KAM" --sla C1
	q "DELETE FROM kam.schema_migration WHERE version = 9999" >/dev/null
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"schema is at version 9999, but this kam knows versions up to"* ]]
	q "CREATE TABLE kam.schema_migration_kept AS SELECT * FROM kam.schema_migration; DELETE FROM kam.schema_migration WHERE version = (SELECT max(version) FROM kam.schema_migration)" >/dev/null
	run --separate-stderr "$KAM" --sla C1
	q "INSERT INTO kam.schema_migration SELECT * FROM kam.schema_migration_kept ON CONFLICT DO NOTHING; DROP TABLE kam.schema_migration_kept" >/dev/null
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"run kam --db migrate"* ]]
	# a database without kam's schema (PgBouncer serves kam's alone)
	if ! pg_test_pooled; then
		run --separate-stderr "$KAM" -d dbname=postgres --sla C1
		[ "$status" -eq 69 ]
		[[ "$stderr" == *"run kam --db migrate"* ]]
	fi
	run --separate-stderr "$KAM" --sla C1
	[ "$status" -eq 0 ]
}

# kam links neither libcurl nor libical: they are opened by the sync and
# --import holidays (src/core/dl.c), so that kam --sla does not pay for
# loading them (bench/README.md). Files under their names that are no
# libraries, found first, would stop a kam that loads them at start.
@test "kam --sla and --version work where libcurl and libical cannot be loaded (issue 16)" {
	local lib=$BATS_TEST_TMPDIR/lib
	mkdir -p "$lib"
	echo 'not a library' >"$lib/libcurl.so.4"
	echo 'not a library' >"$lib/libical.so.3"
	run --separate-stderr env LD_LIBRARY_PATH="$lib" "$KAM" --version
	[ "$status" -eq 0 ]
	run --separate-stderr env LD_LIBRARY_PATH="$lib" "$KAM" --sla C1 -f json
	[ "$status" -eq 0 ]
	[[ "$output" == *'"calendar" : "daily 24h Europe/Berlin"'* ]]
	run --separate-stderr ldd "$KAM"
	[ "$status" -eq 0 ]
	[[ "$output" != *libcurl* && "$output" != *libical* ]]
}

