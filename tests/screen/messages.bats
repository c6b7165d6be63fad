#!/usr/bin/env bats
# Messages on the bottom line last until the next key (issue 12 item 10),
# errors too, and name keys in words, not actions (item 13); :account NAME opens the account without turning NAME into
# the list's search.

bats_require_minimum_version 1.5.0

load hooks

@test "an error message goes with the next key, on the list and in a form" {
	screen_start
	screen_keys : ; screen_type "filter foo"; screen_keys Enter
	[[ "$(screen_text)" == *"'foo': expected key=value or mine"* ]]
	screen_keys j
	[[ "$(screen_text)" != *"expected key=value"* ]]
	# a key that does nothing on the list, then a form: no old message
	screen_keys L
	[[ "$(screen_text)" == *"L does nothing on this screen; ? shows what each key does."* ]]
	screen_keys Enter
	screen_wait "Master data"
	[[ "$(screen_text)" != *"does nothing"* ]]
	screen_keys L
	screen_wait "Log an interaction"
	[[ "$(screen_text)" != *"does nothing"* ]]
}

@test ":account NAME opens the account and leaves the list's search alone" {
	screen_start
	screen_keys : ; screen_type "account muller gmbh"; screen_keys Enter
	screen_wait "kam - Müller GmbH"
	screen_keys Escape
	screen_wait "Nordwind"
	[[ "$(screen_text)" != *"| /muller gmbh"* ]]
	screen_keys n
	[[ "$(screen_text)" == *"No search yet: press / first."* ]]
	[[ "$(screen_text)" != *"Not found"* ]]
}
