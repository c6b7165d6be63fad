#!/usr/bin/env bats
# Topics in the ticket form (issue 14, item 6): support gives a ticket's
# feedback its topics as it logs it, the text T takes (a new name is
# proposed as a topic); topics without a feedback kind are refused.

bats_require_minimum_version 1.5.0

load hooks

# open_ticket: sam's ticket form on Nordwind, the subject typed.
open_ticket() {
	PGUSER=sam screen_open_account nordwind
	screen_keys L
	screen_wait "Log a ticket - Nordwind GmbH"
	screen_keys Tab Tab Tab
	screen_type "$1"
}

@test "a ticket's complaint logged with its topics, a new one proposed" {
	screen_sql "INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated')"
	open_ticket "Truck late again"
	# Notes, Outcome, Follow-up, then Feedback: none to complaint
	screen_keys Tab Tab Tab Tab Right Right Right
	[[ "$(screen_line 'Feedback')" == *"complaint"* ]]
	screen_keys Tab
	screen_type "delivery, Pallet quality"
	screen_keys C-s
	screen_wait "Ticket logged."
	[ "$(screen_sql "SELECT string_agg(t.name || ' ' || t.status, ', ' ORDER BY t.name)
	    FROM kam.interaction i JOIN kam.topic t ON t.id = ANY (i.topic_ids)
	   WHERE i.subject = 'Truck late again'")" = "Delivery curated, Pallet quality proposed" ]
	# the Feedback tab shows them, as T would have set them
	screen_keys 8
	screen_wait "Truck late"
	screen_line "Truck late" | grep -qF "Delivery"
}

@test "topics without a feedback kind are refused, nothing is logged" {
	open_ticket "Just a question"
	screen_keys Tab Tab Tab Tab Tab
	screen_type "Delivery"
	screen_keys C-s
	screen_wait "Topics are for feedback"
	[ "$(screen_sql "SELECT count(*) FROM kam.interaction WHERE subject = 'Just a question'")" = 0 ]
}
