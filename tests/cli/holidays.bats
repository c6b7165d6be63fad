#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam --import holidays FILE --calendar NAME (issue 16, item 1): iCalendar
# files read with libical, written as the files in tests/cli/ics/ say
# (each event's comment there; RFC 5545 3.6.1 on whole days, 3.8.5 on
# RRULE, RDATE and EXDATE, 3.8.4.4 on RECURRENCE-ID), days cut in the
# calendar's zone, again without doubling, administrators only, and a
# file kam cannot read refused whole with exit 65.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as kamadmin -c "INSERT INTO kam.calendar (name, time_zone) VALUES
	    ('office', 'Europe/Berlin'), ('empty', 'UTC')"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	q "DELETE FROM kam.calendar_holiday" >/dev/null
	ics=$KAM_SRCDIR/tests/cli/ics
}

holidays() {	# the office's holidays: day[from-to]=name
	q "SELECT string_agg(h.day || CASE WHEN closed_from IS NULL AND closed_to IS NULL THEN ''
	       ELSE '[' || coalesce(to_char(closed_from, 'HH24:MI'), '') || '-'
	            || coalesce(to_char(closed_to, 'HH24:MI'), '') || ']' END
	       || '=' || h.name, ' ' ORDER BY h.day, h.closed_from NULLS FIRST)
	     FROM kam.calendar_holiday h JOIN kam.calendar c ON c.id = h.calendar_id
	    WHERE c.name = '${1:-office}'"
}

@test "yearly rules, COUNT and UNTIL, two-day events and an EXDATE" {
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/national.ics" --calendar office
	[ "$status" -eq 0 ]
	[ "$output" = "imported 10 holidays of 3 events into office (Europe/Berlin), 2026-12-25 to 2029-05-01: 10 new, 0 changed, 0 removed" ]
	[ "$(holidays)" = "2026-12-25=Christmas, both days 2026-12-26=Christmas, both days 2027-01-01=New Year's Day 2027-05-01=Labour Day 2028-01-01=New Year's Day 2028-05-01=Labour Day 2028-12-25=Christmas, both days 2028-12-26=Christmas, both days 2029-01-01=New Year's Day 2029-05-01=Labour Day" ]
}

@test "RDATE lists: a movable feast's days" {
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays - --calendar office <"$ics/easter.ics"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 4 holidays of 1 event into office (Europe/Berlin), 2026-04-06 to 2029-04-02: 4 new, 0 changed, 0 removed" ]
	[ "$(holidays)" = "2026-04-06=Easter Monday 2027-03-29=Easter Monday 2028-04-17=Easter Monday 2029-04-02=Easter Monday" ]
}

@test "part days in the calendar's zone: UTC, floating, VTIMEZONE, a built-in zone, across midnight, moved and cancelled" {
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/partday.ics" --calendar office
	[ "$status" -eq 0 ]
	[ "$output" = "imported 10 holidays of 9 events into office (Europe/Berlin), 2026-12-24 to 2028-09-11: 10 new, 0 changed, 0 removed; 1 cancelled event left out" ]
	# Christmas Eve from noon to midnight; 09:00Z is 10:00 in winter
	# (CET) and 11:00 in summer (CEST); floating times are the office's;
	# 22:00 for four hours ends 02:00 the next day; New York's 09:00 on
	# 2027-03-14 is EDT (its clocks went forward that morning) while
	# Berlin is still on CET: 14:00; the company day of 2028 moved a day
	want="2026-12-24[12:00-]=Christmas Eve afternoon 2027-03-01[10:00-12:00]=All hands (winter time)"
	want+=" 2027-03-14[14:00-17:00]=New York office closed 2027-04-02[14:00-17:00]=Good Friday afternoon (local time)"
	want+=" 2027-07-01[11:00-13:00]=All hands (summer time) 2027-09-10=Company day"
	want+=" 2027-12-24[12:00-]=Christmas Eve afternoon 2027-12-31[22:00-]=New Year's Eve night"
	want+=" 2028-01-01[-02:00]=New Year's Eve night 2028-09-11=Company day (moved)"
	[ "$(holidays)" = "$want" ]
}

@test "importing again doubles nothing; an event moved in the file moves" {
	run "$KAM" -d user=kamadmin --import holidays "$ics/national.ics" --calendar office
	[ "$status" -eq 0 ]
	before=$(holidays)
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/national.ics" --calendar office
	[ "$status" -eq 0 ]
	[ "$output" = "imported 10 holidays of 3 events into office (Europe/Berlin), 2026-12-25 to 2029-05-01: 0 new, 0 changed, 0 removed" ]
	[ "$(holidays)" = "$before" ]
	# Labour Day ends a year earlier and is renamed; a holiday typed in
	# by hand on another day stays, and so does one of the event's days
	# before the ten years the file was read over
	q "INSERT INTO kam.calendar_holiday (calendar_id, day, name, uid)
	   SELECT id, date '2027-06-01', 'by hand', NULL FROM kam.calendar WHERE name = 'office'
	   UNION ALL SELECT id, date '2001-05-01', 'Labour Day', 'labour-day@holidays.example'
	     FROM kam.calendar WHERE name = 'office'" >/dev/null
	sed -e 's/UNTIL=20290501/UNTIL=20280501/' -e 's/SUMMARY:Labour Day/SUMMARY:May Day/' \
	    "$ics/national.ics" >"$BATS_TEST_TMPDIR/n.ics"
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$BATS_TEST_TMPDIR/n.ics" --calendar office
	[ "$status" -eq 0 ]
	[ "$output" = "imported 9 holidays of 3 events into office (Europe/Berlin), 2026-12-25 to 2029-01-01: 0 new, 2 changed, 1 removed" ]
	[ "$(q "SELECT count(*) FROM kam.calendar_holiday WHERE name = 'May Day'")" = 2 ]
	[ "$(q "SELECT count(*) FROM kam.calendar_holiday WHERE day = '2029-05-01'")" = 0 ]
	[ "$(q "SELECT string_agg(day::text, ' ') FROM kam.calendar_holiday WHERE name = 'Labour Day'")" = 2001-05-01 ]
	[ "$(q "SELECT count(*) FROM kam.calendar_holiday WHERE name = 'by hand'")" = 1 ]
}

@test "a rule without end: ten years either side of today, the rest counted" {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kam//tests//EN\r\nBEGIN:VEVENT\r\nUID:reformation@holidays.example\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:19901031\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Reformation Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$BATS_TEST_TMPDIR/r.ics"
	inside=$(q "SELECT count(*) FROM generate_series(1990, 2100) y
	            WHERE make_date(y, 10, 31) BETWEEN current_date - interval '10 years'
	                  AND current_date + interval '10 years'")
	outside=$(q "SELECT count(*) FROM generate_series(1990, 2100) y
	             WHERE make_date(y, 10, 31) < current_date - interval '10 years'")
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$BATS_TEST_TMPDIR/r.ics" --calendar office
	[ "$status" -eq 0 ]
	[[ "$output" == "imported $inside holidays of 1 event into office"*"; $outside occurrences outside 10 years either side of today left out" ]]
	[ "$(q "SELECT count(*) FROM kam.calendar_holiday")" = "$inside" ]
}

@test "a dry run counts and writes nothing" {
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/easter.ics" --calendar office --dry-run
	[ "$status" -eq 0 ]
	[[ "$output" == "would import 4 holidays of 1 event into office"* ]]
	[ -z "$(holidays)" ]
}

@test "only administrators import holidays, into a calendar that exists" {
	for who in anna sam; do
		run --separate-stderr "$KAM" -d user=$who --import holidays "$ics/easter.ics" --calendar office
		[ "$status" -eq 77 ]
		[[ "$stderr" == *"only kam administrators keep calendars"* ]]
	done
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/easter.ics" --calendar nowhere
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"no calendar named 'nowhere'"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/easter.ics"
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$ics/easter.ics" --calendar office
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$BATS_TEST_TMPDIR/none.ics" --calendar office
	[ "$status" -eq 66 ]
	[ -z "$(holidays)" ]
}

bad() {	# bad NAME TEXT EXPECTED: TEXT as a file is refused with EXPECTED
	printf '%b' "$2" >"$BATS_TEST_TMPDIR/$1.ics"
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$BATS_TEST_TMPDIR/$1.ics" --calendar office
	echo "$1: $status $stderr"
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	[[ "$stderr" == *"$1.ics: $3"* ]]
}

@test "files kam cannot read are refused whole: exit 65, and why" {
	head='BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kam//tests//EN\r\n'
	good='BEGIN:VEVENT\r\nUID:ok@x\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:ok\r\nEND:VEVENT\r\n'
	tail='END:VCALENDAR\r\n'
	bad empty '' "not an iCalendar file: no VCALENDAR"
	bad csv 'date,name\n2027-01-01,New Year\n' "not an iCalendar file: no VCALENDAR"
	bad none "$head$tail" "no events (VEVENT)"
	bad latin1 "$head${good/ok@x/\\xe9t\\xe9}$tail" "not UTF-8"
	bad nuid "${head}BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:x\r\nEND:VEVENT\r\n$good$tail" "an event without a UID"
	bad nsummary "$head${good/SUMMARY:ok\\r\\n/}$tail" "event ok@x: no SUMMARY"
	bad nstart "$head${good/DTSTART;VALUE=DATE:20270101\\r\\n/}$tail" "event ok@x: no DTSTART"
	bad baddate "$head${good/20270101/20271341}$tail" "event ok@x:"
	# libical reads "T-90000" as hour -9 (tests/fuzz.sh found it: a time
	# before midnight went on to the calendar as 87:00)
	bad negative "${head}BEGIN:VEVENT\r\nUID:n@x\r\nDTSTART:20270301T-90000Z\r\nDTEND:20270301T110000Z\r\nSUMMARY:n\r\nEND:VEVENT\r\n$tail" "event n@x: DTSTART is not a date or a date-time"
	# libical's own test-data/recur-errors.ics names a TZID with no VTIMEZONE
	bad zone "${head}BEGIN:VEVENT\r\nUID:z@x\r\nDTSTART;TZID=US-Eastern:19970805T090000\r\nDURATION:PT1H\r\nSUMMARY:z\r\nEND:VEVENT\r\n$tail" "event z@x: time zone 'US-Eastern' unknown"
	bad backwards "${head}BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20270101T100000Z\r\nDTEND:20270101T090000Z\r\nSUMMARY:b\r\nEND:VEVENT\r\n$tail" "event b@x: lasts less than nothing"
	bad mixed "${head}BEGIN:VEVENT\r\nUID:m@x\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND:20270101T090000Z\r\nSUMMARY:m\r\nEND:VEVENT\r\n$tail" "event m@x: DTSTART and DTEND differ"
	bad secondly "${head}BEGIN:VEVENT\r\nUID:s@x\r\nDTSTART:20270101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:s\r\nEND:VEVENT\r\n$tail" "event s@x: RRULE repeats more than 100000 times"
	bad control "${head}BEGIN:VEVENT\r\nUID:\x1b[2Jz\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT\r\n$tail" "event ^[[2Jz: no SUMMARY"
	[[ "$stderr" != *$'\e'* ]]
	[ -z "$(holidays)" ]
}

# libical is opened when a file is to be read (src/core/dl.c): a system
# where it cannot be loaded (here a file under its name that is no
# library, found first through LD_LIBRARY_PATH) gets the reason and 69
@test "without libical, --import holidays says why and exits 69, before reading anything" {
	local lib=$BATS_TEST_TMPDIR/lib
	mkdir -p "$lib"
	echo 'not a library' >"$lib/libical.so.3"
	run --separate-stderr env LD_LIBRARY_PATH="$lib" "$KAM" -d user=kamadmin \
	    --import holidays "$ics/national.ics" --calendar office
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"reading iCalendar files needs libical.so.3, which cannot be loaded: "*"install libical 3"* ]]
	[ -z "$(holidays)" ]
	# a file that does not exist: still the library first
	run --separate-stderr env LD_LIBRARY_PATH="$lib" "$KAM" -d user=kamadmin \
	    --import holidays /nonexistent.ics --calendar office
	[ "$status" -eq 69 ]
	# with the library the same import works
	run --separate-stderr "$KAM" -d user=kamadmin --import holidays "$ics/national.ics" --calendar office
	[ "$status" -eq 0 ]
	[ -n "$(holidays)" ]
}
