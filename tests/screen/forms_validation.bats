#!/usr/bin/env bats
# What forms take and refuse, in a real terminal (tmux): phone numbers,
# the same contact twice, amounts as kam prints them, times as people
# write them, support hours across midnight, a new service level's time
# zone from the account's country, a ticket's direction, a subject's
# length. The formats: kam(1), "Formats kam takes".

bats_require_minimum_version 1.5.0

load hooks

@test "a phone that is no number is refused at its field; a real one with an extension is saved" {
	screen_open_account nordwind 2
	screen_keys a
	screen_type "Maybe Later"
	screen_keys Tab Tab Tab
	screen_type "call me maybe"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Phone is not a phone number (digits, spaces and + ( ) - / . between them"* ]]
	screen_keys C-u
	screen_type "+49 (0)40 1234-567 ext. 89"
	screen_keys C-s
	screen_wait "Contact saved."
	[ "$(screen_sql "SELECT phone FROM kam.contact WHERE name = 'Maybe Later'")" = "+49 (0)40 1234-567 ext. 89" ]
}

@test "the same contact twice is asked about first, as overlapping conditions are" {
	screen_open_account nordwind 2
	screen_keys a
	screen_type "jana  NOVAK"
	screen_keys C-s
	screen_wait "Save anyway?"
	[[ "$(screen_flat)" == *"This contact looks like Jana Novak, "*"(names 100 % alike): open it?"* ]]
	screen_keys n
	screen_wait "Not saved: the form is as you left it."
	screen_keys C-u
	screen_type "Jana Nowak"
	screen_keys C-s
	screen_wait "Contact saved."
	[ "$(screen_sql "SELECT count(*) FROM kam.contact WHERE name ILIKE 'jana %'")" = 2 ]
}

@test "an amount as kam prints it, 1,500,000.50, is taken; 1,50 is asked about, not guessed" {
	screen_open_account nordwind 3
	screen_keys a r Tab
	screen_type "Big order rebate"
	screen_keys Tab
	screen_type "1,50"
	screen_keys Tab a C-s
	[[ "$(screen_flat)" == *"^ Value has a comma that is not between thousands"* ]]
	screen_keys S-Tab C-u
	screen_type "1,500,000.50"
	screen_keys C-s
	screen_until 5 on_screen "Save anyway?" && screen_keys y
	screen_wait "Condition saved."
	[ "$(screen_sql "SELECT trim_scale(value) FROM kam.special_condition WHERE title = 'Big order rebate'")" = 1500000.5 ]
}

@test "a new service level: the zone asked for where the country has several, hours across midnight from 22:00 to 6:00" {
	screen_open_account müller 4
	screen_keys e
	screen_wait "New service level - Müller GmbH"
	screen_wait "^ DE has 2 time zones in "
	# wrapped under the field: read as one line
	[[ "$(screen_text | tr -s '[:space:]' ' ')" == *"Europe/Berlin (most of Germany), Europe/Busingen (Busingen); type one"* ]]
	screen_type "Night"
	screen_keys Tab
	screen_type "1h"
	screen_keys Tab
	screen_type "8h"
	screen_keys Tab Tab
	screen_type "22:00"
	screen_keys Tab
	screen_type "6:00"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Time zone is required"* ]]
	screen_type "Europe/Berlin"
	screen_keys C-s
	screen_wait "Service level saved."
	[[ "$(screen_line 'Support hours')" == *"Mon-Fri 22:00-06:00 Europe/Berlin"* ]]
	[ "$(screen_sql "SELECT support_from || '-' || support_to FROM kam.service_level WHERE name = 'Night'")" = "22:00:00-06:00:00" ]
}

@test "a new service level takes the one zone of the account's country, and says where from; 8:00 to 24:00" {
	screen_sql "UPDATE kam.account SET country = 'FR' WHERE erp_id = 'C7'"
	screen_open_account émoji 4
	screen_keys e
	screen_wait "New service level"
	screen_wait "^ the one time zone of FR in "
	[[ "$(screen_line 'Time zone *')" == *"Europe/Paris"* ]]
	screen_type "Day"
	screen_keys Tab
	screen_type "1h"
	screen_keys Tab
	screen_type "8h"
	screen_keys Tab Tab
	screen_type "8:00"
	screen_keys Tab
	screen_type "24:00"
	screen_keys C-s
	screen_wait "Service level saved."
	[[ "$(screen_line 'Support hours')" == *"Mon-Fri 08:00-24:00 Europe/Paris"* ]]
}

@test "a ticket comes in: inbound unless changed; a subject longer than 300 characters is refused with its count" {
	PGUSER=sam screen_open_account nordwind
	screen_keys L
	screen_wait "Log a ticket - Nordwind GmbH"
	[[ "$(screen_line 'Direction')" == *"inbound"* ]]
	screen_keys Tab Tab Tab
	screen_type "$(printf 'x%.0s' $(seq 301))"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Subject is too long: at most 300 characters (this has 301)"* ]]
	screen_keys BSpace C-s
	screen_wait "Ticket logged."
	[ "$(screen_sql "SELECT direction || ' ' || char_length(subject) FROM kam.interaction WHERE channel = 'ticket' ORDER BY id DESC LIMIT 1")" = "inbound 300" ]
}
