#!/usr/bin/env bats
# F on the account list adds to the filter in force (issue 12 item 17):
# "mine" stays when a tier is added.

bats_require_minimum_version 1.5.0

load hooks

@test "F starts from the filter in force: mine stays when a tier is added" {
	screen_start
	screen_keys m
	[[ "$(screen_text)" == *"filter: mine"* ]]
	screen_keys F
	[[ "$(screen_text)" == *":filter mine"* ]]
	screen_type "tier=key"
	screen_keys Enter
	[[ "$(screen_text)" == *"filter: tier key, mine"* ]]
	[[ "$(screen_text)" == *"Müller GmbH"* ]]
	[[ "$(screen_text)" != *"Åhléns AB"* ]]
}
