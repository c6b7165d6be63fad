#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migration 0025 turns the service levels' support hours into calendars,
# nothing lost: each service level's calendar is open exactly when
# kam.support_open (0019) said its hours were, hour by hour over a week
# in each zone, and versions and update times stay. Afterwards, a
# manager who edits the hours moves the service level to their calendar.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# the state before 0025: its objects and those of 0026, 0035 and 0036
	# taken away again, and what 0033's tickets hang on them (CASCADE:
	# their calendar's foreign key and the views over the clock; nothing
	# here reads tickets)
	psql -X -q -v ON_ERROR_STOP=1 -c "
	DROP TABLE kam.calendar_open;
	DROP FUNCTION kam.calendar_keep_changed(), kam.calendar_keep_zone() CASCADE;
	DROP FUNCTION kam.calendar_keep(bigint), kam.holiday_days(text, text, text, text);
	DROP FUNCTION kam.clock_next_holiday(bigint, timestamptz),
	    kam.clock_local_text(timestamptz, text),
	    kam.clock_add(bigint, timestamptz, interval),
	    kam.clock_business_time(bigint, timestamptz, timestamptz),
	    kam.clock_next_closing(bigint, timestamptz),
	    kam.clock_next_opening(bigint, timestamptz),
	    kam.clock_open(bigint, timestamptz),
	    kam.clock_walk(bigint, timestamptz, text, numeric, interval),
	    kam.calendar_open_hours(bigint, timestamptz, timestamptz) CASCADE;
	DROP TRIGGER service_level_calendar ON kam.service_level;
	DROP POLICY kam_owner_read ON kam.service_level;
	DROP POLICY kam_owner_update ON kam.service_level;
	DROP FUNCTION kam.service_level_calendar();
	ALTER TABLE kam.service_level DROP COLUMN calendar_id;
	DROP FUNCTION kam.hours_calendar(smallint[], time, time, text),
	    kam.hours_name(smallint[], time, time, text);
	DROP TABLE kam.calendar_holiday, kam.calendar_window, kam.calendar CASCADE;
	DELETE FROM kam.schema_migration WHERE version IN (25, 26, 35, 36)"
	psql -X -q -v ON_ERROR_STOP=1 -c "
	INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	    support_days, support_from, support_to, time_zone, valid_from)
	SELECT a.id, h.name, '4 hours', '2 days', h.days, h.f, h.t, h.zone, '2026-01-01'
	  FROM (SELECT id FROM kam.account ORDER BY id LIMIT 1) a,
	  (VALUES ('office', '{1,2,3,4,5}'::smallint[], time '08:00', time '18:00', 'Europe/Berlin'),
	          ('office too', '{5,4,3,2,1}', '08:00', '18:00', 'Europe/Berlin'),
	          ('nights', '{1,2,3,4,5}', '22:00', '06:00', 'America/New_York'),
	          ('late', '{6}', '08:00', '24:00', 'Asia/Tokyo'),
	          ('weekend days', '{6,7}', NULL, NULL, 'UTC'),
	          ('always', '{1,2,3,4,5,6,7}', NULL, NULL, 'Europe/Berlin')) h (name, days, f, t, zone);
	UPDATE kam.service_level SET goodwill_policy = 'edited once' WHERE name = 'late'"
	psql -X -At -c "SELECT name, version, updated_at FROM kam.service_level ORDER BY id" \
	    > "$BATS_FILE_TMPDIR/before"
	"$KAM" --db migrate >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

@test "every service level has the calendar of its hours, open when its hours were" {
	# every hour and half hour of a week in March 2026, in which
	# Europe/Berlin and America/New_York change their clocks
	run psql -X -At -c "
	SELECT s.name, t FROM kam.service_level s,
	       generate_series(timestamptz '2026-03-02 00:00+00', '2026-03-31 00:00+00',
	                       interval '30 minutes') t
	 WHERE kam.clock_open(s.calendar_id, t) IS DISTINCT FROM
	       kam.support_open(s.support_days, s.support_from, s.support_to, s.time_zone, t)"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run psql -X -At -c "SELECT count(*) FROM kam.service_level WHERE calendar_id IS NULL"
	[ "$output" = 0 ]
}

@test "the same hours share one calendar, named as the card wrote them" {
	run psql -X -At -c "SELECT c.name, string_agg(s.name, ',' ORDER BY s.id)
	    FROM kam.service_level s JOIN kam.calendar c ON c.id = s.calendar_id
	    GROUP BY c.name ORDER BY c.name"
	[ "${lines[0]}" = "Mon-Fri 08:00-18:00 Europe/Berlin|office,office too" ]
	[ "${lines[1]}" = "Mon-Fri 22:00-06:00 America/New_York|nights" ]
	[ "${lines[2]}" = "Sat 08:00-24:00 Asia/Tokyo|late" ]
	[ "${lines[3]}" = "Sat,Sun 24h UTC|weekend days" ]
	[ "${lines[4]}" = "daily 24h Europe/Berlin|always" ]
}

@test "versions and update times are as they were" {
	psql -X -At -c "SELECT name, version, updated_at FROM kam.service_level ORDER BY id" \
	    > "$BATS_TEST_TMPDIR/after"
	diff "$BATS_FILE_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
}

@test "a manager's new hours move the service level to their calendar; a chosen calendar stays" {
	local acct
	acct=$(psql -X -At -c "SELECT id FROM kam.account ORDER BY id LIMIT 1")
	psql -X -q -c "UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'anna') WHERE id = $acct"
	pg_as anna -c "UPDATE kam.service_level SET support_from = '07:00'
	    WHERE name = 'office too'"
	run psql -X -At -c "SELECT c.name FROM kam.service_level s
	    JOIN kam.calendar c ON c.id = s.calendar_id WHERE s.name = 'office too'"
	[ "$output" = "Mon-Fri 07:00-18:00 Europe/Berlin" ]
	pg_as anna -c "UPDATE kam.service_level SET calendar_id = (SELECT id FROM
	    kam.calendar WHERE name = 'daily 24h Europe/Berlin'), goodwill_policy = 'x'
	    WHERE name = 'office too'"
	run psql -X -At -c "SELECT c.name FROM kam.service_level s
	    JOIN kam.calendar c ON c.id = s.calendar_id WHERE s.name = 'office too'"
	[ "$output" = "daily 24h Europe/Berlin" ]
	pg_as anna -c "INSERT INTO kam.service_level (account_id, name, first_response,
	    resolution, valid_from) VALUES ($acct, 'plain', '1 hour', '1 day', '2027-01-01')"
	run psql -X -At -c "SELECT c.name FROM kam.service_level s
	    JOIN kam.calendar c ON c.id = s.calendar_id WHERE s.name = 'plain'"
	[ "$output" = "Mon-Fri 24h UTC" ]
	# the manager wrote no calendar table, and may not
	run pg_as anna -c "INSERT INTO kam.calendar (name) VALUES ('mine')"
	[ "$status" -ne 0 ]
}
