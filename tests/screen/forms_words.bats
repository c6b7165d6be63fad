#!/usr/bin/env bats
# Words, not internal names, in a real terminal (tmux): condition and
# action kinds, account states, the Changes tab's fields and values
# (never a JSON array), an empty list's count and the history filter.

bats_require_minimum_version 1.5.0

load hooks

@test "kinds and states in words: price list, cross-sell, at risk" {
	screen_sql "INSERT INTO kam.special_condition (account_id, kind, title, valid_from)
	    SELECT id, 'price_list', 'List 2026', DATE '2026-01-01' FROM kam.account WHERE erp_id = 'C1'"
	screen_open_account nordwind 3
	[[ "$(screen_line 'List 2026')" == *"price list"* ]]
	[[ "$(screen_text)" != *price_list* ]]
	screen_keys 5
	[[ "$(screen_line 'Cross-sell service contract')" == *"cross-sell"* ]]
	[[ "$(screen_text)" != *cross_sell* ]]
	screen_stop
	screen_open_account müller
	[[ "$(screen_line 'Status')" == *"at risk"* ]]
	screen_stop
	screen_start
	screen_keys /
	screen_type "müller"
	screen_keys Enter
	[[ "$(screen_line 'Müller GmbH')" == *"at risk"* ]]
	[[ "$(screen_text)" != *at_risk* ]]
}

@test "the Changes tab names fields in words and shows values, not JSON arrays" {
	screen_sql "UPDATE kam.service_level SET support_days = '{1,2,3,4,5}', channels = '{phone,email,portal}'
	    FROM kam.account a WHERE a.id = account_id AND a.erp_id = 'C1'"
	screen_sql "UPDATE kam.account_plan SET annual_talk_on = DATE '2026-04-01'
	    FROM kam.account a WHERE a.id = account_id AND a.erp_id = 'C1'"
	screen_sql "UPDATE kam.account SET erp_updated_at = '2026-03-01 10:00+00' WHERE erp_id = 'C1'"
	# wide enough for the whole change on its line
	SCREEN_COLS=200 screen_open_account nordwind 9
	screen_wait "Changes: row 1 of"
	run screen_text
	[[ "$output" == *"changed in the ERP: "* ]]
	[[ "$output" == *"annual talk: "*" → 2026-04-01"* ]]
	[[ "$output" == *"channels: phone, email → phone, email, portal; support days: Mon, Tue, Wed, Thu, Fri, Sat, Sun → Mon, Tue, Wed, Thu, Fri"* ]]
	[[ "$output" != *erp_updated_at* && "$output" != *annual_talk_on* && "$output" != *"[1,"* ]]
	screen_keys j j Enter
	run screen_text
	[[ "$output" == *"support days"* ]]
	[[ "$output" == *"  new: Mon, Tue, Wed, Thu, Fri"* ]]
	[[ "$output" == *"  new: phone, email, portal"* ]]
	[[ "$output" != *'["phone"'* ]]
}

@test "an empty list says none, not none of 0; the history filter in words" {
	screen_start
	screen_keys /
	screen_type "zzzqqq"
	screen_keys Enter
	screen_wait "Accounts: none"
	[[ "$(screen_text)" != *"none of 0"* ]]
	screen_stop
	screen_open_account nordwind 6
	screen_keys : ; screen_type "filter feedback=any"; screen_keys Enter
	screen_wait "filter: any feedback"
	[[ "$(screen_text)" != *"feedback=any"* ]]
}
