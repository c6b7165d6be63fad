#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Tickets with milestones (migration 0033) through psql: due times from
# the service level and its calendar (the clock of 0026), a wait for the
# customer that pauses them, at risk, breaches and their times kept, the
# moves of a ticket, goodwill against its limit, warranty, the audit
# trail and who may do what.
#
# The instants are computed by hand. The tickets' triggers read the time
# with now(), unqualified; a test's session puts the schema "fake" before
# pg_catalog in its search_path, so that now() is the instant the test
# sets (kam_test.now) and the clock's answers can be checked at chosen
# moments.
#
# The calendar "office": Mon-Fri 08:00-12:00 and 13:00-17:00 in
# Europe/Berlin (CET, UTC+1 in December). The service level of Nordwind
# (anna's, team north): first response 4 business hours, resolution 16.

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
	INSERT INTO kam.contact (account_id, name, phone)
	SELECT id, 'Hanna Escalation', '+49 40 123' FROM kam.account WHERE erp_id = 'C1';
	INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	       calendar_id, escalation_contact_id, goodwill_limit, goodwill_currency,
	       valid_from)
	SELECT a.id, 'Gold', '4 hours', '16 hours', c.id, k.id, 100, 'EUR', '2026-01-01'
	  FROM kam.account a, kam.calendar c, kam.contact k
	 WHERE a.erp_id = 'C1' AND c.name = 'office' AND k.name = 'Hanna Escalation';
	INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from)
	SELECT id, 'warranty', 'Two years on machines', 24, 'months', '2025-01-01'
	  FROM kam.account WHERE erp_id = 'C1'" >/dev/null
	q "INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount,
	       currency, status, erp_updated_at)
	   SELECT v.e, a.id, v.n, v.d, 1000, 'EUR', 'delivered', now()
	     FROM kam.account a,
	          (VALUES ('O1', 'A-1', date '2025-02-01'), ('O2', 'A-2', '2024-06-01')) v (e, n, d)
	    WHERE a.erp_id = 'C1'" >/dev/null
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

# ticket SUBJECT: a ticket entry on Nordwind logged by sam at
# Wednesday 2026-12-02 10:00 CET; prints its id
ticket() {
	at '2026-12-02 10:00+01' sam "INSERT INTO kam.interaction (account_id,
	    occurred_at, channel, direction, subject)
	    SELECT id, '2026-12-02 10:00+01', 'ticket', 'inbound', '$1'
	      FROM kam.account WHERE erp_id = 'C1' RETURNING id"
}

# status ID COLUMNS [INSTANT]: the ticket's columns of kam.ticket_status
# as sam sees them at INSTANT (by default the ticket's opening)
status() {
	at "${3:-2026-12-02 10:00+01}" sam \
	    "SELECT concat_ws(' ', $2) FROM kam.ticket_status WHERE id = $1"
}

@test "a ticket entry is a ticket, new, due by the service level's business hours" {
	id=$(ticket 'Pump leaks')
	# Wed 10:00 + 4 h: 10-12, 13-15 -> 15:00 CET
	# + 16 h: Wed 6 h, Thu 8 h, Fri 08-10 -> Fri 10:00 CET
	[ "$(status "$id" "state, priority, sla_name, first_response_due, resolution_due, next_due_at")" = \
	  "new normal Gold 2026-12-02 14:00:00+00 2026-12-04 09:00:00+00 2026-12-02 14:00:00+00" ]
	[ "$(status "$id" "first_response_state, resolution_state, at_risk, breached, time_left")" = \
	  "running running f f 04:00:00" ]
}

@test "at risk with a quarter of the target left, the escalation contact shown" {
	id=$(ticket 'Display dark')
	# 13:59: 1 h 1 min left of 4 h: running, no escalation
	[ "$(status "$id" "first_response_state, coalesce(escalation, '-')" '2026-12-02 13:59+01')" = "running -" ]
	# 14:00: 1 h left, a quarter: at risk
	[ "$(status "$id" "first_response_state, at_risk, time_left, escalation" '2026-12-02 14:00+01')" = \
	  "at_risk t 01:00:00 Hanna Escalation, +49 40 123" ]
	# the share is a setting: at 10 % the same hour is not at risk
	at '2026-12-02 10:00+01' kamadmin "UPDATE kam.ticket_setting SET at_risk_share = 0.1"
	[ "$(status "$id" "first_response_state" '2026-12-02 14:00+01')" = running ]
	at '2026-12-02 10:00+01' kamadmin "UPDATE kam.ticket_setting SET at_risk_share = 0.25"
}

@test "waiting for the customer pauses the clock; the due time moves by the business time waited" {
	id=$(ticket 'Wrong spare part')
	# first response at Wed 14:30, before its 15:00: met
	at '2026-12-02 14:30+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id = $id"
	[ "$(status "$id" "state, first_response_state, first_response_at, coalesce(resolution_due::text, '-'), resolution_state, coalesce(next_due_at::text, '-')" '2026-12-02 16:00+01')" = \
	  "waiting_for_customer met 2026-12-02 13:30:00+00 - paused -" ]
	# the customer answers Thu 09:30: waited Wed 14:30-17:00 and Thu
	# 08:00-09:30, 4 business hours; Fri 10:00 + 4 h -> Fri 15:00 CET
	at '2026-12-03 09:30+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[ "$(status "$id" "state, resolution_due, next_due_at, resolution_state" '2026-12-03 09:30+01')" = \
	  "in_progress 2026-12-04 14:00:00+00 2026-12-04 14:00:00+00 running" ]
	# the wait is kept
	[ "$(at '2026-12-03 09:30+01' sam "SELECT paused_at || ' ' || resumed_at FROM kam.ticket_pause WHERE ticket_id = $id")" = \
	  "2026-12-02 13:30:00+00 2026-12-03 08:30:00+00" ]
	# a second wait, Thu 16:00 to Mon 7 December 09:00 CET: Thu 1 h,
	# Fri 8 h, Mon 1 h = 10 h; Fri 15:00 + 10 h: Fri 2 h, Mon 8 h -> Mon 17:00 CET
	at '2026-12-03 16:00+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id = $id"
	at '2026-12-07 09:00+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[ "$(status "$id" "resolution_due" '2026-12-07 09:00+01')" = "2026-12-07 16:00:00+00" ]
	# resolved in time: met, nothing next
	at '2026-12-07 12:00+01' sam "UPDATE kam.ticket SET state = 'resolved' WHERE id = $id"
	[ "$(status "$id" "state, resolution_state, coalesce(next_due_at::text, '-'), breached" '2026-12-08 12:00+01')" = \
	  "resolved met - f" ]
}

@test "a breach keeps its time: answered late, and a wait that begins after the due time" {
	id=$(ticket 'No delivery')
	# unanswered at 16:00: breached at 15:00 CET
	[ "$(status "$id" "first_response_state, first_response_breached_at, breached" '2026-12-02 16:00+01')" = \
	  "breached 2026-12-02 14:00:00+00 t" ]
	# answered at 16:00: still breached, at 15:00
	at '2026-12-02 16:00+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[ "$(status "$id" "first_response_state, first_response_breached_at, first_response_at" '2026-12-03 10:00+01')" = \
	  "breached 2026-12-02 14:00:00+00 2026-12-02 15:00:00+00" ]
	# resolution due Fri 10:00 CET passes unresolved; the wait that
	# begins Fri 11:00 does not move it, and the passed due time leads
	# the queue while the ticket waits
	at '2026-12-04 11:00+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id = $id"
	[ "$(status "$id" "resolution_state, resolution_breached_at, next_due_at" '2026-12-04 11:00+01')" = \
	  "breached 2026-12-04 09:00:00+00 2026-12-04 09:00:00+00" ]
	at '2026-12-07 09:00+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	at '2026-12-07 10:00+01' sam "UPDATE kam.ticket SET state = 'resolved' WHERE id = $id"
	[ "$(status "$id" "resolution_state, resolution_breached_at" '2026-12-08 10:00+01')" = \
	  "breached 2026-12-04 09:00:00+00" ]
	# breaches per account and month
	[ "$(at '2026-12-08 10:00+01' anna "SELECT sum(breaches) FROM kam.ticket_breach b
	      JOIN kam.account a ON a.id = b.account_id
	     WHERE a.erp_id = 'C1' AND b.month = '2026-12-01' AND b.milestone = 'resolution'")" -ge 1 ]
}

@test "only the moves of a ticket are allowed; stamps and due times are the database's" {
	id=$(ticket 'Manual missing')
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET state = 'resolved' WHERE id = $id"
	at '2026-12-02 11:30+01' sam "UPDATE kam.ticket SET state = 'closed' WHERE id = $id"
	run ! at '2026-12-02 12:00+01' sam "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[[ $output == *"cannot move from closed to in_progress"* ]]
	# the due times and stamps are not the client's to write
	run ! at '2026-12-02 12:00+01' sam "UPDATE kam.ticket SET resolution_due = now() WHERE id = $id"
	[[ $output == *"permission denied"* ]]
	run ! at '2026-12-02 12:00+01' sam "INSERT INTO kam.ticket_pause (ticket_id, account_id, paused_at, resumed_at)
	    SELECT $id, account_id, '2026-12-01', '2026-12-09' FROM kam.ticket WHERE id = $id"
	[[ $output == *"permission denied"* ]]
	[ "$(status "$id" "state, first_response_at, resolved_at, closed_at" '2026-12-02 12:00+01')" = \
	  "closed 2026-12-02 10:00:00+00 2026-12-02 10:00:00+00 2026-12-02 10:30:00+00" ]
}

@test "rights: support works every ticket, managers those of accounts they may write" {
	id=$(ticket 'Rights')
	# bo (team south) reads it but may not change it: no row
	[ "$(at '2026-12-02 11:00+01' bo "SELECT count(*) FROM kam.ticket WHERE id = $id")" = 1 ]
	[ "$(at '2026-12-02 11:00+01' bo "WITH u AS (UPDATE kam.ticket SET priority = 'urgent' WHERE id = $id RETURNING 1) SELECT count(*) FROM u")" = 0 ]
	# david shares anna's team: may
	[ "$(at '2026-12-02 11:00+01' david "WITH u AS (UPDATE kam.ticket SET priority = 'high' WHERE id = $id RETURNING 1) SELECT count(*) FROM u")" = 1 ]
	# support, on a ticket somebody else logged
	[ "$(at '2026-12-02 11:00+01' sam "WITH u AS (UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id RETURNING 1) SELECT count(*) FROM u")" = 1 ]
	# a manager who may not write the account cannot log a ticket there
	run ! at '2026-12-02 11:00+01' bo "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'ticket', 'Not mine' FROM kam.account WHERE erp_id = 'C1'"
	[[ $output == *"row-level security"* ]]
	# every change is in the audit log, with who made it
	[ "$(q "SELECT string_agg(actor || ':' || op, ' ' ORDER BY id) FROM kam.audit_log
	         WHERE table_name = 'ticket' AND row_id = $id")" = \
	  "sam:INSERT david:UPDATE sam:UPDATE" ]
}

@test "waits are audited in the name of who resumed the ticket" {
	id=$(ticket 'Audit the wait')
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id = $id"
	at '2026-12-02 12:00+01' anna "UPDATE kam.ticket SET state = 'in_progress' WHERE id = $id"
	[ "$(q "SELECT actor || ':' || op FROM kam.audit_log WHERE table_name = 'ticket_pause'
	         AND (new ->> 'ticket_id')::bigint = $id")" = "anna:INSERT" ]
}

@test "goodwill within the service level's limit; beyond it only an administrator" {
	id=$(ticket 'Goodwill')
	at '2026-12-02 11:00+01' sam "INSERT INTO kam.goodwill (ticket_id, kind, amount, currency, note)
	    VALUES ($id, 'credit', 60.00, 'EUR', 'late delivery')"
	at '2026-12-02 11:00+01' sam "INSERT INTO kam.goodwill (ticket_id, kind, note)
	    VALUES ($id, 'replacement', 'new seal kit')"
	run ! at '2026-12-02 11:00+01' sam "INSERT INTO kam.goodwill (ticket_id, kind, amount, currency)
	    VALUES ($id, 'credit', 40.01, 'EUR')"
	[[ $output == *"goodwill of 40.01 EUR exceeds the limit: 40.00 EUR of 100.00 EUR left"* ]]
	run ! at '2026-12-02 11:00+01' sam "INSERT INTO kam.goodwill (ticket_id, kind, amount, currency)
	    VALUES ($id, 'free_service', 10, 'USD')"
	[[ $output == *"goodwill in USD where the service level's limit is in EUR"* ]]
	at '2026-12-02 11:00+01' sam "INSERT INTO kam.goodwill (ticket_id, kind, amount, currency)
	    VALUES ($id, 'credit', 40.00, 'EUR')"
	at '2026-12-02 11:00+01' kamadmin "INSERT INTO kam.goodwill (ticket_id, kind, amount, currency)
	    VALUES ($id, 'credit', 25, 'EUR')"
	[ "$(q "SELECT sum(amount) || ' ' || count(*) FROM kam.goodwill WHERE ticket_id = $id")" = "125.00 4" ]
	# bo may not write Nordwind: no gesture there
	run ! at '2026-12-02 11:00+01' bo "INSERT INTO kam.goodwill (ticket_id, kind, note)
	    VALUES ($id, 'free_service', 'x')"
	[[ $output == *"row-level security"* ]]
}

@test "warranty: from the order's date and the warranty conditions" {
	id=$(ticket 'Under warranty?')
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET order_id = (SELECT id FROM kam.erp_order WHERE erp_id = 'O1') WHERE id = $id"
	# ordered 2025-02-01, 24 months: until 2027-02-01
	[ "$(at '2026-12-02 11:00+01' sam "SELECT under_warranty || ' ' || warranty_until || ' ' || condition FROM kam.ticket_warranty($id)")" = \
	  "true 2027-02-01 Two years on machines" ]
	# ordered 2024-06-01, before the condition was in force: none
	at '2026-12-02 11:00+01' sam "UPDATE kam.ticket SET order_id = (SELECT id FROM kam.erp_order WHERE erp_id = 'O2') WHERE id = $id"
	[ "$(at '2026-12-02 11:00+01' sam "SELECT count(*) FROM kam.ticket_warranty($id)")" = 0 ]
}

@test "an account without a service level in force: a ticket without milestones" {
	id=$(at '2026-12-02 10:00+01' sam "INSERT INTO kam.interaction (account_id, occurred_at, channel, subject)
	    SELECT id, '2026-12-02 10:00+01', 'ticket', 'No SLA' FROM kam.account WHERE erp_id = 'C2' RETURNING id")
	[ "$(status "$id" "state, coalesce(first_response_state, '-'), coalesce(next_due_at::text, '-'), breached")" = "new - - f" ]
}

# 0042 turns the ticket entries kept before tickets existed into tickets;
# here two entries lose their tickets and 0042 runs again.
@test "ticket entries from before tickets become tickets (0042): settled ones closed, the others new and due" {
	settled=$(ticket 'Old, answered')
	open=$(ticket 'Old, open')
	q "UPDATE kam.interaction SET outcome = 'Seal replaced' WHERE id = $settled" >/dev/null
	q "SET session_replication_role = replica;
	   DELETE FROM kam.ticket WHERE id IN ($settled, $open);
	   DELETE FROM kam.schema_migration WHERE version = 42" >/dev/null
	"$KAM" --db migrate >/dev/null
	[ "$(q "SELECT state, first_response_due IS NULL, closed_at IS NOT NULL
	    FROM kam.ticket WHERE id = $settled")" = "closed|t|t" ]
	# Wed 10:00 CET + 4 business hours, as in the first test
	[ "$(q "SELECT state, first_response_due AT TIME ZONE 'UTC',
	    resolution_due AT TIME ZONE 'UTC' FROM kam.ticket WHERE id = $open")" = \
	  "new|2026-12-02 14:00:00|2026-12-04 09:00:00" ]
	[ "$(q "SELECT count(*) FROM kam.interaction i WHERE i.channel = 'ticket'
	    AND NOT EXISTS (SELECT 1 FROM kam.ticket t WHERE t.id = i.id)")" = 0 ]
	# not a change anyone made: only the two first inserts are audited
	[ "$(q "SELECT count(*) FROM kam.audit_log WHERE table_name = 'ticket'
	    AND row_id IN ($settled, $open) AND op = 'INSERT'")" = 2 ]
}
