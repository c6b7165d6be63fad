#!/usr/bin/env bats
# Entries that can be closed (issue 12, item 7), in a real terminal: x
# marks a follow-up done from the agenda and from History, e corrects
# one's own entry (and only one's own), C closes a complaint with its
# outcome and reopens it. tests/sql/lifecycle.bats holds the database's
# side of the same rules.

bats_require_minimum_version 1.5.0

load hooks

# Opens Müller GmbH (C4, anna's) on tab $1.
open_c4() {
	screen_open_account "müller" "$1"
}

@test "x on the agenda marks a follow-up done: asked first, then gone" {
	screen_start
	screen_keys A
	screen_wait "Agenda: row 1 of"
	screen_find "revised"
	screen_keys x
	[[ "$(screen_text)" == *"Mark the follow-up “Send the revised offer (call)” done?"* ]]
	screen_keys n
	[[ "$(screen_text)" == *"Send the revised offer"* ]]
	screen_keys x y
	screen_wait "Follow-up done."
	[[ "$(screen_text)" != *"Send the revised offer"* ]]
	[[ "$(screen_text)" == *"Bring the samples"* ]]
	[ "$(screen_sql "SELECT u.role_name FROM kam.interaction i JOIN kam.app_user u
	    ON u.id = i.follow_up_done_by WHERE i.subject = 'Send the revised offer'")" = anna ]
	# an action is done on its plan
	screen_find "Win back"
	screen_keys x
	[[ "$(screen_text)" == *"x marks a follow-up done here"* ]]
}

@test "x on History marks a follow-up done and shows it; x again, not done" {
	SCREEN_COLS=120 open_c4 6
	screen_wait "History: row 1 of"
	screen_find "Bring the samples"
	[[ "$(screen_line 'Bring the samples')" == *"follow-up"* ]]
	[[ "$(screen_text)" == *"x done"* ]]
	screen_keys x
	[[ "$(screen_text)" == *"Mark the follow-up of “Bring the samples” done?"* ]]
	screen_keys y
	screen_wait "Follow-up done."
	[[ "$(screen_line 'Bring the samples')" == *"done"* ]]
	screen_keys Enter
	[[ "$(screen_line 'Done ')" == *"$(date +%Y-%m-%d) "*" by Anna Lindqvist"* ]]
	screen_keys q
	screen_find "Bring the samples"
	screen_keys x
	[[ "$(screen_text)" == *"not done again?"* ]]
	screen_keys y
	screen_wait "Follow-up open again."
	[[ "$(screen_line 'Bring the samples')" != *"done"* ]]
}

@test "e corrects one's own entry, opened filled in; History says corrected, and when" {
	SCREEN_COLS=120 open_c4 6
	screen_wait "History: row 1 of"
	# someone else's entry is not one's to correct
	screen_find "Bring the samples"
	screen_keys e
	[[ "$(screen_text)" == *"Only its author (David Okonkwo) or an administrator may correct this entry"* ]]
	screen_find "Answered by a later call"
	screen_keys e
	screen_wait "Correct an entry - Müller GmbH"
	[[ "$(screen_line 'Subject *')" == *"Answered by a later call"* ]]
	[[ "$(screen_line 'Channel')" == *"call"* ]]
	screen_keys Down Down Down Down C-u
	screen_type "Answered by a later visit"
	screen_keys C-s
	screen_wait "Entry corrected."
	[[ "$(screen_line 'Answered by a later visit')" == *"corrected"* ]]
	screen_find "later visit"
	screen_keys Enter
	[[ "$(screen_line 'Corrected ')" == *"$(date +%Y-%m-%d) "*" by Anna Lindqvist"* ]]
	[ "$(screen_sql "SELECT count(*) FROM kam.audit_log WHERE table_name = 'interaction'
	    AND old ->> 'subject' = 'Answered by a later call'
	    AND new ->> 'subject' = 'Answered by a later visit' AND actor = 'anna'")" = 1 ]
}

@test "C closes a complaint with its outcome, the Overview counts open ones only, C reopens" {
	screen_sql "INSERT INTO kam.interaction (account_id, channel, subject, author_id,
	    feedback) SELECT a.id, 'call', 'Pump leaks', u.id, 'complaint'
	    FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C4' AND u.role_name = 'david'"
	# the Overview's complaints line lies below the 24th row
	SCREEN_COLS=120 SCREEN_ROWS=30 open_c4
	[[ "$(screen_line 'Open complaints')" == *"Pump leaks"* ]]
	screen_keys 8
	screen_wait "Feedback: row 1 of"
	screen_find "Pump leaks"
	[[ "$(screen_line 'Pump leaks')" == *"open"* ]]
	screen_keys C
	screen_wait "Close the complaint - Müller GmbH"
	# untouched, it stays open
	screen_keys C-s
	[[ "$(screen_text)" == *"Nothing changed."* ]]
	[[ "$(screen_line 'Pump leaks')" == *"open"* ]]
	screen_keys C
	screen_wait "Close the complaint - Müller GmbH"
	screen_type "  "
	screen_keys C-s
	[[ "$(screen_text)" == *"Outcome is required"* ]]
	screen_keys C-u
	screen_type "Seal replaced"
	screen_keys C-s
	screen_wait "Complaint closed."
	[[ "$(screen_line 'Pump leaks')" == *"closed"* ]]
	screen_keys 1
	[[ "$(screen_line 'Open complaints')" == *"none"* ]]
	screen_keys 8
	screen_find "Pump leaks"
	screen_keys C
	[[ "$(screen_text)" == *"Reopen the complaint “Pump leaks”?"* ]]
	screen_keys y
	screen_wait "Complaint open again."
	[[ "$(screen_line 'Pump leaks')" == *"open"* ]]
	screen_keys 1
	[[ "$(screen_line 'Open complaints')" == *"Pump leaks"* ]]
	[ "$(screen_sql "SELECT outcome FROM kam.interaction WHERE subject = 'Pump leaks'")" = "Seal replaced" ]
	# it has no follow-up to be done
	screen_keys 8
	screen_find "Pump leaks"
	screen_keys x
	[[ "$(screen_text)" == *"This entry has no follow-up."* ]]
	# only complaints close
	screen_keys 6
	screen_find "Bring the samples"
	screen_keys C
	[[ "$(screen_text)" == *"This entry is no complaint."* ]]
}
