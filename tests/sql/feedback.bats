#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Feedback with a loop (issue 14, item 1; 0027_feedback_loop.sql) through
# psql, as each user: the loop's states and the moves between them, the
# due time of a complaint, the answer logged as an outbound entry, the
# audit of every move, who may move what, and the topics users propose
# and an administrator renames and merges.

load hooks

# item ERP-ID KIND SUBJECT [AUTHOR]: logs a feedback entry as the author
# (anna), prints its id
item() {
	pg_as "${4:-anna}" -c "INSERT INTO kam.interaction (account_id, contact_id,
	    channel, subject, feedback, occurred_at)
	    SELECT a.id, c.id, '$([ "${4:-anna}" = sam ] && echo ticket || echo call)',
	           '$3', '$2', timestamptz '2026-11-02 10:00+00'
	      FROM kam.account a JOIN kam.contact c ON c.account_id = a.id
	     WHERE a.erp_id = '$1' ORDER BY c.id LIMIT 1 RETURNING id"
}

# col ID COLUMNS: the entry's columns as the superuser sees them
col() {
	pg_as postgres -F '|' -c "SELECT $2 FROM kam.interaction WHERE id = $1"
}

# move USER ID STATE: sets the loop state as the user, prints the rows
move() {
	pg_as "$1" -c "UPDATE kam.interaction SET loop_state = '$3'
	    WHERE id = $2 RETURNING loop_state"
}

uid() {
	pg_as postgres -c "SELECT id FROM kam.app_user WHERE role_name = '$1'"
}

@test "feedback starts new, owned by the account's owner; a complaint is due its first response" {
	local id plain
	id=$(item C1 complaint 'Late delivery' david)
	[ "$(col "$id" "loop_state, loop_owner_id = $(uid anna)")" = "new|t" ]
	# C1's Platinum answers within the hour
	[ "$(col "$id" "answer_due_at = timestamptz '2026-11-02 11:00+00'")" = t ]
	# C3 has no service level: no due time
	id=$(item C3 complaint 'No SLA here' david)
	[ "$(col "$id" "loop_state, answer_due_at IS NULL")" = "new|t" ]
	# an idea is not due; an entry without feedback has no loop
	id=$(item C1 idea 'Offer a portal')
	[ "$(col "$id" "loop_state, answer_due_at IS NULL")" = "new|t" ]
	plain=$(item C1 none 'Just a call')
	[ "$(col "$plain" "loop_state IS NULL")" = t ]
	# made a complaint later: its loop starts, and it is due
	pg_as anna -c "UPDATE kam.interaction SET feedback = 'complaint' WHERE id = $plain"
	[ "$(col "$plain" "loop_state, answer_due_at IS NOT NULL")" = "new|t" ]
	# the existing entries of the data have their loop
	[ "$(pg_as postgres -c "SELECT count(*) FROM kam.interaction
	    WHERE feedback <> 'none' AND loop_state IS NULL")" = 0 ]
}

@test "the loop moves forward, back to work, never elsewhere; the database stamps when" {
	local id
	id=$(item C1 idea 'Self-service portal')
	run move anna "$id" closed
	[ "$status" -ne 0 ]
	[[ "$output" == *"feedback cannot go from new to closed"* ]]
	[ "$(move anna "$id" acknowledged)" = acknowledged ]
	[ "$(col "$id" "acknowledged_at > now() - interval '1 hour'")" = t ]
	[ "$(move anna "$id" in_progress)" = in_progress ]
	# no answer needed is a compliment's
	run move anna "$id" no_answer_needed
	[[ "$output" == *"feedback cannot go from in progress to no answer needed"* ]]
	# answered only by telling the customer
	run move anna "$id" answered
	[[ "$output" == *"feedback is answered by telling the customer"* ]]
	# the client cannot forge the stamps
	run pg_as anna -c "UPDATE kam.interaction SET answered_at = now() WHERE id = $id"
	[[ "$output" == *"permission denied"* ]]
	id=$(item C1 compliment 'Great service')
	[ "$(move anna "$id" no_answer_needed)" = no_answer_needed ]
	[ "$(move anna "$id" in_progress)" = in_progress ]
}

@test "answering logs an outbound entry to the contact, linked to the item, in one statement" {
	local id v answer
	id=$(item C1 complaint 'Broken pallet')
	v=$(col "$id" version)
	# at a version nobody has any more: nothing happens, nothing is logged
	[ -z "$(pg_as anna -c "SELECT * FROM kam.feedback_answer($id, $v + 1, 'x')")" ]
	[ "$(pg_as postgres -c "SELECT count(*) FROM kam.interaction
	    WHERE subject = 'Answer: Broken pallet'")" = 0 ]
	[ "$(pg_as anna -c "SELECT * FROM kam.feedback_answer($id, $v,
	    'We replace it on Monday.')")" = $((v + 1)) ]
	answer=$(col "$id" answer_id)
	[ "$(col "$id" "loop_state, answered_at IS NOT NULL")" = "answered|t" ]
	[ "$(col "$answer" "direction, channel, subject, body, contact_id = (SELECT contact_id FROM kam.interaction WHERE id = $id), author_id = $(uid anna)")" = \
	    "outbound|email|Answer: Broken pallet|We replace it on Monday.|t|t" ]
	# a complaint closes with its outcome (0018), and then its loop
	run move anna "$id" closed
	[[ "$output" == *"a complaint closes with its outcome"* ]]
	pg_as anna -c "UPDATE kam.interaction SET outcome = 'Replaced',
	    complaint_closed_at = now() WHERE id = $id"
	[ "$(col "$id" loop_state)" = closed ]
	# reopened: back to work
	pg_as anna -c "UPDATE kam.interaction SET complaint_closed_at = NULL WHERE id = $id"
	[ "$(col "$id" loop_state)" = in_progress ]
	# an idea closes once answered
	id=$(item C1 idea 'Quarterly review')
	pg_as anna -c "SELECT kam.feedback_answer($id, $(col "$id" version), 'Yes, from January.')"
	[ "$(move anna "$id" closed)" = closed ]
	# the answer must be the customer's: another account's entry is refused
	id=$(item C1 idea 'Wrong answer')
	run pg_as postgres -c "UPDATE kam.interaction SET loop_state = 'answered',
	    answer_id = (SELECT min(id) FROM kam.interaction i
	                  WHERE i.account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2'))
	    WHERE id = $id"
	[[ "$output" == *"an answer is an outbound entry of the same account"* ]]
}

@test "every move is audited with who made it" {
	local id
	id=$(item C1 complaint 'Audited one')
	move david "$id" acknowledged >/dev/null
	move anna "$id" in_progress >/dev/null
	run pg_as postgres -F '|' -c "SELECT actor, old ->> 'loop_state', new ->> 'loop_state'
	    FROM kam.audit_log WHERE table_name = 'interaction' AND row_id = $id
	     AND op = 'UPDATE' AND new ? 'loop_state' ORDER BY id"
	[ "$output" = "david|new|acknowledged
anna|acknowledged|in_progress" ]
}

@test "who may move an item: its account's writers, its owner, support its own tickets" {
	local id ticket
	id=$(item C1 complaint 'Rights check')
	# bo, of another team, does not reach it; nor does support
	[ -z "$(move bo "$id" acknowledged)" ]
	[ -z "$(move sam "$id" acknowledged)" ]
	[ "$(col "$id" loop_state)" = new ]
	# handed to bo, bo moves it (and may not answer on anna's account)
	pg_as anna -c "UPDATE kam.interaction SET loop_owner_id = $(uid bo) WHERE id = $id"
	[ "$(move bo "$id" acknowledged)" = acknowledged ]
	run pg_as bo -c "SELECT kam.feedback_answer($id, $(col "$id" version), 'x')"
	[ "$status" -ne 0 ]
	[ "$(col "$id" loop_state)" = acknowledged ]
	# support: its own ticket, answered in a ticket
	ticket=$(item C2 complaint 'Ticket complaint' sam)
	[ "$(move sam "$ticket" acknowledged)" = acknowledged ]
	pg_as sam -c "SELECT kam.feedback_answer($ticket, $(col "$ticket" version), 'Fixed.')"
	[ "$(col "$(col "$ticket" answer_id)" "channel, direction")" = "ticket|outbound" ]
}

@test "users propose topics by using them; an administrator curates, renames and merges" {
	local id other
	id=$(item C1 complaint 'Topic one')
	pg_as anna -c "UPDATE kam.interaction
	    SET topic_ids = kam.topic_ids_of('Delivery, price ,delivery', true) WHERE id = $id"
	[ "$(pg_as postgres -F '|' -c "SELECT string_agg(t.name || ':' || t.status || ':' ||
	    (t.proposed_by = $(uid anna)), ',' ORDER BY t.name)
	    FROM kam.topic t, kam.interaction i WHERE i.id = $id AND t.id = ANY (i.topic_ids)")" = \
	    "Delivery:proposed:true,price:proposed:true" ]
	# the same name in another case or with accents is the same topic
	[ "$(pg_as anna -c "SELECT kam.topic_ids_of('DELIVERY', false) =
	    (SELECT ARRAY[id] FROM kam.topic WHERE name = 'Delivery')")" = t ]
	# an unknown name is not proposed when not asked to
	[ "$(pg_as anna -c "SELECT kam.topic_ids_of('nothing like it', false) IS NULL")" = t ]
	# users neither curate nor rename nor merge
	run pg_as anna -c "UPDATE kam.topic SET name = 'Shipping' WHERE name = 'Delivery'"
	[[ "$output" == *"permission denied"* ]]
	run pg_as david -c "INSERT INTO kam.topic (name, status) VALUES ('Mine', 'curated')"
	[[ "$output" == *"permission denied"* ]]
	run pg_as anna -c "SELECT kam.merge_topic(1, 2)"
	[[ "$output" == *"permission denied"* ]]
	# no entry names a topic that does not exist
	run pg_as anna -c "UPDATE kam.interaction SET topic_ids = '{999999}' WHERE id = $id"
	[[ "$output" == *"no such topic"* ]]
	# the administrator curates and renames ...
	pg_as kamadmin -c "UPDATE kam.topic SET name = 'Shipping', status = 'curated'
	    WHERE name = 'Delivery'"
	# ... and merges price into Shipping: the entry names Shipping once
	other=$(item C1 idea 'Topic two')
	pg_as anna -c "UPDATE kam.interaction SET topic_ids = kam.topic_ids_of('price', false)
	    WHERE id = $other"
	[ "$(pg_as kamadmin -c "SELECT kam.merge_topic(
	    (SELECT id FROM kam.topic WHERE name = 'price'),
	    (SELECT id FROM kam.topic WHERE name = 'Shipping'))")" = 2 ]
	[ "$(pg_as postgres -c "SELECT string_agg(t.name, ',') FROM kam.interaction i
	    JOIN kam.topic t ON t.id = ANY (i.topic_ids) WHERE i.id IN ($id, $other)
	    GROUP BY i.id ORDER BY i.id")" = "Shipping
Shipping" ]
	# the old name stands for the new one
	[ "$(pg_as anna -c "SELECT kam.topic_ids_of('Price', false) =
	    (SELECT ARRAY[id] FROM kam.topic WHERE name = 'Shipping')")" = t ]
	# the entries' change is audited as the administrator's
	[ "$(pg_as postgres -c "SELECT actor FROM kam.audit_log
	    WHERE table_name = 'interaction' AND row_id = $other AND new ? 'topic_ids'
	    ORDER BY id DESC LIMIT 1")" = kamadmin ]
}
