#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Feedback from outside (issue 14, item 5; 0048_feedback_import.sql)
# through psql, as each user: an answer's source and id kept once, who may
# log imported answers on which account, the NPS rule and its setting,
# and how a row finds its account.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	q "INSERT INTO kam.contact (account_id, name, email)
	   SELECT id, 'Free mail', 'x' || id || '@Mail.example' FROM kam.account
	    WHERE erp_id IN ('C1', 'C2')"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	q "DELETE FROM kam.interaction WHERE source IS NOT NULL"
}

# answer USER ERP-ID SOURCE ID: logs an imported answer as USER
answer() {
	pg_as "$1" -c "INSERT INTO kam.interaction (account_id, channel, direction,
	    subject, feedback, nps_score, source, source_id)
	    SELECT id, 'email', 'inbound', 'Survey', 'complaint', 4, '$3', '$4'
	      FROM kam.account WHERE erp_id = '$2' RETURNING nps_score"
}

@test "an answer's source and id are kept once: importing again adds nothing" {
	[ "$(answer anna C1 survey r1)" = 4 ]
	run answer anna C1 survey r1
	[ "$status" -ne 0 ]
	[[ "$output" == *'duplicate key value violates unique constraint "interaction_source"'* ]]
	# whoever imported it first, and whatever account: the id is taken
	run answer kamadmin C3 survey r1
	[ "$status" -ne 0 ]
	[ -z "$(pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject,
	    feedback, source, source_id) SELECT id, 'email', 'Again', 'idea', 'survey', 'r1'
	      FROM kam.account WHERE erp_id = 'C1'
	    ON CONFLICT (source, source_id) WHERE source IS NOT NULL DO NOTHING RETURNING id")" ]
	# the same id from another source is another answer
	[ "$(answer anna C1 webform r1)" = 4 ]
	[ "$(q "SELECT count(*) FROM kam.interaction WHERE source_id = 'r1'")" = 2 ]
	# a source goes with its id, a score is 0 to 10
	run pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject, source)
	    SELECT id, 'email', 'x', 'survey' FROM kam.account WHERE erp_id = 'C1'"
	[[ "$output" == *source_with_id* ]]
	run pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject, nps_score)
	    SELECT id, 'email', 'x', 11 FROM kam.account WHERE erp_id = 'C1'"
	[[ "$output" == *interaction_nps_score_check* ]]
}

@test "who may log imported answers: feedback_may_log says what the policies do" {
	# anna's team (north) writes C1 and C3, not Bo's C2
	[ "$(pg_as anna -c "SELECT string_agg(erp_id || '=' || kam.feedback_may_log(id), ' ' ORDER BY erp_id) FROM kam.account")" = "C1=true C2=false C3=true" ]
	[ "$(pg_as bo -c "SELECT string_agg(erp_id || '=' || kam.feedback_may_log(id), ' ' ORDER BY erp_id) FROM kam.account")" = "C1=false C2=true C3=false" ]
	[ "$(pg_as kamadmin -c "SELECT bool_and(kam.feedback_may_log(id)) FROM kam.account")" = t ]
	[ "$(pg_as sam -c "SELECT bool_or(kam.feedback_may_log(id)) FROM kam.account")" = f ]
	[ "$(answer anna C3 survey a1)" = 4 ]
	run answer anna C2 survey a2
	[ "$status" -ne 0 ]
	[[ "$output" == *"row-level security"* ]]
	run answer sam C1 survey a3
	[ "$status" -ne 0 ]
	[ "$(answer bo C2 survey a2)" = 4 ]
	[ "$(answer kamadmin C2 survey a4)" = 4 ]
}

@test "the NPS rule: 9-10 compliment, 7-8 idea, 0-6 complaint, thresholds set by administrators" {
	[ "$(pg_as anna -c "SELECT string_agg(s || kam.nps_kind(s)::text, ' ' ORDER BY s) FROM generate_series(0, 10) s")" = "0complaint 1complaint 2complaint 3complaint 4complaint 5complaint 6complaint 7idea 8idea 9compliment 10compliment" ]
	[ -z "$(pg_as anna -c "SELECT kam.nps_kind(11)")" ]
	run pg_as anna -c "UPDATE kam.feedback_setting SET nps_compliment_from = 8"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "UPDATE kam.feedback_setting SET nps_idea_from = 9, nps_compliment_from = 8"
	[[ "$output" == *nps_thresholds* ]]
	pg_as kamadmin -c "UPDATE kam.feedback_setting SET nps_idea_from = 6, nps_compliment_from = 8"
	[ "$(pg_as anna -c "SELECT kam.nps_kind(5) || kam.nps_kind(6) || kam.nps_kind(8)")" = complaintideacompliment ]
	[ "$(q "SELECT actor || ' ' || (new->>'nps_compliment_from') FROM kam.audit_log WHERE table_name = 'feedback_setting' ORDER BY id DESC LIMIT 1")" = "kamadmin 8" ]
	pg_as kamadmin -c "UPDATE kam.feedback_setting SET nps_idea_from = 7, nps_compliment_from = 9"
}

# match EMAIL ERP-ID: account's ERP id|contact found|how|why
match() {
	pg_as anna -F '|' -c "SELECT a.erp_id, m.contact_id IS NOT NULL, m.how, m.why
	    FROM kam.feedback_match(nullif('$1', ''), nullif('$2', '')) m
	    LEFT JOIN kam.account a ON a.id = m.account_id"
}

@test "a row finds its account by the contact's e-mail, its domain, then the ERP id" {
	[ "$(match DESK@c1.example.com '')" = "C1|t|e-mail|" ]
	[ "$(match someone@c2.example.com '')" = "C2|f|domain|" ]
	[ "$(match '' C3)" = "C3|f|ERP id|" ]
	[ "$(match nobody@c2.example.com C2)" = "C2|f|domain|" ]
	# a domain of several accounts' contacts says nothing; the ERP id decides
	[ "$(match y@mail.example '')" = "|f||domain mail.example is used by contacts of 2 accounts" ]
	[ "$(match y@mail.example C2)" = "C2|f|ERP id|" ]
	# they disagree: no guess
	[ "$(match desk@c1.example.com C2)" = "|f||the e-mail names one account and ERP id C2 another" ]
	[ "$(match who@nowhere.example C9)" = "|f||no contact with e-mail who@nowhere.example or its domain, no account with ERP id C9" ]
}
