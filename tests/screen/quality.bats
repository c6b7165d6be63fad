#!/usr/bin/env bats
# The account Overview's data-quality section (migration 0024): the score
# and each finding with its rule, for managers; not there for support.

bats_require_minimum_version 1.5.0

load hooks

@test "the Overview ends with the score and the findings, worst first" {
	# Müller GmbH (C4): no service level, no decision maker
	screen_open_account "Müller GmbH"
	screen_keys G
	screen_wait "Data quality"
	run screen_text
	[[ "$output" == *"Score             70 of 100"* ]]
	[[ "$output" == *"high              none (sla_missing)"* ]]
	[[ "$output" == *"medium            no active decision maker (decision_maker_missing)"* ]]
}

@test "an account with nothing to fix says so" {
	screen_sql "UPDATE kam.account SET vat_id = 'DE 123 456 789' WHERE erp_id = 'C1'"
	screen_open_account nordwind
	screen_keys G
	screen_wait "Data quality"
	run screen_text
	[[ "$output" == *"Score             100 of 100, nothing to fix"* ]]
	screen_sql "UPDATE kam.account SET vat_id = NULL WHERE erp_id = 'C1'"
}

@test "support, who may not read the rules, sees no quality section" {
	PGUSER=sam screen_open_account nordwind
	screen_keys G
	run screen_text
	[[ "$output" == *"Open complaints"* ]]
	[[ "$output" != *"Data quality"* ]]
}
