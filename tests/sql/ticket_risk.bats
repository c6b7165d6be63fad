#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# The instants kept for the queue (migration 0038): when each unmet
# milestone becomes at risk, kept as the ticket, its waits, its calendar
# or the share change, against hand-computed cases and against the clock
# itself (kam.clock_business_time from that instant to the due time is
# the share of the target; a microsecond earlier it is more). The view
# kam.ticket_status reads them instead of running the clock a row.
#
# As in tickets.bats: now() is the instant a test sets (the schema "fake"
# first in the search_path). The calendar "office": Mon-Fri 08:00-12:00
# and 13:00-17:00 in Europe/Berlin (CET, UTC+1 in December); Nordwind's
# service level: first response 4 business hours, resolution 16; a
# quarter of the target left is at risk.

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
	INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	       calendar_id, valid_from)
	SELECT a.id, 'Gold', '4 hours', '16 hours', c.id, '2026-01-01'
	  FROM kam.account a, kam.calendar c WHERE a.erp_id = 'C1' AND c.name = 'office'" >/dev/null
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

# ticket SUBJECT: a ticket on Nordwind logged Wed 2026-12-02 10:00 CET
ticket() {
	at '2026-12-02 10:00+01' sam "INSERT INTO kam.interaction (account_id,
	    occurred_at, channel, direction, subject)
	    SELECT id, '2026-12-02 10:00+01', 'ticket', 'inbound', '$1'
	      FROM kam.account WHERE erp_id = 'C1' RETURNING id"
}

# risk ID: the ticket's kept instants, first response and resolution
risk() {
	at '2026-12-02 10:00+01' sam "SELECT concat_ws(' ',
	    coalesce(first_response_risk_at::text, '-'),
	    coalesce(resolution_risk_at::text, '-'))
	    FROM kam.ticket_risk WHERE ticket_id = $1"
}

# state ID INSTANT: the milestones' states and at_risk in ticket_status
state() {
	at "$2" sam "SELECT concat_ws(' ', first_response_state, resolution_state,
	    at_risk) FROM kam.ticket_status WHERE id = $1"
}

# clock_agrees: every kept instant is where the clock says the share of
# its target is left: exactly that from it to the due time, more a
# microsecond before (unless at risk from the opening on)
clock_agrees() {
	run at '2026-12-02 10:00+01' sam "
	SELECT t.id, m.name, m.risk, m.due
	  FROM kam.ticket t JOIN kam.ticket_risk r ON r.ticket_id = t.id
	 CROSS JOIN kam.ticket_setting k
	 CROSS JOIN LATERAL (VALUES
	       ('first_response', r.first_response_risk_at, t.first_response_due,
	        t.first_response),
	       ('resolution', r.resolution_risk_at, t.resolution_due, t.resolution))
	       m (name, risk, due, target)
	 WHERE m.risk IS NOT NULL
	   AND (kam.clock_business_time(t.calendar_id, m.risk, m.due)
	        <> least(m.target * k.at_risk_share,
	                 kam.clock_business_time(t.calendar_id, t.opened_at, m.due))
	        OR (m.risk > t.opened_at
	            AND kam.clock_business_time(t.calendar_id,
	                m.risk - interval '1 microsecond', m.due)
	                <= m.target * k.at_risk_share))"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

@test "a new ticket: at risk an hour before the first response, four before the resolution" {
	id=$(ticket 'Pump leaks')
	# first response due Wed 15:00 CET: at risk from 14:00 CET;
	# resolution due Fri 10:00 CET: 4 h before, Fri 08-10 and Thu 15-17,
	# from Thu 15:00 CET
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 14:00:00+00" ]
	clock_agrees
	[ "$(state "$id" '2026-12-03 14:59+01')" = "breached running f" ]
	[ "$(state "$id" '2026-12-03 15:00+01')" = "breached at_risk t" ]
}

@test "a wait: no instant while paused, moved by the business time waited" {
	id=$(ticket 'Wrong spare part')
	at '2026-12-02 14:30+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id = $id"
	# first response met: nothing at risk; the resolution has no due time
	[ "$(risk "$id")" = "- -" ]
	[ "$(state "$id" '2026-12-03 09:00+01')" = "met paused f" ]
	# resumed Thu 09:30 (waited 4 business hours): due Fri 15:00 CET, at
	# risk 4 h before: Fri 13-15 and 10-12, from Fri 10:00 CET
	at '2026-12-03 09:30+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[ "$(risk "$id")" = "- 2026-12-04 09:00:00+00" ]
	clock_agrees
	[ "$(state "$id" '2026-12-04 09:59+01')" = "met running f" ]
	[ "$(state "$id" '2026-12-04 10:00+01')" = "met at_risk t" ]
	# resolved: met, nothing kept
	at '2026-12-04 11:00+01' sam "UPDATE kam.ticket SET state = 'resolved' WHERE id = $id"
	[ "$(risk "$id")" = "- -" ]
}

@test "a calendar change moves the instants, not the due times" {
	id=$(ticket 'Display dark')
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 14:00:00+00" ]
	# Friday 4 December a holiday: the resolution stays due Fri 10:00 CET,
	# but only Thu 13-17 lies open before it: at risk from Thu 12:00 CET,
	# when the morning closes with 4 open hours left
	pg_as kamadmin -c "INSERT INTO kam.calendar_holiday (calendar_id, day, name)
	    SELECT id, '2026-12-04', 'Works outing' FROM kam.calendar WHERE name = 'office'" >/dev/null
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 11:00:00+00" ]
	[ "$(at '2026-12-02 10:00+01' sam "SELECT resolution_due FROM kam.ticket WHERE id = $id")" = \
	  "2026-12-04 09:00:00+00" ]
	clock_agrees
	[ "$(state "$id" '2026-12-03 11:59+01')" = "breached running f" ]
	[ "$(state "$id" '2026-12-03 12:30+01')" = "breached at_risk t" ]
	# the holiday goes: back to Thu 15:00 CET
	pg_as kamadmin -c "DELETE FROM kam.calendar_holiday WHERE name = 'Works outing'" >/dev/null
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 14:00:00+00" ]
	# longer windows (Mon-Fri to 18:00 in the afternoon): at risk 4 h
	# before Fri 10:00 CET: Fri 08-10, Thu 16-18, from Thu 16:00 CET
	pg_as kamadmin -c "UPDATE kam.calendar_window SET closes = '18:00' WHERE closes = '17:00'" >/dev/null
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 15:00:00+00" ]
	clock_agrees
	pg_as kamadmin -c "UPDATE kam.calendar_window SET closes = '17:00' WHERE closes = '18:00'" >/dev/null
}

@test "a change of the share moves every instant" {
	id=$(ticket 'Noise')
	at '2026-12-02 10:00+01' kamadmin "UPDATE kam.ticket_setting SET at_risk_share = 0.5"
	# half of 4 h before Wed 15:00 CET: Wed 13-15, and the lunch break
	# before it leaves those 2 h too: from 12:00 CET; half of 16 h before
	# Fri 10:00: Fri 08-10, Thu 13-17 and 10-12: from Thu 10:00 CET
	[ "$(risk "$id")" = "2026-12-02 11:00:00+00 2026-12-03 09:00:00+00" ]
	[ "$(state "$id" '2026-12-02 11:59+01')" = "running running f" ]
	[ "$(state "$id" '2026-12-02 12:00+01')" = "at_risk running t" ]
	clock_agrees
	at '2026-12-02 10:00+01' kamadmin "UPDATE kam.ticket_setting SET at_risk_share = 0.25"
	[ "$(risk "$id")" = "2026-12-02 13:00:00+00 2026-12-03 14:00:00+00" ]
}

@test "business time from the kept ranges is the walk's, inside and outside the kept years" {
	run at '2026-12-02 10:00+01' sam "
	SELECT a, b FROM kam.calendar c,
	       (VALUES (timestamptz '2026-12-02 10:00+01', timestamptz '2026-12-04 10:00+01'),
	               ('2026-12-04 10:00+01', '2026-12-02 10:00+01'),
	               ('2026-12-05 10:00+01', '2026-12-06 10:00+01'),
	               ('2026-12-02 12:30+01', '2026-12-02 12:30+01'),
	               ('2020-01-01 00:00+00', '2026-12-02 10:00+01'),
	               ('2026-12-02 10:00+01', '2039-01-01 00:00+00')) v (a, b)
	 WHERE c.name = 'office'
	   AND kam.clock_business_time(c.id, a, b)
	       IS DISTINCT FROM kam.clock_business_walk(c.id, a, b)"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$(at '2026-12-02 10:00+01' sam "SELECT kam.clock_business_time(id,
	    '2026-12-04 10:00+01', '2026-12-02 10:00+01') FROM kam.calendar")" = "-16:00:00" ]
}
