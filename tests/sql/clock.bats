#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# The SLA clock of migrations 0025 and 0026 through psql: calendars with
# several windows a day, windows across midnight, 24x7, whole and part
# day holidays; the clock against cases computed by hand (the comment on
# each says how), daylight-saving changes in Europe/Berlin (2026-03-29
# and 2026-10-25) and America/New_York (2026-03-08 and 2026-11-01), a
# holiday on a Saturday, the leap day 2028-02-29; and who may read and
# keep calendars.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as kamadmin -c "
	INSERT INTO kam.calendar (name, time_zone) VALUES
	  ('office', 'Europe/Berlin'), ('night', 'Europe/Berlin'),
	  ('us', 'America/New_York'), ('always', 'UTC'), ('leap', 'UTC'),
	  ('empty', 'UTC');
	-- office: Mon-Fri 08:00-12:00 and 13:00-17:00
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, o, cl FROM kam.calendar c, generate_series(1, 5) d,
	       (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) w (o, cl)
	 WHERE c.name = 'office';
	-- night: every day 22:00 to 06:00 the next morning
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '22:00', '06:00' FROM kam.calendar c, generate_series(1, 7) d
	 WHERE c.name = 'night';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '09:00', '17:00' FROM kam.calendar c, generate_series(1, 5) d
	 WHERE c.name = 'us';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '00:00', '24:00' FROM kam.calendar c, generate_series(1, 7) d
	 WHERE c.name = 'always';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '08:00', '16:00' FROM kam.calendar c, generate_series(1, 5) d
	 WHERE c.name = 'leap';
	INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from)
	SELECT id, '2026-12-24', 'Christmas Eve', '12:00' FROM kam.calendar WHERE name = 'office';
	INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	SELECT c.id, h.day, h.name FROM kam.calendar c,
	       (VALUES (date '2026-12-25', 'Christmas Day'), ('2026-12-26', 'Boxing Day'),
	               ('2027-01-01', 'New Year')) h (day, name)
	 WHERE c.name IN ('office', 'night');
	INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	SELECT id, '2028-02-29', 'Leap day off' FROM kam.calendar WHERE name = 'leap';
	INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from)
	SELECT id, '2028-12-24', 'Christmas Eve', '12:00' FROM kam.calendar WHERE name = 'always'" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# clock EXPR: one value as support (sam) sees it, instants in UTC; "cal"
# names a calendar: clock "kam.clock_open(cal('office'), ...)"
clock() {
	pg_as sam -c "SET TIME ZONE 'UTC'" -c "
	    CREATE FUNCTION pg_temp.cal(text) RETURNS bigint LANGUAGE sql
	    AS 'SELECT id FROM kam.calendar WHERE name = \$1'" \
	    -c "SELECT coalesce(($1)::text, 'NULL')"
}

@test "office: open in either window of the day, closed over lunch and after 17:00" {
	# Wednesday 2026-12-02, CET (UTC+1)
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-02 11:59+01')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-02 12:00+01')")" = false ]
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-02 13:00+01')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-02 17:00+01')")" = false ]
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-05 10:00+01')")" = false ]
}

@test "office: the next closing and opening from inside and outside a window" {
	# 10:00 CET: closes for lunch at 12:00 CET, opens again 13:00 CET
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('office'), '2026-12-02 10:00+01')")" = "2026-12-02 11:00:00+00" ]
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('office'), '2026-12-02 10:00+01')")" = "2026-12-02 12:00:00+00" ]
	# Friday 17:30 CET: opens Monday 08:00 CET, closes Monday 12:00 CET
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('office'), '2026-12-04 17:30+01')")" = "2026-12-07 07:00:00+00" ]
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('office'), '2026-12-04 17:30+01')")" = "2026-12-07 11:00:00+00" ]
}

@test "office: business hours added across lunch and across the weekend" {
	# Wed 11:00 + 3 h: 11-12 (1 h), 13-15 (2 h) -> 15:00 CET
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-02 11:00+01', '3 hours')")" = "2026-12-02 14:00:00+00" ]
	# exactly the rest of the window ends at its closing, not the next opening
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-02 16:00+01', '1 hour')")" = "2026-12-02 16:00:00+00" ]
	# Fri 16:00 + 4 h: 16-17 (1 h), Mon 08-11 (3 h) -> Mon 11:00 CET
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-04 16:00+01', '4 hours')")" = "2026-12-07 10:00:00+00" ]
	# logged on Saturday: 2 h -> Monday 10:00 CET
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-05 09:00+01', '2 hours')")" = "2026-12-07 09:00:00+00" ]
	# zero is the moment itself
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-05 09:00+01', '0')")" = "2026-12-05 08:00:00+00" ]
}

@test "office: holidays, a part day and one on a Saturday" {
	# Christmas Eve (Thu) closes at 12:00: open 11:59, closed 12:00
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-24 11:59+01')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('office'), '2026-12-24 13:30+01')")" = false ]
	# Thu 24th 11:00 + 4 h: 11-12 (1 h), Fri 25th a holiday, weekend,
	# Mon 28th 08-11 (3 h) -> 11:00 CET
	[ "$(clock "kam.clock_add(pg_temp.cal('office'), '2026-12-24 11:00+01', '4 hours')")" = "2026-12-28 10:00:00+00" ]
	# Mon 21st to Mon 4 January: Mon-Wed 3 x 8 h, Thu 4 h, Fri none,
	# Mon-Thu 4 x 8 h, New Year none = 60 h
	[ "$(clock "kam.clock_business_time(pg_temp.cal('office'), '2026-12-21 00:00+01', '2027-01-04 00:00+01')")" = "60:00:00" ]
	[ "$(clock "kam.clock_business_time(pg_temp.cal('office'), '2027-01-04 00:00+01', '2026-12-21 00:00+01')")" = "-60:00:00" ]
	# the next holiday names the one on Saturday after Christmas Day
	[ "$(clock "(SELECT format('%s %s', day, name) FROM kam.clock_next_holiday(pg_temp.cal('office'), '2026-12-25 23:30+01'))")" = "2026-12-25 Christmas Day" ]
	[ "$(clock "(SELECT format('%s %s', day, name) FROM kam.clock_next_holiday(pg_temp.cal('office'), '2026-12-26 00:30+01'))")" = "2026-12-26 Boxing Day" ]
}

@test "night: a window across midnight, and a holiday that cuts it at midnight" {
	# Mon 2026-12-07: open at 23:00 and at Tuesday 05:59, closed 06:00
	[ "$(clock "kam.clock_open(pg_temp.cal('night'), '2026-12-07 23:00+01')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('night'), '2026-12-08 05:59+01')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('night'), '2026-12-08 06:00+01')")" = false ]
	# open at 23:00: closes 06:00, opens again 22:00
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('night'), '2026-12-07 23:00+01')")" = "2026-12-08 05:00:00+00" ]
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('night'), '2026-12-07 23:00+01')")" = "2026-12-08 21:00:00+00" ]
	# 24th 12:00 to 27th 12:00: 24th 22-24 (2 h); the 25th and the
	# Saturday 26th are holidays (their nights too); 27th 00-06 (6 h)
	[ "$(clock "kam.clock_business_time(pg_temp.cal('night'), '2026-12-24 12:00+01', '2026-12-27 12:00+01')")" = "08:00:00" ]
	# 24th 23:00 + 3 h: 23-24 (1 h), then 27th 00:00 + 2 h -> 02:00 CET
	[ "$(clock "kam.clock_add(pg_temp.cal('night'), '2026-12-24 23:00+01', '3 hours')")" = "2026-12-27 01:00:00+00" ]
}

@test "night: the nights the clocks change in Europe/Berlin are 7 and 9 hours" {
	# Sat 28 March 22:00 CET to Sun 29 March 06:00 CEST: 7 real hours
	[ "$(clock "kam.clock_business_time(pg_temp.cal('night'), '2026-03-28 12:00+01', '2026-03-29 12:00+02')")" = "07:00:00" ]
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('night'), '2026-03-28 23:00+01')")" = "2026-03-29 04:00:00+00" ]
	# 22:00 CET + 7 h ends at the window's close, 06:00 CEST
	[ "$(clock "kam.clock_add(pg_temp.cal('night'), '2026-03-28 22:00+01', '7 hours')")" = "2026-03-29 04:00:00+00" ]
	# + 8 h: one more hour from Sunday 22:00 CEST -> 23:00 CEST
	[ "$(clock "kam.clock_add(pg_temp.cal('night'), '2026-03-28 22:00+01', '8 hours')")" = "2026-03-29 21:00:00+00" ]
	# Sat 24 October 22:00 CEST to Sun 25 October 06:00 CET: 9 hours
	[ "$(clock "kam.clock_business_time(pg_temp.cal('night'), '2026-10-24 12:00+02', '2026-10-25 12:00+01')")" = "09:00:00" ]
	[ "$(clock "kam.clock_add(pg_temp.cal('night'), '2026-10-24 22:00+02', '9 hours')")" = "2026-10-25 05:00:00+00" ]
}

@test "us: weekdays across the America/New_York changes keep their local hours" {
	# Fri 6 March 16:00 EST + 2 h: 16-17 EST, Mon 9 March 09-10 EDT
	[ "$(clock "kam.clock_add(pg_temp.cal('us'), '2026-03-06 16:00-05', '2 hours')")" = "2026-03-09 14:00:00+00" ]
	# Fri 09:00 EST to Mon 17:00 EDT: two days of 8 h, whatever the wall clock
	[ "$(clock "kam.clock_business_time(pg_temp.cal('us'), '2026-03-06 09:00-05', '2026-03-09 17:00-04')")" = "16:00:00" ]
	# Fri 30 October 18:00 EDT: opens Mon 2 November 09:00 EST
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('us'), '2026-10-30 18:00-04')")" = "2026-11-02 14:00:00+00" ]
	[ "$(clock "kam.clock_open(pg_temp.cal('us'), '2026-11-02 14:30+00')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('us'), '2026-10-30 13:30+00')")" = true ]
	[ "$(clock "kam.clock_open(pg_temp.cal('us'), '2026-11-02 13:30+00')")" = false ]
}

@test "24x7 closes only for a holiday; the leap day counts, and closes as a holiday" {
	[ "$(clock "kam.clock_open(pg_temp.cal('always'), '2028-02-29 03:00+00')")" = true ]
	# it closes at noon on Christmas Eve, within a year, and not again
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('always'), '2028-02-29 03:00+00')")" = "2028-12-24 12:00:00+00" ]
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('always'), '2027-12-20 03:00+00')")" = NULL ]
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('always'), '2028-12-25 00:00+00')")" = NULL ]
	[ "$(clock "kam.clock_next_closing(pg_temp.cal('always'), '2028-12-24 13:00+00')")" = NULL ]
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('always'), '2028-12-24 13:00+00')")" = "2028-12-25 00:00:00+00" ]
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('always'), '2028-02-29 03:00+00')")" = "2028-12-25 00:00:00+00" ]
	# 28 February to 1 March 2028 is two whole days
	[ "$(clock "kam.clock_business_time(pg_temp.cal('always'), '2028-02-28 00:00+00', '2028-03-01 00:00+00')")" = "48:00:00" ]
	[ "$(clock "kam.clock_add(pg_temp.cal('always'), '2028-02-28 12:00+00', '1 day')")" = "2028-02-29 12:00:00+00" ]
	# leap: Mon 28th 15:00 + 2 h: 15-16 (1 h), Tue 29th off, Wed 08-09
	[ "$(clock "kam.clock_add(pg_temp.cal('leap'), '2028-02-28 15:00+00', '2 hours')")" = "2028-03-01 09:00:00+00" ]
	[ "$(clock "kam.clock_business_time(pg_temp.cal('leap'), '2028-02-28 00:00+00', '2028-03-02 00:00+00')")" = "16:00:00" ]
	# 2024-02-29 is a Thursday and an ordinary working day
	[ "$(clock "kam.clock_business_time(pg_temp.cal('leap'), '2024-02-29 00:00+00', '2024-03-01 00:00+00')")" = "08:00:00" ]
}

@test "a calendar without windows, or unknown, gives no answer; a negative time is refused" {
	[ "$(clock "kam.clock_add(pg_temp.cal('empty'), '2026-12-02 10:00+01', '1 hour')")" = NULL ]
	[ "$(clock "kam.clock_next_opening(pg_temp.cal('empty'), '2026-12-02 10:00+01')")" = NULL ]
	[ "$(clock "kam.clock_open(-1, '2026-12-02 10:00+01')")" = NULL ]
	[ "$(clock "kam.clock_business_time(-1, '2026-12-02 10:00+01', '2026-12-03 10:00+01')")" = NULL ]
	run clock "kam.clock_add(pg_temp.cal('office'), '2026-12-02 10:00+01', '-1 hour')"
	[ "$status" -ne 0 ]
	[[ "$output" == *"business time -01:00:00 is negative"* ]]
}

@test "managers and support read calendars; only administrators keep them; the sync sees none" {
	run pg_as anna -c "SELECT count(*) FROM kam.calendar"
	[ "$output" -ge 6 ]
	run pg_as sam -c "INSERT INTO kam.calendar (name) VALUES ('mine')"
	[ "$status" -ne 0 ]
	run pg_as anna -c "INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	    SELECT id, '2026-12-31', 'Eve' FROM kam.calendar WHERE name = 'office'"
	[ "$status" -ne 0 ]
	run pg_as anna -c "UPDATE kam.calendar_window SET closes = '20:00'"
	[ "$status" -ne 0 ]
	run pg_as postgres -c "SET ROLE kam_sync" -c "SELECT count(*) FROM kam.calendar"
	[[ "$output" == *"permission denied for table calendar"* ]]
	run pg_as kamadmin -c "INSERT INTO kam.calendar (name, time_zone) VALUES ('bad', 'Mars/Olympus')"
	[[ "$output" == *'time zone "Mars/Olympus" not recognized'* ]]
}

@test "a window is never empty; a part day closes in order" {
	run pg_as kamadmin -c "INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	    SELECT id, 6, '08:00', '08:00' FROM kam.calendar WHERE name = 'office'"
	[[ "$output" == *window_not_empty* ]]
	run pg_as kamadmin -c "INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from, closed_to)
	    SELECT id, '2026-12-31', 'Eve', '14:00', '12:00' FROM kam.calendar WHERE name = 'office'"
	[[ "$output" == *part_day_order* ]]
}
