#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# The clock's kept open ranges (migration 0036): kam.clock_add answers
# from them as the walk of 0026 does, on calendars with several windows a
# day, windows across midnight, 24x7, the DST changes of Europe/Berlin and
# America/New_York, whole and part-day holidays; the rows follow every
# change of windows, holidays and zone; outside the kept years the walk
# answers. The hand-computed cases stay in clock.bats.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as kamadmin -c "
	INSERT INTO kam.calendar (name, time_zone) VALUES
	  ('office', 'Europe/Berlin'), ('night', 'Europe/Berlin'),
	  ('us', 'America/New_York'), ('always', 'UTC');
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, o, cl FROM kam.calendar c, generate_series(1, 5) d,
	       (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) w (o, cl)
	 WHERE c.name = 'office';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '22:00', '06:00' FROM kam.calendar c, generate_series(1, 7) d
	 WHERE c.name = 'night';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '09:00', '17:00' FROM kam.calendar c, generate_series(1, 5) d
	 WHERE c.name = 'us';
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, '00:00', '24:00' FROM kam.calendar c, generate_series(1, 7) d
	 WHERE c.name = 'always';
	-- a holiday every 17 days, every third a part day, on every calendar
	INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from, closed_to)
	SELECT c.id, date '2026-01-05' + 17 * i, 'h' || i,
	       CASE WHEN i % 3 = 0 THEN time '10:30' END,
	       CASE WHEN i % 6 = 0 THEN time '23:00' END
	  FROM kam.calendar c, generate_series(0, 300) i" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# differ: how many of 3 000 sums on every calendar, from instants spread
# over five years at odd minutes, the kept rows answer otherwise than the
# walk (as support sees them)
differ() {
	pg_as sam -c "
	SELECT count(*) FROM kam.calendar c, generate_series(0, 2999) i,
	  LATERAL (SELECT timestamptz '2025-06-01 00:00+00' + i * interval '14 hours 37 minutes 13 seconds' AS at,
	                  (i % 97) * interval '37 minutes' + interval '1 second' AS n) x
	 WHERE kam.clock_add(c.id, x.at, x.n)
	       IS DISTINCT FROM kam.clock_walk(c.id, x.at, 'add', extract(epoch FROM x.n), interval '100 years')"
}

@test "the kept rows answer as the walk does" {
	[ "$(q "SELECT count(DISTINCT calendar_id) FROM kam.calendar_open")" = 4 ]
	[ "$(q "SELECT count(*) FROM kam.calendar_open o JOIN kam.calendar c ON c.id = o.calendar_id WHERE c.name = 'office'")" -gt 6000 ]
	[ "$(differ)" = 0 ]
}

@test "the kept rows follow windows, holidays and the zone" {
	pg_as kamadmin -c "
	UPDATE kam.calendar_window SET closes = '18:00' WHERE closes = '17:00';
	DELETE FROM kam.calendar_holiday WHERE name IN ('h3', 'h4');
	INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	SELECT id, '2027-02-02', 'new' FROM kam.calendar;
	UPDATE kam.calendar SET time_zone = 'Asia/Kolkata' WHERE name = 'night'" >/dev/null
	[ "$(differ)" = 0 ]
	# 2027-02-01 (a Monday) 17:30 in Berlin: open till 18:00 now, then
	# Tuesday is the new holiday, so Wednesday 08:00 plus 30 minutes
	[ "$(pg_as sam -c "SET TIME ZONE 'UTC'" -c "SELECT kam.clock_add(id, '2027-02-01 17:30+01', interval '1 hour') FROM kam.calendar WHERE name = 'office'")" = "2027-02-03 07:30:00+00" ]
}

@test "outside the kept years, and past their end, the walk answers" {
	[ "$(pg_as sam -c "SET TIME ZONE 'UTC'" -c "SELECT kam.clock_add(id, '2001-03-02 17:30+01', interval '1 hour') FROM kam.calendar WHERE name = 'office'")" = "2001-03-05 07:30:00+00" ]
	# ten thousand hours from now run past the kept years' end
	[ "$(pg_as sam -c "
	SELECT kam.clock_add(id, now(), interval '25000 hours')
	       = kam.clock_walk(id, now(), 'add', 90000000, interval '100 years')
	  FROM kam.calendar WHERE name = 'office'")" = t ]
}

@test "a calendar without windows, or one deleted, keeps no rows" {
	pg_as kamadmin -c "INSERT INTO kam.calendar (name) VALUES ('bare')" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.calendar_open o JOIN kam.calendar c ON c.id = o.calendar_id WHERE c.name = 'bare'")" = 0 ]
	[ "$(pg_as sam -c "SELECT coalesce(kam.clock_add(id, now(), interval '1 hour')::text, 'NULL') FROM kam.calendar WHERE name = 'bare'")" = NULL ]
	pg_as kamadmin -c "DELETE FROM kam.calendar WHERE name = 'us'" >/dev/null
	[ "$(q "SELECT count(DISTINCT calendar_id) FROM kam.calendar_open")" = 3 ]
	[ "$(q "SELECT count(*) FROM kam.calendar_open WHERE calendar_id NOT IN (SELECT id FROM kam.calendar)")" = 0 ]
}

@test "a bulk load in replica mode drops the kept rows it changes; the walk answers the same" {
	before=$(pg_as sam -c "SELECT kam.clock_add(id, '2027-03-01 10:00+01', interval '30 hours') FROM kam.calendar WHERE name = 'office'")
	q "BEGIN; SET LOCAL session_replication_role = replica;
	   INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	   SELECT id, '2027-01-20', 'bulk' FROM kam.calendar WHERE name = 'office'; COMMIT" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.calendar_open o JOIN kam.calendar c ON c.id = o.calendar_id WHERE c.name = 'office'")" = 0 ]
	[ "$(q "SELECT count(*) FROM kam.calendar_open o JOIN kam.calendar c ON c.id = o.calendar_id WHERE c.name = 'night'")" -gt 0 ]
	[ "$(pg_as sam -c "SELECT kam.clock_add(id, '2027-03-01 10:00+01', interval '30 hours') FROM kam.calendar WHERE name = 'office'")" = "$before" ]
	q "SELECT kam.calendar_keep(id) FROM kam.calendar" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.calendar_open o JOIN kam.calendar c ON c.id = o.calendar_id WHERE c.name = 'office'")" -gt 6000 ]
	[ "$(differ)" = 0 ]
}
