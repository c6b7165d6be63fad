#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# The clock planned into the statements that call it (migration 0058):
# the queue's time left (kam.ticket_status.time_left, by kam.clock_left
# over the kept ranges) is the walk's answer (0026's
# kam.clock_business_walk from now to the next due time) for every
# ticket, at instants before, at and after the due times, on a holiday,
# across a weekend and outside the kept years; and kam.clock_local_text
# says what 0026's definition said. Both are inlined: no function of
# their own is planned or compiled in a new session.
#
# As in ticket_risk.bats: now() is the instant a test sets (the schema
# "fake" first in the search_path); the calendar "office": Mon-Fri
# 08:00-12:00 and 13:00-17:00 in Europe/Berlin, with a holiday on Friday
# 4 December 2026; Nordwind's service level: first response 4 business
# hours, resolution 16.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	q "CREATE SCHEMA fake;
	   CREATE FUNCTION fake.now() RETURNS timestamptz LANGUAGE sql STABLE
	   AS \$\$ SELECT current_setting('kam_test.now')::timestamptz \$\$;
	   GRANT USAGE ON SCHEMA fake TO PUBLIC" >/dev/null
	pg_as kamadmin -c "
	INSERT INTO kam.calendar (name, time_zone) VALUES ('office', 'Europe/Berlin');
	INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	SELECT c.id, d, o, cl FROM kam.calendar c, generate_series(1, 5) d,
	       (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) w (o, cl)
	 WHERE c.name = 'office';
	INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	SELECT id, '2026-12-04', 'Works outing' FROM kam.calendar WHERE name = 'office';
	INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	       calendar_id, valid_from)
	SELECT a.id, 'Gold', '4 hours', '16 hours', c.id, '2026-01-01'
	  FROM kam.account a, kam.calendar c WHERE a.erp_id = 'C1' AND c.name = 'office'" >/dev/null
	# tickets logged over a week, one waiting for the customer, one
	# answered, one resolved
	local when
	for when in '2026-11-30 09:00+01' '2026-12-01 16:30+01' '2026-12-02 10:00+01' \
	    '2026-12-03 12:15+01' '2026-12-04 11:00+01' '2026-12-05 10:00+01'; do
		at "$when" sam "INSERT INTO kam.interaction (account_id, occurred_at,
		    channel, direction, subject)
		    SELECT id, '$when', 'ticket', 'inbound', 'Logged $when'
		      FROM kam.account WHERE erp_id = 'C1'" >/dev/null
	done
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer'
	    WHERE id = (SELECT min(id) FROM kam.ticket)" >/dev/null
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET state = 'in_progress'
	    WHERE id = (SELECT min(id) + 1 FROM kam.ticket)" >/dev/null
	at '2026-12-03 09:00+01' sam "UPDATE kam.ticket SET state = 'resolved'
	    WHERE id = (SELECT min(id) + 2 FROM kam.ticket)" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# at INSTANT WHO SQL: SQL as WHO with now() at INSTANT, the time zone UTC
at() {
	pg_as "$2" -c "SET search_path = fake, pg_catalog, kam" \
	    -c "SET kam_test.now = '$1'" -c "SET TIME ZONE 'UTC'" -c "$3"
}

# differ INSTANT WHO: the tickets whose time left is not the walk's, then
# how many have one (so that the check is not vacuous)
differ() {
	at "$1" "$2" "SELECT count(*) FILTER (WHERE s.time_left IS DISTINCT FROM
	        kam.clock_business_walk(t.calendar_id, now(), CASE
	            WHEN t.next_due_at = t.first_response_due AND t.first_response_at IS NULL
	            THEN t.first_response_due
	            WHEN t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
	            THEN t.resolution_due END))
	     || ' ' || count(s.time_left)
	  FROM kam.ticket_status s JOIN kam.ticket t ON t.id = s.id"
}

@test "the time left is the walk's, for every ticket, at instants around the due times" {
	local when out n=0
	for when in '2026-11-30 08:00+01' '2026-12-01 12:30+01' '2026-12-02 10:00+01' \
	    '2026-12-02 15:00+01' '2026-12-03 17:00+01' '2026-12-04 10:00+01' \
	    '2026-12-05 23:59:59.999999+01' '2026-12-07 08:00+01' '2027-03-28 03:00+02' \
	    '2040-06-01 12:00+02' '2019-01-01 00:00+01'; do
		for who in sam anna; do
			out=$(differ "$when" "$who")
			echo "$when $who: $out"
			[ "${out% *}" = 0 ]
			n=$((n + ${out#* }))
		done
	done
	[ "$n" -gt 0 ]
}

@test "the time left at each due time itself: no business time, as the walk says" {
	run at '2026-12-02 10:00+01' sam "SELECT count(*) FROM kam.ticket t
	    WHERE t.next_due_at IS NOT NULL"
	[ "$output" -gt 0 ]
	for due in $(q "SELECT DISTINCT replace(next_due_at::text, ' ', 'T')
	    FROM kam.ticket WHERE next_due_at IS NOT NULL"); do
		out=$(differ "${due/T/ }" sam)
		[ "${out% *}" = 0 ]
	done
}

@test "the time left is planned into the statement, no PL/pgSQL clock a row" {
	run at '2026-12-02 10:00+01' sam "EXPLAIN (VERBOSE, COSTS OFF)
	    SELECT time_left FROM kam.ticket_status"
	[ "$status" -eq 0 ]
	[[ "$output" == *"calendar_open"* ]]
	[[ "$output" != *"clock_business_time"* ]]
	[[ "$output" != *"ticket_time_left"* ]]
	# and not computed where no one reads it
	run at '2026-12-02 10:00+01' sam "EXPLAIN (VERBOSE, COSTS OFF)
	    SELECT count(*) FILTER (WHERE at_risk) FROM kam.ticket_status"
	[[ "$output" != *"calendar_open"* ]]
}

# 0026's clock_local_text, the reference
local_text_0026="SELECT to_char(l, CASE WHEN l::date = n::date THEN 'HH24:MI'
    WHEN l::date < n::date + 7 THEN 'Dy HH24:MI' ELSE 'Dy YYYY-MM-DD HH24:MI' END)
    FROM (SELECT x.at AT TIME ZONE x.zone AS l, now() AT TIME ZONE x.zone AS n) y"

@test "clock_local_text says what it said, and inlines" {
	run at '2026-12-02 10:00+01' sam "SELECT count(*) FILTER (WHERE
	        kam.clock_local_text(x.at, x.zone) IS DISTINCT FROM ($local_text_0026)),
	        count(*)
	  FROM (SELECT now() + g * interval '97 minutes' AS at, z AS zone
	          FROM generate_series(-300, 300) g,
	               unnest(ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo',
	                            'UTC', NULL]) z) x"
	[ "$output" = "0|3005" ]
	[ "$(at '2026-12-02 10:00+01' sam "SELECT kam.clock_local_text('2026-12-02 17:00+01',
	    'Europe/Berlin') || ' / ' || kam.clock_local_text('2026-12-07 08:00+01',
	    'Europe/Berlin') || ' / ' || kam.clock_local_text('2027-01-04 08:00+01', 'Europe/Berlin')")" = \
	  "17:00 / Mon 08:00 / Mon 2027-01-04 08:00" ]
	run at '2026-12-02 10:00+01' sam "EXPLAIN (VERBOSE, COSTS OFF)
	    SELECT kam.clock_local_text(now(), 'UTC')"
	[[ "$output" == *"to_char"* ]]
	[[ "$output" != *"clock_local_text"* ]]
}
