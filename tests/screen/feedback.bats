#!/usr/bin/env bats
# Feedback's loop in a real terminal (issue 14, item 1): the Feedback tab
# shows each item's state, topics, owner and due time, overdue marked; w
# moves it a step (asked first), T sets its topics, R answers the
# customer, O hands it on; :state names a state. tests/sql/feedback.bats
# holds the database's side of the same rules.

bats_require_minimum_version 1.5.0

load hooks

# complaint SUBJECT AGO: a complaint by anna on Nordwind GmbH (C1, whose
# Platinum service level answers within the hour), raised AGO ago
complaint() {
	screen_sql "INSERT INTO kam.interaction (account_id, contact_id, channel,
	    subject, author_id, feedback, occurred_at)
	    SELECT a.id, c.id, 'call', '$1', u.id, 'complaint', now() - interval '$2'
	      FROM kam.account a JOIN kam.contact c ON c.account_id = a.id AND c.active,
	           kam.app_user u
	     WHERE a.erp_id = 'C1' AND u.role_name = 'anna'"
}

open_feedback() {
	screen_open_account "nordwind" 8 "$@"
	screen_wait "Feedback: row 1 of"
}

@test "the Feedback tab shows the loop; w moves it a step, asked first; overdue is marked" {
	complaint 'Pallets broke' '2 hours'
	SCREEN_COLS=120 SCREEN_ROWS=40 open_feedback
	run screen_text
	[[ "$output" == *"Loop"*"Subject"*"Topics"*"Owner"*"Due"* ]]
	[[ "$output" == *"w step"*"R answer"*"T topics"* ]]
	screen_find "Pallets broke"
	[[ "$(screen_line 'Pallets broke')" == *"complaint"*"new, overdue"*"Anna Lindqvist"*"$(date -u +%Y-)"* ]]
	screen_keys w
	[[ "$(screen_text)" == *"Move “Pallets broke” to acknowledged?"* ]]
	screen_keys n
	[[ "$(screen_line 'Pallets broke')" == *"new, overdue"* ]]
	screen_keys w y
	screen_wait "Feedback acknowledged."
	screen_wait "acknowledged, overdue"
	[[ "$(screen_line 'Pallets broke')" == *"acknowledged, overdue"* ]]
	screen_keys w y
	screen_wait "Feedback in progress."
	# answering needs what was said
	screen_keys w
	[[ "$(screen_text)" == *"R answers the customer"* ]]
	[ "$(screen_sql "SELECT a.role_name || ' ' || (l.new ->> 'loop_state')
	    FROM kam.audit_log l JOIN kam.app_user a ON a.role_name = l.actor
	    WHERE l.table_name = 'interaction' AND l.new ? 'loop_state'
	      AND l.row_id = (SELECT id FROM kam.interaction WHERE subject = 'Pallets broke')
	    ORDER BY l.id")" = "anna acknowledged
anna in_progress" ]
}

@test "T sets topics (a new one proposed), R answers with an outbound entry, O hands it on" {
	complaint 'Invoice wrong' '10 minutes'
	SCREEN_COLS=120 SCREEN_ROWS=40 open_feedback
	screen_find "Invoice wrong"
	screen_keys T
	[[ "$(screen_text)" == *":topics"* ]]
	screen_type "Billing, Price"
	screen_keys Enter
	screen_wait "Topics set."
	screen_wait "Billing, Price"
	[[ "$(screen_line 'Invoice wrong')" == *"Billing, Price"* ]]
	[ "$(screen_sql "SELECT string_agg(name || ' ' || status, ',' ORDER BY name)
	    FROM kam.topic")" = "Billing proposed,Price proposed" ]
	# T again starts with the topics it has
	screen_keys T
	[[ "$(screen_text)" == *":topics Billing, Price"* ]]
	screen_keys Escape
	screen_keys R
	screen_type "Credit note sent today"
	screen_keys Enter
	screen_wait "Answered: the answer is logged as an outbound entry."
	screen_wait "answered"
	[[ "$(screen_line 'Invoice wrong')" == *"answered"* ]]
	[ "$(screen_sql "SELECT a.direction || ' ' || a.channel || ' ' || a.body
	    FROM kam.interaction i JOIN kam.interaction a ON a.id = i.answer_id
	    WHERE i.subject = 'Invoice wrong'")" = "outbound email Credit note sent today" ]
	# a complaint closes with its outcome: w opens C's form
	screen_keys w
	screen_wait "Close the complaint - Nordwind GmbH"
	screen_keys Escape
	screen_find "Invoice wrong"
	screen_keys O
	[[ "$(screen_text)" == *":owner anna"* ]]
	screen_keys C-u
	screen_type "owner david"
	screen_keys Enter
	screen_wait "Handed on."
	screen_wait "David Okonkwo"
	[[ "$(screen_line 'Invoice wrong')" == *"David Okonkwo"* ]]
}

@test ":state moves to a state by name; a wrong one, or a plain entry, is said so" {
	screen_sql "INSERT INTO kam.interaction (account_id, channel, subject, author_id,
	    feedback) SELECT a.id, 'call', f.s, u.id, f.k
	      FROM kam.account a, kam.app_user u,
	           (VALUES ('Lovely visit', 'compliment'), ('Add a portal', 'idea'),
	                   ('Plain call', 'none')) f (s, k)
	     WHERE a.erp_id = 'C1' AND u.role_name = 'anna'"
	SCREEN_COLS=120 SCREEN_ROWS=40 open_feedback
	screen_find "Lovely visit"
	screen_keys :
	screen_type "state no answer needed"
	screen_keys Enter
	screen_wait "Feedback no answer needed."
	screen_wait "no answer needed "
	[[ "$(screen_line 'Lovely visit')" == *"compliment"*"no answer needed"* ]]
	screen_keys :
	screen_type "state later"
	screen_keys Enter
	[[ "$(screen_flat)" == *"No such state 'later'"* ]]
	# an idea does not go without an answer: the database says so
	screen_find "Add a portal"
	screen_keys :
	screen_type "state no answer needed"
	screen_keys Enter
	screen_wait "feedback cannot go from new to no answer needed"
	# on History, an entry with no feedback has no loop
	screen_keys 6
	screen_find "Plain call"
	screen_keys w
	[[ "$(screen_flat)" == *"This entry is no compliment, idea or complaint"* ]]
}

@test "at 80x24 the Feedback tab shows kind, loop and subject" {
	complaint 'Small screen' '2 hours'
	open_feedback
	screen_find "Small screen"
	# the subject narrows first, the loop's words stay whole
	[[ "$(screen_line 'Small s')" == *"complaint"*"new, overdue"*"Small s"* ]]
	[[ "$(screen_text)" == *"Feedback: row 4 of"*"w step"* ]]
}
