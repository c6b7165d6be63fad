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

# score_shown NAME SCORE: NAME's line on the list ends with SCORE.
score_shown() {
	[[ "$(screen_line "$1")" =~ [[:space:]]$2[[:space:]]*$ ]]
}

# to_quality_column: the list scrolled right until its last column shows.
to_quality_column() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
		[[ "$(screen_text | sed -n 2p)" == *"Quality"* ]] && return 0
		screen_keys l
	done
	return 1
}

@test "the list's last column is each account's score, at 80x24 and 120x40" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	to_quality_column
	screen_until 10 score_shown "Müller GmbH" 70
	# the same as the Overview's: nordwind lacks a VAT id
	screen_until 10 score_shown "Nordwind GmbH" 90
	screen_resize 120 40
	to_quality_column
	screen_until 10 score_shown "Müller GmbH" 70
	grep -q ' rows account scores' "$SCREEN_TRACE"
}

@test "the list's score follows a fix when the list is read again" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	to_quality_column
	screen_until 10 score_shown "Nordwind GmbH" 90
	# the account itself changes: the list is live for accounts
	screen_sql "UPDATE kam.account SET vat_id = 'DE 123 456 789' WHERE erp_id = 'C1'"
	screen_until 10 score_shown "Nordwind GmbH" 100
	screen_sql "UPDATE kam.account SET vat_id = NULL WHERE erp_id = 'C1'"
}

@test "support, who may not read the rules, sees no scores on the list" {
	PGUSER=sam SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_to_list
	to_quality_column
	! grep -q ' rows account scores' "$SCREEN_TRACE"
	local col line
	col=$(screen_column "Quality" "Quality")
	line=$(screen_line "Nordwind GmbH")
	[ -n "$col" ] && [[ "${line:col}" =~ ^[[:space:]]*$ ]]
}

not_on_screen() {
	! on_screen "$1"
}

# quality_open: kam at 80x24 on :quality.
quality_open() {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
}

@test ":quality lists my accounts' findings, worst first; m turns to my team's and all" {
	quality_open
	screen_wait "sla_missing"
	run screen_text
	[[ "$(screen_line "sla_missing")" == "high"*"key"*"Müller GmbH"*"service_level"*"none"* ]]
	[[ "$(screen_line "decision_maker_missing")" == "medium"*"Müller GmbH"* ]]
	# the first line of findings is of the highest severity
	[[ "$(screen_text | sed -n 3p)" == "high"* ]]
	[[ "$output" == *"mine (m: mine, team, all)"* ]]
	screen_keys m
	screen_wait "Data quality - my team's accounts"
	screen_keys m
	screen_wait "Data quality - all accounts"
	screen_keys m
	screen_wait "Data quality - my accounts"
	screen_resize 120 40
	screen_wait "sla_missing"
}

@test "Enter opens the account on the tab where the finding is fixed, and fixing it clears it at once" {
	quality_open
	screen_wait "sla_missing"
	screen_find "sla_missing"
	screen_keys Enter
	screen_wait "To fix: service_level (sla_missing): none"
	# the SLA tab of Müller GmbH
	[[ "$(screen_text | sed -n 1p)" == *"Müller GmbH"* ]]
	screen_wait "No service level on record."
	screen_keys q
	screen_wait "Data quality - my accounts"
	screen_sql "INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, time_zone)
	    SELECT id, 'Quality probe', '4 hours', '2 days', current_date, 'Europe/Berlin' FROM kam.account WHERE erp_id = 'C4'"
	screen_until 10 not_on_screen "sla_missing"
	screen_sql "DELETE FROM kam.service_level WHERE name = 'Quality probe'"
	screen_wait "sla_missing" 10
}

@test "at 80x24 the finding under the cursor shows in full below the list" {
	quality_open
	screen_wait "sla_missing"
	screen_find "decision_maker_missing"
	# the What column has a few characters at 80 columns; the line below
	# the list has the rule and all of its words
	detail=$(screen_sql "SELECT detail FROM kam.quality_finding f JOIN kam.account a ON a.id = f.account_id
	    WHERE a.name = 'Müller GmbH' AND f.rule = 'decision_maker_missing' LIMIT 1")
	[ -n "$detail" ]
	screen_wait "decision_maker_missing: $detail"
}

@test ":quality for support says why there is nothing" {
	PGUSER=sam SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "may not read the data-quality rules"
}
