#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Holidays as the :calendars screen writes them (migration 0039, the
# statements of src/domain/edit_calendars.c): an administrator adds one
# under a client key, changes it at its version, deletes it at its
# version; each change moves kam.clock_add at once (0036's kept ranges
# rebuilt, the same answer as the walk of 0026) and a ticket opened
# afterwards is due accordingly; each is audited; nobody else may write.
# The calendar: Mon-Fri 08:00-18:00 Europe/Berlin; 2026-12-23 is a
# Wednesday, and two business hours from 17:00 run to Thursday 09:00.

load hooks

CAL="(SELECT id FROM kam.calendar WHERE name = 'desk')"
KEY=6f1c2a4e-7d3b-4c5a-9e8f-0a1b2c3d4e5f
DUE="to_char(kam.clock_add($CAL, '2026-12-23 17:00 Europe/Berlin', '2 hours') AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI')"
WALK="kam.clock_add($CAL, '2026-12-23 17:00 Europe/Berlin', '2 hours') = kam.clock_walk($CAL, '2026-12-23 17:00 Europe/Berlin', 'add', 7200, interval '100 years')"

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/screen/data.sql" >/dev/null
	pg_as kamadmin -c "
	INSERT INTO kam.calendar (name, time_zone) VALUES ('desk', 'Europe/Berlin');
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT $CAL, d, '08:00', '18:00' FROM generate_series(1, 5) d" >/dev/null
}

# sql STATEMENT [LOGIN]: as LOGIN (the administrator), rows unaligned
sql() {
	pg_as "${2:-kamadmin}" -c "$1"
}

@test "an added, changed and deleted holiday moves the clock, each audited" {
	[ "$(sql "SELECT $DUE")" = "2026-12-24 09:00" ]
	# as the form inserts: under a client key; a retry finds the row
	sql "INSERT INTO kam.calendar_holiday (client_key, calendar_id, day, closed_from, closed_to, name)
	   VALUES ('$KEY', $CAL, '2026-12-24', NULL, NULL, 'Christmas Eve')
	   ON CONFLICT (client_key) DO NOTHING RETURNING version" >"$BATS_TEST_TMPDIR/v"
	[ "$(cat "$BATS_TEST_TMPDIR/v")" = 1 ]
	[ -z "$(sql "INSERT INTO kam.calendar_holiday (client_key, calendar_id, day, name)
	   VALUES ('$KEY', $CAL, '2026-12-24', 'Christmas Eve')
	   ON CONFLICT (client_key) DO NOTHING RETURNING version")" ]
	[ "$(sql "SELECT $DUE")" = "2026-12-25 09:00" ]
	[ "$(sql "SELECT $WALK")" = t ]
	# a part day, at the version read: closed until 10:00
	[ "$(sql "UPDATE kam.calendar_holiday SET day = '2026-12-24', closed_from = NULL,
	   closed_to = '10:00', name = 'Christmas Eve' WHERE client_key = '$KEY'
	   AND version = 1 RETURNING version")" = 2 ]
	[ "$(sql "SELECT $DUE")" = "2026-12-24 11:00" ]
	[ "$(sql "SELECT $WALK")" = t ]
	# a stale version changes nothing
	[ -z "$(sql "UPDATE kam.calendar_holiday SET name = 'Stale' WHERE client_key = '$KEY'
	   AND version = 1 RETURNING version")" ]
	[ -z "$(sql "DELETE FROM kam.calendar_holiday WHERE client_key = '$KEY'
	   AND version = 1 RETURNING version")" ]
	[ "$(sql "DELETE FROM kam.calendar_holiday WHERE client_key = '$KEY'
	   AND version = 2 RETURNING version")" = 2 ]
	[ "$(sql "SELECT $DUE")" = "2026-12-24 09:00" ]
	[ "$(sql "SELECT $WALK")" = t ]
	[ "$(sql "SELECT string_agg(op || ' ' || actor, ', ' ORDER BY id) FROM kam.audit_log
	   WHERE table_name = 'calendar_holiday'" postgres)" = \
	    "INSERT kamadmin, UPDATE kamadmin, DELETE kamadmin" ]
}

@test "a ticket opened after a holiday was added is due after it" {
	sql "UPDATE kam.service_level SET calendar_id = $CAL, first_response = '2 hours'
	   WHERE name = 'Platinum'" >/dev/null
	sql "INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	   VALUES ($CAL, '2026-12-24', 'Christmas Eve')" >/dev/null
	sql "INSERT INTO kam.interaction (account_id, occurred_at, channel, subject, author_id)
	   SELECT a.id, '2026-12-23 17:00 Europe/Berlin', 'ticket', 'Holiday probe', u.id
	     FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C1' AND u.role_name = 'kamadmin'" >/dev/null
	[ "$(sql "SELECT to_char(t.first_response_due AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI')
	   FROM kam.ticket t JOIN kam.interaction i ON i.id = t.id WHERE i.subject = 'Holiday probe'")" = \
	    "2026-12-25 09:00" ]
}

@test "only an administrator writes holidays and windows" {
	local who stmt
	for who in anna sam; do
		for stmt in \
		    "INSERT INTO kam.calendar_holiday (calendar_id, day, name) VALUES ($CAL, '2027-01-01', 'New Year')" \
		    "UPDATE kam.calendar_holiday SET name = 'x'" \
		    "DELETE FROM kam.calendar_holiday" \
		    "INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes) VALUES ($CAL, 6, '08:00', '12:00')" \
		    "DELETE FROM kam.calendar_window"; do
			run sql "$stmt" "$who"
			[ "$status" -ne 0 ]
			[[ "$output" == *"permission denied"* ]]
		done
		# but they read them
		[ "$(sql "SELECT count(*) FROM kam.calendar_window WHERE calendar_id = $CAL" "$who")" = 5 ]
	done
}

@test "an opening window across midnight, typed, moves the clock" {
	local cal2="(SELECT id FROM kam.calendar WHERE name = 'night')"
	sql "INSERT INTO kam.calendar (name, time_zone) VALUES ('night', 'UTC')" >/dev/null
	[ "$(sql "INSERT INTO kam.calendar_window (client_key, calendar_id, isodow, opens, closes)
	   VALUES (gen_random_uuid(), $cal2, 3, '22:00', '06:00') RETURNING version")" = 1 ]
	# Wednesday 2026-12-23 21:00 UTC plus 3 hours: 22:00 to Thursday 01:00
	[ "$(sql "SELECT kam.clock_add($cal2, '2026-12-23 21:00+00', '3 hours') AT TIME ZONE 'UTC'")" = \
	    "2026-12-24 01:00:00" ]
	[ "$(sql "UPDATE kam.calendar_window SET opens = '23:00' WHERE calendar_id = $cal2
	   AND version = 1 RETURNING version")" = 2 ]
	[ "$(sql "SELECT kam.clock_add($cal2, '2026-12-23 21:00+00', '3 hours') AT TIME ZONE 'UTC'")" = \
	    "2026-12-24 02:00:00" ]
}
