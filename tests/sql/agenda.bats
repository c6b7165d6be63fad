#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam.agenda_items() through psql, as each user: whose follow-ups, plan
# actions and annual talks are due, on the screen tests' data (items
# dated from today). tests/screen/agenda.bats shows the same in kam.

load hooks

# items USER: "kind|account|what|days from today" a line, by date
items() {
	pg_as "$1" -F '|' -c "SELECT kind, account, split_part(what, ' (', 1),
	    due - current_date FROM kam.agenda_items() WHERE account <> 'Nordwind GmbH'
	    ORDER BY due, ord, id"
}

@test "a manager's agenda: due follow-ups on own accounts and own elsewhere, actions, talks" {
	run items anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "action|Müller GmbH|Win back the spare-parts business|-3" ]
	[ "${lines[1]}" = "follow-up|Müller GmbH|Send the revised offer|-2" ]
	[ "${lines[2]}" = "follow-up|Åhléns AB|Ask about the Stockholm fair|-1" ]
	[ "${lines[3]}" = "follow-up|Müller GmbH|Bring the samples|0" ]
	[ "${lines[4]}" = "action|Müller GmbH|Propose the maintenance upgrade|0" ]
	[ "${lines[5]}" = "talk|Émoji 😀 Café|Annual talk $(date +%Y)|1" ]
	[[ "${lines[6]}" == "talk|Müller GmbH|Annual talk $(date +%Y)|"* ]]
	[ "${#lines[@]}" -eq 7 ]
}

@test "what a teammate logged on another's account is on the teammate's agenda" {
	run items david
	[ "$status" -eq 0 ]
	[[ "$output" == *"follow-up|Müller GmbH|Bring the samples|0"* ]]
	[[ "$output" == *"follow-up|Davids Werkstatt|Not on anna's agenda|-1"* ]]
	[[ "$output" == *"action|Müller GmbH|David's own step|-1"* ]]
	[[ "$output" != *"Send the revised offer"* ]]
}

@test "a later entry by the author answers a follow-up; one by someone else does not" {
	run items anna
	[[ "$output" != *"Answered by a later call"* ]]
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject)
	    SELECT id, 'call', 'Called about the offer' FROM kam.account WHERE erp_id = 'C4'"
	run items anna
	[[ "$output" != *"Send the revised offer"* ]]
	[[ "$output" != *"Bring the samples"* ]]	# the owner answered it too
	run items david
	[[ "$output" == *"Bring the samples"* ]]	# but not for its author
}

@test "support may not read plans: their own follow-ups only, no error" {
	run items sam
	[ "$status" -eq 0 ]
	[ "$output" = "follow-up|Åhléns AB|Sam checks the spare part|-4" ]
}

@test "a login kam does not know has an empty agenda" {
	run pg_as postgres -c "SELECT count(*) FROM kam.agenda_items()"
	[ "$output" = 0 ]
}
