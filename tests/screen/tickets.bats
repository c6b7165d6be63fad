#!/usr/bin/env bats
# The account Overview's ticket breaches (migration 0033): a line per
# month with a breached milestone, for managers and support alike.
# Nordwind's (C1) ticket entries of tests/screen/data.sql are tickets
# never answered, under a 1-hour first response: each breached.

bats_require_minimum_version 1.5.0

load hooks

@test "the Overview ends with the breaches per month, newest first" {
	screen_open_account nordwind
	screen_keys G
	screen_wait "Ticket breaches"
	run screen_text
	month=$(screen_sql "SELECT to_char(max(b.month), 'YYYY-MM') FROM kam.ticket_breach b
	    JOIN kam.account a ON a.id = b.account_id WHERE a.erp_id = 'C1'")
	[[ "$output" =~ "$month"\ +[0-9]+\ first\ response,\ [0-9]+\ resolution ]]
}

@test "an account without breached tickets has no such section" {
	screen_open_account "Müller GmbH"
	screen_keys G
	screen_wait "Data quality"
	run screen_text
	[[ "$output" != *"Ticket breaches"* ]]
}

@test "support starts on the queue, Esc goes to the list; a manager starts on the list" {
	PGUSER=sam screen_start
	screen_wait "Support queue"
	screen_wait "Nordwind"
	screen_keys Escape
	run screen_text
	[[ "$output" != *"Support queue"* ]]
	[[ "$output" == *"Accounts: row 1 of"* ]]
	screen_stop
	screen_start
	run screen_text
	[[ "$output" != *"Support queue"* ]]
	[[ "$output" == *"Accounts: row 1 of"* ]]
}

@test ":queue: the open tickets, breached marked; Enter opens the account on History" {
	PGUSER=sam screen_start
	screen_keys :
	screen_type queue
	screen_keys Enter
	screen_wait "Support queue"
	screen_wait "breached"
	run screen_text
	# Nordwind's tickets, due longest ago, lead (the name may be cut at
	# 80 columns: free text gives way to the identifiers)
	[[ "$output" == *"Nordwind"* ]]
	[[ "$output" == *"first response"* ]]
	screen_keys Enter
	screen_wait "Talk number"
	run screen_text
	[[ "$output" == *"kam - "* ]]
}
