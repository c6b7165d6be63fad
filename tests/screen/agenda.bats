#!/usr/bin/env bats
# The agenda in a real terminal (tmux): what is due across anna's
# accounts, in date order with overdue items marked, its filters, Enter
# to the account on the fitting tab, and support's follow-ups only.

bats_require_minimum_version 1.5.0

load hooks

open_agenda() {
	screen_start "$@"
	screen_keys A
	screen_wait "Agenda: row 1 of"
}

@test "A shows follow-ups, plan actions and annual talks due, by date" {
	SCREEN_COLS=150 open_agenda
	run screen_text
	[[ "$output" == *"kam - Agenda - Anna Lindqvist"* ]]
	[[ "$(screen_line 'Win back the spare-parts')" == *"3 days late"*"action"*"Müller GmbH"*"Win back the spare-parts business (retention, plan "*")"* ]]
	[[ "$(screen_line 'Send the revised offer')" == *"2 days late"*"follow-up"*"Müller GmbH"*"(call)"* ]]
	[[ "$(screen_line 'Ask about the Stockholm fair')" == *"1 day late"*"follow-up"*"Åhléns AB"* ]]
	[[ "$(screen_line 'Bring the samples')" == *"today"*"follow-up"*"Müller GmbH"*"(visit, by David Okonkwo)"* ]]
	[[ "$(screen_line 'Propose the maintenance')" == *"today"*"action"*"Müller GmbH"*", unassigned)"* ]]
	[[ "$(screen_line 'Émoji')" == *"in 1 day"*"talk"*"Annual talk "* ]]
	[[ "$(screen_text | grep -F 'not scheduled' | grep -F 'Müller')" == *"talk"*"Annual talk "* ]]
	# in date order
	[[ "$output" == *"Win back"*"Send the revised"*"Ask about the Stockholm"*"Bring the samples"*"Émoji"* ]]
	# answered by a later entry, someone else's, done, not due yet
	[[ "$output" != *"Answered by a later call"* ]]
	[[ "$output" != *"Not on anna's agenda"* ]]
	[[ "$output" != *"Sam checks"* ]]
	[[ "$output" != *"David's own step"* ]]
	[[ "$output" != *"Already done"* ]]
	[[ "$output" != *"Not due yet"* ]]
	[[ "$output" != *"Book the tasting"* ]]
}

@test "overdue items are marked in the theme's agenda.overdue look" {
	printf 'agenda.overdue = default default underline\n' >"$BATS_TEST_TMPDIR/u.theme"
	screen_start -- --theme "$BATS_TEST_TMPDIR/u.theme"
	screen_keys A
	screen_wait "Agenda: row 1 of"
	local shown
	shown=$(tm capture-pane -p -e)
	[[ "$(grep -F 'Send the revised offer' <<<"$shown")" == *$'\e[4m2 days late'* ]]
	[[ "$(grep -F 'Bring the samples' <<<"$shown")" != *$'\e[4m'* ]]
}

@test "o and :filter narrow the agenda and say so" {
	open_agenda
	screen_keys o
	run screen_text
	[[ "$output" == *"filter: overdue"* ]]
	[[ "$output" == *"Send the revised offer"* ]]
	[[ "$output" != *"Bring the samples"* ]]
	[[ "$output" != *"Annual talk"* ]]
	screen_keys : ; screen_type "filter kind=talk"; screen_keys Enter
	run screen_text
	[[ "$output" == *"filter: kind=talk"* ]]
	[[ "$output" == *"Annual talk"* ]]
	[[ "$output" != *"follow-up"* ]]
	screen_keys : ; screen_type "filter kind=meeting"; screen_keys Enter
	[[ "$(screen_text)" == *"kind cannot be 'meeting'"* ]]
	screen_keys : ; screen_type "filter"; screen_keys Enter
	[[ "$(screen_text)" == *"Bring the samples"* ]]
}

@test "Enter opens the account: History for a follow-up, Plan for an action or talk" {
	open_agenda
	screen_keys / ; screen_type "revised"; screen_keys Enter Enter
	screen_wait "kam - Müller GmbH"
	screen_wait "History: row 1 of"
	[[ "$(screen_text)" == *"Send the revised offer"* ]]
	screen_keys q
	screen_wait "Agenda: row"
	screen_keys / ; screen_type "Émoji"; screen_keys Enter Enter
	screen_wait "kam - Émoji 😀 Café"
	screen_wait "Actions:"
	[[ "$(screen_text)" == *"Annual talk       "* ]]
	screen_keys q q
	[[ "$(screen_text)" == *"Name ^"* ]]
}

@test ":agenda opens it from any screen" {
	screen_start
	screen_keys Enter
	screen_wait "Master data"
	screen_keys : ; screen_type "agenda"; screen_keys Enter
	screen_wait "Agenda: row 1 of"
	screen_keys q
	screen_wait "Master data"
}

@test "support's agenda: their own follow-ups, and says that plans are not theirs" {
	PGUSER=sam open_agenda
	run screen_text
	[[ "$output" == *"follow-ups only: your role has no account plans"* ]]
	[[ "$(screen_line 'Sam checks the spare part')" == *"4 days late"*"follow-up"*"Åhléns AB"*"(ticket)"* ]]
	[[ "$output" == *"Agenda: row 1 of 1 "* ]]
}

@test "a search in an empty agenda says not found and kam lives on (issue 12)" {
	open_agenda
	screen_keys : ; screen_type "filter overdue kind=talk"; screen_keys Enter
	screen_wait "Nothing due"
	screen_keys / ; screen_type "x"; screen_keys Enter
	screen_keys n
	screen_wait "Not found: x"
	[ ! -f "$SCREEN_EXIT" ]
	screen_keys q
	screen_wait "Name ^"
}

@test "the cadence's alarms on my accounts: a condition ending within the tier's days, Enter to Conditions" {
	SCREEN_COLS=150 open_agenda
	[[ "$(screen_line 'Ends soon rebate')" == *"35 days late"*"condition"*"Nordwind GmbH"*"Ends soon rebate ends $(date -d '10 days' +%F)"* ]]
	screen_keys : ; screen_type "filter kind=condition"; screen_keys Enter
	screen_wait "filter: kind=condition"
	[[ "$(screen_text)" != *"follow-up"* ]]
	screen_keys Enter
	screen_wait "kam - Nordwind GmbH"
	screen_wait "Conditions"
	[[ "$(screen_text)" == *"Ends soon rebate"* ]]
}

# Last in the file: it logs an entry, which answers a follow-up.
@test "logging from the agenda: back there, the answered follow-up is gone (issue 12)" {
	open_agenda
	[[ "$(screen_text)" == *"Send the revised offer"* ]]
	screen_keys / ; screen_type "revised"; screen_keys Enter Enter
	screen_wait "History: row 1 of"
	# the first save names the missing subject and goes to it
	screen_keys L C-s
	screen_type "Offer sent again"
	screen_keys C-s
	screen_wait "Interaction logged."
	screen_keys q
	screen_wait "Agenda: row"
	[[ "$(screen_text)" != *"Send the revised offer"* ]]
}
