#!/usr/bin/env bats
# The account's own fields and its service level in a real terminal:
# edited with the ERP's fields read only, a refusal of the database in
# plain words, a service level checked next to its fields, saved and seen
# at once (also by kam --sla), one made where there was none; and
# support, or a manager of another team, offered none of these edits.

bats_require_minimum_version 1.5.0

load hooks

@test "e on the Overview: the account's own fields saved and shown at once, the ERP's read only" {
	screen_open_account nordwind
	[[ "$(screen_text)" == *"L log  e edit"* ]]
	screen_keys e
	run screen_text
	[[ "$output" == *"Edit account - Nordwind GmbH"* ]]
	[[ "$output" == *"Master data, credit limit, payment terms and currency come from the ERP"* ]]
	[[ "$(screen_line 'Tier *')" == *"< key >"* ]]
	# the ERP's fields follow the last that may be edited, into view with it
	screen_keys BTab
	[[ "$(screen_line 'ERP id')" == *"C1"*"(from ERP)" ]]
	[[ "$(screen_line 'Credit limit')" == *"(from ERP)" ]]
	screen_keys Tab
	screen_keys Left Tab Tab Tab r Tab a Tab
	screen_type "Shipping"
	screen_keys Tab Right
	[[ "$(screen_line 'Parent')" == *"Davids Werkstatt (C3)"* ]]
	screen_keys Tab
	screen_type "Key for the north"
	screen_keys C-s
	[[ "$(screen_text)" == *"Account saved."* ]]
	[[ "$(screen_line 'Tier ')" == *"strategic"* ]]
	[[ "$(screen_line 'Lifecycle ')" == *"retention"* ]]
	# the state in words, not its internal name (issue 12, item 13)
	[[ "$(screen_line 'Status ')" == *"at risk"* ]]
	[[ "$(screen_line 'Industry ')" == *"Shipping"* ]]
	[[ "$(screen_line 'Parent ')" == *"Davids Werkstatt"* ]]
	screen_keys G
	[[ "$(screen_line 'Notes ')" == *"Key for the north"* ]]
	[ "$(screen_sql "SELECT a.tier || ' ' || a.status || ' ' || p.erp_id FROM kam.account a JOIN kam.account p ON p.id = a.parent_id WHERE a.erp_id = 'C1'")" = "strategic at_risk C3" ]
}

@test "handing the account to another team's manager and team is refused in plain words" {
	screen_open_account nordwind
	screen_keys e
	screen_keys Tab b Tab s
	[[ "$(screen_line 'Owner')" == *"Bo Nakamura"* ]]
	screen_keys C-s
	[[ "$(screen_flat)" == *"Not saved: the account must stay yours or your team's: keep yourself as owner, or your team."* ]]
	[[ "$(screen_text)" == *"Edit account - Nordwind GmbH"* ]]
	screen_keys Escape
	screen_keys y
	[ "$(screen_sql "SELECT u.role_name || ' ' || a.team FROM kam.account a JOIN kam.app_user u ON u.id = a.owner_id WHERE a.erp_id = 'C1'")" = "anna north" ]
}

@test "the service level: checked next to its fields, saved, seen at once here and by kam --sla" {
	screen_open_account nordwind 4
	[[ "$(screen_text)" == *"L log  e edit"* ]]
	# the last hint gives way to the list's status at 80 columns
	screen_resize 120 40
	[[ "$(screen_text)" == *"e edit  a add"* ]]
	screen_resize "$SCREEN_COLS" "$SCREEN_ROWS"
	screen_keys e
	run screen_text
	[[ "$output" == *"Edit service level - Nordwind GmbH"* ]]
	[[ "$(screen_line 'First response *')" == *"1h"* ]]
	[[ "$(screen_line 'Resolution *')" == *"1d 4h"* ]]
	[[ "$(screen_line 'Support days *')" == *"Mon, Tue, Wed, Thu, Fri, Sat, Sun"* ]]
	[[ "$(screen_line 'Escalate to')" == *"Jana Novak"* ]]
	screen_keys Tab Tab C-u
	screen_type "30m"
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Resolution is shorter than the first response"* ]]
	screen_keys C-u
	screen_type "2d"
	screen_keys Tab C-u
	screen_type "Mon-Fri"
	screen_keys Tab
	screen_type "08:00"
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Support until goes with Support from: give both or neither"* ]]
	screen_type "18:00"
	screen_keys Tab C-u
	screen_type "Mars/Olympus"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Time zone is not a time zone the database knows (like Europe/Berlin or UTC)"* ]]
	screen_keys C-u
	screen_type "America/New_York"
	screen_keys Tab C-u
	screen_type "phone, portal"
	screen_keys C-s
	[[ "$(screen_text)" == *"Service level saved."* ]]
	[[ "$(screen_line 'Resolution ')" == *"2 day"* ]]
	[[ "$(screen_line 'Support hours')" == *"Mon-Fri 08:00-18:00 America/New_York"* ]]
	[[ "$(screen_line 'Channels')" == *"phone, portal"* ]]
	screen_keys 1
	[[ "$(screen_line 'Support now')" == *"(Mon-Fri 08:00-18:00 America/New_York)"* ]]
	run "$KAM" --sla C1
	[ "$status" -eq 0 ]
	[[ "$output" == *"Mon-Fri 08:00-18:00 America/New_York"* ]]
	[ "$(screen_sql "SELECT support_days::text || ' ' || channels::text || ' ' || resolution FROM kam.service_level s JOIN kam.account a ON a.id = s.account_id WHERE a.erp_id = 'C1'")" = "{1,2,3,4,5} {phone,portal} 2 days" ]
}

@test "an account without a service level: e makes one" {
	screen_open_account müller 4
	screen_keys e
	[[ "$(screen_text)" == *"New service level - Müller GmbH"* ]]
	[[ "$(screen_line 'Support days *')" == *"Mon-Fri"* ]]
	# Germany has two zones in tzdata (Busingen): asked, not guessed
	screen_wait "^ DE has 2 time zones in "
	screen_type "Gold"
	screen_keys Tab
	screen_type "4h"
	screen_keys Tab
	screen_type "2d"
	screen_keys Tab Tab Tab Tab
	screen_type "Europe/Berlin"
	screen_keys C-s
	[[ "$(screen_text)" == *"Service level saved."* ]]
	[[ "$(screen_line 'Service level')" == *"Gold"* ]]
	[[ "$(screen_line 'First response')" == *"4 h"* ]]
}

@test "a service level over another in force asks first, as conditions do" {
	screen_sql "INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from) SELECT id, 'Silver', '8 hours', '5 days', DATE '2025-01-01' FROM kam.account WHERE name = 'Müller GmbH'"
	screen_open_account müller 4
	# the one that started last applies: the Gold of the test before
	[[ "$(screen_line 'Service level')" == *"Gold"* ]]
	[[ "$(screen_text)" == *"also in force: Silver (2025-01-01 to open end)"* ]]
	screen_keys e C-u
	screen_type "Gold Plus"
	screen_keys C-s
	screen_wait "Save anyway?"
	[[ "$(screen_text)" == *"Overlaps another service level: Silver (2025-01-01 to open end)"* ]]
	screen_keys y
	screen_wait "Service level saved."
	screen_sql "DELETE FROM kam.service_level WHERE name = 'Silver'"
}

# Each edit key of the four tabs, and the message instead of a form.
refused_everywhere() {
	screen_keys e
	[[ "$(screen_text)" == *"Your role may not change this account's fields."* ]]
	screen_keys 3 a
	[[ "$(screen_text)" == *"Your role may not change this account's conditions."* ]]
	screen_keys D
	[[ "$(screen_text)" == *"Your role may not change this account's conditions."* ]]
	screen_keys 4 e
	[[ "$(screen_text)" == *"Your role may not change this account's service level."* ]]
	screen_keys 5 P
	[[ "$(screen_text)" == *"Your role may not change this account's plan."* ]]
	screen_keys x
	[[ "$(screen_text)" == *"Your role may not change this account's plan."* ]]
}

@test "support is offered none of these edits" {
	PGUSER=sam screen_open_account nordwind
	[[ "$(screen_text)" == *"L log a ticket"* ]]
	[[ "$(screen_text)" != *"e edit"* ]]
	refused_everywhere
	[[ "$(screen_text)" == *"Your role may not read account plans."* ]]
	screen_keys 3
	[[ "$(screen_text)" != *"a add"* ]]
}

@test "a manager of another team is offered none of them either" {
	PGUSER=bo screen_open_account nordwind
	[[ "$(screen_text)" != *"e edit"* ]]
	refused_everywhere
}

@test "editing the notes keeps the tabs, line ends and controls stored in them" {
	screen_sql "UPDATE kam.account SET notes = E'a\tb\r\nc\x1b[1m\u202Ed' WHERE erp_id = 'C1'"
	screen_open_account nordwind
	screen_keys e Tab Tab Tab Tab Tab Tab Tab
	# shown as the sanitiser shows them
	[[ "$(screen_text)" == *"a^Ib^M"* ]]
	[[ "$(screen_text)" == *"c^[[1m<U+202E>d"* ]]
	screen_type "!"
	screen_keys C-s
	[[ "$(screen_text)" == *"Account saved."* ]]
	[ "$(screen_sql "SELECT notes <> E'a\tb\r\nc\x1b[1m\u202Ed' AND replace(notes, '!', '') = E'a\tb\r\nc\x1b[1m\u202Ed' FROM kam.account WHERE erp_id = 'C1'")" = t ]
}
