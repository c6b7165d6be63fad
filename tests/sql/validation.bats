#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migration 0019 through psql, as a manager: the rules the forms check
# hold for anything that writes SQL (phones, subjects, a ticket's
# direction, support hours across midnight), and kam.support_open says
# open or closed at 23:00, 05:00 and 07:00 in the service level's zone.

load hooks

# as USER: psql's message on failure (its status kept)
sql_as() {
	pg_as "$1" -c "$2" 2>&1
}

@test "a phone that is no number is refused, by name, on its column" {
	run sql_as anna "UPDATE kam.contact SET phone = 'call me maybe' WHERE name = 'Jana Novak'"
	[ "$status" -ne 0 ]
	[[ "$output" == *'phone "call me maybe" is not a phone number'* ]]
	run pg_as anna -c "SELECT kam.phone_valid(p) FROM (VALUES ('+49 (0)30 1234-5678'),
	    ('030/123 45 67'), ('+1 555.123.4567 ext. 89'), ('+49 30 1234 x12'), ('1234#5'),
	    ('12'), ('++49 30'), ('49+30 1234'), ('+49 30 1234 x'), ('123456789012345678901'),
	    ('call me maybe')) v (p)"
	[ "$output" = "$(printf 't\nt\nt\nt\nt\nf\nf\nf\nf\nf\nf')" ]
	run sql_as anna "UPDATE kam.contact SET phone = '+49 40 5555 x 12' WHERE name = 'Jana Novak'"
	[ "$status" -eq 0 ]
}

@test "a phone from before the rule stays, and the row stays editable" {
	pg_as postgres -c "ALTER TABLE kam.contact DISABLE TRIGGER check_contact;
	    UPDATE kam.contact SET phone = 'ask reception' WHERE name = 'Jana Novak';
	    ALTER TABLE kam.contact ENABLE TRIGGER check_contact"
	run sql_as anna "UPDATE kam.contact SET job_title = 'Buyer', phone = phone WHERE name = 'Jana Novak'"
	[ "$status" -eq 0 ]
	run sql_as anna "UPDATE kam.contact SET phone = 'ask reception, then' WHERE name = 'Jana Novak'"
	[ "$status" -ne 0 ]
}

@test "a subject is at most 300 characters, counted as characters" {
	run sql_as anna "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'call', repeat('é', 300) FROM kam.account WHERE erp_id = 'C4'"
	[ "$status" -eq 0 ]
	run sql_as anna "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'call', repeat('é', 301) FROM kam.account WHERE erp_id = 'C4'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"subject of 301 characters is longer than 300"* ]]
}

@test "a ticket that names no direction is inbound; a call outbound" {
	run pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'ticket', 'Where is my delivery?' FROM kam.account WHERE erp_id = 'C4'
	    RETURNING direction"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = inbound ]
	run pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'call', 'Asked about the fair' FROM kam.account WHERE erp_id = 'C4'
	    RETURNING direction"
	[ "${lines[0]}" = outbound ]
}

@test "support hours across midnight and until 24:00 are taken; an empty window is not" {
	local ins="INSERT INTO kam.service_level (account_id, name, first_response,
	    resolution, support_from, support_to, time_zone, valid_from)
	    SELECT id, 'Night', '1 hour', '8 hours'"
	run sql_as anna "$ins, '22:00', '06:00', 'Europe/Berlin', DATE '2099-01-01' FROM kam.account WHERE erp_id = 'C4'"
	[ "$status" -eq 0 ]
	run sql_as anna "$ins, '8:00', '24:00', 'Europe/Berlin', DATE '2099-01-01' FROM kam.account WHERE erp_id = 'C4'"
	[ "$status" -eq 0 ]
	run sql_as anna "$ins, '08:00', '08:00', 'Europe/Berlin', DATE '2099-01-01' FROM kam.account WHERE erp_id = 'C4'"
	[[ "$output" == *window_not_empty* ]]
	run sql_as anna "$ins, '24:00', '06:00', 'Europe/Berlin', DATE '2099-01-01' FROM kam.account WHERE erp_id = 'C4'"
	[[ "$output" == *window_start* ]]
}

# open DAYS FROM TO LOCAL-TIME: kam.support_open at that wall-clock time
# in Asia/Tokyo (a zone far from the server's)
open_at() {
	pg_as anna -c "SELECT kam.support_open('$1', $2, $3, 'Asia/Tokyo',
	    TIMESTAMP '$4' AT TIME ZONE 'Asia/Tokyo')"
}

@test "open across midnight: 23:00 and 05:00 open, 07:00 closed, in the zone's time" {
	# 2026-03-02 is a Monday
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-02 23:00')" = t ]
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-03 05:00')" = t ]
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-03 07:00')" = f ]
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-02 21:59')" = f ]
	# Monday 05:00 is Sunday night's window: Sunday is no support day
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-02 05:00')" = f ]
	# Saturday 05:00 is Friday night's
	[ "$(open_at '{1,2,3,4,5}' "'22:00'" "'06:00'" '2026-03-07 05:00')" = t ]
	[ "$(open_at '{1,2,3,4,5}' "'08:00'" "'24:00'" '2026-03-02 23:59:59')" = t ]
	[ "$(open_at '{1,2,3,4,5}' "'08:00'" "'24:00'" '2026-03-03 00:00')" = f ]
	[ "$(open_at '{1,2,3,4,5}' "'08:00'" "'18:00'" '2026-03-02 07:00')" = f ]
	[ "$(open_at '{1}' NULL NULL '2026-03-02 23:00')" = t ]
	[ "$(open_at '{1}' NULL NULL '2026-03-03 05:00')" = f ]
}
