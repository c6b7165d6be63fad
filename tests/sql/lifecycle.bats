#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Entries that can be closed (issue 12, item 7; 0018_entry_lifecycle.sql)
# through psql, as each user: a follow-up done leaves the agenda, only an
# entry's author (or an administrator) corrects it and the audit log keeps
# what changed, an account's new owner gets its open follow-ups whatever
# path changed the owner, and a complaint closes with its outcome only.
# On the screen tests' data; tests/screen/lifecycle.bats shows it in kam.

load hooks

# agenda USER: the subjects of the user's due follow-ups, a line each
agenda() {
	pg_as "$1" -c "SELECT split_part(what, ' (', 1) FROM kam.agenda_items()
	    WHERE kind = 'follow-up' ORDER BY 1"
}

# entry SUBJECT COLUMNS: the columns of the entry, as the superuser sees it
entry() {
	pg_as postgres -F '|' -c "SELECT $2 FROM kam.interaction WHERE subject = '$1'"
}

uid() {
	pg_as postgres -c "SELECT id FROM kam.app_user WHERE role_name = '$1'"
}

@test "a follow-up marked done leaves the agenda; the database says who and when" {
	run agenda anna
	[[ "$output" == *"Send the revised offer"* ]]
	# the client cannot choose who did it or when
	run pg_as anna -c "UPDATE kam.interaction SET follow_up_done_by = 1
	    WHERE subject = 'Send the revised offer'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	pg_as anna -c "UPDATE kam.interaction SET follow_up_done_at = '2001-01-01'
	    WHERE subject = 'Send the revised offer'"
	[ "$(entry 'Send the revised offer' "follow_up_done_at > now() - interval '1 hour', follow_up_done_by")" = "t|$(uid anna)" ]
	run agenda anna
	[ "$status" -eq 0 ]
	[[ "$output" != *"Send the revised offer"* ]]
	[[ "$output" == *"Bring the samples"* ]]
	# not done again: back on the agenda, no one's stamp left
	pg_as anna -c "UPDATE kam.interaction SET follow_up_done_at = NULL
	    WHERE subject = 'Send the revised offer'"
	[ "$(entry 'Send the revised offer' "follow_up_done_by IS NULL")" = t ]
	[[ "$(agenda anna)" == *"Send the revised offer"* ]]
	# support marks its own follow-up done, not someone else's
	pg_as sam -c "UPDATE kam.interaction SET follow_up_done_at = now()
	    WHERE subject = 'Sam checks the spare part'"
	[ -z "$(agenda sam)" ]
	run pg_as sam -c "UPDATE kam.interaction SET follow_up_done_at = now()
	    WHERE subject = 'Ask about the Stockholm fair' RETURNING id"
	[ -z "$output" ]
	[ "$(entry 'Ask about the Stockholm fair' "follow_up_done_at IS NULL")" = t ]
	# an entry without a follow-up has nothing to be done
	run pg_as postgres -c "INSERT INTO kam.interaction (account_id, channel,
	    subject, author_id, follow_up_done_at) SELECT a.id, 'call', 'x', u.id, now()
	    FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C4' AND u.role_name = 'anna'"
	[[ "$output" == *"follow_up_done_needs_date"* ]]
}

@test "only its author or an administrator corrects an entry; each correction is audited" {
	# david shares anna's team and may write her account, not her words
	run pg_as david -c "UPDATE kam.interaction SET subject = 'Changed by david'
	    WHERE subject = 'Send the revised offer'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"only the author of an entry or an administrator may correct it"* ]]
	# bo, of another team, does not even see it to change
	run pg_as bo -c "UPDATE kam.interaction SET subject = 'Changed by bo'
	    WHERE subject = 'Send the revised offer' RETURNING id"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# nor does support, on a manager's entry
	run pg_as sam -c "UPDATE kam.interaction SET subject = 'Changed by sam'
	    WHERE subject = 'Send the revised offer' RETURNING id"
	[ -z "$output" ]
	# nor may anyone forge the stamp
	run pg_as anna -c "UPDATE kam.interaction SET corrected_at = now()
	    WHERE subject = 'Send the revised offer'"
	[[ "$output" == *"permission denied"* ]]
	[ "$(entry 'Send the revised offer' "corrected_at IS NULL")" = t ]

	pg_as anna -c "UPDATE kam.interaction SET subject = 'Send the revised offer (v2)',
	    body = 'prices corrected' WHERE subject = 'Send the revised offer'"
	[ "$(entry 'Send the revised offer (v2)' "corrected_at > now() - interval '1 hour', corrected_by")" = "t|$(uid anna)" ]
	run pg_as anna -F '|' -c "SELECT l.actor, l.op, l.old ->> 'subject',
	    l.new ->> 'subject', l.new ->> 'body', l.new ? 'corrected_at'
	    FROM kam.audit_log l JOIN kam.interaction i ON i.id = l.row_id
	    WHERE l.table_name = 'interaction' AND i.subject = 'Send the revised offer (v2)'
	      AND l.op = 'UPDATE' ORDER BY l.id DESC LIMIT 1"
	[ "$output" = "anna|UPDATE|Send the revised offer|Send the revised offer (v2)|prices corrected|t" ]

	# an administrator may; support corrects its own ticket, which stays one
	pg_as kamadmin -c "UPDATE kam.interaction SET subject = 'Send the revised offer'
	    WHERE subject = 'Send the revised offer (v2)'"
	[ "$(entry 'Send the revised offer' "corrected_by")" = "$(uid kamadmin)" ]
	pg_as sam -c "UPDATE kam.interaction SET body = 'part 4711'
	    WHERE subject = 'Sam checks the spare part'"
	[ "$(entry 'Sam checks the spare part' "body, corrected_by")" = "part 4711|$(uid sam)" ]
	run pg_as sam -c "UPDATE kam.interaction SET channel = 'call'
	    WHERE subject = 'Sam checks the spare part'"
	[[ "$output" == *"row-level security"* ]]
	# marking done is no correction: anyone on the account may
	pg_as david -c "UPDATE kam.interaction SET follow_up_done_at = now()
	    WHERE subject = 'Send the revised offer'"
	[ "$(entry 'Send the revised offer' "corrected_by, follow_up_done_by")" = "$(uid kamadmin)|$(uid david)" ]
	pg_as anna -c "UPDATE kam.interaction SET follow_up_done_at = NULL
	    WHERE subject = 'Send the revised offer'"
}

@test "an account's new owner gets its open follow-ups, whoever changes the owner" {
	pg_as anna -c "INSERT INTO kam.interaction (account_id, occurred_at, channel,
	    subject, follow_up_on) SELECT a.id, now() - f.ago, 'call', f.subject,
	    current_date - 1 FROM kam.account a, (VALUES
	    ('Call back about the fair', interval '0'),
	    ('Done before the hand-over', interval '1 hour')) f (subject, ago)
	    WHERE a.erp_id = 'C7'"
	pg_as anna -c "UPDATE kam.interaction SET follow_up_done_at = now()
	    WHERE subject = 'Done before the hand-over'"
	[[ "$(agenda anna)" == *"Call back about the fair"* ]]

	# as the client does it: anna hands her account to david
	pg_as anna -c "UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'david') WHERE erp_id = 'C7'"
	[ "$(entry 'Call back about the fair' follow_up_owner_id)" = "$(uid david)" ]
	[ "$(entry 'Done before the hand-over' follow_up_owner_id)" = "$(uid anna)" ]
	[[ "$(agenda anna)" != *"Call back about the fair"* ]]
	[[ "$(agenda david)" == *"Call back about the fair"* ]]
	# the hand-over is in the audit log, as the change of whoever made it
	run pg_as anna -c "SELECT l.actor FROM kam.audit_log l JOIN kam.interaction i
	    ON i.id = l.row_id WHERE l.table_name = 'interaction'
	    AND i.subject = 'Call back about the fair' AND l.op = 'UPDATE'
	    AND l.new ? 'follow_up_owner_id'"
	[ "$output" = anna ]

	# plain SQL by an administrator, to another team's manager
	pg_as kamadmin -c "UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'bo') WHERE erp_id = 'C7'"
	[ "$(entry 'Call back about the fair' follow_up_owner_id)" = "$(uid bo)" ]
	[[ "$(agenda david)" != *"Call back about the fair"* ]]
	[[ "$(agenda bo)" == *"Call back about the fair"* ]]
	# the new owner, not of the account's team, may mark it done
	pg_as bo -c "UPDATE kam.interaction SET follow_up_done_at = now()
	    WHERE subject = 'Call back about the fair'"
	[[ "$(agenda bo)" != *"Call back about the fair"* ]]
}

@test "a complaint closes with its outcome only, reopens, and only complaints close" {
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject,
	    feedback) SELECT id, 'call', 'Pump leaks', 'complaint'
	    FROM kam.account WHERE erp_id = 'C4'"
	run pg_as anna -c "UPDATE kam.interaction SET complaint_closed_at = now()
	    WHERE subject = 'Pump leaks'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"complaint_closed_with_outcome"* ]]
	# david, not its author, closes it: the outcome is part of closing
	pg_as david -c "UPDATE kam.interaction SET complaint_closed_at = now(),
	    outcome = 'Seal replaced' WHERE subject = 'Pump leaks'"
	[ "$(entry 'Pump leaks' "complaint_closed_by, corrected_at IS NULL")" = "$(uid david)|t" ]
	# but he may not change what it came to afterwards
	run pg_as david -c "UPDATE kam.interaction SET outcome = 'Other'
	    WHERE subject = 'Pump leaks'"
	[[ "$output" == *"only the author"* ]]
	# a closed complaint keeps its outcome
	run pg_as anna -c "UPDATE kam.interaction SET outcome = NULL
	    WHERE subject = 'Pump leaks'"
	[[ "$output" == *"complaint_closed_with_outcome"* ]]
	pg_as anna -c "UPDATE kam.interaction SET complaint_closed_at = NULL
	    WHERE subject = 'Pump leaks'"
	[ "$(entry 'Pump leaks' "complaint_closed_at IS NULL, complaint_closed_by IS NULL, outcome")" = "t|t|Seal replaced" ]
	run pg_as postgres -c "UPDATE kam.interaction SET complaint_closed_at = now(),
	    outcome = 'x' WHERE subject = 'Bring the samples'"
	[[ "$output" == *"complaint_closed_with_outcome"* ]]
}
