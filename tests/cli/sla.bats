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
