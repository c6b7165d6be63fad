#!/usr/bin/env bats
# The business calendars in a real terminal (:calendars): every calendar
# with its zone and hours; Enter shows one's opening windows and
# holidays (imported or typed). An administrator adds a holiday (checked
# first), changes an imported one into a part day, deletes one after a
# question and adds a window, each shown at once, stored, audited, and
# moving the clock; a manager sees the same read only and is told so on
# a write key. At 80x24 and at 120x40.

bats_require_minimum_version 1.5.0

load hooks

CAL="(SELECT id FROM kam.calendar WHERE name = 'Support Desk')"

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO kam.calendar (name, time_zone) VALUES ('Support Desk', 'Europe/Berlin');
INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
SELECT $CAL, d, '08:00', '18:00' FROM generate_series(1, 5) d;
INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
VALUES ($CAL, 6, '22:00', '02:00');
INSERT INTO kam.calendar_holiday (calendar_id, day, name, uid)
VALUES ($CAL, '2026-12-25', 'Christmas Day', 'xmas@example.com');
INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from)
VALUES ($CAL, '2026-12-31', 'New Year''s Eve', '12:00');
SQL
}

# open_desk [SIZE]: kam as \$PGUSER at SIZE (80x24), the Support Desk
# calendar's days.
open_desk() {
	local size=${1:-80x24}
	SCREEN_COLS=${size%x*} SCREEN_ROWS=${size#*x} screen_start
	screen_keys :
	screen_type calendars
	screen_keys Enter
	screen_wait "Calendars: row 1 of"
	[[ "$(screen_line "Support Desk")" == *"Europe/Berlin"*"Mon-Fri 08:00-18"* ]]
	screen_find "Support Desk"
	screen_keys Enter
	screen_wait "Calendar Support Desk (Europe/Berlin)"
}

# clock: two business hours from Thursday 2026-12-24 11:00 in Berlin.
clock() {
	screen_sql "SELECT to_char(kam.clock_add($CAL, '2026-12-24 11:00 Europe/Berlin', '2 hours')
	    AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI')"
}

@test "the calendars and one calendar's windows and holidays, imported and typed" {
	export PGUSER=kamadmin
	open_desk
	[[ "$(screen_line "window  Mon")" == *"08:00-18:00"* ]]
	[[ "$(screen_line "window  Sat")" == *"22:00-02:00 next day"* ]]
	[[ "$(screen_line "2026-12-25 Fri")" == *"whole day"*"Christmas Day"*"imported"* ]]
	[[ "$(screen_line "2026-12-31 Thu")" == *"from 12:00"*"New Year's Eve"*"typed"* ]]
	[[ "$(screen_text)" == *"a add, e edit, D delete"* ]]
	screen_resize 120 40
	[[ "$(screen_line "2026-12-25 Fri")" == *"whole day"*"Christmas Day"*"imported"* ]]
	screen_keys q
	[[ "$(screen_line "Support Desk")" == *"Mon-Fri 08:00-18:00, Sat 22:00-02:00"*"2 2026-12-25 Christmas Day"* ]]
}

@test "an administrator adds a part-day holiday, checked first; the clock moves" {
	export PGUSER=kamadmin
	open_desk
	[ "$(clock)" = "2026-12-24 13:00" ]
	screen_keys G a
	screen_wait "New holiday - Support Desk"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Day is required"* ]]
	screen_type 2026-12-24
	screen_keys Tab
	screen_type "Christmas Eve"
	screen_keys Tab
	screen_type 12:00
	screen_keys Tab
	screen_type 11:00
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Closed until is before Closed from"* ]]
	screen_keys C-u C-s
	screen_wait "Holiday saved."
	screen_wait "Calendar Support Desk"
	[[ "$(screen_line "2026-12-24 Thu")" == *"from 12:00"*"Christmas Eve"*"typed"* ]]
	[ "$(screen_sql "SELECT closed_from || ' ' || coalesce(closed_to::text, '-') || ' ' || version
	    FROM kam.calendar_holiday WHERE name = 'Christmas Eve'")" = "12:00:00 - 1" ]
	# an hour to noon, Christmas Day closed, Saturday's window from 22:00
	[ "$(clock)" = "2026-12-26 23:00" ]
	[ "$(screen_sql "SELECT actor FROM kam.audit_log WHERE table_name = 'calendar_holiday'
	    AND op = 'INSERT' AND new ->> 'name' = 'Christmas Eve'")" = kamadmin ]
}

@test "an administrator changes an imported holiday into a part day (120x40)" {
	export PGUSER=kamadmin
	open_desk 120x40
	screen_find "Christmas Day"
	screen_keys e
	screen_wait "Edit holiday - Support Desk"
	[[ "$(screen_line "Name")" == *"Christmas Day"* ]]
	screen_keys Tab C-u
	screen_type "Christmas morning"
	screen_keys Tab Tab
	screen_type 12:00
	screen_keys C-s
	screen_wait "Holiday saved."
	[[ "$(screen_line "2026-12-25 Fri")" == *"until 12:00"*"Christmas morning"*"imported"* ]]
	[ "$(screen_sql "SELECT coalesce(closed_from::text, '-') || ' ' || closed_to || ' ' || version
	    FROM kam.calendar_holiday WHERE uid = 'xmas@example.com'")" = "- 12:00:00 2" ]
	[ "$(screen_sql "SELECT (old ->> 'name') || ' > ' || (new ->> 'name') FROM kam.audit_log
	    WHERE table_name = 'calendar_holiday' AND op = 'UPDATE' AND actor = 'kamadmin'")" = \
	    "Christmas Day > Christmas morning" ]
}

@test "an administrator deletes a holiday after a question, and adds a window" {
	export PGUSER=kamadmin
	open_desk
	screen_find "New Year"
	screen_keys D
	screen_wait "Delete the holiday “New Year's Eve” on 2026-12-31 Thu?"
	screen_keys n
	[[ "$(screen_text)" == *"New Year's Eve"* ]]
	screen_resize 120 40
	screen_keys D
	screen_wait "Delete the holiday"
	screen_keys y
	screen_wait "Holiday deleted."
	[[ "$(screen_text)" != *"New Year's Eve"* ]]
	[ "$(screen_sql "SELECT count(*) FROM kam.calendar_holiday WHERE name = 'New Year''s Eve'")" = 0 ]
	[ "$(screen_sql "SELECT actor FROM kam.audit_log WHERE table_name = 'calendar_holiday'
	    AND op = 'DELETE' AND old ->> 'name' = 'New Year''s Eve'")" = kamadmin ]
	# a on a window's row: a new window, Sunday 10:00 to 14:00
	screen_keys g a
	screen_wait "New opening window - Support Desk"
	screen_keys Left Tab
	screen_type 10:00
	screen_keys Tab
	screen_type 10:00
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Closes is the opening time"* ]]
	screen_keys C-u
	screen_type 14:00
	screen_keys C-s
	screen_wait "Opening window saved."
	[[ "$(screen_line "window  Sun")" == *"10:00-14:00"* ]]
}

@test "a manager reads calendars but may not change them" {
	export PGUSER=anna
	open_desk
	[[ "$(screen_text)" == *"read only"* ]]
	for key in a e D; do
		screen_keys $key
		[[ "$(screen_flat)" == *"Read only: only administrators change calendars"* ]]
	done
	screen_resize 120 40
	screen_keys a
	[[ "$(screen_flat)" == *"Read only: only administrators change calendars"* ]]
	[[ "$(screen_text)" != *"New holiday"* ]]
	[ "$(screen_sql "SELECT count(*) FROM kam.audit_log WHERE actor = 'anna'
	    AND table_name LIKE 'calendar%'")" = 0 ]
}

@test "two administrators change one holiday: the conflict dialog, then merged" {
	export PGUSER=kamadmin
	screen_sql "INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	    VALUES ($CAL, '2027-05-01', 'Labour Day')"
	open_desk
	screen_find "Labour Day"
	screen_keys e
	screen_wait "Edit holiday - Support Desk"
	screen_keys Tab Tab
	screen_type 09:00
	screen_use 2
	open_desk 120x40
	screen_find "Labour Day"
	screen_keys e
	screen_wait "Edit holiday - Support Desk"
	screen_keys Tab C-u
	screen_type "May Day"
	screen_keys C-s
	screen_wait "Holiday saved."
	screen_use
	screen_keys C-s
	screen_wait "Someone else saved this while you edited it."
	[[ "$(screen_line 'Name')" == *"May Day"*"Labour Day"*"they changed" ]]
	[[ "$(screen_line 'Closed from')" == *"09:00"*"you changed" ]]
	screen_keys m
	screen_wait "Holiday saved."
	[ "$(screen_sql "SELECT name || ' ' || closed_from || ' ' || version
	    FROM kam.calendar_holiday WHERE day = '2027-05-01'")" = "May Day 09:00:00 3" ]
}

@test "a calendar of many holidays is read a page at a time, G to its last" {
	export PGUSER=anna
	screen_sql "INSERT INTO kam.calendar (name, time_zone) VALUES ('Zeta long', 'UTC');
	    INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	    SELECT c.id, date '2027-01-01' + 7 * i, 'Week ' || i
	      FROM kam.calendar c, generate_series(0, 449) i WHERE c.name = 'Zeta long'"
	screen_start
	screen_keys :
	screen_type calendars
	screen_keys Enter
	screen_wait "Calendars: row 1 of"
	screen_find "Zeta long"
	[[ "$(screen_line "Zeta long")" == *"450"* ]]
	screen_keys Enter
	screen_wait "Calendar Zeta long (UTC)"
	screen_wait "row 1 of 200+"
	screen_keys G
	screen_wait "Week 449"
	screen_wait "row 450 of 450"
	screen_keys g
	screen_wait "Week 0 "
}
